// No vscode import: the benchmark runs this in plain Node against the fake GitHub.
import type { MergedPullRequest } from '../../core/github/changesTable';
import { SEARCH_LIMITS } from '../../core/github/searchLimits';
import type { SearchPage, SearchPages } from '../../core/github/searchMerged';

export interface OctokitWithPaginate {
  paginate: { iterator: (route: string, params: Record<string, unknown>) => AsyncIterable<{ data: unknown }> };
}

/** Pages of a search through octokit's paginator; failures go through `describe` for a clear message. */
export function octokitPages(octokit: OctokitWithPaginate, signal: AbortSignal, describe: (error: unknown, query: string) => Error): SearchPages {
  return (query) => iterate(octokit, query, signal, describe);
}

async function* iterate(octokit: OctokitWithPaginate, query: string, signal: AbortSignal, describe: (error: unknown, query: string) => Error): AsyncIterable<SearchPage> {
  try {
    for await (const response of octokit.paginate.iterator('GET /search/issues', { q: query, per_page: SEARCH_LIMITS.maxPerPage, advanced_search: 'true', request: { signal } })) {
      yield toPage(response.data);
    }
  } catch (error) {
    throw describe(error, query);
  }
}

interface SearchItem {
  number: number;
  title: string;
  html_url: string;
  repository_url: string;
  user?: { login?: string } | null;
  labels?: Array<{ name?: string } | string>;
  pull_request?: { merged_at?: string | null };
  closed_at?: string | null;
}

/** The paginator turns a search response into its items, with total_count and incomplete_results on the array. */
type PaginatedSearch = SearchItem[] & { total_count?: number; incomplete_results?: boolean };

function toPage(data: unknown): SearchPage {
  const items = (Array.isArray(data) ? data : []) as PaginatedSearch;
  return {
    totalCount: items.total_count ?? items.length,
    incompleteResults: items.incomplete_results === true,
    items: items.map((item): MergedPullRequest => ({
      repo: item.repository_url.replace(/^.*\/repos\//, ''),
      number: item.number,
      title: item.title,
      author: item.user?.login ?? 'ghost',
      mergedAt: item.pull_request?.merged_at ?? item.closed_at ?? '',
      url: item.html_url,
      labels: (item.labels ?? []).map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).filter(Boolean),
    })),
  };
}
