import type { Octokit as OctokitCore } from '@octokit/core';
import * as vscode from 'vscode';
import type { SearchPages } from '../../core/github/searchMerged';
import { Disposable } from '../../core/lifecycle';
import { formatTime } from '../../core/time/formatTime';
import type { Log } from '../log';
import { affects, userOnlySettings } from '../settings';
import { type OctokitWithPaginate, octokitPages } from './octokitPages';
import type * as VendorOctokit from './vendorOctokit';

const DEFAULT_API = 'https://api.github.com';
const TOKEN_KEY = 'runbook.github.token';
const SCOPES = ['repo'];

/**
 * Where tokens go. Only user or machine settings count: a workspace (a cloned
 * repository) cannot redirect a token to another host. The setting is
 * application-scoped in the manifest; this reads the user's value explicitly too.
 */
export function githubBaseUrl(): string {
  const value = userOnlySettings().githubBaseUrl;
  return value ? value.replace(/\/+$/, '') : DEFAULT_API;
}

export interface GitHubAuth {
  readonly token?: string;
  /** Where the token came from, for messages (never the token itself). */
  readonly source: 'session' | 'secret' | 'anonymous';
}

/** The token: VS Code's GitHub (or GitHub Enterprise) session without prompting, else one stored in SecretStorage. */
export async function githubAuth(secrets: vscode.SecretStorage, interactive: boolean): Promise<GitHubAuth> {
  const provider = githubBaseUrl() === DEFAULT_API ? 'github' : 'github-enterprise';
  try {
    const session = await vscode.authentication.getSession(provider, SCOPES, interactive ? { createIfNone: true } : { silent: true });
    if (session) return { token: session.accessToken, source: 'session' };
  } catch {
    // No such provider here (code-server has none), or the user declined: fall back below.
  }
  const stored = await secrets.get(TOKEN_KEY);
  return stored ? { token: stored, source: 'secret' } : { source: 'anonymous' };
}

export async function storeToken(secrets: vscode.SecretStorage, token: string | undefined): Promise<void> {
  if (token) await secrets.store(TOKEN_KEY, token);
  else await secrets.delete(TOKEN_KEY);
}

/** A clear reason for a failed request, and whether signing in or retrying may help. */
export class GitHubError extends Error {
  constructor(message: string, readonly kind: 'auth' | 'rate' | 'query' | 'network' | 'server') {
    super(message);
  }
}

type Octokit = OctokitCore & OctokitWithPaginate;

/** One octokit per base URL and token; rebuilt when sessions or the setting change. */
export class GitHubClient extends Disposable {
  private cached: { key: string; octokit: Octokit } | undefined;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly log: Log,
  ) {
    super();
    this._register(vscode.authentication.onDidChangeSessions(() => (this.cached = undefined)));
    this._register(vscode.workspace.onDidChangeConfiguration((e) => affects(e, 'github.baseUrl') && (this.cached = undefined)));
    this._register(secrets.onDidChange((e) => e.key === TOKEN_KEY && (this.cached = undefined)));
  }

  async pages(interactive: boolean, signal: AbortSignal): Promise<{ pages: SearchPages; auth: GitHubAuth }> {
    const auth = await githubAuth(this.secrets, interactive);
    const octokit = this.octokit(auth);
    const pages: SearchPages = octokitPages(octokit, signal, describe);
    return { pages, auth };
  }

  private octokit(auth: GitHubAuth): Octokit {
    const baseUrl = githubBaseUrl();
    const key = `${baseUrl}\n${auth.token ?? ''}`;
    if (this.cached?.key === key) return this.cached.octokit;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createOctokit } = require('./vendorOctokit') as typeof VendorOctokit;
    const octokit = createOctokit({ baseUrl, ...(auth.token ? { auth: auth.token } : {}) }) as Octokit;
    logRequests(octokit, this.log);
    this.cached = { key, octokit };
    return octokit;
  }
}

/** Each request's method, path, query, status and time in the log; never its headers (they carry the token). */
function logRequests(octokit: Octokit, log: Log): void {
  octokit.hook.wrap('request', async (request, options) => {
    const started = Date.now();
    const what = `${options.method} ${String(options.url)}${typeof options.q === 'string' ? ` q=${options.q}` : ''}${options.page ? ` page=${String(options.page)}` : ''}`;
    try {
      const response = await request(options);
      log.info(`GitHub ${what} → ${response.status} in ${Date.now() - started} ms`);
      return response;
    } catch (error) {
      const status = (error as { status?: number }).status;
      log.warn(`GitHub ${what} → ${status ?? 'no response'} in ${Date.now() - started} ms: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    }
  });
}

function describe(error: unknown, query: string): GitHubError {
  const e = error as { status?: number; message?: string; name?: string; response?: { headers?: Record<string, string>; data?: { message?: string; errors?: Array<{ message?: string }> } } };
  if (e.name === 'AbortError') return new GitHubError('Cancelled.', 'network');
  // Octokit gives failed connections status 500 but no response: those never reached GitHub.
  const status = e.response ? e.status : undefined;
  const reset = Number(e.response?.headers?.['x-ratelimit-reset']);
  const at = Number.isFinite(reset) && reset > 0 ? formatTime(new Date(reset * 1000)) : 'later';
  if (status === 401) return new GitHubError('GitHub rejected the credentials (401): sign in to GitHub again.', 'auth');
  if (status === 403 || status === 429) return new GitHubError(`GitHub's rate limit is used up (${status}); it resets at ${at}.`, 'rate');
  if (status === 422) {
    const details = [e.response?.data?.message, ...(e.response?.data?.errors ?? []).map((x) => x.message)].filter(Boolean).join(': ');
    return new GitHubError(`GitHub refused the query (422): ${details || 'Validation Failed'}. Query: ${query}`, 'query');
  }
  if (status && status >= 500) return new GitHubError(`GitHub failed (${status}); try again.`, 'server');
  return new GitHubError(`Cannot reach GitHub at ${githubBaseUrl()}: ${e.message ?? String(error)}`, 'network');
}
