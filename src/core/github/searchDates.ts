import { parseWindowDate } from '../time/windowInput';

/** Both ends, with the end after the start. */
export function parseSearchWindow(from: string, to: string): { ok: true; from: Date; to: Date } | { ok: false; message: string } {
  const start = parseWindowDate('from', from);
  if (!start.ok) return start;
  const end = parseWindowDate('to', to);
  if (!end.ok) return end;
  if (end.date <= start.date) return { ok: false, message: `to: ${to} is not after from: ${from}.` };
  return { ok: true, from: start.date, to: end.date };
}

/** GitHub's `merged:` range bound: ISO 8601 in UTC, to the second. */
export function searchTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
