import * as assert from 'node:assert/strict';
import { flattenOnCall, needsRefresh, type OnCallLevel, onCallLabel, onCallLevels, type PagerDutyOnCallEntry } from '../../src/core/pagerduty/onCall';

const POLICY = { id: 'PT20YPA', summary: 'Travel Pay escalation' };

function entry(level: number, user: PagerDutyOnCallEntry['user'], schedule: string | null, end: string | null): PagerDutyOnCallEntry {
  return {
    escalation_policy: POLICY,
    escalation_level: level,
    schedule: schedule === null ? null : { id: `P${schedule.replace(/\W/g, '').slice(0, 6).toUpperCase()}`, summary: schedule },
    user,
    start: end === null ? null : '2026-12-07T08:00:00Z',
    end,
  };
}

const KEVIN = { id: 'PKEVIN1', summary: 'Kevin Duensing', email: 'kevin@example.gov', html_url: 'https://dsva.pagerduty.com/users/PKEVIN1' };
const CALVIN = { id: 'PCALVIN', summary: 'Calvin Cieslak', email: 'calvin@example.gov' };
const CHARLOTTE = { id: 'PCHARLO', summary: 'Charlotte Reid' };
const TIM = { id: 'PTIMHAW', summary: 'Tim Hawkins', name: 'Timothy Hawkins' };

// As PagerDuty may list them: not by level, Kevin twice at level 1 (two schedules), Charlotte named on the policy itself.
const ENTRIES: PagerDutyOnCallEntry[] = [
  entry(2, CHARLOTTE, null, null),
  entry(1, KEVIN, 'Travel Pay Primary', '2026-12-14T16:00:00Z'),
  entry(3, TIM, 'Travel Pay Managers', '2027-01-05T08:00:00Z'),
  entry(1, CALVIN, 'Travel Pay Secondary', '2026-12-15T08:00:00Z'),
  entry(1, KEVIN, 'Travel Pay Secondary', '2026-12-16T08:00:00+01:00'),
];

describe('onCallLevels', () => {
  it('groups by level, lowest first, one person per user, in the order PagerDuty listed them', () => {
    assert.deepEqual(onCallLevels(ENTRIES), [
      {
        level: 1,
        people: [
          { userId: 'PKEVIN1', name: 'Kevin Duensing', email: 'kevin@example.gov', url: 'https://dsva.pagerduty.com/users/PKEVIN1', until: '2026-12-16T08:00:00+01:00', schedule: 'Travel Pay Primary, Travel Pay Secondary' },
          { userId: 'PCALVIN', name: 'Calvin Cieslak', email: 'calvin@example.gov', until: '2026-12-15T08:00:00Z', schedule: 'Travel Pay Secondary' },
        ],
      },
      { level: 2, people: [{ userId: 'PCHARLO', name: 'Charlotte Reid' }] },
      { level: 3, people: [{ userId: 'PTIMHAW', name: 'Timothy Hawkins', until: '2027-01-05T08:00:00Z', schedule: 'Travel Pay Managers' }] },
    ]);
  });

  it('keeps the later end by the time it names, not by its text', () => {
    // 09:00+02:00 is 07:00Z: earlier than 08:00Z though it reads later.
    const levels = onCallLevels([entry(1, KEVIN, 'A', '2026-12-14T08:00:00Z'), entry(1, KEVIN, 'B', '2026-12-14T09:00:00+02:00')]);
    assert.equal(levels[0]?.people[0]?.until, '2026-12-14T08:00:00Z');
  });

  it('keeps a user always on call when one of their entries has no end', () => {
    const levels = onCallLevels([entry(1, KEVIN, 'Travel Pay Primary', '2026-12-14T16:00:00Z'), entry(1, KEVIN, null, null)]);
    assert.deepEqual(levels[0]?.people, [{ userId: 'PKEVIN1', name: 'Kevin Duensing', email: 'kevin@example.gov', url: 'https://dsva.pagerduty.com/users/PKEVIN1', schedule: 'Travel Pay Primary' }]);
  });

  it('lists a user at each level they are on', () => {
    const levels = onCallLevels([entry(2, KEVIN, 'B', '2026-12-14T16:00:00Z'), entry(1, KEVIN, 'A', '2026-12-14T16:00:00Z')]);
    assert.deepEqual(
      levels.map((l) => [l.level, l.people.map((p) => p.schedule)]),
      [
        [1, ['A']],
        [2, ['B']],
      ],
    );
  });

  it('names a person by name, then summary, then id; a schedule by summary, then id', () => {
    const levels = onCallLevels([{ escalation_policy: { id: 'PT20YPA' }, escalation_level: 1, schedule: { id: 'PSCHED1' }, user: { id: 'PNONAME' }, start: null, end: '2026-12-14T16:00:00Z' }]);
    assert.deepEqual(levels[0]?.people, [{ userId: 'PNONAME', name: 'PNONAME', until: '2026-12-14T16:00:00Z', schedule: 'PSCHED1' }]);
  });

  it('skips entries without a user or a level, and gives nothing for nothing', () => {
    const broken = [{ ...entry(1, KEVIN, null, null), user: { id: '' } }, { ...entry(1, KEVIN, null, null), escalation_level: Number.NaN }];
    assert.deepEqual(onCallLevels(broken), []);
    assert.deepEqual(onCallLevels([]), []);
  });
});

describe('flattenOnCall', () => {
  it("gives runbook.getOnCall's rows: level, name, email and until only when known", () => {
    assert.deepEqual(flattenOnCall(onCallLevels(ENTRIES)), [
      { level: 1, name: 'Kevin Duensing', email: 'kevin@example.gov', until: '2026-12-16T08:00:00+01:00' },
      { level: 1, name: 'Calvin Cieslak', email: 'calvin@example.gov', until: '2026-12-15T08:00:00Z' },
      { level: 2, name: 'Charlotte Reid' },
      { level: 3, name: 'Timothy Hawkins', until: '2027-01-05T08:00:00Z' },
    ]);
    assert.equal('until' in (flattenOnCall(onCallLevels(ENTRIES))[2] ?? {}), false);
  });
});

describe('onCallLabel', () => {
  // Monday 2026-12-14, 11:00 in Berlin.
  const NOW = new Date('2026-12-14T10:00:00Z');
  const label = (until: string | undefined, timeZone: string, now = NOW) => onCallLabel({ name: 'Kevin Duensing', ...(until ? { until } : {}) }, now, timeZone);

  it('shows the time alone for a shift ending today', () => {
    assert.equal(label('2026-12-14T16:00:00Z', 'Europe/Berlin'), 'Kevin Duensing · until 17:00 CET');
    assert.equal(label('2026-12-14T16:00:00Z', 'UTC'), 'Kevin Duensing · until 16:00 UTC');
  });

  it('shows the weekday for a shift ending within the week', () => {
    assert.equal(label('2026-12-16T08:00:00Z', 'Europe/Berlin'), 'Kevin Duensing · until Wed 09:00 CET');
    assert.equal(label('2026-12-15T07:30:00Z', 'Europe/Berlin'), 'Kevin Duensing · until Tue 08:30 CET');
    assert.equal(label('2026-12-20T08:00:00Z', 'Europe/Berlin'), 'Kevin Duensing · until Sun 09:00 CET');
  });

  it('shows the date alone for a shift ending a week or more ahead', () => {
    // Next Monday: "Mon 09:00" would read as today.
    assert.equal(label('2026-12-21T08:00:00Z', 'Europe/Berlin'), 'Kevin Duensing · until 2026-12-21');
    assert.equal(label('2027-01-05T08:00:00Z', 'Europe/Berlin'), 'Kevin Duensing · until 2027-01-05');
  });

  it("reads today and the days in the viewer's zone", () => {
    // 23:30Z is past midnight in Berlin but still today in UTC.
    assert.equal(label('2026-12-14T23:30:00Z', 'Europe/Berlin'), 'Kevin Duensing · until Tue 00:30 CET');
    assert.equal(label('2026-12-14T23:30:00Z', 'UTC'), 'Kevin Duensing · until 23:30 UTC');
    // 03:00Z is still Sunday evening in New York: a shift ending 04:00Z ends "today", on Sunday.
    const sundayEvening = new Date('2026-12-14T03:00:00Z');
    assert.equal(label('2026-12-14T04:00:00Z', 'America/New_York', sundayEvening), 'Kevin Duensing · until 23:00 GMT-5');
    assert.equal(label('2026-12-14T14:00:00Z', 'America/New_York', sundayEvening), 'Kevin Duensing · until Mon 09:00 GMT-5');
  });

  it('says always on call when there is no end', () => {
    assert.equal(label(undefined, 'Europe/Berlin'), 'Kevin Duensing · always on call');
  });

  it('shows a shift that already ended by its date', () => {
    assert.equal(label('2026-12-13T08:00:00Z', 'Europe/Berlin'), 'Kevin Duensing · until 2026-12-13');
  });
});

describe('needsRefresh', () => {
  const FETCHED = new Date('2026-12-14T10:00:00Z');
  const at = (minutes: number, seconds = 0) => new Date(FETCHED.getTime() + minutes * 60_000 + seconds * 1000);
  const levels: OnCallLevel[] = [
    { level: 1, people: [{ userId: 'PKEVIN1', name: 'Kevin Duensing', until: '2026-12-14T10:30:00Z' }] },
    { level: 2, people: [{ userId: 'PCHARLO', name: 'Charlotte Reid' }] },
  ];

  it('is false while the answer is fresh and every shift shown goes on', () => {
    assert.equal(needsRefresh(FETCHED, FETCHED, levels), false);
    assert.equal(needsRefresh(FETCHED, at(14, 59), levels), false);
  });

  it('is true after 15 minutes', () => {
    assert.equal(needsRefresh(FETCHED, at(15), levels), true);
    assert.equal(needsRefresh(FETCHED, at(15), []), true);
  });

  it('is true once a shift shown has ended, however fresh the answer', () => {
    const endsSoon: OnCallLevel[] = [{ level: 1, people: [{ userId: 'PKEVIN1', name: 'Kevin Duensing', until: '2026-12-14T10:05:00Z' }] }];
    assert.equal(needsRefresh(FETCHED, at(4, 59), endsSoon), false);
    assert.equal(needsRefresh(FETCHED, at(5), endsSoon), true);
  });

  it('never counts people always on call as ended', () => {
    assert.equal(needsRefresh(FETCHED, at(10), [{ level: 2, people: [{ userId: 'PCHARLO', name: 'Charlotte Reid' }] }]), false);
  });
});
