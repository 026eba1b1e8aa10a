// Merged-PR search figures for `npm run bench`, in plain Node against the fake GitHub.
import { performance } from 'node:perf_hooks';
import { searchMergedPullRequests } from '../../src/core/github/searchMerged';
import { octokitPages } from '../../src/features/changes/octokitPages';
import { createOctokit } from '../../src/features/changes/vendorOctokit';
import { FakeGitHub, generatePullRequests } from '../fakes/github/fakeGitHub';

export interface SearchFigures {
  readonly prs: number;
  readonly found: number;
  readonly requests: number;
  /** ceil(PRs / 100): one request per page of 100 if there were no 1,000-result cap. */
  readonly minimumRequests: number;
  readonly firstResultMs: number;
  readonly oneRequestMs: number;
  readonly totalMs: number;
}

export async function measureSearch(prs = 2500, latencyMs = 100): Promise<SearchFigures> {
  const from = new Date('2026-03-01T00:00:00Z');
  const to = new Date('2026-03-02T00:00:00Z');
  const github = await new FakeGitHub().start();
  try {
    github.setPullRequests(generatePullRequests(prs, { from, to, repos: ['acme/store'], authors: ['ada', 'grace'] }));
    github.latencyMs = latencyMs;
    const octokit = createOctokit({ baseUrl: github.baseUrl });
    const pages = octokitPages(octokit, new AbortController().signal, (error) => (error instanceof Error ? error : new Error(String(error))));

    // One request alone, as the reference for the time to the first result.
    const single = performance.now();
    for await (const page of pages('is:pr is:merged repo:acme/store merged:2026-03-01T00:00:00Z..2026-03-01T00:10:00Z')) void page;
    const oneRequestMs = performance.now() - single;
    github.requests.splice(0);

    const start = performance.now();
    let firstResultMs = 0;
    const outcome = await searchMergedPullRequests({ repos: ['acme/store'], authors: [], from, to }, pages, {
      onResults: () => {
        firstResultMs ||= performance.now() - start;
      },
    });
    return { prs, found: outcome.items.length, requests: github.requests.length, minimumRequests: Math.ceil(prs / 100), firstResultMs, oneRequestMs, totalMs: performance.now() - start };
  } finally {
    await github.stop();
  }
}
