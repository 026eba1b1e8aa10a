import { formatShortDay } from '../time/formatTime';
import type { RolloutStage } from './releasePlan';
import { audience, filledResults, lengthText, type StageState, timeboxProgress } from './stageStatus';

/** "Stage B · 5%": short enough for a narrow side bar; the heading's own words go in the tooltip. */
export function stageLabel(stage: RolloutStage): string {
  const prefix = /^stage\s+[a-z0-9]{1,3}\b/i.exec(stage.name)?.[0];
  return prefix ? `${prefix} · ${audience(stage)}` : stage.name;
}

/** What the row says of the stage: "live since Nov 20 · 3 of 7 days", "done · 7 results", "next". */
export function stageDescription(state: StageState, now: Date, timeZone?: string): string {
  const { stage } = state;
  const named = /^stage\s+[a-z0-9]{1,3}\b/i.test(stage.name);
  const parts: string[] = [];
  if (!named && stage.percentage !== undefined && !stage.name.includes(`${stage.percentage}%`)) parts.push(audience(stage));
  switch (state.status) {
    case 'live': {
      const since = stage.startedAt ? `live since ${formatShortDay(stage.startedAt, timeZone)}` : 'live';
      const progress = timeboxProgress(stage, now);
      parts.push(since, ...(progress ? [state.overdue ? `timebox over (${progress})` : progress] : []));
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
      parts.push('next', ...(stage.rollbacks.length ? ['rolled back before'] : []));
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
