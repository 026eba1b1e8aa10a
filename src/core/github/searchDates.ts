export type DateResult = { readonly ok: true; readonly date: Date } | { readonly ok: false; readonly message: string };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/** YYYY-MM-DD (local midnight), YYYY-MM-DDTHH:mm (local), or ISO 8601 with an offset. `field` names the value in messages. */
export function parseSearchDate(field: string, text: string): DateResult {
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

/** Both ends, with the end after the start. */
export function parseSearchWindow(from: string, to: string): { ok: true; from: Date; to: Date } | { ok: false; message: string } {
  const start = parseSearchDate('from', from);
  if (!start.ok) return start;
  const end = parseSearchDate('to', to);
  if (!end.ok) return end;
  if (end.date <= start.date) return { ok: false, message: `to: ${to} is not after from: ${from}.` };
  return { ok: true, from: start.date, to: end.date };
}

/** GitHub's `merged:` range bound: ISO 8601 in UTC, to the second. */
export function searchTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
