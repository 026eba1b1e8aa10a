// The fake GitHub's `POST /graphql`: exactly the query shape the extension sends, aliased repositories
// each with aliased issues, read with linear regular expressions, answered as GitHub does (null and a
// NOT_FOUND error for what does not resolve, a parse error for anything else).
import type { IncomingMessage } from 'node:http';
import type { Send } from './fakeContents';
import type { FakeIssues } from './fakeIssues';

// `\b` first: a match can only start at a word's start, so a long word is read once.
const REPOSITORY = /\b(\w+)\s*:\s*repository\s*\(\s*owner\s*:\s*"([^"]*)"\s*,\s*name\s*:\s*"([^"]*)"\s*\)/g;
const ISSUE = /\b(\w+)\s*:\s*issue\s*\(\s*number\s*:\s*(\d+)\s*\)/g;

interface IssueSelection {
  readonly alias: string;
  readonly number: number;
  readonly at: number;
}

interface RepositorySelection {
  readonly alias: string;
  readonly owner: string;
  readonly name: string;
  readonly at: number;
  readonly issues: IssueSelection[];
}

interface GraphQLError {
  readonly type?: string;
  readonly path?: string[];
  readonly locations?: { line: number; column: number }[];
  readonly message: string;
}

/** Whether this is the GraphQL endpoint; answers it if so. */
export function handleGraphQL(req: IncomingMessage, url: URL, body: string | undefined, issues: FakeIssues, send: Send): boolean {
  if (url.pathname !== '/graphql' || req.method !== 'POST') return false;
  if (!req.headers.authorization) {
    send(401, { message: 'This endpoint requires you to be authenticated.', documentation_url: 'https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql' });
    return true;
  }
  let request: unknown;
  try {
    request = JSON.parse(body ?? '');
  } catch {
    send(400, { message: 'Problems parsing JSON', documentation_url: 'https://docs.github.com/graphql' });
    return true;
  }
  const query = typeof request === 'object' && request !== null ? (request as { query?: unknown }).query : undefined;
  if (typeof query !== 'string') {
    send(200, { errors: [{ message: 'A query attribute must be specified and must be a string.' }] });
    return true;
  }
  const parsed = parseQuery(query);
  if (typeof parsed === 'string') {
    send(200, { errors: [{ message: `Parse error: ${parsed}` }] });
    return true;
  }
  const data: Record<string, unknown> = {};
  const errors: GraphQLError[] = [];
  for (const selection of parsed) {
    const name = `${selection.owner}/${selection.name}`;
    const repo = issues.repository(name, true);
    if (!repo) {
      data[selection.alias] = null;
      errors.push({ type: 'NOT_FOUND', path: [selection.alias], locations: [location(query, selection.at)], message: `Could not resolve to a Repository with the name '${name}'.` });
      continue;
    }
    const answer: Record<string, unknown> = {};
    for (const wanted of selection.issues) {
      const issue = issues.issue(repo.repo, wanted.number);
      if (!issue) {
        answer[wanted.alias] = null;
        errors.push({ type: 'NOT_FOUND', path: [selection.alias, wanted.alias], locations: [location(query, wanted.at)], message: `Could not resolve to an Issue with the number of ${wanted.number}.` });
        continue;
      }
      answer[wanted.alias] = {
        number: issue.number,
        title: issue.title,
        url: `https://github.com/${repo.repo}/issues/${issue.number}`,
        state: issue.state === 'closed' ? 'CLOSED' : 'OPEN',
        createdAt: issue.createdAt,
        closedAt: issue.state === 'closed' ? (issue.closedAt ?? issue.createdAt) : null,
        assignees: { nodes: (issue.assignees ?? []).map((login) => ({ login })) },
      };
    }
    data[selection.alias] = answer;
  }
  send(200, errors.length ? { data, errors } : { data });
  return true;
}

/** The aliased repositories and their aliased issues, or why the query is not of that shape. */
export function parseQuery(query: string): RepositorySelection[] | string {
  if (!/^\s*(?:query\b[^{]*)?\{/.test(query)) return 'the fake answers only a query (`query { … }` or `{ … }`).';
  const depth = braceDepths(query);
  if (typeof depth === 'string') return depth;
  const repositories: RepositorySelection[] = [];
  for (const match of query.matchAll(REPOSITORY)) {
    const at = match.index;
    if (depth[at] !== 1) return `repository ${match[1]} is not a field of the query at [${at}].`;
    repositories.push({ alias: match[1] ?? '', owner: match[2] ?? '', name: match[3] ?? '', at, issues: [] });
  }
  if (!repositories.length) return 'the fake answers only aliased `repository(owner: "…", name: "…")` fields.';
  if (count(query, /\brepository\s*\(/g) !== repositories.length) return 'every repository must be aliased and named with literal owner and name.';
  let issueCount = 0;
  for (const match of query.matchAll(ISSUE)) {
    const at = match.index;
    const repo = repositories.filter((r) => r.at < at).pop();
    if (!repo || depth[at] !== 2) return `issue ${match[1]} is not a field of a repository at [${at}].`;
    repo.issues.push({ alias: match[1] ?? '', number: Number(match[2]), at });
    issueCount++;
  }
  if (count(query, /\bissue\s*\(/g) !== issueCount) return 'every issue must be aliased and named with a literal number.';
  return repositories;
}

/** The brace depth at each character, outside strings; or why the braces do not balance. */
function braceDepths(text: string): Int32Array | string {
  const depth = new Int32Array(text.length);
  let level = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') level++;
    else if (c === '}' && --level < 0) return `unexpected "}" at [${i}].`;
    depth[i] = level;
  }
  if (inString) return 'unterminated string.';
  if (level !== 0) return 'unexpected end of document (a "{" is not closed).';
  return depth;
}

function count(text: string, pattern: RegExp): number {
  return (text.match(pattern) ?? []).length;
}

function location(text: string, at: number): { line: number; column: number } {
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}
