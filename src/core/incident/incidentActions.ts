import { INCIDENT_STATUSES, type IncidentState, type IncidentStatus, isActive, isIncidentStatus, parseStartTime, roleKey, roleLabel, STATUS_LABELS } from './incident';
import type { IncidentAction } from './recordEdits';
import type { RoleChoice } from './roles';

/** An action on an incident's record, or why it is refused (the message names the field). */
export type ActionResult = IncidentAction | { readonly error: string };

/** What each stage means, for the person choosing it. */
export const STATUS_HINTS: Readonly<Record<IncidentStatus, string>> = {
  investigating: 'Looking for the cause',
  identified: 'The cause is known; working on the fix',
  monitoring: 'A fix is in place; watching that it holds',
  resolved: 'Over: write the summary and close the incident',
  declined: 'Not an incident after all (a false alarm); close it',
};

/**
 * Moves an active incident to another stage, with the entry "Identified — note".
 * Declined closes it (resolvedAt now). Resolved has its own path (summary, checklist:
 * `resolveRecord`). Setting the stage it already has is refused, so a note is never silently dropped.
 */
export function setStatus(state: IncidentState, status: unknown, note: unknown, now: Date): ActionResult {
  if (!isIncidentStatus(status)) return { error: `status: ${describe(status)} is not one of ${INCIDENT_STATUSES.join(', ')}` };
  if (status === 'resolved') return { error: 'status: resolving writes a summary; resolve the incident instead' };
  const text = noteText(note, 'note');
  if (typeof text === 'object') return text;
  if (!isActive(state)) return { error: `status: the incident is already ${state.status}; reopen it first` };
  if (status === state.status) return { error: `status: the incident is already ${STATUS_LABELS[status]}` };
  const closes = status === 'declined';
  return {
    state: { ...state, status, ...(closes ? { resolvedAt: now.toISOString() } : {}) },
    entries: [{ at: now, text: withNote(STATUS_LABELS[status], text) }],
  };
}

/** A new severity (1–4), with the entry "Severity 2 → 1 — reason". */
export function setSeverity(state: IncidentState, severity: unknown, reason: unknown, now: Date): ActionResult {
  const value = typeof severity === 'string' && severity.trim() !== '' ? Number(severity) : severity;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 4) return { error: `severity: ${describe(severity)} is not 1, 2, 3 or 4` };
  const text = noteText(reason, 'reason');
  if (typeof text === 'object') return text;
  if (value === state.severity) return { error: `severity: the incident is already Sev ${value}` };
  return { state: { ...state, severity: value }, entries: [{ at: now, text: withNote(`Severity ${state.severity} → ${value}`, text) }] };
}

/**
 * Gives a role to a person: `role` is a key ("technicalLead") or a label ("Technical Lead") of
 * the runbook's roles or of one the incident already has. The entry says "Technical lead: Tomás Ortega",
 * or "… handed from X to Y". An empty name is refused: a role is handed over, never left without a holder by accident.
 */
export function assignRole(state: IncidentState, roles: readonly RoleChoice[], role: unknown, name: unknown, now: Date): ActionResult {
  const choices = incidentRoles(state, roles);
  const wanted = typeof role === 'string' ? role.trim() : '';
  const choice = choices.find((c) => c.key === wanted) ?? choices.find((c) => wanted !== '' && c.key === roleKey(wanted));
  if (!choice) return { error: `role: ${describe(role)} is not a role of this incident; use ${choices.map((c) => c.label).join(', ')}` };
  const person = typeof name === 'string' ? oneLine(name) : '';
  if (!person) return { error: `name: who is the ${choice.label}? A name is required` };
  const previous = state.roles[choice.key];
  if (previous === person) return { error: `name: ${person} is already the ${choice.label}` };
  return {
    state: { ...state, roles: { ...state.roles, [choice.key]: person } },
    entries: [{ at: now, text: previous ? `${choice.label}: handed from ${previous} to ${person}` : `${choice.label}: ${person}` }],
  };
}

/** The runbook's roles, then those the incident holds that the runbook does not define (a record outlives its runbook). */
export function incidentRoles(state: IncidentState, roles: readonly RoleChoice[]): RoleChoice[] {
  const known = new Set(roles.map((r) => r.key));
  const extra = Object.keys(state.roles).filter((k) => !known.has(k) && state.roles[k]);
  return [...roles, ...extra.map((key) => ({ key, label: roleLabel(key) }))];
}

/** A resolved or declined incident back to Investigating, resolvedAt removed, with the entry "Reopened — note". */
export function reopen(state: IncidentState, note: unknown, now: Date): ActionResult {
  const text = noteText(note, 'note');
  if (typeof text === 'object') return text;
  if (isActive(state)) return { error: `status: the incident is not closed; it is ${STATUS_LABELS[state.status]}` };
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- resolvedAt is left out of the reopened state
  const { resolvedAt, ...open } = state;
  return { state: { ...open, status: 'investigating' }, entries: [{ at: now, text: withNote('Reopened', text) }] };
}

/** A timeline entry alone, the state unchanged ("Copied the resolved message"). */
export function entryOnly(state: IncidentState, text: string, now: Date): ActionResult {
  return { state, entries: [{ at: now, text }] };
}

/**
 * When an incident was resolved, as a person or a script gives it: empty means now; else
 * ISO 8601, a local "YYYY-MM-DDTHH:mm", or "N minutes ago". The error names `resolvedAt`.
 * (Before the start or in the future is `checkResolvedAt`'s job, against the record.)
 */
export function parseResolvedAt(value: unknown, now: Date): { readonly date?: Date } | { readonly error: string } {
  if (value === undefined || value === null || value === '') return {};
  if (typeof value !== 'string') return { error: `resolvedAt: ${describe(value)} is not a time; use an ISO 8601 date-time such as 2026-03-01T14:05Z` };
  const parsed = parseStartTime(value, now);
  if (!parsed.ok) return { error: `resolvedAt: ${parsed.message.replace('is not a start time', 'is not a time')}` };
  return { date: parsed.date };
}

/** An optional one-line note: its text, '' when absent, or an error naming the field. */
function noteText(value: unknown, field: string): string | { readonly error: string } {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') return { error: `${field}: must be text` };
  return oneLine(value);
}

function withNote(text: string, note: string): string {
  return note ? `${text} — ${note}` : text;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function describe(value: unknown): string {
  if (value === undefined) return '(missing)';
  return typeof value === 'string' ? `"${value.length > 40 ? `${value.slice(0, 39)}…` : value}"` : JSON.stringify(value) ?? String(value);
}
