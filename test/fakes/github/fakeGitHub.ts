// A local stand-in for GitHub's API (search, contents, issues and labels, GraphQL): a real HTTP server
// on 127.0.0.1 with an ephemeral port, used by the tests, the benchmark and the demo.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LocalServer, readBody, sleep } from '../localServer';
import { type FakeFile, handleContents, handleRaw } from './fakeContents';
import { handleGraphQL } from './fakeGraphQL';
import { type FakeIssue, FakeIssues, type FakeRepository, isIssueSearch } from './fakeIssues';
import { linkHeader, pageParams } from './pagination';

export type { FakeFile } from './fakeContents';
export type { FakeIssue, FakeRepository } from './fakeIssues';

export interface FakePullRequest {
  readonly repo: string;
  readonly number: number;
  readonly title: string;
  readonly author: string;
  /** ISO 8601. */
  readonly mergedAt: string;
  readonly labels?: readonly string[];
  readonly base?: string;
}

export type Fault =
  | { readonly kind: 'status'; readonly status: 401 | 403 | 422 | 429 | 500 | 502; readonly message?: string; readonly resetInSeconds?: number }
  | { readonly kind: 'drop' }
  | { readonly kind: 'delay'; readonly ms: number };

export interface RecordedRequest {
  readonly url: string;
  /** The path as it arrived, still percent-encoded. */
  readonly path: string;
  readonly query: string;
  readonly authorization?: string;
  readonly ifNoneMatch?: string;
  readonly accept?: string;
  /** The raw text of the body of a request other than GET or HEAD (POST, PATCH…), once read. */
  body?: string;
  /** Set once answered. */
  status?: number;
}

const MAX_QUERY = 256;
const MAX_OPERATORS = 5;
const CAP = 1000;

export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  private pullRequests: FakePullRequest[] = [];
  private files: FakeFile[] = [];
  /** Requests of the `core` resource counted against its rate limit (a 304 is not). */
  private coreUsed = 0;
  /** GraphQL answers counted against the `graphql` resource. */
  private graphqlUsed = 0;
  private readonly issueStore = new FakeIssues();
  private faults: Fault[] = [];
  latencyMs = 0;
  private readonly server = new LocalServer((req, res) => this.handle(req, res));

  get baseUrl(): string {
    return this.server.baseUrl;
  }

  setPullRequests(prs: readonly FakePullRequest[]): void {
    this.pullRequests = [...prs];
  }

  /**
   * Files served by `GET /repos/{o}/{r}/contents/{path}?ref=` and by this host's web addresses
   * `/OWNER/REPO/raw/REF/PATH` (as a second, "other host" server).
   */
  setFiles(files: readonly FakeFile[]): void {
    this.files = [...files];
  }

  /**
   * The repositories the issue, label and GraphQL routes know; any other answers 404 (GraphQL: null and
   * a NOT_FOUND error), and so does a private one to a request without an Authorization header.
   */
  setRepositories(repos: readonly FakeRepository[]): void {
    this.issueStore.setRepositories(repos);
  }

  /** The issues of those repositories (replacing any, also those created through the API). */
  setIssues(issues: readonly FakeIssue[]): void {
    this.issueStore.setIssues(issues);
  }

  /** Every issue, those given to `setIssues` and those created or changed through the API since. */
  issues(): readonly FakeIssue[] {
    return this.issueStore.all();
  }

  /** Closes an issue as someone on GitHub would (throws when there is no such issue). */
  closeIssue(repo: string, number: number, closedAt?: string): void {
    this.issueStore.close(repo, number, closedAt);
  }

  /** The next requests fail in this order, one fault each. */
  injectFaults(...faults: Fault[]): void {
    this.faults.push(...faults);
  }

  async start(port = 0): Promise<this> {
    await this.server.start(port);
    return this;
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const query = url.searchParams.get('q') ?? '';
    const path = (req.url ?? '/').replace(/\?.*$/s, '');
    const header = (name: string) => (typeof req.headers[name] === 'string' ? { [name === 'if-none-match' ? 'ifNoneMatch' : name]: req.headers[name] } : {});
    const recorded: RecordedRequest = { url: url.toString(), path, query, ...header('authorization'), ...header('if-none-match'), ...header('accept') };
    this.requests.push(recorded);
    res.on('finish', () => (recorded.status = res.statusCode));
    if (req.method !== 'GET' && req.method !== 'HEAD') recorded.body = (await readBody(req)).toString('utf8');
    if (this.latencyMs) await sleep(this.latencyMs);
    const fault = this.faults.shift();
    if (fault?.kind === 'delay') await sleep(fault.ms);
    if (fault?.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    const reset = Math.floor(Date.now() / 1000) + (fault?.kind === 'status' ? (fault.resetInSeconds ?? 60) : 60);
    const graphql = url.pathname === '/graphql';
    const core = !url.pathname.startsWith('/search/') && !graphql;
    const limit = core || graphql ? (req.headers.authorization ? 5000 : 60) : 30;
    const used = core ? this.coreUsed + 1 : graphql ? this.graphqlUsed + 1 : 1;
    const exhausted = fault?.kind === 'status' && (fault.status === 403 || fault.status === 429);
    const rateHeaders = { 'x-ratelimit-limit': String(limit), 'x-ratelimit-remaining': exhausted ? '0' : String(Math.max(0, limit - used)), 'x-ratelimit-reset': String(reset), 'x-ratelimit-resource': core ? 'core' : graphql ? 'graphql' : 'search', 'x-ratelimit-used': String(used) };
    if (core) res.on('finish', () => res.statusCode !== 304 && this.coreUsed++);
    if (graphql) res.on('finish', () => this.graphqlUsed++);
    if (fault?.kind === 'status') {
      const message = fault.message ?? { 401: 'Bad credentials', 403: 'API rate limit exceeded', 422: 'Validation Failed', 429: 'Too many requests', 500: 'Server Error', 502: 'Bad Gateway' }[fault.status];
      return json(res, fault.status, { message }, fault.status === 429 || fault.status === 403 ? { ...rateHeaders, 'retry-after': '1' } : rateHeaders);
    }
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => json(res, status, body, { ...rateHeaders, ...headers });
    for (const [name, value] of Object.entries(rateHeaders)) res.setHeader(name, value);
    if (handleContents(req, res, url, this.files, send, this.baseUrl) || this.issueStore.handle(req, url, recorded.body, send) || handleGraphQL(req, url, recorded.body, this.issueStore, send) || handleRaw(req, res, url, this.files)) return;
    if (url.pathname !== '/search/issues') return json(res, 404, { message: 'Not Found' }, rateHeaders);
    if (query.length > MAX_QUERY) return json(res, 422, { message: 'Validation Failed', errors: [{ message: `The search is longer than ${MAX_QUERY} characters.` }] }, rateHeaders);
    const operators = (query.match(/(?:^|[\s(])(AND|OR|NOT)(?=[\s(])/g) ?? []).length;
    if (operators > MAX_OPERATORS) return json(res, 422, { message: 'Validation Failed', errors: [{ message: 'More than five AND / OR / NOT operators were used.' }] }, rateHeaders);
    if (isIssueSearch(query)) return this.issueStore.search(url, query, Boolean(req.headers.authorization), send);
    let matches: (pr: FakePullRequest) => boolean;
    try {
      matches = compile(query);
    } catch (error) {
      return json(res, 422, { message: 'Validation Failed', errors: [{ message: String(error) }] }, rateHeaders);
    }
    const all = this.pullRequests.filter(matches).sort((a, b) => b.mergedAt.localeCompare(a.mergedAt) || b.number - a.number);
    const { perPage, page } = pageParams(url);
    if ((page - 1) * perPage >= CAP && all.length > 0) return json(res, 422, { message: 'Only the first 1000 search results are available' }, rateHeaders);
    const visible = all.slice(0, CAP);
    const items = visible.slice((page - 1) * perPage, page * perPage).map((pr) => toIssue(pr, this.baseUrl));
    const last = Math.max(1, Math.ceil(visible.length / perPage));
    return json(res, 200, { total_count: all.length, incomplete_results: false, items }, { ...rateHeaders, ...linkHeader(url, page, last) });
  }
}

/** AND of terms; a parenthesised group is an OR of its terms. */
function compile(query: string): (pr: FakePullRequest) => boolean {
  const terms: string[][] = [];
  for (const match of query.matchAll(/\(([^)]*)\)|(\S+)/g)) {
    if (match[1] !== undefined) terms.push(match[1].split(/\s+OR\s+/).map((t) => t.trim()).filter(Boolean));
    else if (match[2] && match[2] !== 'AND') terms.push([match[2]]);
  }
  const predicates = terms.map((alternatives) => {
    const checks = alternatives.map(term);
    return (pr: FakePullRequest) => checks.some((check) => check(pr));
  });
  return (pr) => predicates.every((p) => p(pr));
}

function term(text: string): (pr: FakePullRequest) => boolean {
  const [key = '', ...rest] = text.split(':');
  const value = rest.join(':').replace(/^"|"$/g, '');
  switch (key.toLowerCase()) {
    case 'is':
    case 'type':
      if (/^(pr|merged)$/i.test(value)) return () => true;
      throw new Error(`unsupported is:${value}`);
    case 'repo':
      return (pr) => pr.repo.toLowerCase() === value.toLowerCase();
    case 'author':
      return (pr) => pr.author.toLowerCase() === value.toLowerCase();
    case 'label':
      return (pr) => (pr.labels ?? []).includes(value);
    case 'base':
      return (pr) => (pr.base ?? 'main') === value;
    case 'merged': {
      const [from = '', to = ''] = value.split('..');
      const start = Date.parse(from);
      const end = Date.parse(to);
      if (Number.isNaN(start) || Number.isNaN(end)) throw new Error(`bad merged range ${value}`);
      return (pr) => Date.parse(pr.mergedAt) >= start && Date.parse(pr.mergedAt) <= end;
    }
    default:
      return (pr) => `${pr.title}`.toLowerCase().includes(text.toLowerCase());
  }
}

function toIssue(pr: FakePullRequest, base: string) {
  const html = `https://github.com/${pr.repo}/pull/${pr.number}`;
  return {
    number: pr.number,
    title: pr.title,
    html_url: html,
    repository_url: `${base}/repos/${pr.repo}`,
    user: { login: pr.author },
    labels: (pr.labels ?? []).map((name) => ({ name })),
    pull_request: { url: `${base}/repos/${pr.repo}/pulls/${pr.number}`, html_url: html, merged_at: pr.mergedAt },
    closed_at: pr.mergedAt,
    state: 'closed',
  };
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

/** `count` merged PRs spread over [from, to], in the given repos and authors. */
export function generatePullRequests(count: number, options: { from: Date; to: Date; repos: readonly string[]; authors: readonly string[] }): FakePullRequest[] {
  const span = options.to.getTime() - options.from.getTime();
  return Array.from({ length: count }, (_, i) => ({
    repo: options.repos[i % options.repos.length] as string,
    number: 1000 + i,
    title: `Change ${i}: tune the ${['carrier gateway', 'label printer', 'tracking cache'][i % 3]}`,
    author: options.authors[i % options.authors.length] as string,
    mergedAt: new Date(options.from.getTime() + Math.floor(((i + 0.5) / count) * span)).toISOString(),
    labels: i % 5 === 0 ? ['hotfix'] : [],
  }));
}
