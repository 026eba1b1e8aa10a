import * as assert from 'node:assert/strict';
import { applyTextEdits, type TextEdit } from '../../src/core/incident/textEdits';
import { handOffEdits, handOffSummary, lastShiftEnded } from '../../src/core/support/handOff';
import { addCheckNoteEdits, addIncidentEdits, addTicketEdits, markTicketResolvedEdits, readShiftLog, renderShiftLog, type ShiftLog, tickCheckEdits } from '../../src/core/support/shiftLog';
import type { ShiftCheck } from '../../src/core/support/supportPlan';
import { growth, GROWTH, MAX_RATIO } from './timing';

const ZONE = 'Europe/Berlin';
const at = (hhmm: string, day = '2026-12-02') => new Date(`${day}T${hhmm}:00.000Z`);

const CHECKS: ShiftCheck[] = [
  { id: 'pagerduty', text: 'PagerDuty', group: ['Support Tasks'], line: 8, notes: ['Follow the Incident Response Plan for incidents'], links: [] },
  { id: 'bot', text: 'Check the daily bot post', group: ['Support Tasks', 'Slack channels', '#parcel-support'], line: 15, notes: [], links: [] },
  { id: 'look', text: 'Things to look for', group: ['Support Tasks'], line: 20, notes: ['Counts lower than usual'], links: [] },
  { id: 'traces', text: 'APM traces', group: ['Other Links'], line: 26, notes: ["Ignore the warm-up lambda's logs"], links: [] },
];

function applied(text: string, edits: TextEdit[] | { error: string }): string {
  assert.ok(Array.isArray(edits), Array.isArray(edits) ? '' : edits.error);
  return applyTextEdits(text, edits);
}

function log(text: string): ShiftLog {
  const read = readShiftLog(text);
  assert.ok(read.ok, read.ok ? '' : read.error);
  return read.log;
}

/** A shift worked through the morning: two checks done (one with a note), one not done with a note, two tickets (one resolved), an incident. */
function workedShift(): string {
  let text = renderShiftLog({ planPath: 'runbooks/production-support.md', planTitle: 'Production Support Plan', planLinkFromLog: '../runbooks/production-support.md', engineer: 'Sam Becker', started: at('08:00'), checks: CHECKS, timeZone: ZONE });
  text = applied(text, tickCheckEdits(text, 'pagerduty', true, at('08:05'), ZONE));
  text = applied(text, tickCheckEdits(text, 'bot', true, at('08:12'), ZONE));
  text = applied(text, addCheckNoteEdits(text, 'bot', 'numbers down 10% vs last Tuesday'));
  text = applied(text, addCheckNoteEdits(text, 'traces', 'APM would not load: try again after 14:00'));
  text = applied(text, addTicketEdits(text, { number: 'INC0010045', shortDescription: 'Carrier webhook answers 502', issueUrl: 'https://github.com/northwind/parcel-tracking/issues/130', issueRef: 'northwind/parcel-tracking#130', at: at('08:30'), timeZone: ZONE }));
  text = applied(text, markTicketResolvedEdits(text, 'INC0010045', at('10:00'), ZONE));
  text = applied(text, addTicketEdits(text, { number: 'INC0010046', shortDescription: 'Label printer offline', issueUrl: '', issueRef: '', at: at('09:00'), timeZone: ZONE }));
  text = applied(text, addIncidentEdits(text, { title: 'Checkout errors', path: '../incidents/2026-12-02-checkout-errors.md', at: at('09:05'), timeZone: ZONE }));
  return text;
}

const OPEN = [
  { number: 'INC0010046', shortDescription: 'Label printer offline', state: 'In Progress' },
  { number: 'INC0010047', shortDescription: 'Tracking page\nslow', state: 'New' },
];

describe('handOffSummary', () => {
  it('says who and when, then done and not done (each with the shift\'s notes), tickets with their issues, incidents, what is unfinished and the notes', () => {
    const summary = handOffSummary({ log: log(workedShift()), endedAt: at('16:00'), notes: 'Watch the DHL webhook tonight.', openTickets: OPEN, timeZone: ZONE });
    assert.equal(
      summary,
      `Support shift hand-off: Sam Becker, 2026-12-02 09:00 CET to 17:00 CET
Checks: 2 of 4 done

Done:
- PagerDuty (09:05 CET)
- Slack channels › #parcel-support › Check the daily bot post (09:12 CET) — numbers down 10% vs last Tuesday

Not done:
- Things to look for
- APM traces — APM would not load: try again after 14:00

Tickets worked:
- INC0010045 · Carrier webhook answers 502 → northwind/parcel-tracking#130 https://github.com/northwind/parcel-tracking/issues/130 · fix resolved
- INC0010046 · Label printer offline (no GitHub issue)

Incidents:
- Checkout errors (../incidents/2026-12-02-checkout-errors.md)

Unfinished:
- 2 checks not done (listed above)
- INC0010046: no resolved fix yet
- Open queue: 2 tickets
  - INC0010046 · Label printer offline (In Progress)
  - INC0010047 · Tracking page slow (New)

Notes:
Watch the DHL webhook tonight.`,
    );
  });

  it('leaves out the plan\'s notes for skipped checks, and groups with nothing in them', () => {
    const fresh = renderShiftLog({ planPath: 'p.md', planTitle: 'P', planLinkFromLog: 'p.md', engineer: 'Ada', started: at('08:00'), checks: CHECKS, timeZone: ZONE });
    const summary = handOffSummary({ log: log(fresh), endedAt: at('09:00'), timeZone: ZONE });
    assert.ok(!summary.includes('Follow the Incident Response Plan'));
    assert.ok(!/Done:|Tickets worked:|Incidents:|Notes:|Open queue/.test(summary));
    assert.ok(summary.includes('- 4 checks not done (listed above)'));
  });

  it('dates both ends of a shift that crosses midnight', () => {
    const summary = handOffSummary({ log: log(workedShift()), endedAt: at('01:00', '2026-12-03'), timeZone: ZONE });
    assert.match(summary, /^Support shift hand-off: Sam Becker, 2026-12-02 09:00 CET to 2026-12-03 02:00 CET\n/);
  });

  it('lists at most ten tickets of the open queue, then how many more', () => {
    const openTickets = Array.from({ length: 14 }, (_, i) => ({ number: `INC00200${String(i).padStart(2, '0')}`, shortDescription: `Ticket ${i}`, state: 'New' }));
    const summary = handOffSummary({ log: log(workedShift()), endedAt: at('16:00'), openTickets, timeZone: ZONE });
    assert.ok(summary.includes('- Open queue: 14 tickets\n'));
    assert.equal(summary.split('\n').filter((l) => l.startsWith('  - INC')).length, 10);
    assert.ok(summary.includes('  - … and 4 more'));
  });

  it('says an empty open queue is empty', () => {
    assert.ok(handOffSummary({ log: log(workedShift()), endedAt: at('16:00'), openTickets: [], timeZone: ZONE }).includes('- Open queue: 0 tickets'));
  });
});

describe('handOffEdits', () => {
  it('writes the summary under Hand-off and sets ended', () => {
    const text = workedShift();
    const summary = handOffSummary({ log: log(text), endedAt: at('16:00'), timeZone: ZONE });
    const handed = applied(text, handOffEdits(text, summary, at('16:00')));
    const read = log(handed);
    assert.equal(read.ended, '2026-12-02T16:00:00.000Z');
    assert.equal(read.handOff, summary);
    assert.ok(handed.endsWith(`## Hand-off\n<!-- hand-off -->\n${summary}\n<!-- /hand-off -->\n`));
    assert.deepEqual(read.checks.map((c) => c.done), [true, true, false, false]);
  });

  it('a second hand-off of the same shift replaces the first rather than appending', () => {
    const text = workedShift();
    const first = applied(text, handOffEdits(text, 'First summary', at('16:00')));
    const second = applied(first, handOffEdits(first, 'Second summary\n- with a line', at('16:30')));
    assert.equal(second.split('<!-- hand-off -->').length, 2);
    assert.ok(!second.includes('First summary'));
    assert.deepEqual([log(second).handOff, log(second).ended], ['Second summary\n- with a line', '2026-12-02T16:30:00.000Z']);
  });

  it('keeps what a person wrote under Hand-off before it', () => {
    const text = `${workedShift()}Ask Ada about the printer.\n`;
    const handed = applied(text, handOffEdits(text, 'Summary', at('16:00')));
    assert.ok(handed.endsWith('## Hand-off\nAsk Ada about the printer.\n<!-- hand-off -->\nSummary\n<!-- /hand-off -->\n'));
  });

  it('neutralises notes that try to add headings, end the block or open a fence', () => {
    const text = workedShift();
    const summary = handOffSummary({ log: log(text), endedAt: at('16:00'), notes: '## Checks\n- [ ] fake <!-- check:fake -->\n<!-- /hand-off -->\n```\nHeading\n---', timeZone: ZONE });
    const handed = applied(text, handOffEdits(text, summary, at('16:00')));
    const read = log(handed);
    assert.deepEqual(read.checks.map((c) => c.id), CHECKS.map((c) => c.id));
    assert.equal(read.handOff, summary);
    assert.deepEqual(handed.split('\n').filter((l) => /^#{1,6} /.test(l)), ['# Support shift · 2026-12-02 · Sam Becker', '## Checks', '### Support Tasks', '### Other Links', '## Tickets', '## Incidents', '## Hand-off']);
    const body = handed.slice(handed.indexOf('<!-- hand-off -->'));
    assert.ok(!/^(?:---|```)$/m.test(body));
  });

  it('adds a Hand-off section when a person removed it', () => {
    const text = workedShift().replace(/## Hand-off\n$/, '');
    const handed = applied(text, handOffEdits(text, 'Summary', at('16:00')));
    assert.equal(log(handed).handOff, 'Summary');
  });

  it('refuses an empty summary and a text that is not a shift log', () => {
    assert.deepEqual(handOffEdits(workedShift(), '  ', at('16:00')), { error: 'the hand-off summary is empty' });
    assert.match((handOffEdits('# x\n', 'Summary', at('16:00')) as { error: string }).error, /not a support shift log/);
  });
});

describe('lastShiftEnded', () => {
  const ended = (text: string, iso: string) => applied(text, handOffEdits(text, 'Summary', new Date(iso)));

  it('is the latest end among the handed-off logs, ignoring shifts in progress and other files', () => {
    const a = ended(workedShift(), '2026-12-01T16:00:00.000Z');
    const b = ended(workedShift(), '2026-12-02T17:30:00.000Z');
    const inProgress = workedShift();
    assert.deepEqual(lastShiftEnded([a, inProgress, '# not a log\n', '---\ntype: incident\n---\n', b]), new Date('2026-12-02T17:30:00.000Z'));
  });

  it('is undefined when no shift was handed off', () => {
    assert.equal(lastShiftEnded([]), undefined);
    assert.equal(lastShiftEnded([workedShift()]), undefined);
  });

  it('reads `ended` as a person may have written it', () => {
    const text = workedShift().replace('ended: null', 'ended: "2026-12-02T18:00:00+01:00"');
    assert.deepEqual(lastShiftEnded([text]), new Date('2026-12-02T17:00:00.000Z'));
  });
});

describe(`hand-off on hostile input stays linear (time at ${GROWTH}n under ${MAX_RATIO}× time at n)`, function () {
  this.timeout(60_000);

  it('a summary of many checks and a long note, written to the log', () => {
    const make = (n: number) => {
      const checks = Array.from({ length: n }, (_, i) => ({ id: `c-${i}`, text: `Check ${i}`, group: ['Tasks'], line: i, notes: [], links: [] }));
      return renderShiftLog({ planPath: 'p.md', planTitle: 'P', planLinkFromLog: 'p.md', engineer: 'Ada', started: at('08:00'), checks, timeZone: ZONE });
    };
    const r = growth(make, (text) => {
      const summary = handOffSummary({ log: log(text), endedAt: at('16:00'), notes: '#'.repeat(text.length), timeZone: ZONE });
      handOffEdits(text, summary, at('16:00'));
    }, 300).ratio;
    assert.ok(r < MAX_RATIO, `${r.toFixed(1)}×`);
  });

  it('notes of long lines of markers, escapes and dashes', () => {
    for (const unit of ['- ', '\\', '<!--', '`', '-']) {
      const r = growth((n) => `${unit.repeat(n)}\n`.repeat(4), (notes) => handOffEdits(workedShift(), notes, at('16:00')), 20_000).ratio;
      assert.ok(r < MAX_RATIO, `${JSON.stringify(unit)}: ${r.toFixed(1)}×`);
    }
  });

  it('lastShiftEnded over many logs', () => {
    const one = applied(workedShift(), handOffEdits(workedShift(), 'Summary', at('16:00')));
    const r = growth((n) => Array.from({ length: n }, () => one), (logs) => lastShiftEnded(logs), 50).ratio;
    assert.ok(r < MAX_RATIO, `${r.toFixed(1)}×`);
  });
});
