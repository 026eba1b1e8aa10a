/**
 * GitHub's limits on one issue/PR search, encoded once. Source:
 * https://docs.github.com/en/rest/search/search#limitations-on-query-length
 * ("no longer than 256 characters", "no more than five AND, OR, or NOT operators")
 * and https://docs.github.com/en/rest/search/search#about-search ("up to 1,000 results for each search").
 */
export const SEARCH_LIMITS = {
  maxQueryLength: 256,
  maxOperators: 5,
  maxResults: 1000,
  maxPerPage: 100,
} as const;

/** Explicit AND/OR/NOT keywords in a query (spaces between terms also mean AND but are not counted). */
export function countOperators(query: string): number {
  return (query.match(/(?:^|[\s(])(AND|OR|NOT)(?=[\s(])/g) ?? []).length;
}
