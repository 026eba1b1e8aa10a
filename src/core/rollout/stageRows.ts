import { formatShortDay } from '../time/formatTime';
import type { RolloutStage } from './releasePlan';
import { audience, filledResults, lengthText, type StageState, timeboxProgress } from './stageStatus';

/** "Stage B · 5%": short enough for a narrow side bar; the heading's own words go in the tooltip. */
export function stageLabel(stage: RolloutStage): string {
  const prefix = /^stage\s+[a-z0-9]{1,3}\b/i.exec(stage.name)?.[0];
  const who = stage.percentage === undefined && stage.targeted ? 'targeted' : audience(stage);
  return prefix ? `${prefix} · ${who}` : stage.name;
}

/** What the row says of the stage: "live · 3 of 7 days", "over · 9 of 7 days", "done · 7 results", "next". */
export function stageDescription(state: StageState, now: Date, timeZone?: string): string {
  const { stage } = state;
  const named = /^stage\s+[a-z0-9]{1,3}\b/i.test(stage.name);
  const parts: string[] = [];
  if (!named && stage.percentage !== undefined && !stage.name.includes(`${stage.percentage}%`)) parts.push(audience(stage));
  switch (state.status) {
    case 'live': {
      // Short enough beside "Stage C · 5%" in a 300-px side bar; the day it started is on the Started row and in the tooltip.
      const progress = timeboxProgress(stage, now, state.liveSince);
      parts.push(state.overdue ? 'over' : 'live', ...(progress ? [progress] : []));
      break;
    }
    case 'done': {
      const filled = filledResults(stage);
      parts.push(stage.results.length ? `done · ${filled ? `${filled} ${filled === 1 ? 'result' : 'results'}` : 'no results'}` : 'done');
      break;
    }
    case 'rolled back': {
      const last = stage.rollbacks.at(-1)?.date;
      parts.push(last ? `rolled back ${formatShortDay(last, timeZone)}` : 'rolled back');
      break;
    }
    case 'next':
      parts.push(stage.rollbacks.length ? 'next (rolled back)' : 'next');
      break;
    default:
      parts.push(state.status === 'skipped' ? 'skipped' : 'upcoming');
  }
  if (state.plannedFor) parts.push(`planned ${formatShortDay(state.plannedFor, timeZone)}`);
  return parts.join(' · ');
}

/** "Stage B (5%) has run its 7 days: record results, then advance or roll back". */
export function timeboxReminder(stage: RolloutStage): string {
  const short = /^stage\s+[a-z0-9]{1,3}\b/i.exec(stage.name)?.[0] ?? stage.name;
  const length = stage.lengthMs === undefined ? 'timebox' : lengthText(stage.lengthMs);
  return `${short} (${audience(stage)}) has run its ${length}: record results, then advance or roll back`;
}

/** The stage's tooltip: its heading, and since when it is live or how it ended. */
export function stageTooltip(state: StageState, now: Date, timeZone?: string): string {
  const { stage } = state;
  const since = stage.startedAt && state.status !== 'next' && state.status !== 'upcoming' ? `started ${formatShortDay(stage.startedAt, timeZone)}` : undefined;
  return [stage.name, [stageDescription(state, now, timeZone), since].filter(Boolean).join(' · ')].join('\n');
}

/** The go/no-go warnings in a few words, for the line under Go: "no results yet · timebox at 3 of 7 days · 1 not held". */
export function shortWarnings(live: StageState | undefined, now: Date, notHeld: number): string[] {
  const warnings: string[] = [];
  if (live?.stage.results.length && filledResults(live.stage) === 0) warnings.push('no results yet');
  if (live && live.stage.lengthMs !== undefined && !live.overdue) warnings.push(`timebox at ${timeboxProgress(live.stage, now, live.liveSince) ?? ''}`);
  if (notHeld) warnings.push(`${notHeld} not held`);
  return warnings;
}
