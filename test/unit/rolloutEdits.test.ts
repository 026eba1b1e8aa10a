import * as assert from 'node:assert/strict';
import { applyTextEdits } from '../../src/core/incident/textEdits';

import { type EditResult, fillRollbackBlock, recordResults, rollBack, type RollBack, startNextStage, type StartNext } from '../../src/core/rollout/rolloutEdits';
import { goNoGoWarnings, rolloutState, type StageStatus } from '../../src/core/rollout/stageStatus';
import { CHECKLIST_PLAN, COMPACT_PLAN, MID_ROLLOUT_PLAN } from '../fixtures/releasePlans';
import { parsed, seedPlanText } from './rolloutTestPlans';

// Every edit is checked against the whole text: the original with only the named lines changed (and lines added
// after them), every other byte as it was. Dates are written with an explicit offset so no machine zone shows.

/** Nov 25, 12:00 UTC: the mid-rollout plan's Stage C (5%) is live, Stage D (10%) rolled back and next. */
const NOW = new Date('2026-11-25T12:00:00Z');
/** What NOW is written as at UTC+01:00. */
const WRITTEN = '2026-11-25 13:00 UTC+01:00';
const PLUS_ONE = 60;

function statuses(text: string, now: Date): StageStatus[] {
  return rolloutState(parsed(text), now).stages.map((s) => s.status);
}

function applied(text: string, result: EditResult): string {
  assert.ok(result.ok, result.ok ? '' : result.error);
  return applyTextEdits(text, result.edits);
}

/** The 0-based line of the first line starting with `start` at or after the line starting with `after`. */
function lineOf(text: string, start: string, after?: string): number {
  const lines = text.split(/\r?\n/);
  const from = after === undefined ? 0 : lines.findIndex((l) => l.startsWith(after));
  const line = lines.findIndex((l, i) => i >= from && l.startsWith(start));
  assert.ok(from >= 0 && line >= 0, `no line starting ${JSON.stringify(start)}${after ? ` after ${JSON.stringify(after)}` : ''}`);
  return line;
}

/**
 * The edited text is the original with only `changes` made: each key line replaced by the lines given (the line
 * itself first when lines are only added after it). Checked twice: the lines not changed are the original's, in
 * order, byte for byte; and the whole text is exactly what the changes make, line breaks included.
 */
function assertEdited(before: string, after: string, changes: Record<number, readonly string[]>): void {
  const eol = before.includes('\r\n') ? '\r\n' : '\n';
  const lines = before.split(eol);
  const changed = new Set(Object.keys(changes).map(Number));
  for (const line of changed) assert.ok(line >= 0 && line < lines.length, `line ${line} is in the original`);
  const expected = lines.flatMap((line, i) => changes[i] ?? [line]);
  // The original minus the changed lines, against the edited text minus the lines the changes wrote.
  const kept = lines.filter((_, i) => !changed.has(i));
  const written = new Set<number>();
  let at = 0;
  lines.forEach((line, i) => {
    const replacement = changes[i];
    if (replacement) replacement.forEach((_, k) => written.add(at + k));
    at += replacement ? replacement.length : 1;
  });
  const afterLines = after.split(eol);
  assert.deepEqual(afterLines.filter((_, i) => !written.has(i)), kept, 'the lines not edited are the original’s');
  assert.equal(after, expected.join(eol));
}

function start(text: string, request: Partial<StartNext> = {}): EditResult {
  return startNextStage(text, parsed(text), { now: NOW, offsetMinutes: PLUS_ONE, go: true, answers: [], ...request });
}

function rollback(text: string, request: Partial<RollBack> = {}): EditResult {
  return rollBack(text, parsed(text), { now: NOW, offsetMinutes: PLUS_ONE, reason: '500s on label print', severity: 'SEV-3', tickets: 'northwind/parcel-labels#141', ...request });
}

describe('startNextStage', () => {
  const mid = MID_ROLLOUT_PLAN;
  const cLast = lineOf(mid, '- Rollbacks:', '### Stage C');
  const dDate = lineOf(mid, 'Date:', '### Stage D');

  it('go: the next stage’s Date becomes now (the earlier start kept), its box ticked, the answers under the live stage’s Results', () => {
    const plan = parsed(mid);
    const despite = goNoGoWarnings(plan, NOW);
    // Stage C runs its week again from D's rollback to it (Nov 20): 5 of 7 days by NOW.
    assert.deepEqual(despite, ['the Results of "Stage C: Moderate ramp up" are empty', 'its timebox is not over: 5 of 7 days']);
    const result = startNextStage(mid, plan, {
      now: NOW,
      offsetMinutes: PLUS_ONE,
      go: true,
      answers: [
        { criterion: 'Sentry errors remain constant across batches', answer: 'held' },
        { criterion: 'HTTP status codes remain constant across batches', answer: 'not held', note: 'a few 502s,\n  all retried' },
        { criterion: 'Latency stays within 10% of the baseline', answer: 'skipped', note: '   ' },
        { criterion: 'Nobody complained', answer: 'held' },
      ],
      despite,
    });
    assert.ok(result.ok);
    assert.equal(result.message, `Started "Stage D: Another ramp up" (10%) at 13:00 UTC+01:00`);
    assert.equal(result.focusLine, dDate);
    const after = applied(mid, result);
    assertEdited(mid, after, {
      [lineOf(mid, '    [ ] 10%')]: ['    [x] 10%'],
      [cLast]: [
        '- Rollbacks:',
        `- Go/no-go ${WRITTEN}: Go to Stage D: Another ramp up (10%)`,
        '    - Held: Sentry errors remain constant across batches',
        '    - Not held: HTTP status codes remain constant across batches (a few 502s, all retried)',
        '    - Skipped: Latency stays within 10% of the baseline',
        '    - Held: Nobody complained [not a criterion of the plan]',
        '    - Went ahead although the Results of "Stage C: Moderate ramp up" are empty',
        '    - Went ahead although its timebox is not over: 5 of 7 days',
      ],
      [dDate]: [`Date: ${WRITTEN} (earlier start: 2026-11-19 09:00 UTC)`],
    });
    // Re-read: Stage D restarted after its rollback is live; the note is not a Result of Stage C.
    const plan2 = parsed(after);
    assert.deepEqual(statuses(after, NOW), ['done', 'done', 'done', 'live', 'next']);
    assert.equal(plan2.stages[3]?.startedAt?.toISOString(), NOW.toISOString());
    assert.deepEqual(plan2.stages[2]?.results.map((r) => [r.label, r.value]), [['New Sentry Errors', ''], ['Rollbacks', '']]);
    assert.deepEqual(plan2.checklist.map((b) => b.checked), [true, true, true, false]);
  });

  it('go without answers or warnings writes no note: only the Date and the box', () => {
    const after = applied(mid, start(mid));
    assertEdited(mid, after, {
      [lineOf(mid, '    [ ] 10%')]: ['    [x] 10%'],
      [dDate]: [`Date: ${WRITTEN} (earlier start: 2026-11-19 09:00 UTC)`],
    });
  });

  it('go with warnings but no answers still notes what the person went ahead despite', () => {
    const after = applied(mid, start(mid, { despite: ['its timebox is not over: 3 of 7 days'] }));
    assertEdited(mid, after, {
      [lineOf(mid, '    [ ] 10%')]: ['    [x] 10%'],
      [cLast]: ['- Rollbacks:', `- Go/no-go ${WRITTEN}: Go to Stage D: Another ramp up (10%)`, '    - Went ahead although its timebox is not over: 3 of 7 days'],
      [dDate]: [`Date: ${WRITTEN} (earlier start: 2026-11-19 09:00 UTC)`],
    });
  });

  it('no-go: only the note, with the answers and not the warnings; the rollout stands where it was', () => {
    const result = start(mid, { go: false, answers: [{ criterion: 'Sentry errors remain constant across batches', answer: 'not held', note: 'errors up 40%' }], despite: ['ignored on a no-go'] });
    assert.ok(result.ok);
    assert.equal(result.message, 'Recorded no-go for "Stage C: Moderate ramp up"');
    assert.equal(result.focusLine, cLast + 1);
    const after = applied(mid, result);
    assertEdited(mid, after, {
      [cLast]: ['- Rollbacks:', `- Go/no-go ${WRITTEN}: No-go: the stage stays`, '    - Not held: Sentry errors remain constant across batches (errors up 40%)'],
    });
    assert.deepEqual(statuses(after, NOW), statuses(mid, NOW));
  });

  it('no-go without answers still notes the decision', () => {
    const after = applied(mid, start(mid, { go: false }));
    assertEdited(mid, after, { [cLast]: ['- Rollbacks:', `- Go/no-go ${WRITTEN}: No-go: the stage stays`] });
  });

  it('writes the note below a last Result’s nested detail, and a later note below an earlier one', () => {
    const text = mid.replace('- New Sentry Errors:\n- Rollbacks:\n\n### Stage D', '- New Sentry Errors: 2\n- Rollbacks:\n    - none, but a scare on Nov 14\n\n### Stage D');
    const detail = lineOf(text, '    - none, but a scare');
    const first = applied(text, start(text, { go: false, answers: [{ criterion: 'Sentry errors remain constant across batches', answer: 'not held' }] }));
    const noGo = [`- Go/no-go ${WRITTEN}: No-go: the stage stays`, '    - Not held: Sentry errors remain constant across batches'];
    assertEdited(text, first, { [detail]: ['    - none, but a scare on Nov 14', ...noGo] });
    const later = new Date('2026-11-26T12:00:00Z');
    const second = applied(first, start(first, { now: later, answers: [{ criterion: 'Sentry errors remain constant across batches', answer: 'held' }] }));
    assertEdited(text, second, {
      [lineOf(text, '    [ ] 10%')]: ['    [x] 10%'],
      [detail]: ['    - none, but a scare on Nov 14', ...noGo, '- Go/no-go 2026-11-26 13:00 UTC+01:00: Go to Stage D: Another ramp up (10%)', '    - Held: Sentry errors remain constant across batches'],
      [lineOf(text, 'Date:', '### Stage D')]: ['Date: 2026-11-26 13:00 UTC+01:00 (earlier start: 2026-11-19 09:00 UTC)'],
    });
    assert.deepEqual(parsed(second).stages[2]?.results.map((r) => [r.label, r.value]), [['New Sentry Errors', '2'], ['Rollbacks', '']]);
    assert.deepEqual(statuses(second, later), ['done', 'done', 'done', 'live', 'next']);
  });

  it('writes the Date with the time and zone given, read back as the same instant', () => {
    for (const [offsetMinutes, written] of [
      [0, '2026-11-25 12:00 UTC'],
      [-300, '2026-11-25 07:00 UTC-05:00'],
      [330, '2026-11-25 17:30 UTC+05:30'],
      [-210, '2026-11-25 08:30 UTC-03:30'],
    ] as const) {
      const after = applied(mid, start(mid, { offsetMinutes }));
      assert.equal(after.split('\n')[dDate], `Date: ${written} (earlier start: 2026-11-19 09:00 UTC)`);
      assert.equal(parsed(after).stages[3]?.startedAt?.toISOString(), NOW.toISOString(), written);
    }
  });

  it('drops the seconds of now, and the stage counts as started at that minute', () => {
    const now = new Date('2026-11-25T12:00:42.500Z');
    const after = applied(mid, start(mid, { now }));
    assert.equal(after.split('\n')[dDate], `Date: ${WRITTEN} (earlier start: 2026-11-19 09:00 UTC)`);
    assert.deepEqual(statuses(after, now), ['done', 'done', 'done', 'live', 'next']);
  });

  it('keeps a planned Date in the future, or words, as planned', () => {
    const compact = COMPACT_PLAN.replace('Date:\nTimebox: 48 hours', 'Date: 2026-12-10\nTimebox: 48 hours');
    const date = lineOf(compact, 'Date:', '## Canary');
    const after = applied(compact, start(compact));
    assert.equal(after.split('\n')[date], `Date: ${WRITTEN} (planned: 2026-12-10)`);
    assert.deepEqual(statuses(after, NOW), ['live', 'next', 'upcoming']);
    const tbd = COMPACT_PLAN.replace('Date:\nTimebox: 48 hours', 'Date: TBD\nTimebox: 48 hours');
    assert.equal(applied(tbd, start(tbd)).split('\n')[date], `Date: ${WRITTEN} (planned: TBD)`);
  });

  it('writes an empty Date in place, leaving what follows the colon as it was', function () {
    const seed = seedPlanText(this);
    const date = lineOf(seed, 'Date: ', '### Stage A: Canary');
    assert.equal(seed.split('\n')[date], 'Date: ');
    const result = start(seed);
    assert.ok(result.ok);
    assert.equal(result.message, 'Started "Stage A: Canary" (targeted users) at 13:00 UTC+01:00');
    const after = applied(seed, result);
    assertEdited(seed, after, { [date]: [`Date: ${WRITTEN}`] });
    assert.deepEqual(statuses(after, NOW), ['live', 'next', 'upcoming', 'upcoming', 'upcoming', 'upcoming', 'upcoming']);
  });

  it('adds a Date line under the stage’s Planning heading, or its heading, when it has none', () => {
    const plan = '### Stage A: 1%\n#### Planning\nOwner: Sam\n### Stage B: 5%\nOwner: Kim\n';
    const first = applied(plan, start(plan));
    assertEdited(plan, first, { 1: ['#### Planning', `Date: ${WRITTEN}`] });
    const second = applied(first, start(first, { now: new Date('2026-11-26T12:00:00Z') }));
    assertEdited(first, second, { 4: ['### Stage B: 5%', 'Date: 2026-11-26 13:00 UTC+01:00'] });
    assert.deepEqual(statuses(second, new Date('2026-11-26T12:00:00Z')), ['done', 'live']);
  });

  it('ticks the box of the next stage’s percentage in the seed plan’s overview', function () {
    const seed = seedPlanText(this);
    const canary = applied(seed, start(seed, { now: new Date('2026-11-20T09:00:00Z') }));
    const result = start(canary, { answers: [{ criterion: 'Monitor latency', answer: 'held' }] });
    const after = applied(canary, result);
    const results = lineOf(canary, '- Rollbacks:', '### Stage A: Canary');
    assertEdited(canary, after, {
      [lineOf(canary, '    [ ] 1%')]: ['    [x] 1%'],
      [results]: ['- Rollbacks:', `- Go/no-go ${WRITTEN}: Go to Stage A: Monitoring phase (1%)`, '    - Held: Monitor latency'],
      [lineOf(canary, 'Date: ', '### Stage A: Monitoring phase')]: [`Date: ${WRITTEN}`],
    });
    assert.deepEqual(statuses(after, NOW), ['done', 'live', 'next', 'upcoming', 'upcoming', 'upcoming', 'upcoming']);
  });

  it('on the checklist plan: "(started …)" after the next box, ticked, and the note after the live box', () => {
    const now = new Date('2026-11-21T10:00:00Z');
    const result = startNextStage(CHECKLIST_PLAN, parsed(CHECKLIST_PLAN), { now, offsetMinutes: 0, go: true, answers: [{ criterion: 'Error rate flat', answer: 'held' }] });
    assert.ok(result.ok);
    assert.equal(result.message, 'Started "10%" (10%) at 10:00 UTC');
    const after = applied(CHECKLIST_PLAN, result);
    assertEdited(CHECKLIST_PLAN, after, {
      3: ['- [x] 1% (started 2026-11-20 09:00 UTC)', 'Go/no-go 2026-11-21 10:00 UTC: Go to 10% (10%)', '    - Held: Error rate flat [not a criterion of the plan]'],
      4: ['- [x] 10% (started 2026-11-21 10:00 UTC)'],
    });
    assert.deepEqual(statuses(after, now), ['done', 'live', 'next']);
    assert.equal(parsed(after).stages[1]?.startedAt?.toISOString(), now.toISOString());
  });

  it('on the checklist plan: restarting an unticked box with a "(started …)" ticks it and writes the new start', () => {
    const text = '- [ ] 1% (started 2026-11-20 09:00 UTC)\n- [ ] 10%\n';
    const after = applied(text, startNextStage(text, parsed(text), { now: NOW, offsetMinutes: 0, go: true, answers: [] }));
    assertEdited(text, after, { 0: ['- [x] 1% (started 2026-11-25 12:00 UTC)'] });
    assert.deepEqual(statuses(after, NOW), ['live', 'next']);
  });

  it('writes what Flipper was set to beside the stage, after its percentage; a rollback notes the flag set back in its block, keeping that line', () => {
    const flipper = { percentage: 10, at: new Date('2026-11-25T12:01:00Z') };
    const after = applied(mid, start(mid, { flipper }));
    const percentage = lineOf(mid, 'Percentage of Users', '### Stage D');
    assertEdited(mid, after, {
      [lineOf(mid, '    [ ] 10%')]: ['    [x] 10%'],
      [dDate]: [`Date: ${WRITTEN} (earlier start: 2026-11-19 09:00 UTC)`],
      [percentage]: [mid.split('\n')[percentage] ?? '', 'Flipper: 10% (confirmed 13:01 UTC+01:00)'],
    });
    assert.equal(parsed(after).stages[3]?.flipper?.value, '10% (confirmed 13:01 UTC+01:00)');
    const back = applied(after, rollback(after, { now: new Date('2026-11-26T12:00:00Z'), flipper: { percentage: 5, at: new Date('2026-11-26T12:00:00Z') } }));
    assert.equal(back.split('\n')[percentage + 1], 'Flipper: 10% (confirmed 13:01 UTC+01:00)');
    assert.equal(parsed(back).stages[3]?.flipper?.value, '10% (confirmed 13:01 UTC+01:00)');
    const block = back.split('\n');
    const resolved = block.lastIndexOf('    [ ] Has the issue been resolved?');
    assert.equal(block[resolved + 1], '    Flipper: set back to 5% (confirmed 13:00 UTC+01:00)');
    assert.equal(parsed(back).stages[3]?.rollbacks.length, 2, 'the earlier rollback and this one; the flag line is part of its block');
  });

  it('refuses to go past the last stage, and starts nothing', () => {
    const live = COMPACT_PLAN.replace(/^Date:$/gm, (m, at: number) => (at > COMPACT_PLAN.indexOf('## Canary') ? 'Date: 2026-11-20 09:00 UTC' : m));
    assert.deepEqual(start(live), { ok: false, error: '"Go live" is the last stage: there is no next stage to start.' });
    // A no-go there is still noted.
    assert.ok(start(live, { go: false }).ok);
  });

  it('starts the first stage when none is live; a no-go then is refused, its answers having no stage to go under', () => {
    const result = start(COMPACT_PLAN);
    assert.ok(result.ok);
    assert.equal(result.message, `Started "Canary (internal users)" (targeted users) at 13:00 UTC+01:00`);
    assertEdited(COMPACT_PLAN, applied(COMPACT_PLAN, result), { [lineOf(COMPACT_PLAN, 'Date:', '## Canary')]: [`Date: ${WRITTEN}`] });
    const noGo = start(COMPACT_PLAN, { go: false, answers: [{ criterion: 'x', answer: 'held' }] });
    assert.deepEqual(noGo, { ok: false, error: 'No stage is live: a no-go is noted under the live stage, and there is none yet.' });
  });
});

describe('recordResults', () => {
  const mid = MID_ROLLOUT_PLAN;

  it('writes the values into the stage’s Results fields in place, replacing what was there', () => {
    const result = recordResults(mid, parsed(mid), 'Stage B', [
      { field: 'New Sentry Errors', value: '5 (3 known)' },
      { field: 'rollbacks:', value: 'none\nat all' },
    ]);
    assert.ok(result.ok);
    assert.equal(result.message, 'Recorded 2 results for "Stage B: First ramp up"');
    assert.equal(result.focusLine, lineOf(mid, '#### Results:', '### Stage B'));
    const after = applied(mid, result);
    assertEdited(mid, after, {
      [lineOf(mid, '- New Sentry Errors: 2 (known)')]: ['- New Sentry Errors: 5 (3 known)'],
      [lineOf(mid, '- Rollbacks:', '### Stage B')]: ['- Rollbacks: none at all'],
    });
    assert.deepEqual(parsed(after).stages[1]?.results.map((r) => r.value), ['5 (3 known)', 'none at all']);
    assert.deepEqual(statuses(after, NOW), statuses(mid, NOW));
  });

  it('fills the seed plan’s empty fields, with or without a space after the colon, leaving the rest', function () {
    const seed = seedPlanText(this);
    const result = recordResults(seed, parsed(seed), 'Stage B: Moderate ramp up', [
      { field: 'New Sentry Errors', value: '0' },
      { field: 'Highest Latency', value: '820 ms' },
    ]);
    const after = applied(seed, result);
    assertEdited(seed, after, {
      [lineOf(seed, '- New Sentry Errors: ', '### Stage B')]: ['- New Sentry Errors: 0'],
      [lineOf(seed, '- Highest Latency:', '### Stage B')]: ['- Highest Latency: 820 ms'],
    });
    assert.deepEqual(parsed(after).stages[2]?.results.filter((r) => r.value).map((r) => [r.label, r.value]), [['New Sentry Errors', '0'], ['Highest Latency', '820 ms']]);
  });

  it('changes nothing when the values are already written, and says so', () => {
    const result = recordResults(mid, parsed(mid), 'Stage B', [{ field: 'New Sentry Errors', value: '  2 (known) ' }]);
    assert.ok(result.ok);
    assert.deepEqual(result.edits, []);
    assert.equal(result.message, 'No result of "Stage B: First ramp up" changed');
  });

  it('refuses a field the stage lacks, naming the fields it has, and writes none of the others', () => {
    assert.deepEqual(recordResults(mid, parsed(mid), 'Stage C', [{ field: 'New Sentry Errors', value: '1' }, { field: 'Latency', value: 'fine' }]), {
      ok: false,
      error: '"Stage C: Moderate ramp up" has no Results field "Latency". Its fields: New Sentry Errors, Rollbacks.',
    });
  });

  it('refuses a field given twice, however it is spelled', () => {
    assert.deepEqual(recordResults(mid, parsed(mid), 'Stage C', [{ field: 'New Sentry Errors', value: '1' }, { field: 'new  sentry errors:', value: '2' }]), { ok: false, error: '"new  sentry errors:" is given twice.' });
  });

  it('refuses a stage it cannot name, and a stage without Results fields', function () {
    const seed = seedPlanText(this);
    const ambiguous = recordResults(seed, parsed(seed), 'Stage A', [{ field: 'Rollbacks', value: 'none' }]);
    assert.equal(ambiguous.ok, false);
    assert.match(!ambiguous.ok ? ambiguous.error : '', /^"Stage A" names 2 stages/);
    assert.deepEqual(recordResults(CHECKLIST_PLAN, parsed(CHECKLIST_PLAN), '10%', [{ field: 'Errors', value: '0' }]), {
      ok: false,
      error: '"10%" has no Results fields to fill ("- Field: value" lines under a Results heading).',
    });
  });

  it('records results twice in a row, each time in place', () => {
    const once = applied(mid, recordResults(mid, parsed(mid), 'Stage C', [{ field: 'New Sentry Errors', value: '1' }]));
    const twice = applied(once, recordResults(once, parsed(once), 'Stage C', [{ field: 'New Sentry Errors', value: '12' }]));
    assertEdited(mid, twice, { [lineOf(mid, '- New Sentry Errors:', '### Stage C')]: ['- New Sentry Errors: 12'] });
    assert.deepEqual(goNoGoWarnings(parsed(twice), NOW), ['its timebox is not over: 5 of 7 days'], 'a Result written: only the timebox is left to warn of');
  });
});

describe('rollBack', () => {
  const mid = MID_ROLLOUT_PLAN;
  const block = (date: string, reason = '500s on label print', indent = '    ') => [
    '',
    `Rollback reason: ${reason}`,
    `${indent}Date: ${date}`,
    `${indent}Severity/Impact: SEV-3`,
    `${indent}Ticket(s) created to address: northwind/parcel-labels#141`,
    `${indent}[ ] Has the issue been resolved?`,
  ];

  it('pastes the plan’s indented block, filled, at the bottom of the live stage; sets its Rollbacks result; unticks its box', () => {
    const result = rollback(mid, { reason: '500s on label print\n  again' });
    assert.ok(result.ok);
    assert.equal(result.message, 'Rolled back "Stage C: Moderate ramp up" to "Stage B: First ramp up" (1%)');
    const cLast = lineOf(mid, '- Rollbacks:', '### Stage C');
    assert.equal(result.focusLine, cLast + 2);
    const after = applied(mid, result);
    assertEdited(mid, after, {
      [lineOf(mid, '    [x] 5%')]: ['    [ ] 5%'],
      [cLast]: [`- Rollbacks: ${WRITTEN}: 500s on label print again`, ...block(WRITTEN, '500s on label print again')],
    });
    assert.equal(after.split('\n')[result.focusLine], 'Rollback reason: 500s on label print again');
    const plan = parsed(after);
    assert.deepEqual(statuses(after, NOW), ['done', 'live', 'next', 'rolled back', 'upcoming']);
    assert.deepEqual(plan.stages[2]?.rollbacks.map((r) => [r.reason, r.date?.toISOString()]), [['500s on label print again', NOW.toISOString()]]);
    assert.deepEqual(plan.checklist.map((b) => b.checked), [true, false, false, false]);
  });

  it('appends to a Rollbacks result already written, and pastes below the stage’s earlier block (a restart rolled back again)', () => {
    const restarted = applied(mid, start(mid));
    const later = new Date('2026-11-26T12:00:00Z');
    const result = rollback(restarted, { now: later, reason: 'again' });
    assert.ok(result.ok);
    assert.equal(result.message, 'Rolled back "Stage D: Another ramp up" to "Stage C: Moderate ramp up" (5%)');
    const after = applied(restarted, result);
    assertEdited(restarted, after, {
      [lineOf(restarted, '    [x] 10%')]: ['    [ ] 10%'],
      [lineOf(restarted, '- Rollbacks: 2026-11-20')]: ['- Rollbacks: 2026-11-20 10:30 UTC: 500s on label print; 2026-11-26 13:00 UTC+01:00: again'],
      [lineOf(restarted, '    [ ] Has the issue been resolved?', '### Stage D')]: ['    [ ] Has the issue been resolved?', ...block('2026-11-26 13:00 UTC+01:00', 'again')],
    });
    assert.deepEqual(statuses(after, later), ['done', 'done', 'live', 'next', 'upcoming']);
    assert.deepEqual(parsed(after).stages[3]?.rollbacks.map((r) => r.reason), ['500s on label print', 'again']);
  });

  it('pastes the compact plan’s fenced block as it is written, unindented, with no Rollbacks result to set', () => {
    const t1 = new Date('2026-11-20T09:00:00Z');
    const t2 = new Date('2026-11-22T09:00:00Z');
    const canary = applied(COMPACT_PLAN, start(COMPACT_PLAN, { now: t1 }));
    const ten = applied(canary, start(canary, { now: t2 }));
    assert.deepEqual(statuses(ten, NOW), ['done', 'live', 'next']);
    const result = rollback(ten, { severity: '' });
    assert.ok(result.ok);
    assert.equal(result.message, 'Rolled back "10% of users" to "Canary (internal users)" (targeted users)');
    const after = applied(ten, result);
    assertEdited(ten, after, {
      [lineOf(ten, '- Conversion:', '## 10% of users')]: [
        '- Conversion:',
        '',
        'Rollback reason: 500s on label print',
        `Date: ${WRITTEN}`,
        'Severity/Impact:',
        'Ticket(s) created to address: northwind/parcel-labels#141',
        '[ ] Has the issue been resolved?',
      ],
    });
    const plan = parsed(after);
    assert.deepEqual(statuses(after, NOW), ['live', 'next', 'upcoming']);
    assert.equal(plan.stages[1]?.date?.value, '2026-11-22 10:00 UTC+01:00', 'the block’s Date is not the stage’s');
    assert.deepEqual(plan.stages[1]?.rollbacks.map((r) => r.date?.toISOString()), [NOW.toISOString()]);
  });

  it('rolls the seed plan back to its canary: the 1% box unticked, the block pasted as the seed writes it', function () {
    const seed = seedPlanText(this);
    const canary = applied(seed, start(seed, { now: new Date('2026-11-20T09:00:00Z') }));
    const onePercent = applied(canary, start(canary, { now: new Date('2026-11-23T09:00:00Z') }));
    const result = rollback(onePercent, { tickets: 'va.gov-team#1' });
    assert.ok(result.ok);
    assert.equal(result.message, 'Rolled back "Stage A: Monitoring phase" to "Stage A: Canary" (targeted users)');
    const after = applied(onePercent, result);
    assertEdited(onePercent, after, {
      [lineOf(onePercent, '    [x] 1%')]: ['    [ ] 1%'],
      [lineOf(onePercent, '- Rollbacks:', '### Stage A: Monitoring phase')]: [
        `- Rollbacks: ${WRITTEN}: 500s on label print`,
        '',
        'Rollback reason: 500s on label print',
        `    Date: ${WRITTEN}`,
        '    Severity/Impact: SEV-3',
        '    Ticket(s) created to address: va.gov-team#1',
        '    [ ] Has the issue been resolved?',
      ],
    });
    assert.deepEqual(statuses(after, NOW), ['live', 'next', 'upcoming', 'upcoming', 'upcoming', 'upcoming', 'upcoming']);
    // Restarting it keeps the rolled-back start after the new one, and ticks the box again.
    const again = applied(after, start(after, { now: new Date('2026-11-26T12:00:00Z') }));
    const date = lineOf(after, 'Date: ', '### Stage A: Monitoring phase');
    assert.equal(again.split('\n')[date], 'Date: 2026-11-26 13:00 UTC+01:00 (earlier start: 2026-11-23 10:00 UTC+01:00)');
    assert.deepEqual(statuses(again, new Date('2026-11-26T12:00:00Z')), ['done', 'live', 'next', 'upcoming', 'upcoming', 'upcoming', 'upcoming']);
    assert.equal(parsed(again).checklist[0]?.checked, true);
  });

  it('unticks every ticked box above the stage rolled back to, and keeps that stage’s own', () => {
    // The checklist plan with 1% and 10% started: rolling back 10% unticks it and leaves 1%.
    const running = applied(CHECKLIST_PLAN, startNextStage(CHECKLIST_PLAN, parsed(CHECKLIST_PLAN), { now: new Date('2026-11-21T10:00:00Z'), offsetMinutes: 0, go: true, answers: [] }));
    const result = rollBack(running, parsed(running), { now: NOW, offsetMinutes: 0, reason: 'ranking regressions', severity: 'SEV-2', tickets: '' });
    assert.ok(result.ok);
    assert.equal(result.message, 'Rolled back "10%" to "1%" (1%)');
    const after = applied(running, result);
    assertEdited(running, after, {
      4: [
        '- [ ] 10% (started 2026-11-21 10:00 UTC)',
        '',
        'Rollback reason: ranking regressions',
        '    Date: 2026-11-25 12:00 UTC',
        '    Severity/Impact: SEV-2',
        '    Ticket(s) created to address:',
        '    [ ] Has the issue been resolved?',
      ],
    });
    assert.deepEqual(statuses(after, NOW), ['live', 'next', 'upcoming']);
  });

  it('uses a block of its own when the plan has none', () => {
    const text = '### Stage A: 1%\nDate: 2026-11-20 09:00 UTC\n### Stage B: 5%\n';
    const after = applied(text, rollback(text));
    assertEdited(text, after, { 1: ['Date: 2026-11-20 09:00 UTC', ...block(WRITTEN)] });
    assert.deepEqual(statuses(after, NOW), ['next', 'upcoming']);
  });

  it('pastes at the very end of a plan without a final line break, adding none', () => {
    const text = '### Stage A: 1%\nDate: 2026-11-20 09:00 UTC\n### Stage B: 5%\nDate: 2026-11-21 09:00 UTC\n#### Results\n- Rollbacks:';
    const after = applied(text, rollback(text, { offsetMinutes: 0, severity: '', tickets: '' }));
    assertEdited(text, after, {
      5: ['- Rollbacks: 2026-11-25 12:00 UTC: 500s on label print', '', 'Rollback reason: 500s on label print', '    Date: 2026-11-25 12:00 UTC', '    Severity/Impact:', '    Ticket(s) created to address:', '    [ ] Has the issue been resolved?'],
    });
    assert.deepEqual(statuses(after, NOW), ['live', 'next']);
  });

  it('refuses when no stage is live, and when the reason is empty', () => {
    assert.deepEqual(rollback(COMPACT_PLAN), { ok: false, error: 'No stage is live: there is nothing to roll back.' });
    assert.deepEqual(rollback(mid, { reason: ' \n\t ' }), { ok: false, error: 'A rollback needs its reason.' });
  });
});

describe('fillRollbackBlock', () => {
  const values = { reason: 'spike', date: '2026-11-25 12:00 UTC', severity: 'SEV-2', tickets: 'a/b#1' };

  it('fills each empty label by what it asks, once, keeping indentation, bullets and every other line', () => {
    assert.deepEqual(
      fillRollbackBlock(['- Rollback reason:', '  - Date:', '  - Impact:  ', '  - Ticket(s):', '  - Date:', '  - Notes:', '  - [ ] Resolved?', 'Owner: Sam'], values),
      ['- Rollback reason: spike', '  - Date: 2026-11-25 12:00 UTC', '  - Impact: SEV-2', '  - Ticket(s): a/b#1', '  - Date:', '  - Notes:', '  - [ ] Resolved?', 'Owner: Sam'],
    );
  });

  it('leaves a label empty when its value is, and a label already filled as it is', () => {
    assert.deepEqual(fillRollbackBlock(['Rollback reason: written', 'Severity/Impact:', 'Date of fix:'], { ...values, severity: '' }), ['Rollback reason: written', 'Severity/Impact:', 'Date of fix: 2026-11-25 12:00 UTC']);
  });
});

describe('edits keep the plan’s line breaks', () => {
  const crlf = (text: string) => text.replace(/\n/g, '\r\n');

  for (const [name, edit] of [
    ['startNextStage (go, with answers)', (text: string) => start(text, { answers: [{ criterion: 'Sentry errors remain constant across batches', answer: 'held' }], flipper: { percentage: 10, at: NOW } })],
    ['startNextStage (no-go)', (text: string) => start(text, { go: false, answers: [{ criterion: 'x', answer: 'skipped' }] })],
    ['recordResults', (text: string) => recordResults(text, parsed(text), 'Stage C', [{ field: 'New Sentry Errors', value: '3' }, { field: 'Rollbacks', value: 'none' }])],
    ['rollBack', (text: string) => rollback(text)],
  ] as const) {
    it(`${name}: a CRLF plan stays CRLF, edited exactly as the LF one`, () => {
      const lf = applied(MID_ROLLOUT_PLAN, edit(MID_ROLLOUT_PLAN));
      const text = crlf(MID_ROLLOUT_PLAN);
      const after = applied(text, edit(text));
      assert.equal(after, crlf(lf));
      assert.equal(after.replace(/\r\n/g, '').includes('\n'), false, 'no bare LF');
      assert.deepEqual(statuses(after, NOW), statuses(lf, NOW));
    });
  }

  it('the checklist plan and the seed plan in CRLF, started and rolled back', function () {
    const text = crlf(CHECKLIST_PLAN);
    const started = applied(text, startNextStage(text, parsed(text), { now: new Date('2026-11-21T10:00:00Z'), offsetMinutes: 0, go: true, answers: [{ criterion: 'x', answer: 'held' }] }));
    assert.equal(started.replace(/\r\n/g, '').includes('\n'), false);
    assert.deepEqual(statuses(started, NOW), ['done', 'live', 'next']);
    const startThenRollBack = (plan: string) => {
      const canary = applied(plan, start(plan, { now: new Date('2026-11-20T09:00:00Z') }));
      return applied(canary, rollback(canary));
    };
    const seed = seedPlanText(this);
    const back = startThenRollBack(crlf(seed));
    assert.equal(back.replace(/\r\n/g, '').includes('\n'), false);
    assert.equal(back, crlf(startThenRollBack(seed)));
  });
});
