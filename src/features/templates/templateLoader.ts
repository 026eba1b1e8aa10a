import * as vscode from 'vscode';
import { DEFAULT_TEMPLATE } from '../../core/incident/incidentDocument';
import { formatElapsed, minutesBetween } from '../../core/incident/incident';
import { DEFAULT_POSTMORTEM } from '../../core/incident/postmortem';
import { Disposable } from '../../core/lifecycle';
import { checkTemplateText, MAX_TEMPLATE_BYTES } from '../../core/templates/checkTemplate';
import { anonymousRawUrl, isOnConfiguredGitHub, type TemplateKind, type TemplateOrigin, type TemplateSource, templateCandidates, templateLocation, templateName } from '../../core/templates/templateSource';
import { formatTime } from '../../core/time/formatTime';
import { type GitHubClient, GitHubError, githubBaseUrl } from '../changes/githubClient';
import type { Log } from '../log';
import { folderSettings } from '../settings';
import { fetchAnonymously, FetchFailure } from './anonymousFetch';
import { gitBlobSha } from './gitBlobSha';
import { localCloneFile } from './localRepository';
import { templateFile } from './localTemplate';
import { warnPrivateTemplate, type WarningNotifier } from './privateTemplateWarning';
import { type CachedTemplate, TemplateCache } from './templateCache';

/** The most starting an incident ever waits on the network for its template, in all. */
export const FETCH_TIMEOUT_MS = 4000;

export interface LoadedTemplate {
  readonly source: TemplateSource;
  readonly origin: TemplateOrigin;
  readonly text: string;
  /** The blob SHA when known. */
  readonly sha?: string;
  /** For the record's first timeline entry: why an earlier source was skipped, a cached copy's age. */
  readonly notes: readonly string[];
}

export interface LoadOptions {
  readonly runbookUri?: vscode.Uri;
  readonly folder: vscode.WorkspaceFolder;
  readonly argument?: string;
  readonly runbookLink?: string;
}

type Candidate = ReturnType<typeof templateCandidates>[number];
type GitHubSource = Extract<TemplateSource, { kind: 'github' }>;
/** What a source gave: its text, and where it came from when not straight from the source (a cached copy). */
interface Read { readonly text: string; readonly sha?: string; readonly fallback?: string }

/** A source that cannot be used: the reason, and whether signing in may help. */
class Unusable extends Error {
  constructor(message: string, readonly signIn = false) {
    super(message);
  }
}

/**
 * The template an incident record (or post-mortem) starts from: the argument, the setting, the runbook's
 * link, then the built-in one, each tried in turn. Fetched templates are cached in global storage with
 * their ETag and revalidated on each use; offline, the cached copy stands in, with its age said.
 */
export class TemplateLoader extends Disposable {
  private readonly cache: TemplateCache;
  private notifier: WarningNotifier | undefined;

  constructor(
    private readonly client: GitHubClient,
    storage: vscode.Uri,
    private readonly log: Log,
  ) {
    super();
    this.cache = new TemplateCache(storage);
  }

  /** For tests: receive the Sign In warning instead of VS Code (undefined restores it). */
  setWarningNotifier(notifier: WarningNotifier | undefined): void {
    this.notifier = notifier;
  }

  /** Never throws for a template's problem (it becomes a note and the next source is tried); never waits on the network more than FETCH_TIMEOUT_MS in all. */
  async load(kind: TemplateKind, options: LoadOptions): Promise<LoadedTemplate> {
    const settings = folderSettings(options.folder);
    const setting = kind === 'traceability' ? settings.traceabilityTemplate : settings.postmortemTemplate;
    const candidates = templateCandidates({ argument: options.argument, setting, runbookLink: options.runbookLink });
    const deadline = AbortSignal.timeout(FETCH_TIMEOUT_MS);
    const skipped: string[] = [];
    for (const candidate of candidates) {
      const { source, origin } = candidate;
      if (source.kind === 'builtin') {
        return { source, origin, text: kind === 'traceability' ? DEFAULT_TEMPLATE : DEFAULT_POSTMORTEM, notes: skipped.map((s) => `${s}; started from the built-in template.`) };
      }
      const label = `Template ${templateName(source)} (${originLabel(origin, kind)})`;
      try {
        const read = await this.read(candidate, options, deadline, false);
        const started = `started from ${read.fallback ? `the cached copy of ${templateName(source)}` : templateName(source)}`;
        const notes = [...skipped.map((s) => `${s}; ${started}.`), ...(read.fallback ? [`${label}: ${read.fallback}.`] : [])];
        return { source, origin, text: read.text, ...(read.sha ? { sha: read.sha } : {}), notes };
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        this.log.warn(`${label}: ${reason}`);
        skipped.push(/^Template /.test(reason) ? reason.replace(/\.$/, '') : `${label}: ${reason.replace(/\.$/, '')}`);
        if (error instanceof Unusable && error.signIn && source.kind === 'github') {
          void warnPrivateTemplate(`${label} is in a private repository (or does not exist): sign in to GitHub, or ask for access, to use it. This incident starts from the next template.`, (interactive) => this.refresh(source, interactive), this.notifier);
        }
      }
    }
    throw new Error('unreachable: the built-in template is always a candidate');
  }

  private async read(candidate: Candidate, options: LoadOptions, deadline: AbortSignal, interactive: boolean): Promise<Read> {
    const { source, origin } = candidate;
    const name = templateName(source);
    if (source.kind === 'path') return checked(await readFile(templateFile(source.path, origin, options.folder, options.runbookUri)), name);
    if (source.kind === 'github' && isOnConfiguredGitHub(source, githubBaseUrl())) {
      const local = await localCloneFile(source);
      if (local) {
        this.log.info(`Template ${name}: read from the local clone ${local.fsPath || local.toString()}`);
        return checked(await readFile(local), name);
      }
      return this.fetched(source, deadline, (etag, signal) => this.fromGitHub(source, etag, signal, interactive));
    }
    const raw = anonymousRawUrl(source);
    if (!raw) throw new Unusable(`${templateLocation(source)} is not an address that can be fetched`);
    return this.fetched(source, deadline, async (etag, signal) => {
      const started = Date.now();
      const result = await fetchAnonymously(raw, { signal, maxBytes: MAX_TEMPLATE_BYTES, ...(etag ? { etag } : {}) });
      this.log.info(`Template GET ${raw} (anonymous) → ${result.status} in ${Date.now() - started} ms`);
      if (result.status === 200 && result.html) throw new Unusable(`Template ${name} is an HTML page, not the raw Markdown: link the file's raw content`);
      return result;
    });
  }

  private async fromGitHub(source: GitHubSource, etag: string | undefined, signal: AbortSignal, interactive: boolean) {
    return this.client.getContent({ owner: source.owner, repo: source.repo, path: source.path, ref: source.ref, signal, interactive, maxBytes: MAX_TEMPLATE_BYTES, ...(etag ? { etag } : {}) });
  }

  /** A fetched source through its cache: revalidated with the ETag; the cached copy when the network fails or the deadline passes. */
  private async fetched(
    source: TemplateSource,
    deadline: AbortSignal,
    fetchText: (etag: string | undefined, signal: AbortSignal) => Promise<{ status: 200; text: string; etag?: string } | { status: 304 }>,
  ): Promise<Read> {
    const url = templateLocation(source);
    const name = templateName(source);
    const cached = await this.cache.get(url);
    try {
      const result = await untilAborted(fetchText(cached?.etag, deadline), deadline);
      if (result.status === 304 && cached) {
        await this.cache.put({ ...cached, fetchedAt: new Date().toISOString() });
        return { text: cached.text, ...(cached.sha ? { sha: cached.sha } : {}) };
      }
      if (result.status === 304) throw new Unusable('answered 304 (unchanged) but no copy is cached');
      const fresh = checked(result.text, name);
      await this.cache.put({ url, text: fresh.text, fetchedAt: new Date().toISOString(), ...(fresh.sha ? { sha: fresh.sha } : {}), ...(result.etag ? { etag: result.etag } : {}) });
      return fresh;
    } catch (error) {
      const reason = deadline.aborted ? `did not answer within ${FETCH_TIMEOUT_MS / 1000} s` : error instanceof Error ? error.message.replace(/\.$/, '') : String(error);
      if (transient(error, deadline) && cached) return { text: cached.text, ...(cached.sha ? { sha: cached.sha } : {}), fallback: `${reason} (offline: the copy fetched ${age(cached)})` };
      if (error instanceof GitHubError && error.kind === 'auth') throw new Unusable(reason, true);
      throw error instanceof Unusable ? error : new Unusable(reason);
    }
  }

  /** After signing in (or setting a token): fetch the template again, so the next incident uses it. */
  private async refresh(source: GitHubSource, interactive: boolean): Promise<void> {
    const name = templateName(source);
    try {
      await this.fetched(source, AbortSignal.timeout(30_000), (etag, signal) => this.fromGitHub(source, etag, signal, interactive));
      void vscode.window.showInformationMessage(`Template ${name} fetched: the next incident starts from it.`);
    } catch (error) {
      void vscode.window.showWarningMessage(`Template ${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

function originLabel(origin: TemplateOrigin, kind: TemplateKind): string {
  if (origin === 'setting') return `setting runbook.${kind === 'traceability' ? 'traceabilityTemplate' : 'postmortemTemplate'}`;
  return origin === 'argument' ? 'the template given' : origin === 'runbook' ? "the runbook's link" : 'built-in';
}

async function readFile(uri: vscode.Uri): Promise<Uint8Array> {
  try {
    return await vscode.workspace.fs.readFile(uri);
  } catch {
    throw new Unusable(`cannot read ${vscode.workspace.asRelativePath(uri)}`);
  }
}

/** The text when it can be a template, with its blob SHA; else the reason, naming the template. */
function checked(content: Uint8Array | string, name: string): Read {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  const text = typeof content === 'string' ? content : new TextDecoder().decode(content);
  const problem = checkTemplateText(text, name);
  if (problem) throw new Unusable(problem);
  return { text, sha: gitBlobSha(bytes) };
}

/** Whether a cached copy may stand in: the network, the server, a rate limit or the deadline failed, not the template. */
function transient(error: unknown, deadline: AbortSignal): boolean {
  if (deadline.aborted) return true;
  if (error instanceof GitHubError) return error.kind === 'network' || error.kind === 'server' || error.kind === 'rate';
  return error instanceof FetchFailure && error.transient;
}

function age(cached: CachedTemplate): string {
  const at = new Date(cached.fetchedAt);
  return `${formatElapsed(minutesBetween(cached.fetchedAt, new Date()))} ago, at ${formatTime(at)}`;
}

/** The promise, or a rejection as soon as the signal aborts: whatever the request is still waiting for (a retry's back-off), the caller is not kept. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
