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

/**
 * `is:pr is:merged (repo:a OR repo:b) merged:FROM..TO (author:x OR author:y)`:
 * under GitHub's current search a space means AND, so several repos or authors
 * must be OR-grouped. Lists too long for one query's limits are split over
 * several queries (every repo group with every author group), whose results
 * are merged by the caller.
 */
export function buildQueries(request: SearchRequest, limits = SEARCH_LIMITS): string[] {
  if (request.repos.length === 0) throw new Error('repos: at least one repository (owner/name) is needed to search.');
  const fixed = ['is:pr', 'is:merged', `merged:${searchTimestamp(request.from)}..${searchTimestamp(request.to)}`, ...(request.base ? [`base:${quote(request.base)}`] : []), ...(request.labels ?? []).map((l) => `label:${quote(l)}`)];
  const fits = (repos: readonly string[], authors: readonly string[]) => {
    const query = compose(fixed, repos, authors);
    return query.length <= limits.maxQueryLength && countOperators(query) <= limits.maxOperators;
  };
  const repoGroups = chunk(request.repos, (group) => fits(group, request.authors.slice(0, 1)));
  const queries: string[] = [];
  for (const repos of repoGroups) {
    const authorGroups = request.authors.length ? chunk(request.authors, (group) => fits(repos, group)) : [[]];
    for (const authors of authorGroups) queries.push(compose(fixed, repos, authors));
  }
  return queries;
}

function compose(fixed: readonly string[], repos: readonly string[], authors: readonly string[]): string {
  return [fixed[0], fixed[1], group('repo', repos), ...fixed.slice(2), group('author', authors)].filter(Boolean).join(' ');
}

function group(qualifier: string, values: readonly string[]): string {
  if (values.length === 0) return '';
  const terms = values.map((v) => `${qualifier}:${quote(v)}`);
  return terms.length === 1 ? (terms[0] as string) : `(${terms.join(' OR ')})`;
}

function quote(value: string): string {
  return /[\s"()]/.test(value) ? `"${value.replace(/"/g, '')}"` : value;
}

/** Greedy groups in order, each the longest that `fits`; a single item that does not fit is an error. */
function chunk(items: readonly string[], fits: (group: readonly string[]) => boolean): string[][] {
  const groups: string[][] = [];
  let current: string[] = [];
  for (const item of items) {
    if (fits([...current, item])) current.push(item);
    else {
      if (current.length === 0) throw new Error(`"${item}" alone makes the query longer than GitHub allows (${SEARCH_LIMITS.maxQueryLength} characters).`);
      groups.push(current);
      current = [item];
    }
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
