// The Table API requests of a queue and its tickets, and how their answers read (c_TableAPI.md of
// ServiceNow/ServiceNowDocs): GET /api/now/table/{table} a page at a time with sysparm_limit and sysparm_offset (the
// total in X-Total-Count), every field as `{ value, display_value }` with sysparm_display_value=all, and PATCH
// /api/now/table/{class}/{sys_id} of a work note or a resolution. No HTTP here: paths, bodies and readers only.

export const TICKET_FIELDS: readonly string[] = ['sys_id', 'number', 'short_description', 'priority', 'state', 'opened_at', 'assigned_to', 'sys_class_name'];
export const PAGE_SIZE = 100;
/** The Table API's own largest page (its default sysparm_limit). */
const MAX_LIMIT = 10_000;

function whole(n: number, min: number, max: number): number {
  return Number.isFinite(n) ? Math.min(max, Math.max(min, Math.floor(n))) : min;
}

/**
 * Path and query of one page of a queue: `/api/now/table/{table}?sysparm_query=…&sysparm_fields=…
 * &sysparm_display_value=all&sysparm_exclude_reference_link=true&sysparm_limit=…&sysparm_offset=…`, the query sent
 * as the link has it, in a stable order (see {@link inStableOrder}).
 */
export function ticketPagePath(table: string, query: string, offset: number, limit = PAGE_SIZE): string {
  const params = [
    `sysparm_query=${encodeURIComponent(inStableOrder(query))}`,
    `sysparm_fields=${TICKET_FIELDS.map(encodeURIComponent).join(',')}`,
    'sysparm_display_value=all',
    'sysparm_exclude_reference_link=true',
    `sysparm_limit=${whole(limit, 1, MAX_LIMIT)}`,
    `sysparm_offset=${whole(offset, 0, Number.MAX_SAFE_INTEGER)}`,
  ];
  return `/api/now/table/${encodeURIComponent(table)}?${params.join('&')}`;
}

/**
 * Offset paging over an unordered query lets ServiceNow return rows in any order from one page to the next, so a
 * ticket could be listed twice or missed. A query with no ORDERBY of its own gets the oldest first, ties by sys_id;
 * a ticket opened meanwhile then lands on the last page instead of shifting the others.
 */
export function inStableOrder(query: string): string {
  if (query.includes('ORDERBY')) return query;
  const order = 'ORDERBYsys_created_on^ORDERBYsys_id';
  return query.trim() === '' ? order : `${query}^${order}`;
}

export interface Ticket {
  readonly number: string;
  readonly sysId: string;
  /** The record's own class (sys_class_name's value: `incident`, `sc_task`): the table to PATCH it through. */
  readonly table: string;
  readonly shortDescription: string;
  /** Display value: `1 - Critical`. */
  readonly priority: string;
  /** `1`; '' when the answer gave only a label that does not start with it. */
  readonly priorityValue: string;
  /** Display value: `In Progress`. */
  readonly state: string;
  /** `2`; '' when the answer gave only the label. */
  readonly stateValue: string;
  /** ISO 8601 in UTC, from the stored value (`YYYY-MM-DD HH:mm:ss`, UTC); '' when absent or only shown in a user's time zone. */
  readonly openedAt: string;
  /** Display value: the assignee's name. */
  readonly assignedTo?: string;
  /** The record in the instance's UI: `https://{instance}/nav_to.do?uri={table}.do%3Fsys_id%3D{sys_id}`. */
  readonly url: string;
}

export type TicketPage = { readonly ok: true; readonly tickets: Ticket[]; readonly total: number | undefined } | { readonly ok: false; readonly error: string };

/** One field of an answer: its stored value and its display value, and whether the answer gave both. */
interface Field {
  readonly value: string;
  readonly display: string;
  /** A bare string (display_value false or true): whether it is the value or the label is not said. */
  readonly plain: boolean;
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

/**
 * `{ value, display_value }` (display_value=all, with or without `link`), `{ link, value }` or `{ display_value, link }`
 * (a reference of display_value false or true with its link), or a bare string.
 */
function field(record: Readonly<Record<string, unknown>>, name: string): Field {
  const raw = record[name];
  const bare = text(raw);
  if (bare !== undefined) return { value: bare, display: bare, plain: true };
  if (typeof raw !== 'object' || raw === null) return { value: '', display: '', plain: false };
  const { value, display_value: display } = raw as { value?: unknown; display_value?: unknown };
  const v = text(value);
  const d = text(display);
  if (v !== undefined && d !== undefined) return { value: v, display: d, plain: false };
  // A reference with its link: only one side given.
  return v !== undefined ? { value: v, display: '', plain: false } : { value: '', display: d ?? '', plain: false };
}

// The labels of the base system's task classes, for an answer of display_value=true, which names the class by its
// label ("Incident") and not its table. Any other label cannot be turned back into a table.
const CLASS_LABELS: Readonly<Record<string, string>> = {
  Task: 'task',
  Incident: 'incident',
  'Catalog Task': 'sc_task',
  'Requested Item': 'sc_req_item',
  Request: 'sc_request',
  Problem: 'problem',
  'Problem Task': 'problem_task',
  'Change Request': 'change_request',
  'Change Task': 'change_task',
  'Incident Task': 'incident_task',
};
const TABLE_NAME = /^[a-z0-9_]+$/;
const PRIORITY_LABEL = /^(\d+)\s*-/;
const NUMBER = /^-?\d+$/;
const GLIDE_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const SYS_ID = /^[0-9a-f]{32}$/;

/** `2026-12-01 09:00:00` (UTC) → `2026-12-01T09:00:00.000Z`; '' when it is no such date. */
function isoOf(glide: string): string {
  const m = GLIDE_DATE_TIME.exec(glide.trim());
  if (!m) return '';
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  // Date.UTC rolls over (February 30th is March 2nd): such a date is not one.
  return date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && h < 24 && mi < 60 && s < 60 ? date.toISOString() : '';
}

/** The UI address of a record. */
export function ticketUrl(instance: string, table: string, sysId: string): string {
  return `https://${instance}/nav_to.do?uri=${encodeURIComponent(`${table}.do?sys_id=${sysId}`)}`;
}

function readTicket(record: Readonly<Record<string, unknown>>, instance: string): Ticket | string {
  const sysId = field(record, 'sys_id').value.trim();
  const number = field(record, 'number');
  const named = number.display || number.value || sysId;
  if (!sysId) return `a record${named ? ` (${named})` : ''} has no sys_id`;
  const cls = field(record, 'sys_class_name');
  const priority = field(record, 'priority');
  const state = field(record, 'state');
  // display_value=true: bare labels; the classes' and choices' values and the stored dates are not in the answer.
  const shown = (cls.plain && !TABLE_NAME.test(cls.value)) || (priority.plain && PRIORITY_LABEL.test(priority.value)) || (state.plain && state.value !== '' && !NUMBER.test(state.value));
  const table = cls.plain ? (TABLE_NAME.test(cls.value) ? cls.value : CLASS_LABELS[cls.value.trim()]) : cls.value.trim();
  if (!table) return cls.value.trim() ? `the class of ${named} is given as "${cls.display}", not as a table` : `${named} has no class (sys_class_name)`;
  const priorityValue = NUMBER.test(priority.value) ? priority.value : (PRIORITY_LABEL.exec(priority.display)?.[1] ?? '');
  const stateValue = NUMBER.test(state.value.trim()) ? state.value.trim() : '';
  const openedAt = field(record, 'opened_at');
  const assigned = field(record, 'assigned_to');
  // A bare reference of display_value=false is the user's sys_id, not a name.
  const assignedTo = (assigned.plain && !shown && SYS_ID.test(assigned.value) ? '' : assigned.display).trim();
  return {
    number: number.display || number.value,
    sysId,
    table,
    shortDescription: field(record, 'short_description').display,
    priority: priority.display,
    priorityValue,
    state: state.display,
    stateValue,
    openedAt: openedAt.plain && shown ? '' : isoOf(openedAt.value),
    ...(assignedTo ? { assignedTo } : {}),
    url: ticketUrl(instance, table, sysId),
  };
}

/** X-Total-Count: a whole number, else undefined. */
function totalOf(header: string | null | undefined): number | undefined {
  const t = header?.trim() ?? '';
  if (!/^\d+$/.test(t)) return undefined;
  const n = Number(t);
  return Number.isSafeInteger(n) ? n : undefined;
}

/**
 * A page of tickets from the `{ result: [...] }` answer of sysparm_display_value=all (each field `{ value,
 * display_value }`; bare strings as display_value false and true send them are read too) and its X-Total-Count.
 * An answer that is no list of records, or a record without sys_id or class, is an error saying why, to follow
 * "the answer could not be read: ".
 */
export function readTicketPage(body: unknown, totalHeader: string | null | undefined, instance: string): TicketPage {
  const result = typeof body === 'object' && body !== null ? (body as { result?: unknown }).result : undefined;
  if (!Array.isArray(result)) return { ok: false, error: `there is no list of records in it (${result === undefined ? 'no "result"' : `"result" is ${typeof result === 'object' ? (result === null ? 'null' : 'an object') : typeof result}`})` };
  const tickets: Ticket[] = [];
  for (const [i, record] of result.entries()) {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) return { ok: false, error: `its record ${i + 1} is no record` };
    const ticket = readTicket(record as Record<string, unknown>, instance);
    if (typeof ticket === 'string') return { ok: false, error: ticket };
    tickets.push(ticket);
  }
  return { ok: true, tickets, total: totalOf(totalHeader) };
}

/**
 * The offset of the page after one of `received` records at `offset`, or undefined when there is none: by the
 * total when the answer gave one, else when the page came short. An empty page always ends.
 */
export function nextOffset(offset: number, received: number, total: number | undefined, limit = PAGE_SIZE): number | undefined {
  if (received <= 0) return undefined;
  const next = offset + received;
  if (total !== undefined) return next < total ? next : undefined;
  return received < limit ? undefined : next;
}

/** The record's path, for PATCH: `/api/now/table/{table}/{sys_id}`. */
export function ticketPath(table: string, sysId: string): string {
  return `/api/now/table/${encodeURIComponent(table)}/${encodeURIComponent(sysId)}`;
}

/** A PATCH body adding a work note (a journal entry; the column reads back empty). */
export function workNoteBody(text: string): { work_notes: string } {
  return { work_notes: text };
}

/** How a table's records were resolved before, as the person said: the state's value and the fields it needs. */
export interface ResolveFields {
  readonly state: string;
  readonly fields: Readonly<Record<string, string>>;
}

/**
 * Resolving an incident: Resolved (6) with the resolution code and notes the base system's data policy requires;
 * an error naming what is missing.
 */
export function incidentResolveBody(closeCode: string, closeNotes: string): { state: '6'; close_code: string; close_notes: string } | { error: string } {
  const code = closeCode.trim();
  const notes = closeNotes.trim();
  const missing = [...(code ? [] : ['a resolution code (close_code)']), ...(notes ? [] : ['resolution notes (close_notes)'])];
  if (missing.length) return { error: `Resolving an incident needs ${missing.join(' and ')}.` };
  return { state: '6', close_code: code, close_notes: notes };
}

/**
 * The PATCH body that resolves a record of `table`. Only `incident` has a known resolution (incidentResolveBody,
 * the answers before what was remembered); any other table takes what the person said it needs (`remembered`), and
 * without it is an error: its states differ from the incident's, so none is guessed.
 */
export function resolveBody(table: string, answers: { closeCode?: string; closeNotes?: string; remembered?: ResolveFields }): Record<string, string> | { error: string } {
  const { remembered } = answers;
  if (table === 'incident') {
    return incidentResolveBody(answers.closeCode ?? remembered?.fields.close_code ?? '', answers.closeNotes ?? remembered?.fields.close_notes ?? '');
  }
  if (!remembered || !remembered.state.trim()) {
    return { error: `How a ${table} record is resolved is not known: which state and fields it needs must be asked.` };
  }
  const notes = answers.closeNotes?.trim();
  return { ...remembered.fields, ...(notes ? { close_notes: notes } : {}), state: remembered.state.trim() };
}

/** The state of the record a PATCH answered (`{ result: {...} }`): its label and value; undefined when it has none. */
export function readPatchedState(body: unknown): { state: string; stateValue: string } | undefined {
  const result = typeof body === 'object' && body !== null ? (body as { result?: unknown }).result : undefined;
  if (typeof result !== 'object' || result === null || Array.isArray(result) || !('state' in result)) return undefined;
  const state = field(result as Record<string, unknown>, 'state');
  if (!state.value && !state.display) return undefined;
  const stateValue = NUMBER.test(state.value.trim()) ? state.value.trim() : '';
  return { state: state.display || state.value, stateValue };
}

const MINUTE = 60_000;

/** How long ago a ticket was opened: `40 min`, `2 h`, `3 d`; '' when openedAt is no date. */
export function ticketAge(openedAt: string, now: Date): string {
  const opened = Date.parse(openedAt);
  if (!openedAt || Number.isNaN(opened)) return '';
  const minutes = Math.max(0, Math.floor((now.getTime() - opened) / MINUTE));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h`;
  return `${Math.floor(hours / 24)} d`;
}

/** `P1` … `P5` of the ticket's priority value; '' when it has none. */
export function priorityShort(t: Ticket): string {
  return /^[1-5]$/.test(t.priorityValue) ? `P${t.priorityValue}` : '';
}

/** Priority first (P1 on top), then the oldest ticket: the order a responder works the queue in. */
export function byUrgency(a: Ticket, b: Ticket): number {
  return (Number(a.priorityValue) || 9) - (Number(b.priorityValue) || 9) || a.openedAt.localeCompare(b.openedAt);
}
