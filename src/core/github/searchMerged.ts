import { dedupe, type MergedPullRequest } from './changesTable';
import { composeQuery, planQueries, type QueryGroup, type SearchRequest, splitWindow } from './searchQueries';
import { SEARCH_LIMITS } from './searchLimits';

/** One page of a search, as the client returns it. */
export interface SearchPage {
  readonly totalCount: number;
  readonly incompleteResults: boolean;
  readonly items: readonly MergedPullRequest[];
}

/** Pages of one query, in order; the client's paginator provides them (and stops when the caller stops). */
export type SearchPages = (query: string) => AsyncIterable<SearchPage>;

export interface SearchProgress {
  /** New results as pages arrive (already deduplicated against earlier ones). */
  onResults?(items: readonly MergedPullRequest[]): void;
  readonly isCancelled?: () => boolean;
}

export interface SearchOutcome {
  /** This search's own results: what arrived before it finished, was cancelled or failed. */
  readonly items: MergedPullRequest[];
  readonly queries: readonly string[];
  /** Why the list may be incomplete although the search ran to its end: GitHub's incomplete_results, a window too small to split. */
  readonly warnings: readonly string[];
  readonly cancelled: boolean;
  /** The error that stopped the search; `items` holds what arrived before it. */
  readonly error?: unknown;
}

/**
 * Every PR merged in the window: the queries that fit GitHub's limits, each
 * query's window halved (recursively) while its total is over the 1,000-result
 * cap, results merged and deduplicated. Never throws: a failure ends the search
 * with what it found so far and the error.
 */
export async function searchMergedPullRequests(request: SearchRequest, pages: SearchPages, progress: SearchProgress = {}): Promise<SearchOutcome> {
  const found = new Map<string, MergedPullRequest>();
  const warnings: string[] = [];
  const queries: string[] = [];
  let cancelled = false;
  const isCancelled = () => (cancelled ||= progress.isCancelled?.() === true);
  const add = (items: readonly MergedPullRequest[]) => {
    const fresh = dedupe(items).filter((pr) => !found.has(key(pr)));
    fresh.forEach((pr) => found.set(key(pr), pr));
    if (fresh.length) progress.onResults?.(fresh);
  };

  // A narrower window is the same group composed again: only the date term changes.
  const run = async (group: QueryGroup, from: Date, to: Date): Promise<void> => {
    const query = composeQuery(request, group, from, to);
    queries.push(query);
    let first = true;
    for await (const page of pages(query)) {
      if (isCancelled()) return;
      if (first && page.totalCount > SEARCH_LIMITS.maxResults) {
        const halves = splitWindow(from, to);
        if (halves) {
          add(page.items);
          for (const [a, b] of halves) {
            if (isCancelled()) return;
            await run(group, a, b);
          }
          return;
        }
        warnings.push(`More than ${SEARCH_LIMITS.maxResults} PRs were merged within one second; only the first ${SEARCH_LIMITS.maxResults} are listed.`);
      }
      first = false;
      if (page.incompleteResults) warnings.push(`GitHub reported incomplete results for: ${query}`);
      add(page.items);
    }
  };

  let error: unknown;
  try {
    for (const group of planQueries(request)) {
      if (isCancelled()) break;
      await run(group, request.from, request.to);
    }
  } catch (caught) {
    // A request aborted by the cancellation fails too: that is the cancellation, not an error.
    if (!isCancelled()) error = caught;
  }
  const items = [...found.values()].sort((a, b) => b.mergedAt.localeCompare(a.mergedAt));
  return { items, queries, warnings: [...new Set(warnings)], cancelled, ...(error !== undefined ? { error } : {}) };
}

function key(pr: MergedPullRequest): string {
  return `${pr.repo.toLowerCase()}#${pr.number}`;
}
