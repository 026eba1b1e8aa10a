import { formatClock, formatDate } from '../time/formatTime';

/** One entry of PagerDuty's `GET /oncalls` answer, as far as it is read here. */
export interface PagerDutyOnCallEntry {
  readonly escalation_policy: { readonly id: string; readonly summary?: string };
  readonly escalation_level: number;
  readonly schedule: { readonly id: string; readonly summary?: string } | null;
  readonly user: { readonly id: string; readonly summary?: string; readonly name?: string; readonly email?: string; readonly html_url?: string };
  /** Null for a user always on call at this level (named on the escalation policy, not through a schedule). */
  readonly start: string | null;
  readonly end: string | null;
}

export interface OnCallPerson {
  readonly userId: string;
  readonly name: string;
  readonly email?: string;
  /** The person's PagerDuty page. */
  readonly url?: string;
  /** ISO end of the shift; absent: always on call (no schedule). */
  readonly until?: string;
  /** The schedule(s) that put the person on call, names joined by ", ". */
  readonly schedule?: string;
}

export interface OnCallLevel {
  readonly level: number;
  readonly people: readonly OnCallPerson[];
}

/** What `runbook.getOnCall` returns, one row per person and level. */
export interface OnCallRow {
  readonly level: number;
  readonly name: string;
  readonly email?: string;
  readonly until?: string;
}

/** On-call answers are refetched at least this often. */
export const ON_CALL_REFRESH_MS = 15 * 60_000;

interface Shift {
  readonly person: OnCallPerson;
  readonly schedules: string[];
  alwaysOn: boolean;
  until?: string;
}

/** The later of two ISO ends, by the time they name (their offsets may differ). */
function laterEnd(a: string, b: string): string {
  return Date.parse(b) > Date.parse(a) ? b : a;
}

function isEntry(entry: PagerDutyOnCallEntry): boolean {
  return typeof entry?.user?.id === 'string' && entry.user.id !== '' && Number.isInteger(entry.escalation_level);
}

/**
 * Entries grouped by escalation level, lowest first; one person per user and level, in the
 * order PagerDuty listed them. A user on two schedules at one level stays on call until the
 * later end (or always, if either is), and is shown with both schedules.
 */
export function onCallLevels(entries: readonly PagerDutyOnCallEntry[]): OnCallLevel[] {
  const levels = new Map<number, Map<string, Shift>>();
  for (const entry of entries.filter(isEntry)) {
    let people = levels.get(entry.escalation_level);
    if (!people) levels.set(entry.escalation_level, (people = new Map()));
    const user = entry.user;
    let shift = people.get(user.id);
    if (!shift) {
      const person = { userId: user.id, name: user.name || user.summary || user.id, ...(user.email ? { email: user.email } : {}), ...(user.html_url ? { url: user.html_url } : {}) };
      people.set(user.id, (shift = { person, schedules: [], alwaysOn: false }));
    }
    if (entry.end === null) shift.alwaysOn = true;
    else shift.until = shift.until === undefined ? entry.end : laterEnd(shift.until, entry.end);
    const schedule = entry.schedule ? entry.schedule.summary || entry.schedule.id : undefined;
    if (schedule && !shift.schedules.includes(schedule)) shift.schedules.push(schedule);
  }
  return [...levels.entries()]
    .sort(([a], [b]) => a - b)
    .map(([level, people]) => ({
      level,
      people: [...people.values()].map((s) => ({
        ...s.person,
        ...(!s.alwaysOn && s.until !== undefined ? { until: s.until } : {}),
        ...(s.schedules.length ? { schedule: s.schedules.join(', ') } : {}),
      })),
    }));
}

/** `runbook.getOnCall`'s rows: `{ level, name, email?, until? }`, `until` an ISO string or absent. */
export function flattenOnCall(levels: readonly OnCallLevel[]): OnCallRow[] {
  return levels.flatMap(({ level, people }) => people.map((p) => ({ level, name: p.name, ...(p.email ? { email: p.email } : {}), ...(p.until ? { until: p.until } : {}) })));
}

const weekdayFormats = new Map<string, Intl.DateTimeFormat>();

function weekday(date: Date, timeZone: string | undefined): string {
  const key = timeZone ?? '';
  let format = weekdayFormats.get(key);
  if (!format) weekdayFormats.set(key, (format = new Intl.DateTimeFormat('en-GB', { weekday: 'short', ...(timeZone ? { timeZone } : {}) })));
  return format.format(date);
}

/** Calendar days from `from`'s day to `to`'s, in the zone: 0 today, 1 tomorrow. */
function daysBetween(from: Date, to: Date, timeZone: string | undefined): number {
  return Math.round((Date.parse(formatDate(to, timeZone)) - Date.parse(formatDate(from, timeZone))) / 86_400_000);
}

/** When a shift ends, as a person reads it: "17:00 CET" today, "Wed 09:00 CET" within the week, "2026-12-20" later. */
function untilText(until: Date, now: Date, timeZone: string | undefined): string {
  const days = daysBetween(now, until, timeZone);
  if (days === 0) return formatClock(until, timeZone);
  if (days > 0 && days < 7) return `${weekday(until, timeZone)} ${formatClock(until, timeZone)}`;
  return formatDate(until, timeZone);
}

/** "Kevin Duensing · until 17:00 CET", "… · until Wed 09:00 CET", "… · until 2026-12-20", "… · always on call". */
export function onCallLabel(person: Pick<OnCallPerson, 'name' | 'until'>, now: Date, timeZone?: string): string {
  if (person.until === undefined) return `${person.name} · always on call`;
  const until = new Date(person.until);
  return Number.isFinite(until.getTime()) ? `${person.name} · until ${untilText(until, now, timeZone)}` : person.name;
}

/** True once the answer is 15 minutes old, or once a shift shown has ended. */
export function needsRefresh(fetchedAt: Date, now: Date, levels: readonly OnCallLevel[]): boolean {
  if (now.getTime() - fetchedAt.getTime() >= ON_CALL_REFRESH_MS) return true;
  return levels.some((l) => l.people.some((p) => p.until !== undefined && Date.parse(p.until) <= now.getTime()));
}
