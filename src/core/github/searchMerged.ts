import { dedupe, type MergedPullRequest } from './changesTable';
import { searchTimestamp } from './searchDates';
import { buildQueries, type SearchRequest, splitWindow } from './searchQueries';
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
  readonly items: MergedPullRequest[];
  readonly queries: readonly string[];
  /** Why the list may be incomplete: GitHub's incomplete_results, a window too small to split, cancellation. */
  readonly warnings: readonly string[];
  readonly cancelled: boolean;
}

/**
 * Every PR merged in the window: the queries that fit GitHub's limits, each
 * query's window halved (recursively) while its total is over the 1,000-result
 * cap, results merged and deduplicated.
 */
export async function searchMergedPullRequests(request: SearchRequest, pages: SearchPages, progress: SearchProgress = {}): Promise<SearchOutcome> {
  const found = new Map<string, MergedPullRequest>();
  const warnings: string[] = [];
  const queries: string[] = [];
  let cancelled = false;
  const add = (items: readonly MergedPullRequest[]) => {
    const fresh = dedupe(items).filter((pr) => !found.has(key(pr)));
    fresh.forEach((pr) => found.set(key(pr), pr));
    if (fresh.length) progress.onResults?.(fresh);
  };

  const run = async (query: string, from: Date, to: Date): Promise<void> => {
    queries.push(query);
    let first = true;
    for await (const page of pages(query)) {
      if (progress.isCancelled?.()) {
        cancelled = true;
        return;
      }
      if (first && page.totalCount > SEARCH_LIMITS.maxResults) {
        const halves = splitWindow(from, to);
        if (halves) {
          add(page.items);
          for (const [a, b] of halves) {
            if (cancelled) return;
            await runWindow(a, b, query);
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

  // The same query for a narrower window: only its merged: range changes.
  const runWindow = (from: Date, to: Date, template: string) => run(template.replace(/merged:\S+/, `merged:${searchTimestamp(from)}..${searchTimestamp(to)}`), from, to);

  for (const query of buildQueries(request)) {
    if (cancelled || progress.isCancelled?.()) {
      cancelled = true;
      break;
    }
    await run(query, request.from, request.to);
  }
  if (cancelled) warnings.push('Cancelled: the list is partial.');
  return { items: [...found.values()].sort((a, b) => b.mergedAt.localeCompare(a.mergedAt)), queries, warnings: [...new Set(warnings)], cancelled };
}

function key(pr: MergedPullRequest): string {
  return `${pr.repo.toLowerCase()}#${pr.number}`;
}
