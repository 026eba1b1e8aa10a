import type { PagerDutyRecord } from '../pagerduty/pagerDutyRecord';
import type { SlackThread } from '../slack/slackRecord';
import { parseTemplateLink } from '../templates/templateSource';
import { formatTime } from '../time/formatTime';

/** The stages incident tools share; the first three are active, the last two close the incident. */
export const INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved', 'declined'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const STATUS_LABELS: Readonly<Record<IncidentStatus, string>> = { investigating: 'Investigating', identified: 'Identified', monitoring: 'Monitoring', resolved: 'Resolved', declined: 'Declined' };

export function isIncidentStatus(value: unknown): value is IncidentStatus {
  return typeof value === 'string' && (INCIDENT_STATUSES as readonly string[]).includes(value);
}

/** Investigating, Identified or Monitoring: not yet resolved or declined. */
export function isActive(state: Pick<IncidentState, 'status'>): boolean {
  return state.status !== 'resolved' && state.status !== 'declined';
}

/**
 * Who holds each role, keyed by the role's camelCase key ("coordinator", "technicalLead",
 * "communicationsLead"…): the two standard roles and those the runbook's contacts define.
 */
export type IncidentRoles = Readonly<Partial<Record<string, string>>>;

/** "Technical Lead" → "technicalLead"; the key a role is kept under in the front matter. */
export function roleKey(label: string): string {
  const words = label.normalize('NFKD').replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[^A-Za-z0-9]+/g, ' ').trim().split(' ').filter(Boolean);
  return words.map((w, i) => (i === 0 ? w.toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase())).join('');
}

/** "technicalLead" → "Technical lead": how a role is named to a person. */
export function roleLabel(key: string): string {
  const spaced = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** An incident's state, as kept in the front matter of its traceability document. */
export interface IncidentState {
  readonly id: string;
  readonly title: string;
  readonly status: IncidentStatus;
  /** ISO 8601, UTC. */
  readonly startedAt: string;
  readonly detectedAt: string;
  /** When it was resolved or declined. */
  readonly resolvedAt?: string;
  /** 1 (most severe) to 4. */
  readonly severity: number;
  readonly impact: string;
  /** Who is affected, as a percent ("12%") or a count ("340 users"). */
  readonly affected?: string;
  readonly errorTypes: readonly string[];
  readonly systems: readonly string[];
  readonly roles: IncidentRoles;
  /** Workspace-relative path of the runbook followed. */
  readonly runbook?: string;
  /** Ids of the runbook steps done during this incident. */
  readonly progress: readonly string[];
  /** The team template the record was generated from: its URL or path, and the blob SHA fetched. */
  readonly template?: TemplateUsed;
  /** The incident's Slack thread: where its first message was posted. */
  readonly slack?: SlackThread;
  /** The PagerDuty incident paged for it. */
  readonly pagerduty?: PagerDutyRecord;
}

export interface TemplateUsed {
  readonly source: string;
  readonly sha?: string;
}

export const ERROR_TYPES = ['500s', '400s', '403s', 'timeouts', 'other'] as const;

/** What a person (or a command's argument) gives to start an incident. Every field is optional but the title. */
export interface IncidentInput {
  readonly title?: unknown;
  readonly impact?: unknown;
  readonly affected?: unknown;
  readonly errorTypes?: unknown;
  readonly systems?: unknown;
  /** ISO 8601, "YYYY-MM-DDTHH:mm" (local), or "N minutes ago"; empty means now. */
  readonly startedAt?: unknown;
  readonly severity?: unknown;
  readonly roles?: unknown;
  readonly runbook?: unknown;
  /** The traceability template (a URL or workspace path) to use instead of the setting's, the runbook's link or the built-in one. */
  readonly template?: unknown;
}

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

export type Validated<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: readonly FieldError[] };

export type NewIncident = Omit<IncidentState, 'id' | 'status' | 'progress' | 'resolvedAt' | 'runbook' | 'template'> & { readonly runbook?: string; readonly template?: string };

const RELATIVE = /^\s*(\d+(?:\.\d+)?)\s*(m|min|mins|minutes?|h|hr|hrs|hours?|d|days?)\s+ago\s*$/i;
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/;
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/** Parses when the incident started; the message names what is wrong. */
export function parseStartTime(text: string, now: Date): { ok: true; date: Date } | { ok: false; message: string } {
  const trimmed = text.trim();
  if (trimmed === '' || /^now$/i.test(trimmed)) return { ok: true, date: now };
  let date: Date | undefined;
  const relative = RELATIVE.exec(trimmed);
  if (relative) {
    const unit = (relative[2] ?? 'm').charAt(0).toLowerCase();
    const minutes = Number(relative[1]) * (unit === 'h' ? 60 : unit === 'd' ? 1440 : 1);
    date = new Date(now.getTime() - minutes * 60_000);
  } else if (LOCAL_DATE_TIME.test(trimmed)) {
    const [, y, mo, d, h, mi] = LOCAL_DATE_TIME.exec(trimmed)?.map(Number) ?? [];
    date = new Date(y as number, (mo as number) - 1, d, h, mi);
    if (date.getMonth() !== (mo as number) - 1 || date.getDate() !== d) date = new Date(NaN);
  } else if (ISO_WITH_ZONE.test(trimmed)) {
    date = new Date(trimmed);
  }
  if (!date || Number.isNaN(date.getTime())) {
    return { ok: false, message: `"${trimmed}" is not a start time: use an ISO 8601 date-time such as 2026-03-01T14:05Z, a local "YYYY-MM-DDTHH:mm", or "N minutes ago".` };
  }
  if (date.getTime() > now.getTime() + 60_000) return { ok: false, message: `${formatTime(date, { now })} is in the future.` };
  return { ok: true, date };
}

function stringList(value: unknown): string[] | undefined {
  if (value === undefined || value === null || value === '') return [];
  const items = typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : undefined;
  if (!items || !items.every((v) => typeof v === 'string')) return undefined;
  return [...new Set(items.map((v: string) => v.trim()).filter(Boolean))];
}

function optionalText(value: unknown): string | undefined | null {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : null;
}

/** `{ coordinator: "Ada", "Communications Lead": "Lin" }` → names by role key; an empty name is no one; undefined when not a mapping of names. */
function readRoles(value: unknown): Record<string, string> | undefined {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) return undefined;
  const roles: Record<string, string> = {};
  for (const [label, name] of Object.entries(value as Record<string, unknown>)) {
    const text = optionalText(name);
    if (text === null) return undefined;
    const key = roleKey(label);
    if (text && key) roles[key] = text;
  }
  return roles;
}

/** Checks a start request; every problem is reported with the field it concerns. */
export function validateIncidentInput(input: IncidentInput, now: Date): Validated<NewIncident> {
  const errors: FieldError[] = [];
  const title = optionalText(input.title);
  if (!title) errors.push({ field: 'title', message: 'A title is required, for example "Checkout 500s".' });
  const impact = optionalText(input.impact);
  if (impact === null) errors.push({ field: 'impact', message: 'Impact must be text.' });
  const affected = optionalText(input.affected);
  if (affected === null || (affected && !/^\d+(\.\d+)?\s*%$|^\d[\d,]*(\s+\S.*)?$/.test(affected))) {
    errors.push({ field: 'affected', message: 'Affected must be a percent ("12%") or a count ("340" or "340 users").' });
  }
  const errorTypes = stringList(input.errorTypes);
  if (!errorTypes) errors.push({ field: 'errorTypes', message: `Error types must be a list of ${ERROR_TYPES.join(', ')}.` });
  else {
    const unknown = errorTypes.filter((t) => !(ERROR_TYPES as readonly string[]).includes(t));
    if (unknown.length) errors.push({ field: 'errorTypes', message: `Unknown error type ${unknown.map((u) => `"${u}"`).join(', ')}: use ${ERROR_TYPES.join(', ')}.` });
  }
  const systems = stringList(input.systems);
  if (!systems) errors.push({ field: 'systems', message: 'Systems must be a list of names.' });
  const severity = input.severity === undefined || input.severity === '' ? 3 : Number(input.severity);
  if (!Number.isInteger(severity) || severity < 1 || severity > 4) errors.push({ field: 'severity', message: 'Severity must be 1, 2, 3 or 4.' });
  const start = typeof input.startedAt === 'string' || input.startedAt === undefined ? parseStartTime((input.startedAt as string | undefined) ?? '', now) : { ok: false as const, message: 'Start time must be text.' };
  if (!start.ok) errors.push({ field: 'startedAt', message: start.message });
  const roles = readRoles(input.roles);
  if (!roles) errors.push({ field: 'roles', message: 'Roles must be names by role, such as { coordinator: "Ada", technicalLead: "Grace" }.' });
  const runbook = optionalText(input.runbook);
  if (runbook === null) errors.push({ field: 'runbook', message: 'Runbook must be a path or a URI.' });
  const template = typeof input.template === 'string' ? input.template.trim() : input.template === undefined || input.template === null ? undefined : null;
  if (template === null) errors.push({ field: 'template', message: 'Template must be text: a URL or a workspace path.' });
  else if (template && !parseTemplateLink(template)) errors.push({ field: 'template', message: `"${template}" is not a template: give an http(s) URL or a workspace path.` });
  if (errors.length || !title || !start.ok || !errorTypes || !systems) return { ok: false, errors };
  return {
    ok: true,
    value: {
      title,
      startedAt: start.date.toISOString(),
      detectedAt: now.toISOString(),
      severity,
      impact: impact ?? '',
      ...(affected ? { affected } : {}),
      errorTypes,
      systems,
      roles: roles ?? {},
      ...(runbook ? { runbook } : {}),
      ...(template ? { template } : {}),
    },
  };
}

/** "Travel Pay 500s!" → "travel-pay-500s" (ASCII, at most 50 characters, never empty). */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50)
    .replace(/-+$/, '');
  return slug || 'incident';
}

/** `2026-03-01-1405-travel-pay-500s.md`, from the start time in UTC so teammates in other zones get the same name. */
export function incidentFileName(startedAt: string, title: string): string {
  const stamp = startedAt.slice(0, 16).replace('T', '-').replace(':', '');
  return `${stamp}-${slugify(title)}.md`;
}

export function minutesBetween(fromIso: string, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - new Date(fromIso).getTime()) / 60_000));
}

/** "23m", "1h 05m", "2d 3h". */
export function formatElapsed(minutes: number): string {
  if (minutes < 60) return `${minutes}m`;
  if (minutes < 24 * 60) return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
  return `${Math.floor(minutes / 1440)}d ${Math.floor((minutes % 1440) / 60)}h`;
}
