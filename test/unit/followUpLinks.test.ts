import * as assert from 'node:assert/strict';
import { describeState, followUpAgeDays, rankOpenFollowUps, STALE_DAYS } from '../../src/core/followUps/followUpAge';
import { MAX_NEW_ISSUE_URL, newIssueUrl } from '../../src/core/followUps/issueRefs';

const NOW = new Date('2026-12-01T12:00:00Z');
const record = (startedAt: string) => ({ read: { state: { startedAt } } });

describe('follow-ups: the new-issue page for a person without a token', () => {
  const issue = { owner: 'northwind-example', repo: 'parcel-tracking', title: '[Follow-up] Alert on timeouts & retries', body: '**Incident:** Tracking stale\n\n- [ ] Done #1', labels: ['incident-follow-up', 'tech-debt'], assignees: [] };

  it('fills title, body and labels as query parameters, each escaped', () => {
    const { url, cut } = newIssueUrl('github.com', issue);
    assert.equal(cut, false);
    const parsed = new URL(url);
    assert.equal(`${parsed.origin}${parsed.pathname}`, 'https://github.com/northwind-example/parcel-tracking/issues/new');
    assert.equal(parsed.searchParams.get('title'), issue.title);
    assert.equal(parsed.searchParams.get('body'), issue.body);
    assert.equal(parsed.searchParams.get('labels'), 'incident-follow-up,tech-debt');
    assert.equal(parsed.searchParams.has('assignees'), false, 'no empty parameter');
    assert.doesNotMatch(url, /[ #&]Done/, 'the body\'s #, & and spaces are escaped');
  });

  it('names assignees, and a GitHub Enterprise host', () => {
    const { url } = newIssueUrl('ghe.example.com', { ...issue, assignees: ['tortega', 'glau'] });
    assert.match(url, /^https:\/\/ghe\.example\.com\/northwind-example\/parcel-tracking\/issues\/new\?/);
    assert.equal(new URL(url).searchParams.get('assignees'), 'tortega,glau');
  });

  it('cuts a body too long for an address, says so at its end, and stays under the limit', () => {
    const body = 'Ünïcode line with spaces & symbols\n'.repeat(2000);
    const { url, cut } = newIssueUrl('github.com', { ...issue, body });
    assert.equal(cut, true);
    assert.ok(url.length <= MAX_NEW_ISSUE_URL, `${url.length} characters`);
    const kept = new URL(url).searchParams.get('body') ?? '';
    assert.match(kept, /\n\n_\(cut: the rest did not fit in the address; paste it from the draft\)_$/);
    assert.ok(body.startsWith(kept.replace(/\n\n_\(cut:.*$/s, '')), 'what is kept is the start of the body');
    assert.ok(kept.length > 1000, 'most of the room is used');
  });
});

describe('follow-ups: age and order across incidents', () => {
  it('counts whole days since the issue was opened, else since the incident started', () => {
    assert.equal(followUpAgeDays({ createdAt: '2026-10-17T11:00:00Z', record: record('2026-10-12T09:30:00Z') }, NOW), 45);
    assert.equal(followUpAgeDays({ record: record('2026-10-12T09:30:00Z') }, NOW), 50);
    assert.equal(followUpAgeDays({ createdAt: '2026-12-01T11:59:00Z', record: record('2026-10-12T09:30:00Z') }, NOW), 0);
    assert.equal(followUpAgeDays({ createdAt: 'not a date', record: record('also not') }, NOW), 0);
  });

  it('puts the oldest first, so those open over 30 days lead', () => {
    const items = [3, 45, 31, 0, 30].map((days) => ({ days, createdAt: new Date(NOW.getTime() - days * 86_400_000).toISOString(), record: record('2026-01-01T00:00:00Z') }));
    assert.deepEqual(rankOpenFollowUps(items, NOW).map((i) => i.days), [45, 31, 30, 3, 0]);
    assert.deepEqual(rankOpenFollowUps(items, NOW).filter((i) => followUpAgeDays(i, NOW) > STALE_DAYS).map((i) => i.days), [45, 31]);
  });

  it('describes a state as a row and a CodeLens say it', () => {
    assert.equal(describeState({ state: 'open', assignee: 'tortega' }), 'open · @tortega');
    assert.equal(describeState({ state: 'open' }), 'open · unassigned');
    assert.equal(describeState({ state: 'closed', assignee: 'x' }), 'closed');
    assert.equal(describeState({ state: 'unknown' }), 'state not known yet');
    assert.equal(describeState(undefined), 'state not known yet');
  });
});
