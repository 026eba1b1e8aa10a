import * as assert from 'node:assert/strict';
import type { ReleasePlan } from '../../src/core/rollout/releasePlan';
import { audience, filledResults, findStage, goNoGoWarnings, lengthText, rolloutState, rolloutSummary, type StageStatus, timeboxProgress } from '../../src/core/rollout/stageStatus';
import { CHECKLIST_PLAN, COMPACT_PLAN, MID_ROLLOUT_PLAN } from '../fixtures/releasePlans';
import { parsed, seedPlanText } from './rolloutTestPlans';
import { requireSeeds } from './seeds';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

// The mid-rollout plan's stages start at 09:00 UTC on Nov 2, 5, 12 and 19; Stage D was rolled back on Nov 20.
const AFTER_ROLLBACK = new Date('2026-11-28T12:00:00Z');

function statuses(plan: ReleasePlan, now: Date): StageStatus[] {
  return rolloutState(plan, now).stages.map((s) => s.status);
}

function stage(plan: ReleasePlan, index: number) {
  const found = plan.stages[index];
  assert.ok(found, `stage ${index}`);
  return found;
}

/** The compact plan with its stages' Date lines (not its rollback block's) given these values, in order. */
function compactWithDates(...dates: string[]): string {
  const at = COMPACT_PLAN.indexOf('## Canary');
  let i = 0;
  return COMPACT_PLAN.slice(0, at) + COMPACT_PLAN.slice(at).replace(/^Date:$/gm, () => `Date: ${dates[i++] ?? ''}`.trimEnd());
}

describe('rolloutState', () => {
  it('mid-rollout: two stages done, the 5% stage live and overdue, the rolled-back 10% stage next', () => {
    const plan = parsed(MID_ROLLOUT_PLAN);
    const state = rolloutState(plan, AFTER_ROLLBACK);
    assert.deepEqual(state.stages.map((s) => [s.stage.name, s.status, s.overdue]), [
      ['Stage A: Canary', 'done', false],
      ['Stage B: First ramp up', 'done', false],
      ['Stage C: Moderate ramp up', 'live', true],
      ['Stage D: Another ramp up', 'next', false],
      ['Stage E: Go Live!', 'upcoming', false],
    ]);
    assert.equal(state.live?.stage.name, 'Stage C: Moderate ramp up');
    assert.equal(state.next?.stage.name, 'Stage D: Another ramp up');
    assert.equal(state.previous?.stage.name, 'Stage B: First ramp up');
    assert.deepEqual(state.stages.map((s) => s.index), [0, 1, 2, 3, 4]);
    assert.ok(state.stages.every((s) => s.plannedFor === undefined));
  });

  it('before anything started: the first stage is next, every stage with a Date planned for it', () => {
    const plan = parsed(MID_ROLLOUT_PLAN);
    const state = rolloutState(plan, new Date('2026-11-01T00:00:00Z'));
    assert.deepEqual(state.stages.map((s) => s.status), ['next', 'upcoming', 'upcoming', 'upcoming', 'upcoming']);
    assert.deepEqual(state.stages.map((s) => s.plannedFor?.toISOString()), ['2026-11-02T09:00:00.000Z', '2026-11-05T09:00:00.000Z', '2026-11-12T09:00:00.000Z', '2026-11-19T09:00:00.000Z', undefined]);
    assert.deepEqual([state.live, state.previous, state.next?.index], [undefined, undefined, 0]);
  });

  it('a Date in the future is planned, not started: the stage is next or upcoming, the one before stays live', () => {
    const plan = parsed(MID_ROLLOUT_PLAN);
    const state = rolloutState(plan, new Date('2026-11-14T09:00:00Z'));
    assert.deepEqual(state.stages.map((s) => s.status), ['done', 'done', 'live', 'next', 'upcoming']);
    assert.equal(state.stages[3]?.plannedFor?.toISOString(), '2026-11-19T09:00:00.000Z');
    assert.equal(state.stages[2]?.plannedFor, undefined);
    // Stage D's rollback counts only once it has started.
    assert.equal(state.stages[3]?.status, 'next');
  });

  it('a stage starts the moment its Date comes', () => {
    const plan = parsed(MID_ROLLOUT_PLAN);
    assert.equal(rolloutState(plan, new Date('2026-11-12T08:59:59.999Z')).live?.index, 1);
    assert.equal(rolloutState(plan, new Date('2026-11-12T09:00:00Z')).live?.index, 2);
  });

  it('a stage without a Date before the live one was skipped', () => {
    const plan = parsed(compactWithDates('', '2026-11-20 09:00 UTC', ''));
    const state = rolloutState(plan, new Date('2026-11-21T09:00:00Z'));
    assert.deepEqual(state.stages.map((s) => s.status), ['skipped', 'live', 'next']);
    assert.equal(state.previous, undefined, 'a skipped stage is not one to roll back to');
  });

  it('a rolled-back stage that is not next shows as rolled back; the live one is the last started before it', () => {
    // Stage C rolled back too (on Nov 24): Stage B is live again, C next, D still rolled back.
    const text = MID_ROLLOUT_PLAN.replace('### Stage D:', 'Rollback reason: latency\n    Date: 2026-11-24 10:00 UTC\n\n### Stage D:');
    const state = rolloutState(parsed(text), AFTER_ROLLBACK);
    assert.deepEqual(state.stages.map((s) => s.status), ['done', 'live', 'next', 'rolled back', 'upcoming']);
    assert.equal(state.previous?.stage.name, 'Stage A: Canary');
    // Its week counts again from the rollback back to it: no reminder says at once that it has run its days.
    assert.equal(state.stages[1]?.liveSince?.toISOString(), '2026-11-24T10:00:00.000Z');
    assert.equal(state.stages[1]?.overdue, false, 'Stage B runs its week again from Nov 24');
  });

  it('a stage restarted after its rollback (a Date after the rollback’s) is live again', () => {
    const text = MID_ROLLOUT_PLAN.replace('Date: 2026-11-19 09:00 UTC', 'Date: 2026-11-24 09:00 UTC (earlier start: 2026-11-19 09:00 UTC)');
    const state = rolloutState(parsed(text), AFTER_ROLLBACK);
    assert.deepEqual(state.stages.map((s) => s.status), ['done', 'done', 'done', 'live', 'next']);
    assert.equal(state.previous?.stage.name, 'Stage C: Moderate ramp up');
    assert.equal(state.live?.overdue, false);
  });

  it('a rollback without a Date counts as one since the stage started', () => {
    const text = MID_ROLLOUT_PLAN.replace('    Date: 2026-11-20 10:30 UTC\n', '');
    assert.equal(parsed(text).stages[3]?.rollbacks[0]?.date, undefined);
    assert.deepEqual(statuses(parsed(text), AFTER_ROLLBACK), ['done', 'done', 'live', 'next', 'upcoming']);
  });

  it('a rollback dated before the stage’s start does not count', () => {
    const text = MID_ROLLOUT_PLAN.replace('    Date: 2026-11-20 10:30 UTC', '    Date: 2026-11-18 10:30 UTC');
    assert.deepEqual(statuses(parsed(text), AFTER_ROLLBACK), ['done', 'done', 'done', 'live', 'next']);
  });

  it('the last stage live has no next stage', () => {
    const plan = parsed(compactWithDates('2026-11-01 09:00 UTC', '2026-11-03 09:00 UTC', '2026-11-06 09:00 UTC'));
    const state = rolloutState(plan, new Date('2026-11-07T00:00:00Z'));
    assert.deepEqual(state.stages.map((s) => s.status), ['done', 'done', 'live']);
    assert.equal(state.next, undefined);
    assert.equal(state.live?.overdue, false, 'no timebox, never overdue');
  });

  it('the checklist plan: the ticked, dated box is live', () => {
    const state = rolloutState(parsed(CHECKLIST_PLAN), new Date('2026-11-21T09:00:00Z'));
    assert.deepEqual(state.stages.map((s) => s.status), ['live', 'next', 'upcoming']);
  });

  describe('overdue', () => {
    const plan = parsed(MID_ROLLOUT_PLAN);
    const at = (iso: string) => rolloutState(plan, new Date(iso));

    it('once the live stage’s length has passed, to the millisecond', () => {
      assert.equal(at('2026-11-19T08:59:59.999Z').live?.overdue, false);
      // At 09:00 on the 19th Stage D starts; the rollback then makes C live again, a week and more after its start.
      assert.equal(at('2026-11-19T09:00:00Z').live?.index, 2);
      assert.equal(at('2026-11-19T09:00:00Z').live?.overdue, true);
    });

    it('only the live stage is ever overdue', () => {
      assert.deepEqual(at('2026-11-28T12:00:00Z').stages.map((s) => s.overdue), [false, false, true, false, false]);
    });

    it('counts from the latest rollback back to the live stage: Stage C runs its week again from Nov 20, 10:30', () => {
      const afterRollback = at('2026-11-25T12:00:00Z');
      assert.equal(afterRollback.live?.liveSince?.toISOString(), '2026-11-20T10:30:00.000Z');
      assert.equal(afterRollback.live?.overdue, false);
      const live = afterRollback.live;
      assert.ok(live);
      assert.equal(timeboxProgress(live.stage, new Date('2026-11-25T12:00:00Z'), live.liveSince), '5 of 7 days');
      assert.equal(at('2026-11-27T10:29:00Z').live?.overdue, false);
      assert.equal(at('2026-11-27T10:30:00Z').live?.overdue, true);
    });

    it('a 48-hour timebox, in hours', () => {
      const compact = parsed(compactWithDates('2026-11-20 09:00 UTC'));
      assert.equal(rolloutState(compact, new Date('2026-11-22T08:59:00Z')).live?.overdue, false);
      assert.equal(rolloutState(compact, new Date('2026-11-22T09:00:00Z')).live?.overdue, true);
    });
  });
});

describe('timeboxProgress and lengthText', () => {
  it('says "N of 7 days" into a week, whole days elapsed', () => {
    const c = stage(parsed(MID_ROLLOUT_PLAN), 2);
    assert.equal(timeboxProgress(c, new Date('2026-11-12T09:00:00Z')), '0 of 7 days');
    assert.equal(timeboxProgress(c, new Date('2026-11-15T08:59:00Z')), '2 of 7 days');
    assert.equal(timeboxProgress(c, new Date('2026-11-15T09:00:00Z')), '3 of 7 days');
    assert.equal(timeboxProgress(c, new Date('2026-11-25T12:00:00Z')), '13 of 7 days');
  });

  it('says "N of 48 hours" for a timebox under two days', () => {
    const canary = stage(parsed(compactWithDates('2026-11-20 09:00 UTC')), 0);
    assert.equal(timeboxProgress(canary, new Date('2026-11-21T05:30:00Z')), '20 of 48 hours');
  });

  it('says "day N" without a timebox, the start day being day 1', function () {
    const text = seedPlanText(this).replace(/^Date: $/m, 'Date: 2026-11-20 09:00 UTC');
    const canary = stage(parsed(text), 0);
    assert.equal(canary.lengthMs, undefined);
    assert.equal(timeboxProgress(canary, new Date('2026-11-20T09:00:00Z')), 'day 1');
    assert.equal(timeboxProgress(canary, new Date('2026-11-22T21:00:00Z')), 'day 3');
  });

  it('is undefined for a stage not started, and counts from zero before a planned start', () => {
    const plan = parsed(MID_ROLLOUT_PLAN);
    assert.equal(timeboxProgress(stage(plan, 4), AFTER_ROLLBACK), undefined);
    assert.equal(timeboxProgress(stage(plan, 3), new Date('2026-11-10T00:00:00Z')), '0 of 14 days');
  });

  it('writes a timebox as hours under two days, else days to a tenth', () => {
    assert.deepEqual([48 * HOUR, 36 * HOUR, 3 * DAY, 7 * DAY, 2.5 * DAY, 1.25 * DAY].map(lengthText), ['48 hours', '36 hours', '3 days', '7 days', '2.5 days', '30 hours']);
  });
});

describe('audience and filledResults', () => {
  it('says a stage’s percentage, "targeted users", or that it names no percentage', () => {
    const plan = parsed(MID_ROLLOUT_PLAN);
    assert.deepEqual(plan.stages.map(audience), ['targeted users', '1%', '5%', '10%', '100%']);
    assert.equal(audience(stage(parsed('### Stage A: Everyone\n### Stage B: 5%\n'), 0)), 'no percentage');
  });

  it('counts the Results with a value written', () => {
    assert.deepEqual(parsed(MID_ROLLOUT_PLAN).stages.map(filledResults), [1, 1, 0, 2, 0]);
  });
});

describe('goNoGoWarnings', () => {
  it('warns that the live stage’s Results are empty', () => {
    assert.deepEqual(goNoGoWarnings(parsed(MID_ROLLOUT_PLAN), AFTER_ROLLBACK), ['the Results of "Stage C: Moderate ramp up" are empty']);
  });

  it('warns that the timebox is not over, saying how far into it the stage is', () => {
    assert.deepEqual(goNoGoWarnings(parsed(MID_ROLLOUT_PLAN), new Date('2026-11-15T09:00:00Z')), ['the Results of "Stage C: Moderate ramp up" are empty', 'its timebox is not over: 3 of 7 days']);
  });

  it('warns of nothing once a Result is written and the timebox is over', () => {
    const text = MID_ROLLOUT_PLAN.replace('- New Sentry Errors:\n- Rollbacks:\n\n### Stage D', '- New Sentry Errors: 0\n- Rollbacks:\n\n### Stage D');
    assert.deepEqual(goNoGoWarnings(parsed(text), AFTER_ROLLBACK), []);
  });

  it('warns of nothing when no stage is live, or the live one has neither Results nor a timebox', () => {
    assert.deepEqual(goNoGoWarnings(parsed(COMPACT_PLAN), AFTER_ROLLBACK), []);
    assert.deepEqual(goNoGoWarnings(parsed(CHECKLIST_PLAN), AFTER_ROLLBACK), []);
  });
});

describe('findStage', () => {
  it('finds a stage of the seed plan by its whole heading, in any case, trimmed', function () {
    const plan = parsed(seedPlanText(this));
    for (const name of ['Stage B: Moderate ramp up', 'stage b: moderate ramp up', '  Stage A: Canary  ']) {
      const found = findStage(plan, name);
      assert.ok(found.ok, name);
      assert.equal(found.stage.name.toLowerCase(), name.trim().toLowerCase());
    }
  });

  it('finds "Stage B" when one heading starts with it', function () {
    const found = findStage(parsed(seedPlanText(this)), 'Stage B');
    assert.ok(found.ok);
    assert.equal(found.stage.name, 'Stage B: Moderate ramp up');
  });

  it('finds a stage by its percentage, "5%" or "5 %"', function () {
    const plan = parsed(seedPlanText(this));
    for (const name of ['5%', '5 %']) {
      const found = findStage(plan, name);
      assert.ok(found.ok, name);
      assert.equal(found.stage.name, 'Stage B: Moderate ramp up');
    }
  });

  it('refuses "Stage A" in the seed plan, where two headings start with it, naming both', function () {
    const found = findStage(parsed(seedPlanText(this)), 'Stage A');
    assert.deepEqual(found, { ok: false, error: '"Stage A" names 2 stages ("Stage A: Canary", "Stage A: Monitoring phase"); give the whole heading.' });
  });

  it('refuses a stage the plan does not have, naming those it has', function () {
    const found = findStage(parsed(seedPlanText(this)), 'Stage Z');
    assert.equal(found.ok, false);
    assert.equal(
      !found.ok && found.error,
      'No stage "Stage Z" in the plan. Its stages: "Stage A: Canary", "Stage A: Monitoring phase", "Stage B: Moderate ramp up", "Stage C: Another moderate ramp up", "Stage D: Final moderate ramp up", "Stage E: High traffic", "Stage F: Go Live!".',
    );
    assert.equal(findStage(parsed(seedPlanText(this)), '75%').ok, false);
  });

  it('prefers the exact heading to headings it starts with', () => {
    const plan = parsed('### Stage A\n### Stage A extended\n### Stage B: 10%\n### Stage C\nPercentage of users: 10%\n');
    const exact = findStage(plan, 'Stage A');
    assert.ok(exact.ok);
    assert.equal(exact.stage.name, 'Stage A');
    assert.deepEqual(findStage(plan, '10%'), { ok: false, error: '"10%" names 2 stages ("Stage B: 10%", "Stage C"); give the whole heading.' });
  });

  it('finds the compact plan’s "Canary" and "10%" stages, and the checklist plan’s boxes', () => {
    const compact = parsed(COMPACT_PLAN);
    const canary = findStage(compact, 'Canary');
    assert.ok(canary.ok);
    assert.equal(canary.stage.name, 'Canary (internal users)');
    const ten = findStage(compact, '10%');
    assert.ok(ten.ok);
    assert.equal(ten.stage.name, '10% of users');
    const box = findStage(parsed(CHECKLIST_PLAN), '100%');
    assert.ok(box.ok);
    assert.equal(box.stage.line, 5);
  });
});

describe('rolloutSummary', () => {
  it('gives the mid-rollout plan as plain data, nulls for what a stage lacks', () => {
    const summary = rolloutSummary(parsed(MID_ROLLOUT_PLAN), AFTER_ROLLBACK);
    assert.equal(summary.title, 'Parcel Labels v3 Release Plan');
    assert.equal(summary.flipperFeature, 'parcel_labels_v3');
    assert.deepEqual(summary.stages[0], {
      name: 'Stage A: Canary',
      percentage: null,
      targeted: true,
      date: '2026-11-02T09:00:00.000Z',
      lengthDays: 3,
      status: 'done',
      overdue: false,
      trackingIssue: { owner: 'northwind', repo: 'parcel-labels', number: 101, url: 'https://github.com/northwind/parcel-labels/issues/101' },
      results: [{ field: 'New Sentry Errors', value: '0' }, { field: 'Rollbacks', value: '' }],
      rollbacks: [],
    });
    assert.deepEqual(summary.stages[3], {
      name: 'Stage D: Another ramp up',
      percentage: 10,
      targeted: false,
      date: '2026-11-19T09:00:00.000Z',
      lengthDays: 14,
      status: 'next',
      overdue: false,
      trackingIssue: null,
      results: [{ field: 'New Sentry Errors', value: '40' }, { field: 'Rollbacks', value: '2026-11-20 10:30 UTC: 500s on label print' }],
      rollbacks: [{ reason: '500s on label print', date: '2026-11-20T10:30:00.000Z' }],
    });
    assert.deepEqual(summary.stages.map((s) => [s.status, s.overdue, s.date, s.lengthDays]), [
      ['done', false, '2026-11-02T09:00:00.000Z', 3],
      ['done', false, '2026-11-05T09:00:00.000Z', 7],
      ['live', true, '2026-11-12T09:00:00.000Z', 7],
      ['next', false, '2026-11-19T09:00:00.000Z', 14],
      ['upcoming', false, null, null],
    ]);
  });

  it('survives JSON unchanged: no undefined anywhere, no Dates', function () {
    const plans = [MID_ROLLOUT_PLAN, COMPACT_PLAN, CHECKLIST_PLAN];
    const seeds = requireSeeds(this).filter((s) => s.name.startsWith('002_'));
    for (const text of [...plans, ...seeds.map((s) => s.text)]) {
      const summary = rolloutSummary(parsed(text), AFTER_ROLLBACK);
      assert.deepEqual(JSON.parse(JSON.stringify(summary)), summary);
    }
  });

  it('gives no Flipper feature as null, and hours of a timebox as a fraction of days', () => {
    const compact = rolloutSummary(parsed(COMPACT_PLAN.replace('flipper: "new_checkout"\n', '')), AFTER_ROLLBACK);
    assert.equal(compact.flipperFeature, null);
    assert.deepEqual(compact.stages.map((s) => s.lengthDays), [2, 3, null]);
    assert.deepEqual(compact.stages.map((s) => s.status), ['next', 'upcoming', 'upcoming']);
  });
});
