import * as assert from 'node:assert/strict';
import { octokitPages } from '../../src/features/changes/octokitPages';

describe('octokitPages: a search response as merged PRs', () => {
  it('reads each item\'s labels from items[].labels[].name (and plain strings), dropping nameless ones', async () => {
    // What octokit's paginator yields for GET /search/issues: the items, with total_count on the array.
    const item = { number: 4242, title: 'Carrier gateway: lower the retry timeout to 2s', html_url: 'https://github.com/o/r/pull/4242', repository_url: 'https://api.github.com/repos/o/r', user: { login: 'tortega' }, labels: [{ name: 'carrier-gateway', color: 'ededed' }, { name: 'risky' }, {}, 'legacy'], pull_request: { merged_at: '2026-03-01T13:25:00Z' } };
    const data = Object.assign([item], { total_count: 1, incomplete_results: false });
    const octokit = { paginate: { iterator: async function* () { yield { data }; } } };
    const pages = [];
    for await (const page of octokitPages(octokit, new AbortController().signal, (e) => e as Error)('is:pr')) pages.push(page);
    assert.deepEqual(pages, [{ totalCount: 1, incompleteResults: false, items: [{ repo: 'o/r', number: 4242, title: item.title, author: 'tortega', mergedAt: '2026-03-01T13:25:00Z', url: item.html_url, labels: ['carrier-gateway', 'risky', 'legacy'] }] }]);
  });
});
