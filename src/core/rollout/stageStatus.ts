import type { ReleasePlan, RolloutStage } from './releasePlan';

export type StageStatus = 'done' | 'live' | 'next' | 'upcoming' | 'skipped' | 'rolled back';

export interface StageState {
  readonly stage: RolloutStage;
  readonly index: number;
  readonly status: StageStatus;
  /** The live stage's timebox has passed (counted from `liveSince`). */
  readonly overdue: boolean;
  /**
   * Since when the live stage runs as it is: its Date, or the latest rollback of a later stage back to it (a stage
   * rolled back to starts its timebox again, so no reminder says at once that it has run its days).
   */
  readonly liveSince: Date | undefined;
  /** A Date in the future: when the stage is planned to start. */
  readonly plannedFor: Date | undefined;
}

export interface RolloutState {
  readonly stages: readonly StageState[];
  readonly live: StageState | undefined;
  readonly next: StageState | undefined;
  /** The stage a rollback of the live one returns to: the last done stage before it. */
  readonly previous: StageState | undefined;
}

const DAY_MS = 86_400_000;

/**
 * Where the rollout stands at `now`, from the plan alone: a stage has started when its Date has come; the live
 * stage is the last started one not rolled back since it started; earlier started stages are done; the next is
 * the first after the live one that is not running (a rolled-back stage is run again from there).
 */
export function rolloutState(plan: ReleasePlan, now: Date): RolloutState {
  const started = plan.stages.map((s) => s.startedAt !== undefined && s.startedAt.getTime() <= now.getTime());
  const rolledBack = plan.stages.map((s, i) => started[i] === true && isRolledBack(s));
  let live = -1;
  plan.stages.forEach((_, i) => {
    if (started[i] && !rolledBack[i]) live = i;
  });
  const next = plan.stages.findIndex((_, i) => i > live && !(started[i] && !rolledBack[i]));
  const stages = plan.stages.map((stage, index): StageState => {
    const plannedFor = stage.startedAt && !started[index] ? stage.startedAt : undefined;
    let status: StageStatus;
    if (index === live) status = 'live';
    else if (index === next) status = 'next';
    else if (rolledBack[index]) status = 'rolled back';
    else if (index < live) status = started[index] ? 'done' : 'skipped';
    else status = 'upcoming';
    const liveSince = index === live ? runningSince(plan, index, now) : undefined;
    const overdue = liveSince !== undefined && stage.lengthMs !== undefined && now.getTime() - liveSince.getTime() >= stage.lengthMs;
    return { stage, index, status, overdue, plannedFor, liveSince };
  });
  const previous = [...stages.slice(0, Math.max(live, 0))].reverse().find((s) => s.status === 'done');
  return { stages, live: stages[live], next: stages[next], previous };
}

/** The live stage's Date, or the latest rollback (up to now) written into a later stage, whichever is later. */
function runningSince(plan: ReleasePlan, live: number, now: Date): Date | undefined {
  let since = plan.stages[live]?.startedAt?.getTime();
  if (since === undefined) return undefined;
  for (const later of plan.stages.slice(live + 1)) {
    for (const rollback of later.rollbacks) {
      const at = rollback.date?.getTime();
      if (at !== undefined && at > since && at <= now.getTime()) since = at;
    }
  }
  return new Date(since);
}

/** Rolled back since it started: a rollback block dated at or after its Date (one without a date counts). */
function isRolledBack(stage: RolloutStage): boolean {
  const since = stage.startedAt?.getTime() ?? 0;
  return stage.rollbacks.some((r) => r.date === undefined || r.date.getTime() >= since);
}

/** "5%", "Targeted users", or the stage's name when it states neither. */
export function audience(stage: RolloutStage): string {
  if (stage.percentage !== undefined) return `${stage.percentage}%`;
  return stage.targeted ? 'targeted users' : 'no percentage';
}

/** Results with a value written. */
export function filledResults(stage: RolloutStage): number {
  return stage.results.filter((r) => r.value.trim()).length;
}

/** "3 of 7 days" or "20 of 48 hours" into the live stage's timebox (from `since`, its Date by default); "day 3" without one. */
export function timeboxProgress(stage: RolloutStage, now: Date, since = stage.startedAt): string | undefined {
  if (!since) return undefined;
  const elapsed = Math.max(0, now.getTime() - since.getTime());
  if (stage.lengthMs === undefined) return `day ${Math.floor(elapsed / DAY_MS) + 1}`;
  // Up to two days in hours: a "48 hours" timebox reads "20 of 48 hours", not "0 of 2 days".
  if (stage.lengthMs <= 2 * DAY_MS) return `${Math.floor(elapsed / 3_600_000)} of ${Math.round(stage.lengthMs / 3_600_000)} hours`;
  return `${Math.floor(elapsed / DAY_MS)} of ${round(stage.lengthMs / DAY_MS)} days`;
}

/** "7 days", "48 hours": a timebox as a person says it. */
export function lengthText(ms: number): string {
  return ms <= 2 * DAY_MS ? `${Math.round(ms / 3_600_000)} hours` : `${round(ms / DAY_MS)} days`;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/** What `runbook.getRollout` answers: the stages in order, as plain data. */
export interface RolloutSummary {
  readonly title: string;
  readonly flipperFeature: string | null;
  readonly stages: readonly {
    readonly name: string;
    readonly percentage: number | null;
    readonly targeted: boolean;
    readonly date: string | null;
    readonly lengthDays: number | null;
    readonly status: StageStatus;
    readonly overdue: boolean;
    readonly trackingIssue: { readonly owner: string; readonly repo: string; readonly number: number; readonly url: string } | null;
    readonly results: readonly { readonly field: string; readonly value: string }[];
    readonly rollbacks: readonly { readonly reason: string; readonly date: string | null }[];
  }[];
}

export function rolloutSummary(plan: ReleasePlan, now: Date): RolloutSummary {
  return {
    title: plan.title,
    flipperFeature: plan.flipperFeature ?? null,
    stages: rolloutState(plan, now).stages.map(({ stage, status, overdue }) => ({
      name: stage.name,
      percentage: stage.percentage ?? null,
      targeted: stage.targeted,
      date: stage.startedAt?.toISOString() ?? null,
      lengthDays: stage.lengthMs === undefined ? null : stage.lengthMs / DAY_MS,
      status,
      overdue,
      trackingIssue: stage.trackingIssue ? { owner: stage.trackingIssue.owner, repo: stage.trackingIssue.repo, number: stage.trackingIssue.number, url: stage.trackingIssue.url } : null,
      results: stage.results.map((r) => ({ field: r.label, value: r.value })),
      rollbacks: stage.rollbacks.map((r) => ({ reason: r.reason, date: r.date?.toISOString() ?? null })),
    })),
  };
}

/**
 * The stage a person names: its heading ("Stage B: Moderate ramp up"), its "Stage B" when only one stage has it,
 * or its percentage ("5%"). An error names the stages there are.
 */
export function findStage(plan: ReleasePlan, name: string): { readonly ok: true; readonly stage: RolloutStage } | { readonly ok: false; readonly error: string } {
  const wanted = name.trim().toLowerCase();
  const exact = plan.stages.filter((s) => s.name.toLowerCase() === wanted);
  const byPrefix = plan.stages.filter((s) => s.name.toLowerCase().startsWith(`${wanted}:`) || s.name.toLowerCase().startsWith(`${wanted} `));
  const byPercentage = plan.stages.filter((s) => s.percentage !== undefined && `${s.percentage}%` === wanted.replace(/\s/g, ''));
  const found = exact.length ? exact : byPrefix.length ? byPrefix : byPercentage;
  if (found.length === 1 && found[0]) return { ok: true, stage: found[0] };
  const names = plan.stages.map((s) => `"${s.name}"`).join(', ');
  return { ok: false, error: found.length > 1 ? `"${name}" names ${found.length} stages (${found.map((s) => `"${s.name}"`).join(', ')}); give the whole heading.` : `No stage "${name}" in the plan. Its stages: ${names}.` };
}

/**
 * What the go/no-go check warns of before the live stage is left: its Results are all empty, or its timebox is
 * not over ("its timebox is not over: 3 of 7 days"). Empty when there is no live stage.
 */
export function goNoGoWarnings(plan: ReleasePlan, now: Date): string[] {
  const live = rolloutState(plan, now).live;
  if (!live) return [];
  const warnings: string[] = [];
  if (live.stage.results.length && filledResults(live.stage) === 0) warnings.push(`the Results of "${live.stage.name}" are empty`);
  if (live.stage.lengthMs !== undefined && !live.overdue) warnings.push(`its timebox is not over: ${timeboxProgress(live.stage, now, live.liveSince) ?? ''}`);
  return warnings;
}

/**
 * The time a stage ran: from its Date until the next started stage's Date (for a stage that is over), else now.
 * Undefined for a stage that has not started.
 */
export function stageWindow(plan: ReleasePlan, stage: RolloutStage, now: Date): { readonly from: Date; readonly to: Date } | undefined {
  const from = stage.startedAt;
  if (!from || from.getTime() > now.getTime()) return undefined;
  const index = plan.stages.indexOf(stage);
  const after = plan.stages.slice(index + 1).find((s) => s.startedAt && s.startedAt.getTime() > from.getTime() && s.startedAt.getTime() <= now.getTime());
  return { from, to: after?.startedAt ?? now };
}
