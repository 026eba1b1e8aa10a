import * as assert from 'node:assert/strict';
import { escapeCell, type MergedPullRequest, renderChangesTable } from '../../src/core/github/changesTable';
import type { RankedPullRequest } from '../../src/core/github/suspects';
import { parseSearchWindow } from '../../src/core/github/searchDates';
import type { SearchRequest } from '../../src/core/github/searchQueries';
import { coversSearch } from '../../src/core/github/searchReuse';
import { parseWindowDate as parseSearchDate } from '../../src/core/time/windowInput';
import { countOperators, SEARCH_LIMITS } from '../../src/core/github/searchLimits';
import { parseSearchLink } from '../../src/core/github/searchLink';
import { searchMergedPullRequests, type SearchPage } from '../../src/core/github/searchMerged';
import { searchResult } from '../../src/core/github/searchResult';
import { buildQueries, splitWindow } from '../../src/core/github/searchQueries';
import { parseRunbook } from '../../src/core/runbook/parseRunbook';
import { walk } from '../../src/core/runbook/model';
import { requireSeeds } from './seeds';

const FROM = new Date('2026-03-01T00:00:00Z');
const TO = new Date('2026-03-02T00:00:00Z');

describe('merged-PR queries', () => {
  it('ORs authors and repos and keeps every query within the limits', () => {
    const [query] = buildQueries({ repos: ['acme/store'], authors: ['ada', 'grace'], from: FROM, to: TO });
    assert.equal(query, 'is:pr is:merged repo:acme/store merged:2026-03-01T00:00:00Z..2026-03-02T00:00:00Z (author:ada OR author:grace)');
    const many = buildQueries({ repos: ['acme/a', 'acme/b', 'acme/c'], authors: Array.from({ length: 20 }, (_, i) => `developer-${i}`), from: FROM, to: TO, base: 'main', labels: ['hotfix'] });
    for (const q of many) {
      assert.ok(q.length <= SEARCH_LIMITS.maxQueryLength, `${q.length}: ${q}`);
      assert.ok(countOperators(q) <= SEARCH_LIMITS.maxOperators, q);
      assert.match(q, / base:main label:hotfix /);
    }
    const authorsCovered = new Set(many.flatMap((q) => [...q.matchAll(/author:(\S+?)\)?(?:\s|$)/g)].map((m) => m[1])));
    assert.equal(authorsCovered.size, 20);
  });

  it('splits the real runbook\'s seven authors into two queries', function () {
    const seed = requireSeeds(this).find((s) => s.name.startsWith('001'));
    if (!seed) this.skip();
    const link = [...walk(parseRunbook(seed.text).children)].find((n) => n.kind === 'link' && n.linkKind === 'github-search');
    assert.ok(link && link.kind === 'link');
    const defaults = parseSearchLink(link.url);
    assert.deepEqual(defaults?.repos, ['department-of-veterans-affairs/vets-website']);
    assert.equal(defaults?.authors.length, 7);
    const queries = buildQueries({ repos: defaults.repos, authors: defaults.authors, from: FROM, to: TO });
    assert.equal(queries.length, 2);
    assert.ok(queries.every((q) => q.length <= 256 && countOperators(q) <= 5));
  });

  it('parses a search link, keeping terms it does not interpret', () => {
    const parsed = parseSearchLink('https://github.com/search?q=repo%3Aa%2Fb+type%3APR+author%3Ax+is%3Amerged+label%3Abug+base%3Arelease+-author%3Abot+merged%3A2025-01-01..2025-02-01+flaky&type=pullrequests');
    assert.deepEqual(parsed, { repos: ['a/b'], authors: ['x'], labels: ['bug'], base: 'release', rest: ['-author:bot', 'flaky'] });
    assert.equal(parseSearchLink('https://example.com/search?q=repo:a/b'), undefined);
  });

  it('counts only explicit operators', () => {
    assert.equal(countOperators('is:pr (author:a OR author:b OR author:c) NOT label:x'), 3);
    assert.equal(countOperators('is:pr author:ORACLE label:ANDROID'), 0);
  });

  it('halves windows to the second', () => {
    const halves = splitWindow(FROM, TO);
    assert.deepEqual(halves?.map(([a, b]) => [a.toISOString(), b.toISOString()]), [
      ['2026-03-01T00:00:00.000Z', '2026-03-01T12:00:00.000Z'],
      ['2026-03-01T12:00:01.000Z', '2026-03-02T00:00:00.000Z'],
    ]);
    assert.equal(splitWindow(FROM, new Date(FROM.getTime() + 1000)), undefined);
  });
});

describe('search dates', () => {
  it('accepts the three formats and names the bad field', () => {
    assert.ok(parseSearchDate('from', '2026-03-01').ok);
    assert.ok(parseSearchDate('from', '2026-03-01T14:05').ok);
    assert.equal((parseSearchDate('from', '2026-03-01T14:05:00+02:00') as { date: Date }).date.toISOString(), '2026-03-01T12:05:00.000Z');
    assert.match((parseSearchDate('to', '03/01/2026') as { message: string }).message, /^to: "03\/01\/2026" is not a date/);
    assert.match((parseSearchDate('from', '2026-02-30') as { message: string }).message, /^from:/);
    assert.match((parseSearchWindow('2026-03-02', '2026-03-01') as { message: string }).message, /^to: 2026-03-01 is not after from: 2026-03-02/);
  });
});

describe('the changes table', () => {
  it('escapes pipes, backticks, HTML and newlines so the table stays a table', () => {
    assert.equal(escapeCell('a | b `code` <script>alert(1)</script>\nnext [x](y)'), 'a \\| b \\`code\\` &lt;script&gt;alert(1)&lt;/script&gt; next \\[x\\](y)');
    const pr: RankedPullRequest = { repo: 'acme/store', number: 7, title: 'Fix | pipes\nand `ticks`', author: 'ada', mergedAt: '2026-03-01T10:00:00Z', url: 'https://github.com/acme/store/pull/7', labels: ['a|b'], suspect: true, reason: 'names <Tracking | API>' };
    const lines = renderChangesTable([pr], (iso) => iso.slice(11, 16));
    assert.deepEqual(lines, ['| Suspect | Merged at | Pull request | Title | Author | Labels |', '| --- | --- | --- | --- | --- | --- |', '| ⚠ names &lt;Tracking \\| API&gt; | 10:00 | [acme/store#7](https://github.com/acme/store/pull/7) | Fix \\| pipes and \\`ticks\\` | ada | a\\|b |']);
    for (const line of lines) assert.equal(line.split(/(?<!\\)\|/).length, 8, line);
  });
});

describe('searchMergedPullRequests', () => {
  function fakePages(prs: MergedPullRequest[], counter: { requests: number }) {
    return async function* (query: string): AsyncIterable<SearchPage> {
      const [, from = '', to = ''] = /merged:(\S+)\.\.(\S+)/.exec(query) ?? [];
      const hits = prs.filter((p) => p.mergedAt >= from.replace('Z', '.000Z') && p.mergedAt <= to.replace('Z', '.999Z'));
      for (let page = 0; page * 100 < Math.min(hits.length, 1000) || page === 0; page++) {
        counter.requests++;
        yield { totalCount: hits.length, incompleteResults: false, items: hits.slice(page * 100, page * 100 + 100) };
      }
    };
  }
  const prs = Array.from({ length: 2500 }, (_, i): MergedPullRequest => ({ repo: 'acme/store', number: i + 1, title: `PR ${i}`, author: 'ada', mergedAt: new Date(FROM.getTime() + Math.floor(((i + 0.5) / 2500) * (TO.getTime() - FROM.getTime()))).toISOString(), url: `https://github.com/acme/store/pull/${i + 1}`, labels: [] }));

  it('returns all 2,500 PRs of a window over the 1,000 cap, without duplicates', async () => {
    const counter = { requests: 0 };
    const streamed: number[] = [];
    const outcome = await searchMergedPullRequests({ repos: ['acme/store'], authors: [], from: FROM, to: TO }, fakePages(prs, counter), { onResults: (items) => streamed.push(items.length) });
    assert.equal(outcome.items.length, 2500);
    assert.equal(new Set(outcome.items.map((p) => p.number)).size, 2500);
    assert.equal(streamed.reduce((a, b) => a + b, 0), 2500);
    assert.deepEqual(outcome.warnings, []);
    assert.ok(counter.requests < 40, `${counter.requests} requests`);
  });

  it('stops when cancelled and says the list is partial', async () => {
    let pages = 0;
    const outcome = await searchMergedPullRequests({ repos: ['acme/store'], authors: [], from: FROM, to: TO }, fakePages(prs, { requests: 0 }), { onResults: () => pages++, isCancelled: () => pages >= 2 });
    assert.equal(outcome.cancelled, true);
    assert.ok(outcome.items.length < 2500);
    assert.match(searchResult(outcome).reason ?? '', /cancelled/);
  });

  it('ends with what it found, and the error, when a page fails', async () => {
    const pages = async function* (): AsyncIterable<SearchPage> {
      yield { totalCount: 300, incompleteResults: false, items: prs.slice(0, 100) };
      throw new Error('GitHub failed (502); try again.');
    };
    const outcome = await searchMergedPullRequests({ repos: ['acme/store'], authors: [], from: FROM, to: TO }, pages);
    assert.equal(outcome.items.length, 100);
    assert.deepEqual({ ...searchResult(outcome), pullRequests: [] }, { status: 'partial', pullRequests: [], reason: 'GitHub failed (502); try again.' });
  });

  it('passes incomplete_results on as a warning', async () => {
    const pages = async function* (): AsyncIterable<SearchPage> {
      yield { totalCount: 1, incompleteResults: true, items: prs.slice(0, 1) };
    };
    const outcome = await searchMergedPullRequests({ repos: ['acme/store'], authors: [], from: FROM, to: TO }, pages);
    assert.match(outcome.warnings[0] ?? '', /incomplete results/);
  });
});

describe('reusing a search for Insert Recent Changes', () => {
  const wanted: SearchRequest = { repos: ['acme/store'], authors: ['ada'], from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-03-01T12:00:00Z'), labels: [] };
  it('reuses a search of the same window and query that ended moments ago', () => {
    assert.equal(coversSearch({ ...wanted, repos: ['ACME/store'], to: new Date('2026-03-01T11:58:00Z') }, wanted), true);
  });
  it('runs a new search for another window, another query, or a search that ended long ago', () => {
    assert.equal(coversSearch({ ...wanted, from: new Date('2026-02-28T00:00:00Z') }, wanted), false);
    assert.equal(coversSearch({ ...wanted, repos: ['acme/other'] }, wanted), false);
    assert.equal(coversSearch({ ...wanted, authors: [] }, wanted), false);
    assert.equal(coversSearch({ ...wanted, base: 'main' }, wanted), false);
    assert.equal(coversSearch({ ...wanted, to: new Date('2026-03-01T09:00:00Z') }, wanted), false);
  });
});
