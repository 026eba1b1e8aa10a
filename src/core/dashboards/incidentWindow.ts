import type { IncidentState } from '../incident/incident';
import type { TimeSpan } from '../time/windowInput';

/** The incident's start minus the padding, until now, or until resolvedAt plus the padding once resolved. */
export function incidentWindow(state: Pick<IncidentState, 'startedAt' | 'resolvedAt'>, paddingMinutes: number, now: Date): TimeSpan {
  const padding = Math.max(0, paddingMinutes) * 60_000;
  const from = new Date(new Date(state.startedAt).getTime() - padding);
  const to = state.resolvedAt ? new Date(Math.min(new Date(state.resolvedAt).getTime() + padding, now.getTime())) : now;
  return { from, to };
}
