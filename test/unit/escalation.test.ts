import * as assert from 'node:assert/strict';
import { dueTimers, escalationMessage, escalationRows, escalationTimers, isOverdue, splitDue } from '../../src/core/incident/escalation';
import { parseRunbook } from '../../src/core/runbook/parseRunbook';
import { ratioToMarkdownIt } from '../harness/benchParse';
import { requireSeeds } from './seeds';

const RUNBOOK = parseRunbook(
  [
    '# Checkout',
    '## Escalation',
    '- Initial triage: the on-call engineer tries to resolve the issue for [Timeframe, e.g., 15 minutes].',
    '- Technical escalation: without progress after 30 minutes, page the Technical Lead.',
    '- Leadership escalation: after 4 hours, notify leadership.',
    '',
  ].join('\n'),
);
const NOW = new Date('2026-03-01T14:00:00Z');
const THREE_HOURS_AGO = new Date(NOW.getTime() - 3 * 60 * 60_000);
const count = (text: string, part: string) => text.split(part).length - 1;

describe('escalation timers on a backdated start', () => {
  it('are due from the start; those before now are overdue, the rest ahead', () => {
    const { due, ahead } = splitDue(dueTimers(escalationTimers(RUNBOOK), THREE_HOURS_AGO), NOW);
    assert.deepEqual(
      due.map((t) => [t.minutes, t.dueAt.toISOString()]),
      [
        [15, '2026-03-01T11:15:00.000Z'],
        [30, '2026-03-01T11:30:00.000Z'],
      ],
    );
    assert.deepEqual(
      ahead.map((t) => [t.minutes, t.dueAt.toISOString()]),
      [[240, '2026-03-01T15:00:00.000Z']],
    );
  });

  it('a start of now leaves every timer ahead', () => {
    const { due, ahead } = splitDue(dueTimers(escalationTimers(RUNBOOK), NOW), NOW);
    assert.equal(due.length, 0);
    assert.equal(ahead.length, 3);
  });

  it('every overdue step goes into one summary, which quotes each placeholder once and shows times as a person reads them', () => {
    const { due } = splitDue(dueTimers(escalationTimers(RUNBOOK), THREE_HOURS_AGO), NOW);
    const text = escalationMessage(due, { now: NOW, timeZone: 'UTC' });
    assert.match(text, /^2 escalation steps are overdue/);
    assert.ok(text.includes('Initial triage: the on-call engineer tries to resolve the issue'), text);
    assert.ok(text.includes('Technical escalation: without progress after 30 minutes'), text);
    assert.equal(count(text, '[Timeframe, e.g., 15 minutes]'), 1, text);
    assert.ok(text.includes('11:15 UTC') && text.includes('11:30 UTC'), text);
    assert.match(text, /example, 15 minutes/);
    assert.doesNotMatch(text, /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/, 'no ISO string');
    assert.doesNotMatch(text, /Leadership/, 'a step not yet due is not in it');
  });

  it('one step due now gets its own message, quoting its placeholder once', () => {
    const [first] = dueTimers(escalationTimers(RUNBOOK), new Date(NOW.getTime() - 15 * 60_000));
    assert.ok(first);
    const text = escalationMessage([first], { now: NOW, timeZone: 'UTC' });
    assert.match(text, /^Escalation step due at 14:00 UTC \(15 minutes after the start\): Initial triage/);
    assert.equal(count(text, '[Timeframe, e.g., 15 minutes]'), 1, text);
  });

  it('a placeholder that is not in the step text is quoted in the note, once', () => {
    const [timer] = dueTimers([{ step: 'Page the lead', line: 3, minutes: 15, fromExample: '[Timeframe, e.g., 15 minutes]' }], THREE_HOURS_AGO);
    assert.ok(timer);
    const text = escalationMessage([timer], { now: NOW, timeZone: 'UTC' });
    assert.match(text, /^Escalation step overdue since 11:15 UTC/);
    assert.equal(count(text, '[Timeframe, e.g., 15 minutes]'), 1, text);
  });

  it('the incident response plan, started 3 hours ago: one summary naming each overdue step and its placeholder once', function () {
    const seed = requireSeeds(this).find((s) => s.name.startsWith('001'));
    if (!seed) this.skip();
    const timers = escalationTimers(parseRunbook(seed.text));
    const { due } = splitDue(dueTimers(timers, THREE_HOURS_AGO), NOW);
    assert.ok(due.length >= 1);
    const text = escalationMessage(due, { now: NOW, timeZone: 'UTC' });
    for (const timer of due) assert.ok(text.includes(timer.step), `${timer.step} in ${text}`);
    assert.equal(count(text, '[Timeframe, e.g., 15 minutes]'), 1, text);
  });

  it('the Incident view shows the steps whose time has passed as overdue, the others with when they are due', () => {
    const rows = escalationRows(dueTimers(escalationTimers(RUNBOOK), THREE_HOURS_AGO), { now: NOW, timeZone: 'UTC' });
    assert.deepEqual(
      rows.map((r) => [r.step.split(':')[0], r.label, r.overdue]),
      [
        ['Initial triage', '11:15 UTC · overdue', true],
        ['Technical escalation', '11:30 UTC · overdue', true],
        ['Leadership escalation', '15:00 UTC', false],
      ],
    );
  });
});

describe('one definition of overdue for the message and the Incident view', () => {
  const timer = (dueAt: Date) => ({ step: 'Page the lead', line: 3, minutes: 15, dueAt });

  it('a step due 30 seconds ago is due, not overdue, in both; one due 2 minutes ago is overdue in both', () => {
    const justDue = timer(new Date(NOW.getTime() - 30_000));
    const late = timer(new Date(NOW.getTime() - 2 * 60_000));
    assert.equal(isOverdue(justDue, NOW), false);
    assert.match(escalationMessage([justDue], { now: NOW, timeZone: 'UTC' }), /^Escalation step due at 13:59 UTC/);
    assert.deepEqual(escalationRows([justDue], { now: NOW, timeZone: 'UTC' }).map((r) => [r.label, r.overdue]), [['13:59 UTC', false]]);
    assert.match(escalationMessage([late], { now: NOW, timeZone: 'UTC' }), /^Escalation step overdue since 13:58 UTC/);
    assert.deepEqual(escalationRows([late], { now: NOW, timeZone: 'UTC' }).map((r) => [r.label, r.overdue]), [['13:58 UTC · overdue', true]]);
  });
});

describe('escalation timers in on-call sections', () => {
  it('count a step bounded by a placeholder left open, and not a window around an event', () => {
    const model = parseRunbook('## On-call\n\n- Try to resolve it for [Timeframe, e.g., 15 minutes]\n- Stay on call for 1 hour before and 1 hour after the release\n');
    assert.deepEqual(escalationTimers(model).map((t) => [t.minutes, t.fromExample]), [[15, '[Timeframe, e.g., 15 minutes]']]);
  });

  // The ratio, not a time (as in parseRunbook.hostile.test.ts). With "for [" 40,000 times the unbounded
  // bracket pattern took 14 s; at this quarter of that size it was 9× markdown-it's parse.
  it('are found within 3× markdown-it\'s parse of the same text for thousands of unclosed "for [" brackets', function () {
    this.timeout(120_000);
    const text = `## On-call\n\n- ${'for ['.repeat(10_000)}`;
    const model = parseRunbook(text);
    const { ratio, modelMs, markdownItMs } = ratioToMarkdownIt(text, () => escalationTimers(model));
    assert.ok(ratio < 3, `${ratio.toFixed(1)}× (escalationTimers ${modelMs.toFixed(1)} ms, markdown-it ${markdownItMs.toFixed(1)} ms)`);
  });
});
