import type { IncidentState } from '../incident/incident';

export interface Window {
  readonly from: Date;
  readonly to: Date;
}

/** The incident's start minus the padding, until now, or until resolvedAt plus the padding once resolved. */
export function incidentWindow(state: Pick<IncidentState, 'startedAt' | 'resolvedAt'>, paddingMinutes: number, now: Date): Window {
  const padding = Math.max(0, paddingMinutes) * 60_000;
  const from = new Date(new Date(state.startedAt).getTime() - padding);
  const to = state.resolvedAt ? new Date(Math.min(new Date(state.resolvedAt).getTime() + padding, now.getTime())) : now;
  return { from, to };
}

/** "14:05–15:35 UTC, Mar 1" style label for a window, in UTC so the record reads the same for everyone. */
export function describeWindow(window: Window): string {
  const iso = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ');
  return `${iso(window.from)} to ${iso(window.to)} UTC`;
}
