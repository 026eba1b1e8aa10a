import { formatDate } from '../time/formatTime';
import { formatElapsed, type IncidentState, isActive, minutesBetween, STATUS_LABELS } from './incident';

/** How many closed incidents the Resolved group lists before grouping the older ones by year. */
export const RECENT_CLOSED = 25;

/** "Identified · Sev 2 · 23m" for an active incident; "Sev 2 · 1h 05m · 2026-11-20" (duration, day of the start) for a closed one, "Declined · …" when declined. */
export function incidentDescription(state: IncidentState, now: Date, timeZone?: string): string {
  if (isActive(state)) return `${STATUS_LABELS[state.status]} · Sev ${state.severity} · ${formatElapsed(minutesBetween(state.startedAt, now))}`;
  const duration = state.resolvedAt ? ` · ${formatElapsed(minutesBetween(state.startedAt, new Date(state.resolvedAt)))}` : '';
  return `${state.status === 'declined' ? 'Declined · ' : ''}Sev ${state.severity}${duration} · ${formatDate(new Date(state.startedAt), timeZone)}`;
}

/** The first detail row of an expanded incident, whose own row's description a narrow side bar cuts: "Identified" with "Sev 2 · 23m". */
export function statusDetail(state: IncidentState, now: Date, timeZone?: string): { readonly label: string; readonly description: string } {
  const description = incidentDescription(state, now, timeZone);
  return { label: STATUS_LABELS[state.status], description: description.slice(description.indexOf('Sev ')) };
}

/** When an incident closed (its start when the record does not say), in milliseconds. */
function closedAt(state: IncidentState): number {
  const at = Date.parse(state.resolvedAt ?? state.startedAt);
  return Number.isNaN(at) ? Date.parse(state.startedAt) : at;
}

export interface History<T> {
  /** The most recently closed, newest first (the selected one among them even when older). */
  readonly recent: readonly T[];
  /** The older ones by the year they started, newest year first, each newest first. */
  readonly years: readonly { readonly year: string; readonly items: readonly T[] }[];
}

/**
 * The closed incidents as the Resolved group lists them: the `limit` most recent,
 * then one group per year, so a view of years of records asks VS Code for a few
 * dozen rows until a year is opened.
 */
export function closedHistory<T>(items: readonly T[], stateOf: (item: T) => IncidentState, options: { readonly limit?: number; readonly selected?: T; readonly timeZone?: string } = {}): History<T> {
  const closed = items.filter((i) => !isActive(stateOf(i))).sort((a, b) => closedAt(stateOf(b)) - closedAt(stateOf(a)));
  const limit = options.limit ?? RECENT_CLOSED;
  const recent = closed.slice(0, limit);
  const older = closed.slice(limit);
  const selectedAt = options.selected === undefined ? -1 : older.indexOf(options.selected);
  if (selectedAt >= 0) {
    recent.push(older[selectedAt] as T);
    older.splice(selectedAt, 1);
  }
  const years = new Map<string, T[]>();
  for (const item of older) {
    const year = formatDate(new Date(stateOf(item).startedAt), options.timeZone).slice(0, 4);
    const list = years.get(year);
    if (list) list.push(item);
    else years.set(year, [item]);
  }
  return { recent, years: [...years.entries()].map(([year, list]) => ({ year, items: list })) };
}
