import * as assert from 'node:assert/strict';
import { applyTextEdits, type TextEdit } from '../../src/core/incident/textEdits';
import { yaml } from '../../src/core/yamlModule';
import {
  addCheckNoteEdits,
  addIncidentEdits,
  addTicketEdits,
  isShiftLog,
  markTicketResolvedEdits,
  readShiftLog,
  renderShiftLog,
  type ShiftLog,
  shiftLogFileName,
  type ShiftStart,
  tickCheckEdits,
} from '../../src/core/support/shiftLog';
import type { ShiftCheck } from '../../src/core/support/supportPlan';
import { growth, GROWTH, MAX_RATIO } from './timing';

const ZONE = 'Europe/Berlin';
const STARTED = new Date('2026-12-02T08:00:00.000Z');
const at = (hhmm: string) => new Date(`2026-12-02T${hhmm}:00.000Z`);

const CHECKS: ShiftCheck[] = [
  { id: 'pagerduty', text: 'PagerDuty', group: ['Support Tasks'], line: 8, notes: ['Follow the Incident Response Plan for incidents'], links: [] },
  { id: 'check-the-daily-bot-post', text: 'Check the daily bot post', group: ['Support Tasks', 'Slack channels', '#parcel-support'], line: 15, notes: [], links: [] },
  { id: 'things-to-look-for', text: 'Things to look for', group: ['Support Tasks'], line: 20, notes: ['Counts lower than usual', 'New error traces'], links: [] },
  { id: 'apm-traces', text: 'APM traces', group: ['Other Links', 'Carrier Gateway error traces'], line: 26, notes: ["Ignore the warm-up lambda's logs"], links: [] },
];

const START: ShiftStart = {
  planPath: 'runbooks/production-support.md',
  planTitle: 'Production Support Plan: Parcel Tracking',
  planLinkFromLog: '../runbooks/production-support.md',
  engineer: 'Sam Becker',
  started: STARTED,
  checks: CHECKS,
  timeZone: ZONE,
};

const TICKET = { number: 'INC0010045', shortDescription: 'Carrier webhook answers 502 to DHL status updates', issueUrl: 'https://github.com/northwind/parcel-tracking/issues/130', issueRef: 'northwind/parcel-tracking#130', at: at('08:30'), timeZone: ZONE };

function log(text: string): ShiftLog {
  const read = readShiftLog(text);
  assert.ok(read.ok, read.ok ? '' : read.error);
  return read.log;
}

function applied(text: string, edits: TextEdit[] | { error: string }): string {
  assert.ok(Array.isArray(edits), Array.isArray(edits) ? '' : edits.error);
  return applyTextEdits(text, edits);
}

function frontMatter(text: string): Record<string, unknown> {
  const block = /^---\n([\s\S]*?)\n---\n/.exec(text)?.[1];
  assert.ok(block !== undefined, 'front matter');
  return yaml().parse(block) as Record<string, unknown>;
}

/** The headings of the log, which no inserted text may add to. */
function headings(text: string): string[] {
  return text.split('\n').filter((l) => /^#{1,6} /.test(l));
}

const fresh = () => renderShiftLog(START);

describe('shiftLogFileName', () => {
  it('is the day in the given zone and the engineer as an ASCII slug', () => {
    assert.equal(shiftLogFileName(STARTED, 'Sam Becker', ZONE), '2026-12-02-sam-becker.md');
    assert.equal(shiftLogFileName(new Date('2026-12-02T23:30:00Z'), 'Sam Becker', ZONE), '2026-12-03-sam-becker.md');
    assert.equal(shiftLogFileName(STARTED, 'Zoë Ångström', 'UTC'), '2026-12-02-zoe-angstrom.md');
  });

  it('falls back to "shift" when the name has no ASCII letters', () => {
    assert.equal(shiftLogFileName(STARTED, '王芳', 'UTC'), '2026-12-02-shift.md');
    assert.equal(shiftLogFileName(STARTED, '', 'UTC'), '2026-12-02-shift.md');
  });
});

describe('renderShiftLog and readShiftLog', () => {
  it('writes front matter like the incident records, then the checks under a subheading per top-level group', () => {
    const text = fresh();
    assert.deepEqual(frontMatter(text), {
      type: 'support-shift',
      plan: 'runbooks/production-support.md',
      engineer: 'Sam Becker',
      started: '2026-12-02T08:00:00.000Z',
      ended: null,
      checks_done: 0,
      checks_total: 4,
      tickets: [],
      incidents: [],
    });
    const body = text.slice(text.indexOf('# Support shift'));
    assert.equal(
      body,
      `# Support shift · 2026-12-02 · Sam Becker

Plan: [Production Support Plan: Parcel Tracking](../runbooks/production-support.md)

## Checks

### Support Tasks
- [ ] PagerDuty <!-- check:pagerduty -->
  - From the plan: Follow the Incident Response Plan for incidents
- [ ] Slack channels › #parcel-support › Check the daily bot post <!-- check:check-the-daily-bot-post -->
- [ ] Things to look for <!-- check:things-to-look-for -->
  - From the plan: Counts lower than usual
  - From the plan: New error traces

### Other Links
- [ ] Carrier Gateway error traces › APM traces <!-- check:apm-traces -->
  - From the plan: Ignore the warm-up lambda's logs

## Tickets

## Incidents

## Hand-off
`,
    );
  });

  it('reads back what it wrote', () => {
    const read = log(fresh());
    assert.equal(read.planPath, 'runbooks/production-support.md');
    assert.equal(read.engineer, 'Sam Becker');
    assert.equal(read.started, '2026-12-02T08:00:00.000Z');
    assert.equal(read.ended, undefined);
    assert.deepEqual(read.checks.map((c) => [c.id, c.text, c.done, c.planNotes, c.notes]), [
      ['pagerduty', 'PagerDuty', false, ['Follow the Incident Response Plan for incidents'], []],
      ['check-the-daily-bot-post', 'Slack channels › #parcel-support › Check the daily bot post', false, [], []],
      ['things-to-look-for', 'Things to look for', false, ['Counts lower than usual', 'New error traces'], []],
      ['apm-traces', 'Carrier Gateway error traces › APM traces', false, ["Ignore the warm-up lambda's logs"], []],
    ]);
    const lines = fresh().split('\n');
    for (const check of read.checks) assert.ok(lines[check.line]?.includes(`<!-- check:${check.id} -->`));
    assert.deepEqual([read.tickets, read.incidents, read.handOff], [[], [], undefined]);
  });

  it('keeps Markdown in the plan\'s texts as text', () => {
    const checks: ShiftCheck[] = [{ id: 'x', text: '# [Docs](javascript:x) <img src=x> `code', group: [], line: 0, notes: ['<!-- hidden --> 1. first'], links: [] }];
    const text = renderShiftLog({ ...START, checks, engineer: '## Sam', planTitle: '[Plan](http://evil)' });
    assert.deepEqual(headings(text), ['# Support shift · 2026-12-02 · \\## Sam', '## Checks', '## Tickets', '## Incidents', '## Hand-off']);
    const read = log(text);
    assert.equal(read.engineer, '## Sam');
    assert.deepEqual(read.checks.map((c) => [c.text, c.planNotes]), [['# [Docs](javascript:x) <img src=x> `code', ['<!-- hidden --> 1. first']]]);
    assert.ok(!text.includes('[Docs](javascript'));
  });

  it('isShiftLog is true for a log and false for an incident record or a plan', () => {
    assert.equal(isShiftLog(fresh()), true);
    assert.equal(isShiftLog('---\nid: x\ntitle: y\nstatus: investigating\n---\n# Incident\n'), false);
    assert.equal(isShiftLog('## Production Support Plan\n- type: support-shift\n'), false);
  });

  it('refuses a text that is not a shift log, naming the problem', () => {
    const error = (text: string) => {
      const read = readShiftLog(text);
      assert.ok(!read.ok);
      return read.error;
    };
    assert.match(error('# Notes\n'), /no front matter/);
    assert.match(error('---\nid: x\n---\n'), /type \(none\), not "support-shift"/);
    assert.match(error('---\ntype: incident\n---\n'), /type "incident"/);
    assert.match(error('---\ntype: support-shift\nplan: [unclosed\n---\n'), /not valid YAML/);
    assert.match(error('---\ntype: support-shift\nplan: p.md\n---\n'), /lacks engineer, started/);
    assert.match(error('---\ntype: support-shift\nplan: p.md\nengineer: Sam\nstarted: yesterday\n---\n'), /started "yesterday" is not a date/);
    assert.match(error('---\ntype: support-shift\nplan: p.md\nengineer: Sam\nstarted: 2026-12-02T08:00:00Z\nended: soon\n---\n'), /ended "soon" is not a date/);
  });

  it('reads a log with Windows line breaks and a byte order mark', () => {
    const text = `\uFEFF${fresh().replace(/\n/g, '\r\n')}`;
    const read = log(text);
    assert.equal(read.checks.length, 4);
    const ticked = applied(text, tickCheckEdits(text, 'pagerduty', true, at('08:10'), ZONE));
    assert.ok(ticked.includes('- [x] PagerDuty <!-- check:pagerduty --> (done 09:10 CET)\r\n'));
    assert.ok(!/[^\r]\n/.test(ticked), 'CRLF kept');
    assert.equal(log(ticked).checks[0]?.done, true);
  });
});

describe('tickCheckEdits', () => {
  it('ticks the box, stamps the time in the given zone and counts it in the front matter', () => {
    const text = applied(fresh(), tickCheckEdits(fresh(), 'check-the-daily-bot-post', true, at('08:12'), ZONE));
    assert.ok(text.includes('- [x] Slack channels › #parcel-support › Check the daily bot post <!-- check:check-the-daily-bot-post --> (done 09:12 CET)\n'));
    const check = log(text).checks[1];
    assert.deepEqual([check?.done, check?.doneAt], [true, '09:12 CET']);
    assert.deepEqual([frontMatter(text).checks_done, frontMatter(text).checks_total], [1, 4]);
  });

  it('ticking twice keeps the first time and writes nothing', () => {
    const once = applied(fresh(), tickCheckEdits(fresh(), 'pagerduty', true, at('08:12'), ZONE));
    assert.deepEqual(tickCheckEdits(once, 'pagerduty', true, at('10:00'), ZONE), []);
    assert.equal(log(once).checks[0]?.doneAt, '09:12 CET');
  });

  it('unticking clears the box and the time, and counts down', () => {
    const ticked = applied(fresh(), tickCheckEdits(fresh(), 'pagerduty', true, at('08:12'), ZONE));
    const both = applied(ticked, tickCheckEdits(ticked, 'apm-traces', true, at('08:20'), ZONE));
    const unticked = applied(both, tickCheckEdits(both, 'pagerduty', false, at('09:00'), ZONE));
    assert.ok(unticked.includes('- [ ] PagerDuty <!-- check:pagerduty -->\n'));
    assert.deepEqual(log(unticked).checks.map((c) => c.done), [false, false, false, true]);
    assert.equal(frontMatter(unticked).checks_done, 1);
    assert.deepEqual(tickCheckEdits(fresh(), 'pagerduty', false, at('09:00'), ZONE), []);
  });

  it('an unknown check id is an error naming it', () => {
    assert.deepEqual(tickCheckEdits(fresh(), 'no-such-check', true, at('08:00'), ZONE), { error: 'no check "no-such-check" in this shift log (it has 4)' });
    assert.match((addCheckNoteEdits(fresh(), 'nope', 'x') as { error: string }).error, /no check "nope"/);
  });

  it('a text that is not a shift log is refused', () => {
    assert.match((tickCheckEdits('# Notes\n', 'pagerduty', true, at('08:00')) as { error: string }).error, /not a support shift log/);
  });

  it('keeps what a person added to the front matter', () => {
    const text = fresh().replace('ended: null\n', 'ended: null\n# the secondary is Ada\nsecondary: Ada\n');
    const ticked = applied(text, tickCheckEdits(text, 'pagerduty', true, at('08:12'), ZONE));
    assert.ok(ticked.includes('# the secondary is Ada\nsecondary: Ada\n'));
  });
});

describe('addCheckNoteEdits', () => {
  it('adds the shift\'s note after the plan\'s notes, and reads it back as the shift\'s', () => {
    const text = applied(fresh(), addCheckNoteEdits(fresh(), 'things-to-look-for', 'numbers down 10% vs last Tuesday'));
    assert.ok(text.includes('  - From the plan: New error traces\n  - Note: numbers down 10% vs last Tuesday\n- [ ] Carrier') || text.includes('  - From the plan: New error traces\n  - Note: numbers down 10% vs last Tuesday\n\n### Other Links'));
    const again = applied(text, addCheckNoteEdits(text, 'things-to-look-for', 'back to normal by 11:00'));
    const check = log(again).checks[2];
    assert.deepEqual(check?.notes, ['numbers down 10% vs last Tuesday', 'back to normal by 11:00']);
    assert.deepEqual(check?.planNotes, ['Counts lower than usual', 'New error traces']);
  });

  it('counts a bullet a person wrote under a check as the shift\'s note', () => {
    const text = fresh().replace('<!-- check:apm-traces -->\n', '<!-- check:apm-traces -->\n  - saw two 500s\n');
    assert.deepEqual(log(text).checks[3]?.notes, ['saw two 500s']);
  });

  it('refuses an empty note', () => {
    assert.deepEqual(addCheckNoteEdits(fresh(), 'pagerduty', ' \n '), { error: 'the note is empty' });
  });

  it('neutralises a note that tries to add lines, headings, checks or comments', () => {
    const hostile = 'quiet\n## Tickets\n- [ ] fake <!-- check:fake -->\n<!-- hand-off -->\n```';
    const text = applied(fresh(), addCheckNoteEdits(fresh(), 'pagerduty', hostile));
    assert.deepEqual(headings(text), headings(fresh()));
    const read = log(text);
    assert.deepEqual(read.checks.map((c) => c.id), CHECKS.map((c) => c.id));
    assert.deepEqual(read.checks[0]?.notes, ['quiet ## Tickets - [ ] fake <!-- check:fake --> <!-- hand-off --> ```']);
    assert.equal(read.handOff, undefined);
  });
});

describe('addTicketEdits and markTicketResolvedEdits', () => {
  it('lists the ticket with its GitHub issue and time, and in the front matter', () => {
    const text = applied(fresh(), addTicketEdits(fresh(), TICKET));
    assert.ok(text.includes('## Tickets\n- INC0010045 · Carrier webhook answers 502 to DHL status updates → [northwind/parcel-tracking#130](https://github.com/northwind/parcel-tracking/issues/130) (09:30 CET)\n\n## Incidents'));
    assert.deepEqual(frontMatter(text).tickets, ['INC0010045']);
    assert.deepEqual(log(text).tickets, [{ number: 'INC0010045', shortDescription: TICKET.shortDescription, issueUrl: TICKET.issueUrl, issueRef: TICKET.issueRef, line: log(text).tickets[0]?.line }]);
  });

  it('a second add of the same number updates its line rather than duplicating it, keeping its time', () => {
    const first = applied(fresh(), addTicketEdits(fresh(), { ...TICKET, issueUrl: '', issueRef: '' }));
    assert.equal(log(first).tickets[0]?.issueUrl, undefined);
    const second = applied(first, addTicketEdits(first, { ...TICKET, number: 'inc0010045', shortDescription: 'Webhook 502s (DHL)', at: at('10:00') }));
    const tickets = log(second).tickets;
    assert.equal(tickets.length, 1);
    assert.deepEqual([tickets[0]?.shortDescription, tickets[0]?.issueRef], ['Webhook 502s (DHL)', 'northwind/parcel-tracking#130']);
    assert.ok(second.includes('(09:30 CET)'));
    assert.deepEqual(frontMatter(second).tickets, ['INC0010045']);
    assert.deepEqual(addTicketEdits(second, { ...TICKET, shortDescription: 'Webhook 502s (DHL)' }), []);
  });

  it('a second ticket goes after the first', () => {
    const one = applied(fresh(), addTicketEdits(fresh(), TICKET));
    const two = applied(one, addTicketEdits(one, { ...TICKET, number: 'INC0010046', shortDescription: 'Label printer offline', issueUrl: '', issueRef: '' }));
    assert.deepEqual(log(two).tickets.map((t) => t.number), ['INC0010045', 'INC0010046']);
    assert.deepEqual(frontMatter(two).tickets, ['INC0010045', 'INC0010046']);
  });

  it('marks a ticket\'s fix resolved with the time, once', () => {
    const text = applied(fresh(), addTicketEdits(fresh(), TICKET));
    const resolved = applied(text, markTicketResolvedEdits(text, 'INC0010045', at('10:02'), ZONE));
    assert.ok(resolved.includes('(09:30 CET, resolved 11:02 CET)\n'));
    assert.equal(log(resolved).tickets[0]?.resolved, true);
    assert.deepEqual(markTicketResolvedEdits(resolved, 'INC0010045', at('11:00'), ZONE), []);
    const updated = applied(resolved, addTicketEdits(resolved, { ...TICKET, shortDescription: 'Still fixed' }));
    assert.equal(log(updated).tickets[0]?.resolved, true);
  });

  it('refuses a resolution for a ticket not listed, and a number that is not one', () => {
    assert.deepEqual(markTicketResolvedEdits(fresh(), 'INC0000001', at('10:00')), { error: "ticket INC0000001 is not in this shift log's tickets" });
    assert.match((addTicketEdits(fresh(), { ...TICKET, number: 'INC 1\n## x' }) as { error: string }).error, /is not a ticket number/);
  });

  it('neutralises a short description that tries to add a list item, heading, link or comment', () => {
    const shortDescription = 'Printer down\n- [ ] fake <!-- check:fake -->\n## Hand-off\n[click](javascript:alert(1)) <script>x</script> → [a](b) (10:00)';
    const text = applied(fresh(), addTicketEdits(fresh(), { ...TICKET, shortDescription }));
    assert.deepEqual(headings(text), headings(fresh()));
    const read = log(text);
    assert.equal(read.checks.length, 4);
    assert.deepEqual(read.tickets.map((t) => [t.shortDescription, t.issueRef]), [[shortDescription.replace(/\n/g, ' '), TICKET.issueRef]]);
    assert.ok(!text.includes('[click](javascript'));
    assert.ok(!/(?:^|[^\\])<script/.test(text));
  });

  it('writes an issue URL that cannot end the link early', () => {
    const text = applied(fresh(), addTicketEdits(fresh(), { ...TICKET, issueUrl: 'https://github.com/o/r/issues/1) [x](y', issueRef: 'o/r#1' }));
    assert.equal(log(text).tickets[0]?.issueUrl, 'https://github.com/o/r/issues/1%29%20%5Bx%5D%28y');
  });

  it('adds the Tickets section back when a person removed it', () => {
    const text = fresh().replace('## Tickets\n\n', '');
    const added = applied(text, addTicketEdits(text, TICKET));
    assert.deepEqual(headings(added), headings(fresh()));
    assert.equal(log(added).tickets.length, 1);
  });
});

describe('addIncidentEdits', () => {
  it('links the record, with the time, and lists its path in the front matter; once', () => {
    const incident = { title: 'Checkout errors', path: '../incidents/2026-12-02-checkout-errors.md', at: at('09:05'), timeZone: ZONE };
    const text = applied(fresh(), addIncidentEdits(fresh(), incident));
    assert.ok(text.includes('## Incidents\n- [Checkout errors](../incidents/2026-12-02-checkout-errors.md) (10:05 CET)\n'));
    assert.deepEqual(log(text).incidents, [{ title: 'Checkout errors', path: '../incidents/2026-12-02-checkout-errors.md' }]);
    assert.deepEqual(frontMatter(text).incidents, ['../incidents/2026-12-02-checkout-errors.md']);
    assert.deepEqual(addIncidentEdits(text, incident), []);
  });

  it('keeps a title with brackets as text', () => {
    const text = applied(fresh(), addIncidentEdits(fresh(), { title: '[P1] Labels ](x) down', path: '../incidents/a.md', at: at('09:05'), timeZone: ZONE }));
    assert.deepEqual(log(text).incidents, [{ title: '[P1] Labels ](x) down', path: '../incidents/a.md' }]);
  });

  it('refuses an incident without a path', () => {
    assert.deepEqual(addIncidentEdits(fresh(), { title: 'x', path: ' ', at: at('09:00') }), { error: 'the incident record has no path' });
  });
});

describe(`shift log edits on hostile input stay linear (time at ${GROWTH}n under ${MAX_RATIO}× time at n)`, function () {
  this.timeout(60_000);
  const manyChecks = (n: number): ShiftCheck[] => Array.from({ length: n }, (_, i) => ({ id: `check-${i}`, text: `Check ${i}`, group: [`Group ${i % 7}`], line: i, notes: ['ignore the noise'], links: [] }));

  it('a log of many checks: ticking one', () => {
    const r = growth((n) => renderShiftLog({ ...START, checks: manyChecks(n) }), (text) => tickCheckEdits(text, 'check-0', true, at('09:00'), ZONE), 500).ratio;
    assert.ok(r < MAX_RATIO, `${r.toFixed(1)}×`);
  });

  it('long lines of brackets, backslashes, comment openers and " (" in a ticket description', () => {
    for (const unit of ['[', '\\', '<!--', ' (', ' → [', '](', '\\]']) {
      const r = growth((n) => applied(fresh(), addTicketEdits(fresh(), { ...TICKET, shortDescription: unit.repeat(n) })), (text) => readShiftLog(text), 40_000).ratio;
      assert.ok(r < MAX_RATIO, `${JSON.stringify(unit)}: ${r.toFixed(1)}×`);
    }
  });

  it('long hand-written lines in the log\'s sections', () => {
    for (const unit of ['- [ ] x <!-- check:', '- INC1 · ', ' (10:00', '- [', '\\\\\\[', '  - Note: ']) {
      const r = growth((n) => fresh().replace('## Tickets\n', `## Tickets\n- INC1 · ${unit.repeat(n)}\n${unit.repeat(n)}\n`).replace('## Incidents\n', `## Incidents\n${unit.repeat(n)}\n`), (text) => readShiftLog(text), 40_000).ratio;
      assert.ok(r < MAX_RATIO, `${JSON.stringify(unit)}: ${r.toFixed(1)}×`);
    }
  });

  it('many notes under one check', () => {
    const r = growth((n) => fresh().replace('<!-- check:pagerduty -->\n', `<!-- check:pagerduty -->\n${'  - Note: seen\n'.repeat(n)}`), (text) => addCheckNoteEdits(text, 'pagerduty', 'one more'), 2000).ratio;
    assert.ok(r < MAX_RATIO, `${r.toFixed(1)}×`);
  });
});
