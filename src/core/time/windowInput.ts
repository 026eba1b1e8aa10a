import { formatTime } from './formatTime';

/** A span of time: `from` before `to`. */
export interface TimeSpan {
  readonly from: Date;
  readonly to: Date;
}

export type DateResult = { readonly ok: true; readonly date: Date } | { readonly ok: false; readonly message: string };

export const WINDOW_DATE_FORMATS = 'YYYY-MM-DD, YYYY-MM-DDTHH:mm (your time) or ISO 8601 with an offset';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/** YYYY-MM-DD (local midnight), YYYY-MM-DDTHH:mm (local), or ISO 8601 with an offset. `field` names the value in messages. */
export function parseWindowDate(field: string, text: string): DateResult {
  const value = text.trim();
  let date: Date | undefined;
  const day = DAY.exec(value) ?? LOCAL.exec(value);
  if (day) {
    const [y, mo, d, h = 0, mi = 0] = day.slice(1).map(Number);
    date = new Date(y as number, (mo as number) - 1, d, h, mi);
    if (date.getFullYear() !== y || date.getMonth() !== (mo as number) - 1 || date.getDate() !== d) date = undefined;
  } else if (ZONED.test(value)) {
    date = new Date(value);
  }
  if (!date || Number.isNaN(date.getTime())) {
    return { ok: false, message: `${field}: "${value}" is not a date. Use YYYY-MM-DD, YYYY-MM-DDTHH:mm or ISO 8601 with an offset (2026-03-01T14:05:00Z).` };
  }
  return { ok: true, date };
}

/**
 * The From box: a date in the past. Empty is refused here (not read as "now"),
 * since no To could then come after it.
 */
function readFrom(text: string, now: Date): DateResult {
  if (!text.trim()) return { ok: false, message: `From: empty. Type when the window starts (${WINDOW_DATE_FORMATS}).` };
  const from = parseWindowDate('From', text);
  if (from.ok && from.date >= now) return { ok: false, message: `From: ${formatTime(from.date, { now })} is in the future; the window must start before now.` };
  return from;
}

/** The To box: empty for now, else a date after From. */
function readTo(text: string, from: Date, now: Date): DateResult {
  if (!text.trim()) return { ok: true, date: now };
  const to = parseWindowDate('To', text);
  if (to.ok && to.date <= from) return { ok: false, message: `To: ${formatTime(to.date, { now })} is not after From (${formatTime(from, { now })}).` };
  return to;
}

export function checkFrom(text: string, now: Date): string | undefined {
  const from = readFrom(text, now);
  return from.ok ? undefined : from.message;
}

export function checkTo(text: string, from: Date, now: Date): string | undefined {
  const to = readTo(text, from, now);
  return to.ok ? undefined : to.message;
}

/** Both boxes as a window (To empty: now), or the first problem, naming its field. */
export function readWindow(fromText: string, toText: string, now: Date): { readonly ok: true; readonly window: TimeSpan } | { readonly ok: false; readonly message: string } {
  const from = readFrom(fromText, now);
  if (!from.ok) return from;
  const to = readTo(toText, from.date, now);
  return to.ok ? { ok: true, window: { from: from.date, to: to.date } } : to;
}

/** YYYY-MM-DDTHH:mm in the person's zone, the format they are asked to type. */
export function localMinute(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
