/** The facts about an incident a team's template may have a field for. */
export type FieldKey =
  | 'title'
  | 'date'
  | 'startedAt'
  | 'detectedAt'
  | 'impact'
  | 'affected'
  | 'severity'
  | 'systems'
  | 'errorTypes'
  | 'coordinator'
  | 'technicalLead'
  | 'runbook'
  | 'status'
  | 'record'
  | 'resolvedAt'
  | 'duration'
  | 'startedClock';

/**
 * The labels a template may give each field (the alias table), compared without case,
 * emphasis, a trailing colon or repeated spaces. `startedClock` has no label: it only
 * serves the `{{startedClock}}` placeholder.
 */
export const FIELD_ALIASES: Readonly<Record<FieldKey, readonly string[]>> = {
  date: ['date', 'day', 'incident date'],
  startedAt: ['start', 'started', 'start time', 'started at', 'began'],
  detectedAt: ['detected', 'detected at', 'reported', 'reported at', 'detection time'],
  impact: ['impact', 'user impact', 'customer impact'],
  affected: ['affected', 'affected users', 'impacted users', 'users affected'],
  severity: ['severity', 'sev', 'priority', 'severity level'],
  systems: ['systems', 'services', 'components', 'systems involved', 'affected systems', 'impacted systems'],
  errorTypes: ['error', 'error type', 'error types', 'errors'],
  coordinator: ['coordinator', 'incident commander', 'ic', 'incident coordinator'],
  technicalLead: ['technical lead', 'tech lead', 'technical owner'],
  // Not a bare "name": templates list people by name ("- Name: <who>" under a contact). A bare
  // "incident" is the one a follow-up issue's template asks about ("Incident: <link or name>").
  title: ['title', 'summary', 'incident', 'incident name', 'incident title'],
  runbook: ['runbook', 'playbook'],
  status: ['status', 'state'],
  record: ['record', 'incident record', 'traceability document'],
  resolvedAt: ['end', 'ended', 'end time', 'resolved', 'resolved at', 'resolution time'],
  duration: ['duration', 'time to resolve', 'length'],
  startedClock: [],
};

const BY_LABEL: ReadonlyMap<string, FieldKey> = new Map(Object.entries(FIELD_ALIASES).flatMap(([key, labels]) => labels.map((label) => [label, key as FieldKey] as const)));

/** The longest label worth comparing; longer text before a colon is a sentence, not a label. */
export const MAX_LABEL_LENGTH = 60;

/** "**Start Time:**" → "Start Time": the label as a person wrote it, without emphasis and the colon. */
export function labelText(raw: string): string {
  let text = raw.trim();
  if (text.endsWith(':')) text = text.slice(0, -1);
  let start = 0;
  let end = text.length;
  while (start < end && isEmphasis(text.charAt(start))) start++;
  while (end > start && isEmphasis(text.charAt(end - 1))) end--;
  text = text.slice(start, end).trim();
  return text.endsWith(':') ? text.slice(0, -1).trimEnd() : text;
}

/** The field a label names, if any ("Incident Commander" → coordinator). */
export function fieldForLabel(label: string): FieldKey | undefined {
  if (label.length > MAX_LABEL_LENGTH) return undefined;
  return BY_LABEL.get(labelText(label).toLowerCase().split(/\s+/).filter(Boolean).join(' '));
}

function isEmphasis(c: string): boolean {
  return c === '*' || c === '_';
}
