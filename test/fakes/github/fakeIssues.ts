// The fake GitHub's issue routes: repositories with labels and collaborators, and their issues through
// `POST /repos/{o}/{r}/issues`, `GET`/`PATCH /repos/{o}/{r}/issues/{n}`, `GET /repos/{o}/{r}/labels` and
// issue search (`GET /search/issues?q=is:issue …`), with GitHub's 401/403/404/422 answers.
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Send } from './fakeContents';
import { paginate } from './pagination';

export interface FakeRepository {
  /** `owner/name`. */
  readonly repo: string;
  /** Answers 404 to a request without an Authorization header, as GitHub does. */
  readonly private?: boolean;
  /** The labels an issue may carry (compared case-insensitively). */
  readonly labels?: readonly string[];
  /** The logins that can be assigned. */
  readonly collaborators?: readonly string[];
  /** Authenticated requests may read, but creating or updating an issue answers 403. */
  readonly readOnly?: boolean;
}

export interface FakeIssue {
  /** `owner/name`: a repository given to `setRepositories`. */
  readonly repo: string;
  readonly number: number;
  readonly title: string;
  readonly body?: string;
  readonly state: 'open' | 'closed';
  readonly labels?: readonly string[];
  readonly assignees?: readonly string[];
  /** ISO 8601. */
  readonly createdAt: string;
  /** ISO 8601; set when closed. */
  readonly closedAt?: string;
  /** The `user.login` of the issue; default 'you' (the token's user). */
  readonly author?: string;
}

/** The login of the authenticated user: the author of the issues created through the API. */
export const AUTHENTICATED_USER = 'you';
const DOCS = 'https://docs.github.com/rest/issues/issues';
const ISSUES = /^\/repos\/([^/]+)\/([^/]+)\/issues\/?$/;
const ISSUE = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/?$/;
const LABELS = /^\/repos\/([^/]+)\/([^/]+)\/labels\/?$/;
/** Search answers only the first 1000 results, as GitHub does. */
const CAP = 1000;

type ValidationError = { resource: string; code: string; field: string; value?: unknown };

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** A stable number from a text: ids that do not change between runs. */
function stableId(text: string): number {
  return Number.parseInt(createHash('sha1').update(text).digest('hex').slice(0, 8), 16);
}

/** The JSON GitHub gives a label. */
export function labelJson(repo: string, name: string, apiBase: string) {
  const id = stableId(`label:${repo.toLowerCase()}:${name.toLowerCase()}`);
  return {
    id,
    node_id: `LA_${Buffer.from(`label:${id}`).toString('base64url')}`,
    url: `${apiBase}/repos/${repo}/labels/${encodeURIComponent(name)}`,
    name,
    color: id.toString(16).padStart(6, '0').slice(-6),
    default: false,
    description: null,
  };
}

/** The JSON GitHub gives an issue (`GET /repos/{o}/{r}/issues/{n}`); search items are the same. */
export function issueJson(issue: FakeIssue, repo: string, apiBase: string, updatedAt?: string) {
  const id = stableId(`issue:${repo.toLowerCase()}#${issue.number}`);
  const assignees = (issue.assignees ?? []).map((login) => ({ login, type: 'User' }));
  return {
    id,
    node_id: `I_${Buffer.from(`issue:${id}`).toString('base64url')}`,
    number: issue.number,
    title: issue.title,
    body: issue.body ?? null,
    state: issue.state,
    state_reason: issue.state === 'closed' ? 'completed' : null,
    locked: false,
    html_url: `https://github.com/${repo}/issues/${issue.number}`,
    url: `${apiBase}/repos/${repo}/issues/${issue.number}`,
    repository_url: `${apiBase}/repos/${repo}`,
    labels: (issue.labels ?? []).map((name) => labelJson(repo, name, apiBase)),
    assignee: assignees[0] ?? null,
    assignees,
    user: { login: issue.author ?? AUTHENTICATED_USER, type: 'User' },
    created_at: issue.createdAt,
    updated_at: updatedAt ?? issue.closedAt ?? issue.createdAt,
    closed_at: issue.state === 'closed' ? (issue.closedAt ?? issue.createdAt) : null,
    comments: 0,
  };
}

/** Whether a search is one of issues (`is:issue` or `type:issue`) rather than of pull requests. */
export function isIssueSearch(query: string): boolean {
  return /(?:^|[\s(])(?:is|type):issue(?=$|[\s)])/i.test(query);
}

/** The repositories and issues of the fake, and its REST routes over them. */
export class FakeIssues {
  private repositories: FakeRepository[] = [];
  private list: FakeIssue[] = [];
  /** `updated_at` of the issues changed through the API, by `repo#number` (lowercase). */
  private readonly updated = new Map<string, string>();

  setRepositories(repos: readonly FakeRepository[]): void {
    this.repositories = [...repos];
  }

  setIssues(issues: readonly FakeIssue[]): void {
    this.list = [...issues];
    this.updated.clear();
  }

  all(): readonly FakeIssue[] {
    return this.list;
  }

  close(repo: string, number: number, closedAt = new Date().toISOString()): void {
    const index = this.indexOf(repo, number);
    const issue = this.list[index];
    if (!issue) throw new Error(`No fake issue ${repo}#${number}`);
    this.list[index] = { ...issue, state: 'closed', closedAt };
    this.updated.set(key(issue.repo, number), closedAt);
  }

  /** The repository as a request sees it: undefined when unknown, or private and the request anonymous. */
  repository(name: string, authorized: boolean): FakeRepository | undefined {
    const repo = this.repositories.find((r) => same(r.repo, name));
    return repo && (!repo.private || authorized) ? repo : undefined;
  }

  issue(repo: string, number: number): FakeIssue | undefined {
    return this.list[this.indexOf(repo, number)];
  }

  /** Whether this is one of the issue or label routes; answers it if so. `body` is the request's raw text. */
  handle(req: IncomingMessage, url: URL, body: string | undefined, send: Send): boolean {
    const authorized = Boolean(req.headers.authorization);
    const method = req.method ?? 'GET';
    const base = url.origin;
    const issues = ISSUES.exec(url.pathname);
    if (issues && method === 'POST') {
      this.write(authorized, repoOf(issues), body, send, (repo, fields) => this.create(repo, fields, base, send));
      return true;
    }
    const one = ISSUE.exec(url.pathname);
    if (one && (method === 'GET' || method === 'PATCH')) {
      const number = Number(one[3]);
      if (method === 'GET') {
        const repo = this.repository(repoOf(one), authorized);
        const issue = repo && this.issue(repo.repo, number);
        if (!repo || !issue) send(404, { message: 'Not Found', documentation_url: `${DOCS}#get-an-issue` });
        else send(200, issueJson(issue, repo.repo, base, this.updated.get(key(repo.repo, number))));
      } else {
        this.write(authorized, repoOf(one), body, send, (repo, fields) => this.update(repo, number, fields, base, send));
      }
      return true;
    }
    const labels = LABELS.exec(url.pathname);
    if (labels && method === 'GET') {
      const repo = this.repository(repoOf(labels), authorized);
      if (!repo) {
        send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/issues/labels#list-labels-for-a-repository' });
      } else {
        const page = paginate(url, repo.labels ?? []);
        send(200, page.items.map((name) => labelJson(repo.repo, name, base)), page.headers);
      }
      return true;
    }
    return false;
  }

  /** `GET /search/issues` for a query with `is:issue`: the issues of the repositories the request can see. */
  search(url: URL, query: string, authorized: boolean, send: Send): void {
    let matches: (issue: FakeIssue) => boolean;
    try {
      matches = compileIssueQuery(query);
    } catch (error) {
      return send(422, { message: 'Validation Failed', errors: [{ message: error instanceof Error ? error.message : String(error), resource: 'Search', field: 'q', code: 'invalid' }] });
    }
    const all = this.list
      .filter((issue) => this.repository(issue.repo, authorized) && matches(issue))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.number - a.number);
    const page = paginate(url, all.slice(0, CAP));
    if ((page.page - 1) * page.perPage >= CAP && all.length > 0) return send(422, { message: 'Only the first 1000 search results are available' });
    const items = page.items.map((issue) => {
      const repo = this.repository(issue.repo, authorized)?.repo ?? issue.repo;
      return { ...issueJson(issue, repo, url.origin, this.updated.get(key(repo, issue.number))), score: 1 };
    });
    send(200, { total_count: all.length, incomplete_results: false, items }, page.headers);
  }

  /** The rules every write shares: authentication, the repository, its permission, a JSON object body. */
  private write(authorized: boolean, name: string, body: string | undefined, send: Send, then: (repo: FakeRepository, fields: Record<string, unknown>) => void): void {
    if (!authorized) return send(401, { message: 'Requires authentication', documentation_url: DOCS });
    const repo = this.repository(name, true);
    if (!repo) return send(404, { message: 'Not Found', documentation_url: DOCS });
    if (repo.readOnly) return send(403, { message: 'Resource not accessible by personal access token', documentation_url: DOCS });
    let fields: unknown;
    try {
      fields = JSON.parse(body || '{}');
    } catch {
      return send(400, { message: 'Problems parsing JSON', documentation_url: DOCS });
    }
    if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) return send(400, { message: 'Problems parsing JSON', documentation_url: DOCS });
    then(repo, fields as Record<string, unknown>);
  }

  private create(repo: FakeRepository, fields: Record<string, unknown>, base: string, send: Send): void {
    const errors: ValidationError[] = [];
    if (typeof fields.title !== 'string' || !fields.title.trim()) errors.push({ resource: 'Issue', code: 'missing_field', field: 'title' });
    const labels = fields.labels === undefined ? [] : names(repo, 'labels', fields.labels, errors);
    const assignees = fields.assignees === undefined ? [] : names(repo, 'assignees', fields.assignees, errors);
    if (fields.body !== undefined && fields.body !== null && typeof fields.body !== 'string') errors.push({ resource: 'Issue', code: 'invalid', field: 'body' });
    if (errors.length) return send(422, { message: 'Validation Failed', errors, documentation_url: `${DOCS}#create-an-issue` });
    const number = 1 + Math.max(0, ...this.list.filter((i) => same(i.repo, repo.repo)).map((i) => i.number));
    const issue: FakeIssue = {
      repo: repo.repo,
      number,
      title: String(fields.title),
      ...(typeof fields.body === 'string' ? { body: fields.body } : {}),
      state: 'open',
      labels,
      assignees,
      createdAt: new Date().toISOString(),
      author: AUTHENTICATED_USER,
    };
    this.list.push(issue);
    const answer = issueJson(issue, repo.repo, base);
    send(201, answer, { location: answer.url });
  }

  private update(repo: FakeRepository, number: number, fields: Record<string, unknown>, base: string, send: Send): void {
    const index = this.indexOf(repo.repo, number);
    const issue = this.list[index];
    if (!issue) return send(404, { message: 'Not Found', documentation_url: `${DOCS}#update-an-issue` });
    const errors: ValidationError[] = [];
    if (fields.title !== undefined && (typeof fields.title !== 'string' || !fields.title.trim())) errors.push({ resource: 'Issue', code: 'missing_field', field: 'title' });
    if (fields.state !== undefined && fields.state !== 'open' && fields.state !== 'closed') errors.push({ resource: 'Issue', code: 'invalid', field: 'state', value: fields.state });
    const labels = fields.labels === undefined ? issue.labels : names(repo, 'labels', fields.labels, errors);
    const assignees = fields.assignees === undefined ? issue.assignees : names(repo, 'assignees', fields.assignees, errors);
    if (fields.body !== undefined && fields.body !== null && typeof fields.body !== 'string') errors.push({ resource: 'Issue', code: 'invalid', field: 'body' });
    if (errors.length) return send(422, { message: 'Validation Failed', errors, documentation_url: `${DOCS}#update-an-issue` });
    const now = new Date().toISOString();
    const state = (fields.state as FakeIssue['state'] | undefined) ?? issue.state;
    const closedAt = state === 'closed' ? (issue.state === 'closed' ? issue.closedAt : now) : undefined;
    const body = fields.body === undefined ? issue.body : typeof fields.body === 'string' ? fields.body : undefined;
    const changed: FakeIssue = {
      repo: issue.repo,
      number: issue.number,
      title: typeof fields.title === 'string' ? fields.title : issue.title,
      state,
      createdAt: issue.createdAt,
      ...(body === undefined ? {} : { body }),
      ...(labels ? { labels } : {}),
      ...(assignees ? { assignees } : {}),
      ...(closedAt ? { closedAt } : {}),
      ...(issue.author ? { author: issue.author } : {}),
    };
    this.list[index] = changed;
    this.updated.set(key(repo.repo, number), now);
    send(200, issueJson(changed, repo.repo, base, now));
  }

  private indexOf(repo: string, number: number): number {
    return this.list.findIndex((i) => same(i.repo, repo) && i.number === number);
  }
}

function key(repo: string, number: number): string {
  return `${repo.toLowerCase()}#${number}`;
}

function repoOf(match: RegExpExecArray): string {
  return `${decodeURIComponent(match[1] ?? '')}/${decodeURIComponent(match[2] ?? '')}`;
}

/** The repository's own spelling of each label or login; an error for each it does not know. */
function names(repo: FakeRepository, field: 'labels' | 'assignees', given: unknown, errors: ValidationError[]): string[] {
  if (!Array.isArray(given) || given.some((name) => typeof name !== 'string')) {
    errors.push({ resource: 'Issue', code: 'invalid', field });
    return [];
  }
  const known = (field === 'labels' ? repo.labels : repo.collaborators) ?? [];
  const found: string[] = [];
  for (const name of given as string[]) {
    const canonical = known.find((k) => same(k, name));
    if (!canonical) errors.push({ resource: field === 'labels' ? 'Label' : 'Issue', code: 'invalid', field, value: name });
    else if (!found.includes(canonical)) found.push(canonical);
  }
  return found;
}

/**
 * The issue search's terms, all of which must hold: `is:issue`/`type:issue`, `is:open`/`is:closed` (or `state:`),
 * `repo:` (several are ORed, as on GitHub), `label:`, `assignee:`, `author:`, `no:assignee`, `in:title`/`in:body`
 * (where the words and "quoted phrases" are looked for, default both: a case-insensitive substring). Anything else
 * (OR, NOT, parentheses, other qualifiers) is refused, so a test notices a query the fake does not understand.
 */
export function compileIssueQuery(query: string): (issue: FakeIssue) => boolean {
  if ((query.match(/"/g) ?? []).length % 2) throw new Error('Unbalanced quotes in the search.');
  const checks: ((issue: FakeIssue) => boolean)[] = [];
  const repos: string[] = [];
  const texts: string[] = [];
  const fields = new Set<'title' | 'body'>();
  for (const [token] of query.matchAll(/(?:[\w-]+:)?"[^"]*"|\S+/g)) {
    if (token === 'AND') continue;
    if (token === 'OR' || token === 'NOT' || token.startsWith('(') || token.endsWith(')') || token.startsWith('-')) throw new Error(`The fake's issue search does not support ${token}.`);
    const qualifier = /^([\w-]+):(.*)$/s.exec(token);
    if (!qualifier) {
      texts.push(token.replace(/^"|"$/g, '').toLowerCase());
      continue;
    }
    const name = (qualifier[1] ?? '').toLowerCase();
    const value = (qualifier[2] ?? '').replace(/^"|"$/g, '');
    const v = value.toLowerCase();
    if ((name === 'is' || name === 'type') && v === 'issue') continue;
    if ((name === 'is' || name === 'type') && v === 'pr') checks.push(() => false);
    else if ((name === 'is' || name === 'state') && (v === 'open' || v === 'closed')) checks.push((issue) => issue.state === v);
    else if (name === 'repo') repos.push(v);
    else if (name === 'label') checks.push((issue) => (issue.labels ?? []).some((l) => l.toLowerCase() === v));
    else if (name === 'assignee') checks.push((issue) => (issue.assignees ?? []).some((l) => l.toLowerCase() === v));
    else if (name === 'author') checks.push((issue) => (issue.author ?? AUTHENTICATED_USER).toLowerCase() === v);
    else if (name === 'no' && v === 'assignee') checks.push((issue) => !issue.assignees?.length);
    else if (name === 'in' && v.split(',').every((f) => f === 'title' || f === 'body')) for (const f of v.split(',')) fields.add(f as 'title' | 'body');
    else throw new Error(`The fake's issue search does not support ${token}.`);
  }
  if (repos.length) checks.push((issue) => repos.includes(issue.repo.toLowerCase()));
  const where = fields.size ? [...fields] : (['title', 'body'] as const);
  for (const text of texts) checks.push((issue) => where.some((f) => (issue[f] ?? '').toLowerCase().includes(text)));
  return (issue) => checks.every((check) => check(issue));
}
