import { searchTimestamp } from './searchDates';
import { countOperators, SEARCH_LIMITS } from './searchLimits';

export interface SearchRequest {
  readonly repos: readonly string[];
  readonly authors: readonly string[];
  readonly from: Date;
  readonly to: Date;
  readonly base?: string;
  readonly labels?: readonly string[];
}

/** The repositories and authors of one query; the rest of the request is the same for every query. */
export interface QueryGroup {
  readonly repos: readonly string[];
  readonly authors: readonly string[];
}

/**
 * `is:pr is:merged (repo:a OR repo:b) merged:FROM..TO (author:x OR author:y)`:
 * under GitHub's current search a space means AND, so several repos or authors
 * must be OR-grouped. Lists too long for one query's limits are split over
 * several queries (each repo group with author groups sized for it), whose
 * results are merged by the caller.
 */
export function buildQueries(request: SearchRequest, limits = SEARCH_LIMITS): string[] {
  return planQueries(request, limits).map((group) => composeQuery(request, group, request.from, request.to));
}

/**
 * The groups, each checked as the query that will be sent. Every window has
 * the same length (timestamps to the second), so a group that fits for the
 * request's window fits for any narrower one.
 */
export function planQueries(request: SearchRequest, limits = SEARCH_LIMITS): QueryGroup[] {
  if (request.repos.length === 0) throw new Error('repos: at least one repository (owner/name) is needed to search.');
  const fits = (group: QueryGroup) => {
    const query = composeQuery(request, group, request.from, request.to);
    return query.length <= limits.maxQueryLength && countOperators(query) <= limits.maxOperators;
  };
  // A repo group leaves room for the longest single author, so every author fits with it in some group.
  const longest = [...request.authors].sort((a, b) => quote(b).length - quote(a).length).slice(0, 1);
  const repoGroups = chunk(request.repos, (repos) => fits({ repos, authors: longest }), limits);
  return repoGroups.flatMap((repos) => (request.authors.length ? chunk(request.authors, (authors) => fits({ repos, authors }), limits) : [[]]).map((authors) => ({ repos, authors })));
}

/** The query for one group and window: the one place its text is put together. */
export function composeQuery(request: SearchRequest, group: QueryGroup, from: Date, to: Date): string {
  return [
    'is:pr',
    'is:merged',
    orGroup('repo', group.repos),
    `merged:${searchTimestamp(from)}..${searchTimestamp(to)}`,
    ...(request.base ? [`base:${quote(request.base)}`] : []),
    ...(request.labels ?? []).map((l) => `label:${quote(l)}`),
    orGroup('author', group.authors),
  ]
    .filter(Boolean)
    .join(' ');
}

function orGroup(qualifier: string, values: readonly string[]): string {
  if (values.length === 0) return '';
  const terms = values.map((v) => `${qualifier}:${quote(v)}`);
  return terms.length === 1 ? (terms[0] as string) : `(${terms.join(' OR ')})`;
}

function quote(value: string): string {
  return /[\s"()]/.test(value) ? `"${value.replace(/"/g, '')}"` : value;
}

/** Greedy groups in order, each the longest that `fits`; every group, a new single item too, is checked. */
function chunk(items: readonly string[], fits: (group: readonly string[]) => boolean, limits: typeof SEARCH_LIMITS): string[][] {
  const groups: string[][] = [];
  let current: string[] = [];
  for (const item of items) {
    if (fits([...current, item])) {
      current.push(item);
      continue;
    }
    if (current.length) groups.push(current);
    if (!fits([item])) throw new Error(`"${item}" alone makes the query longer than GitHub allows (${limits.maxQueryLength} characters, ${limits.maxOperators} operators).`);
    current = [item];
  }
  if (current.length) groups.push(current);
  return groups;
}

/** Halves of a window, for a query whose total is over GitHub's 1,000-result cap. */
export function splitWindow(from: Date, to: Date): [[Date, Date], [Date, Date]] | undefined {
  const span = to.getTime() - from.getTime();
  if (span < 2000) return undefined;
  const middle = new Date(from.getTime() + Math.floor(span / 2000) * 1000);
  return [
    [from, middle],
    [new Date(middle.getTime() + 1000), to],
  ];
}
