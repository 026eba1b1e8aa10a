import type { SearchRequest } from './searchQueries';

/** How long before the wanted end a reused search may have ended: it then misses at most the merges of these last minutes. */
export const REUSE_WITHIN_MS = 5 * 60_000;

/**
 * Whether a search already made answers `wanted`: the same repositories, authors, base and labels,
 * the same start, and an end at most REUSE_WITHIN_MS before the wanted one (an incident's window
 * ends "now", which moves on). Anything else needs a new search.
 */
export function coversSearch(made: SearchRequest, wanted: SearchRequest): boolean {
  return (
    sameSet(made.repos, wanted.repos) &&
    sameSet(made.authors, wanted.authors) &&
    sameSet(made.labels ?? [], wanted.labels ?? []) &&
    (made.base ?? '') === (wanted.base ?? '') &&
    made.from.getTime() === wanted.from.getTime() &&
    made.to.getTime() <= wanted.to.getTime() &&
    made.to.getTime() >= wanted.to.getTime() - REUSE_WITHIN_MS
  );
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const key = (list: readonly string[]) => [...new Set(list.map((s) => s.toLowerCase()))].sort().join('\n');
  return key(a) === key(b);
}
