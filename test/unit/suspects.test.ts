import * as assert from 'node:assert/strict';
import type { MergedPullRequest } from '../../src/core/github/changesTable';
import { containsRun, rankSuspects, type SuspectRules } from '../../src/core/github/suspects';
import { fastest } from './timing';

const START = new Date('2026-03-01T14:05:00Z');
const RULES: SuspectRules = { startedAt: START, systems: [], suspectHours: 2, riskyLabels: ['risky', 'revert', 'hotfix', 'migration'] };
let next = 1;
/** A PR merged `minutes` from the start (negative: before it). */
const pr = (minutes: number, more: Partial<MergedPullRequest> = {}): MergedPullRequest => {
  const number = more.number ?? next++;
  return { repo: 'acme/store', number, title: `Change ${number}`, author: 'ada', mergedAt: new Date(START.getTime() + minutes * 60_000).toISOString(), url: `https://github.com/acme/store/pull/${number}`, labels: [], ...more };
};
const numbers = (prs: readonly { number: number }[]) => prs.map((p) => p.number);

describe('suspects: ranking merged PRs for an incident', () => {
  it('puts merges before the start first, closest first, then those after it, closest first', () => {
    const ranked = rankSuspects([pr(-600, { number: 1 }), pr(30, { number: 2 }), pr(-300, { number: 3 }), pr(5, { number: 4 }), pr(-1440, { number: 5 })], RULES);
    assert.deepEqual(numbers(ranked), [3, 1, 5, 4, 2]);
    assert.ok(ranked.every((p) => !p.suspect));
  });

  it('marks merges within suspectHours before the start as suspects, first, and says when', () => {
    const ranked = rankSuspects([pr(-600, { number: 1 }), pr(-40, { number: 2 }), pr(-121, { number: 3 }), pr(-120, { number: 4 }), pr(10, { number: 5 })], RULES);
    assert.deepEqual(numbers(ranked), [2, 4, 3, 1, 5]);
    assert.deepEqual(
      ranked.map((p) => [p.number, p.suspect, p.reason]),
      [
        [2, true, 'merged 40m before the start'],
        [4, true, 'merged 2h 00m before the start'],
        [3, false, 'merged 2h 01m before the start'],
        [1, false, 'merged 10h 00m before the start'],
        [5, false, 'merged 10m after the start'],
      ],
    );
  });

  it('a merge after the start is never a suspect by time alone', () => {
    const [after] = rankSuspects([pr(1)], RULES);
    assert.equal(after?.suspect, false);
    assert.equal(after?.reason, 'merged 1m after the start');
    assert.equal(rankSuspects([pr(0)], RULES)[0]?.reason, 'merged at the start');
  });

  it('the suspect hours follow the setting; 0 leaves only the other reasons', () => {
    assert.equal(rankSuspects([pr(-179)], { ...RULES, suspectHours: 3 })[0]?.suspect, true);
    assert.equal(rankSuspects([pr(-1)], { ...RULES, suspectHours: 0 })[0]?.suspect, false);
  });

  it('a risky label makes a suspect whenever it was merged, in any case, and is named', () => {
    const ranked = rankSuspects([pr(-20, { number: 1 }), pr(-1000, { number: 2, labels: ['Risky', 'carrier-gateway'] }), pr(60, { number: 3, labels: ['REVERT', 'hotfix'] })], RULES);
    assert.deepEqual(numbers(ranked), [1, 2, 3], 'suspects in closeness order: before the start first, then after');
    assert.deepEqual(ranked.map((p) => p.reason), ['merged 20m before the start', 'label Risky', 'labels REVERT, hotfix']);
    assert.equal(rankSuspects([pr(-1000, { labels: ['not-risky-at-all'] })], RULES)[0]?.suspect, false, 'a label must be a risky label, not contain one');
    assert.equal(rankSuspects([pr(-1000, { labels: ['risky'] })], { ...RULES, riskyLabels: [] })[0]?.suspect, false);
  });

  it('gives every reason of a suspect, the time first', () => {
    const [one] = rankSuspects([pr(-40, { labels: ['risky', 'tracking-api'], title: 'Carrier gateway: lower the retry timeout' })], { ...RULES, systems: ['Tracking API', 'Carrier Gateway', 'Label Service'] });
    assert.equal(one?.reason, 'merged 40m before the start, label risky, names Tracking API, Carrier Gateway');
  });

  it('a title or label naming a system of the incident makes a suspect: whole words, any case, any separator', () => {
    const rules = { ...RULES, systems: ['Tracking API', 'Carrier Gateway'] };
    const suspect = (more: Partial<MergedPullRequest>) => rankSuspects([pr(-5000, more)], rules)[0]?.suspect;
    assert.equal(suspect({ title: 'Speed up the tracking API cache' }), true);
    assert.equal(suspect({ title: 'tracking-api: fewer retries' }), true);
    assert.equal(suspect({ title: 'TRACKING_API timeouts' }), true);
    assert.equal(suspect({ labels: ['carrier-gateway'] }), true);
    assert.equal(suspect({ labels: ['area/carrier gateway'] }), true);
    assert.equal(suspect({ title: 'Tracking APIs' }), false, 'not a word of the system');
    assert.equal(suspect({ title: 'Retracking API' }), false);
    assert.equal(suspect({ title: 'tracking the api' }), false, 'the words in a row');
    assert.equal(suspect({ title: 'Gateway for carriers' }), false);
    assert.equal(rankSuspects([pr(-5000, { title: 'anything' })], { ...RULES, systems: ['', ' - '] })[0]?.suspect, false, 'a blank system names nothing');
  });

  it('names non-Latin systems too', () => {
    assert.equal(rankSuspects([pr(-5000, { title: 'Ускорить Трекинг сервис' })], { ...RULES, systems: ['трекинг сервис'] })[0]?.reason, 'names трекинг сервис');
  });

  it('breaks ties in a fixed order: repository, then number', () => {
    const same = [pr(-30, { number: 9, repo: 'acme/web' }), pr(-30, { number: 8, repo: 'acme/store' }), pr(-30, { number: 7, repo: 'acme/web' })];
    assert.deepEqual(rankSuspects(same, RULES).map((p) => `${p.repo}#${p.number}`), ['acme/store#8', 'acme/web#7', 'acme/web#9']);
    assert.deepEqual(numbers(rankSuspects([...same].reverse(), RULES)), numbers(rankSuspects(same, RULES)), 'the input order does not matter');
  });

  it('lists a PR with an unreadable merge time last, not as a suspect by time', () => {
    const ranked = rankSuspects([pr(0, { number: 1, mergedAt: '' }), pr(600, { number: 2 })], RULES);
    assert.deepEqual(ranked.map((p) => [p.number, p.suspect, p.reason]), [[2, false, 'merged 10h 00m after the start'], [1, false, 'merge time unknown']]);
  });

  it('keeps every field of the PR and ranks an empty list', () => {
    const input = pr(-10, { labels: ['x'] });
    assert.deepEqual(rankSuspects([input], RULES)[0], { ...input, suspect: true, reason: 'merged 10m before the start' });
    assert.deepEqual(rankSuspects([], RULES), []);
  });

  // The ratio, not a time (as in parseRunbook.hostile.test.ts): ranking against splitting the same text into words,
  // the fastest of nine runs of each. Matching the system's 5,000 words at each of the title's 100,000 would be
  // thousands of times the split; the linear match is a few times it.
  it('stays cheap on hostile titles and systems: within 50× of splitting the text into words', () => {
    const title = `${'a '.repeat(100_000)}b`;
    const prs = [pr(-10, { title, labels: [title.slice(0, 50_000)] })];
    const rules = { ...RULES, systems: [`${'a '.repeat(5_000)}c`, 'a a a a a b'] };
    assert.equal(rankSuspects(prs, rules)[0]?.reason, 'merged 10m before the start, names a a a a a b');
    const splitMs = fastest(() => `${title} ${title.slice(0, 50_000)}`.toLowerCase().split(/[^\p{L}\p{N}]+/u), 9);
    const rankMs = fastest(() => rankSuspects(prs, rules), 9);
    assert.ok(rankMs / splitMs < 50, `${(rankMs / splitMs).toFixed(1)}× (rank ${rankMs.toFixed(1)} ms, split ${splitMs.toFixed(1)} ms)`);
  });

  it('containsRun: consecutive words, with repeated prefixes', () => {
    assert.equal(containsRun(['a', 'a', 'b'], ['a', 'b']), true);
    assert.equal(containsRun(['a', 'b', 'a', 'b', 'c'], ['a', 'b', 'c']), true);
    assert.equal(containsRun(['a', 'x', 'b'], ['a', 'b']), false);
    assert.equal(containsRun(['a'], ['a', 'a']), false);
    assert.equal(containsRun(['a'], []), false);
  });
});
