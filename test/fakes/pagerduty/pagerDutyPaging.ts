// PagerDuty's classic pagination (docs/REST-API/09-Pagination.md): `limit` (default 25, at most 100),
// `offset`, and in every answer `limit`, `offset`, `more`, and `total` (null unless `total=true`);
// offset + limit past 10000 is a 400. Also the query helpers of set filters (`statuses[]=a&statuses[]=b`).
import { PAGERDUTY_ERRORS, type Reply } from './pagerDutyErrors';

const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 100;
const MAX_RECORDS = 10_000;

function whole(value: string | null, fallback: number): number {
  const n = Number.parseInt(value ?? '', 10);
  return Number.isNaN(n) ? fallback : n;
}

/** `{ [name]: page, limit, offset, more, total }`, or the 400 of a page past the 10000th record. */
export function page(url: URL, name: string, all: readonly unknown[]): Reply {
  const limit = Math.min(MAX_LIMIT, Math.max(1, whole(url.searchParams.get('limit'), DEFAULT_LIMIT)));
  const offset = Math.max(0, whole(url.searchParams.get('offset'), 0));
  if (offset + limit > MAX_RECORDS) return PAGERDUTY_ERRORS.pastPaginationLimit();
  const total = url.searchParams.get('total') === 'true' ? all.length : null;
  return { status: 200, body: { [name]: all.slice(offset, offset + limit), limit, offset, more: offset + limit < all.length, total } };
}

/** The values of a set filter (`name[]`); empty when absent, which matches everything. */
export function setFilter(url: URL, name: string): readonly string[] {
  return url.searchParams.getAll(`${name}[]`);
}

export function inSet(values: readonly string[], value: string): boolean {
  return values.length === 0 || values.includes(value);
}

/** `since` and `until` (defaults given), or the 400 of a value that is no time or a range that ends before it starts. */
export function timeRange(url: URL, defaults: { since: Date; until: Date }): { since: number; until: number } | Reply {
  const parse = (name: string, fallback: Date) => {
    const text = url.searchParams.get(name);
    return text === null ? fallback.getTime() : Date.parse(text);
  };
  const since = parse('since', defaults.since);
  const until = parse('until', defaults.until);
  if (Number.isNaN(since) || Number.isNaN(until)) return PAGERDUTY_ERRORS.invalidTime();
  return until < since ? PAGERDUTY_ERRORS.invalidRange() : { since, until };
}

/** The query as recorded: names ending in `[]` keep all their values. */
export function recordedQuery(url: URL): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const name of new Set(url.searchParams.keys())) query[name] = name.endsWith('[]') ? url.searchParams.getAll(name) : (url.searchParams.get(name) ?? '');
  return query;
}
