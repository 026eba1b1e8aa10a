import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { MergedPullRequest } from '../../src/core/github/changesTable';
import { countOperators, SEARCH_LIMITS } from '../../src/core/github/searchLimits';
import { searchMergedPullRequests, type SearchPage } from '../../src/core/github/searchMerged';
import { buildQueries } from '../../src/core/github/searchQueries';
import { tokenizeSearch } from '../../src/core/github/searchTokens';

const FROM = new Date('2026-03-01T00:00:00Z');
const TO = new Date('2026-03-02T00:00:00Z');
const ACME = ['payments-service', 'checkout-frontend', 'inventory-api', 'notification-worker', 'platform-infra'].map((r) => `acme-corp/${r}`);

function assertWithinLimits(queries: readonly string[]): void {
  for (const q of queries) {
    assert.ok(q.length <= SEARCH_LIMITS.maxQueryLength, `${q.length} characters: ${q}`);
    assert.ok(countOperators(q) <= SEARCH_LIMITS.maxOperators, `${countOperators(q)} operators: ${q}`);
  }
}

/** Every repo × author pair is asked for by some query (the queries' terms, read with the same tokenizer a link uses). */
function pairsCovered(queries: readonly string[]): Set<string> {
  const pairs = new Set<string>();
  for (const q of queries) {
    const values = (qualifier: string) =>
      tokenizeSearch(q)
        .flatMap((t) => (t.startsWith('(') ? tokenizeSearch(t.slice(1, -1)) : [t]))
        .filter((t) => t.startsWith(`${qualifier}:`))
        .map((t) => t.slice(qualifier.length + 1).replace(/^"|"$/g, ''));
    const authors = values('author');
    for (const repo of values('repo')) for (const author of authors.length ? authors : ['']) pairs.add(`${repo} ${author}`);
  }
  return pairs;
}

describe('merged-PR queries: sized as they are sent', () => {
  it('keeps the acme-corp repos with a long second or third author within 256 characters (264 and 273 before)', () => {
    for (const authors of [['bo', 'dependabot-preview', 'alexandra-konstantinopoulou'], ['bo', 'alexandra-konstantinopoulou', 'dependabot-preview']]) {
      const queries = buildQueries({ repos: ACME, authors, from: FROM, to: TO });
      assertWithinLimits(queries);
      assert.equal(pairsCovered(queries).size, ACME.length * authors.length);
    }
  });

  it('property: any repos, authors, labels and base give queries within 256 characters and 5 operators that cover every repo and author', function () {
    this.timeout(20_000);
    const name = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,38}$/);
    const repo = fc.tuple(name, fc.stringMatching(/^[a-z0-9._-]{1,30}$/)).map(([o, n]) => `${o}/${n}`);
    const label = fc.oneof(fc.stringMatching(/^[a-z0-9-]{1,20}$/), fc.stringMatching(/^[a-z][a-z ]{0,18}[a-z]$/));
    fc.assert(
      fc.property(fc.uniqueArray(repo, { minLength: 1, maxLength: 12 }), fc.uniqueArray(name, { maxLength: 12 }), fc.uniqueArray(label, { maxLength: 3 }), fc.option(fc.stringMatching(/^[a-z0-9/._-]{1,30}$/), { nil: undefined }), (repos, authors, labels, base) => {
        let queries: string[];
        try {
          queries = buildQueries({ repos, authors, labels, ...(base ? { base } : {}), from: FROM, to: TO });
        } catch (error) {
          // Only when one repo with one author cannot fit at all; the message says which.
          assert.match(String(error), /alone makes the query longer than GitHub allows/);
          return;
        }
        assertWithinLimits(queries);
        assert.equal(pairsCovered(queries).size, repos.length * Math.max(authors.length, 1));
      }),
      { numRuns: 500 },
    );
  });
});

describe('window splitting rewrites the date term itself', () => {
  it('leaves a repo whose text contains "merged:" alone when halving the window', async () => {
    const repo = 'acme/merged:2026';
    const sent: string[] = [];
    const prs = Array.from({ length: 1500 }, (_, i): MergedPullRequest => ({ repo, number: i + 1, title: `PR ${i}`, author: 'ada', mergedAt: new Date(FROM.getTime() + Math.floor(((i + 0.5) / 1500) * (TO.getTime() - FROM.getTime()))).toISOString(), url: `https://github.com/${repo}/pull/${i + 1}`, labels: [] }));
    const pages = async function* (query: string): AsyncIterable<SearchPage> {
      sent.push(query);
      const window = tokenizeSearch(query).find((t) => /^merged:\d/.test(t)) ?? '';
      const [from = '', to = ''] = window.slice('merged:'.length).split('..');
      const hits = prs.filter((p) => Date.parse(p.mergedAt) >= Date.parse(from) && Date.parse(p.mergedAt) <= Date.parse(to));
      for (let page = 0; page * 100 < Math.min(hits.length, 1000) || page === 0; page++) yield { totalCount: hits.length, incompleteResults: false, items: hits.slice(page * 100, page * 100 + 100) };
    };
    const outcome = await searchMergedPullRequests({ repos: [repo], authors: [], from: FROM, to: TO }, pages);
    assert.ok(sent.length >= 3, `${sent.length} queries`);
    for (const q of sent) assert.match(q, /^is:pr is:merged repo:acme\/merged:2026 merged:\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\.\.\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(outcome.items.length, 1500);
  });
});
