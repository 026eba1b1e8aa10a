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
  constructor(message: string, readonly kind: 'auth' | 'rate' | 'query' | 'missing' | 'network' | 'server') {
    super(message);
  }
}

type Octokit = OctokitCore & OctokitWithPaginate & { paginate: (route: string, params: Record<string, unknown>) => Promise<unknown[]> };

export interface RestOptions {
  /** What is asked, for messages: "create an issue in o/r". */
  readonly what: string;
  readonly interactive?: boolean;
  readonly signal?: AbortSignal;
  /** Retries of a failed server answer; 0 for a request that must not be sent twice (creating an issue). */
  readonly retries?: number;
  /** The caller's reason for a failure (a rate limit never reaches it), or undefined to use the shared ones. */
  readonly explain?: (failure: { readonly status: number; readonly data: unknown; readonly auth: GitHubAuth }) => GitHubError | undefined;
}

export interface GraphqlError {
  readonly message: string;
  readonly type?: string;
  readonly path?: readonly (string | number)[];
}

export interface ContentRequest {
  readonly owner: string;
  readonly repo: string;
  /** The file's path in the repository, slashes and all. */
  readonly path: string;
  /** A branch, tag or commit; '' for the repository's default branch. */
  readonly ref: string;
  /** The cached copy's ETag: an unchanged file answers 304, which costs nothing against the rate limit. */
  readonly etag?: string;
  readonly signal: AbortSignal;
  /** Ask to sign in when there is no session. */
  readonly interactive?: boolean;
  /** A body longer than this is cut after this many bytes plus one, so a check can say it is too large without reading it all. */
  readonly maxBytes?: number;
}

export type ContentResult = { readonly status: 200; readonly text: string; readonly etag?: string } | { readonly status: 304 };

/** One octokit per base URL and token; rebuilt when sessions or the setting change. */
export class GitHubClient extends Disposable {
  private cached: { key: string; octokit: Octokit } | undefined;
  private readonly _onDidChangeAuth = this._register(new vscode.EventEmitter<void>());
  /** A sign-in, a stored token or the GitHub base URL changed: what was refused before may be answered now. */
  readonly onDidChangeAuth = this._onDidChangeAuth.event;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly log: Log,
  ) {
    super();
    const changed = () => {
      this.cached = undefined;
      this._onDidChangeAuth.fire();
    };
    this._register(vscode.authentication.onDidChangeSessions(changed));
    this._register(vscode.workspace.onDidChangeConfiguration((e) => affects(e, 'github.baseUrl') && changed()));
    this._register(secrets.onDidChange((e) => e.key === TOKEN_KEY && changed()));
  }

  async pages(interactive: boolean, signal: AbortSignal): Promise<{ pages: SearchPages; auth: GitHubAuth }> {
    const auth = await githubAuth(this.secrets, interactive);
    const octokit = this.octokit(auth);
    const pages: SearchPages = octokitPages(octokit, signal, describe);
    return { pages, auth };
  }

  /**
   * A file's raw content through `GET /repos/{owner}/{repo}/contents/{path}?ref=`, from the configured
   * GitHub only, with the user's token. Failures are GitHubErrors with a reason a person can act on.
   */
  async getContent(request: ContentRequest): Promise<ContentResult> {
    const auth = await githubAuth(this.secrets, request.interactive === true);
    const octokit = this.octokit(auth);
    // `{+path}` keeps the slashes (`{path}` would send them as %2F); each segment is encoded here.
    const path = request.path.split('/').map(encodeURIComponent).join('/');
    try {
      const response = await octokit.request('GET /repos/{owner}/{repo}/contents/{+path}', {
        owner: request.owner,
        repo: request.repo,
        path,
        ...(request.ref ? { ref: request.ref } : {}),
        mediaType: { format: 'raw' },
        headers: request.etag ? { 'if-none-match': request.etag } : {},
        request: { signal: request.signal, retries: 0, ...(request.maxBytes ? { fetch: cappedFetch(request.maxBytes) } : {}) },
      });
      const data: unknown = response.data;
      const text = typeof data === 'string' ? data : data instanceof ArrayBuffer ? new TextDecoder().decode(data) : JSON.stringify(data);
      const etag = response.headers.etag;
      return { status: 200, text, ...(etag ? { etag } : {}) };
    } catch (error) {
      if ((error as { status?: number }).status === 304) return { status: 304 };
      throw describeContentError(error, request, auth);
    }
  }

  /**
   * One REST request to the configured GitHub with the user's token (the session, else the stored one).
   * A failure goes first to `explain` (the caller's reasons for its own statuses: a 422's fields, a 403
   * without write access), then to the shared reasons (sign in, rate limit, server, network).
   */
  async rest<T>(route: string, params: Record<string, unknown>, options: RestOptions): Promise<{ readonly data: T; readonly auth: GitHubAuth }> {
    const auth = await githubAuth(this.secrets, options.interactive === true);
    const octokit = this.octokit(auth);
    try {
      const response = await octokit.request(route, { ...params, request: { ...(options.signal ? { signal: options.signal } : {}), ...(options.retries !== undefined ? { retries: options.retries } : {}) } });
      return { data: response.data as T, auth };
    } catch (error) {
      throw explained(error, options, auth);
    }
  }

  /** Every page of a REST list (`per_page` 100), through octokit's paginator. */
  async paginate<T>(route: string, params: Record<string, unknown>, options: RestOptions): Promise<T[]> {
    const auth = await githubAuth(this.secrets, options.interactive === true);
    const octokit = this.octokit(auth);
    try {
      return (await octokit.paginate(route, { per_page: 100, ...params, ...(options.signal ? { request: { signal: options.signal } } : {}) })) as T[];
    } catch (error) {
      throw explained(error, options, auth);
    }
  }

  /**
   * A GraphQL query; GitHub answers it only to a signed-in user. A partial answer (some nodes not
   * found) is data plus errors, not a failure.
   */
  async graphql<T>(query: string, options: RestOptions): Promise<{ readonly data: T | undefined; readonly errors: readonly GraphqlError[]; readonly auth: GitHubAuth }> {
    const auth = await githubAuth(this.secrets, options.interactive === true);
    if (!auth.token) return { data: undefined, errors: [{ message: 'GitHub answers GraphQL queries only when you are signed in.' }], auth };
    const octokit = this.octokit(auth);
    try {
      const data = await octokit.graphql<T>(query, options.signal ? { request: { signal: options.signal } } : {});
      return { data, errors: [], auth };
    } catch (error) {
      const partial = error as { name?: string; data?: T; errors?: GraphqlError[] };
      if (partial.name === 'GraphqlResponseError') return { data: partial.data, errors: partial.errors ?? [], auth };
      throw explained(error, options, auth);
    }
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
      if (status === 304) {
        log.info(`GitHub ${what} → 304 in ${Date.now() - started} ms`);
        throw error;
      }
      log.warn(`GitHub ${what} → ${status ?? 'no response'} in ${Date.now() - started} ms: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    }
  });
}

/** Whether VS Code offers a GitHub (or GitHub Enterprise) sign-in here: code-server has none. */
export async function canSignInToGitHub(): Promise<boolean> {
  try {
    await vscode.authentication.getSession(githubBaseUrl() === DEFAULT_API ? 'github' : 'github-enterprise', SCOPES, { silent: true });
    return true;
  } catch {
    return false;
  }
}

/** `fetch` whose body stops after `maxBytes + 1` bytes: enough to tell that a file is too large. */
function cappedFetch(maxBytes: number): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    if (!response.body || response.status === 304 || response.status === 204) return response;
    return new Response(capStream(response.body, maxBytes + 1), { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

/** The first `limit` bytes of a stream; the rest is not read (the connection is cancelled). */
export function capStream(body: ReadableStream<Uint8Array>, limit: number): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let seen = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) return controller.close();
      const room = limit - seen;
      seen += value.length;
      controller.enqueue(value.length > room ? value.subarray(0, room) : value);
      if (seen >= limit) {
        controller.close();
        await reader.cancel();
      }
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

function describeContentError(error: unknown, request: ContentRequest, auth: GitHubAuth): GitHubError {
  const e = error as { status?: number; message?: string; response?: { headers?: Record<string, string> } };
  const file = `${request.owner}/${request.repo}/${request.path}${request.ref ? ` at ${request.ref}` : ''}`;
  if (e.response && e.status === 403 && e.response.headers?.['x-ratelimit-remaining'] !== '0' && !e.response.headers?.['retry-after']) {
    return new GitHubError(`GitHub refused to read ${file} (403): ${e.message ?? 'Forbidden'}.`, 'auth');
  }
  if (e.response && e.status === 404) {
    return auth.source === 'anonymous'
      ? new GitHubError(`${file} is private or does not exist: sign in to GitHub (or ask for access).`, 'auth')
      : new GitHubError(`${file} does not exist, or your GitHub ${auth.source === 'session' ? 'account' : 'token'} cannot read it: check the link, or ask for access.`, 'missing');
  }
  return describe(error, `contents of ${file}`);
}

function explained(error: unknown, options: RestOptions, auth: GitHubAuth): GitHubError {
  const e = error as { status?: number; response?: { data?: unknown; headers?: Record<string, string> } };
  const headers = e.response?.headers ?? {};
  const rateLimited = e.status === 429 || (e.status === 403 && (headers['x-ratelimit-remaining'] === '0' || headers['retry-after'] !== undefined));
  const own = e.response && e.status !== undefined && !rateLimited ? options.explain?.({ status: e.status, data: e.response.data, auth }) : undefined;
  return own ?? describe(error, options.what);
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
