/**
 * The one way a person is shown a time: "14:05 CET" for today, "2026-11-22 14:05 CET"
 * for any other day (both in the viewer's zone unless `timeZone` is given). Never a raw ISO string.
 */
export function formatTime(date: Date, options: { readonly now?: Date; readonly timeZone?: string } = {}): string {
  if (!Number.isFinite(date.getTime())) return 'an invalid time';
  const at = partsOf(date, options.timeZone);
  const today = partsOf(options.now ?? new Date(), options.timeZone);
  const clock = `${at.hour}:${at.minute} ${at.timeZoneName}`;
  return at.year === today.year && at.month === today.month && at.day === today.day ? clock : `${at.year}-${at.month}-${at.day} ${clock}`;
}

/** "14:05 CET": the wall-clock time alone, for entries written now (timeline lines). */
export function formatClock(date: Date, timeZone?: string): string {
  const at = partsOf(date, timeZone);
  return `${at.hour}:${at.minute} ${at.timeZoneName}`;
}

/** "14:05 CET to 15:10 CET", with the date on each end that is not today. */
export function formatSpan(from: Date, to: Date, options: { readonly now?: Date; readonly timeZone?: string } = {}): string {
  return `${formatTime(from, options)} to ${formatTime(to, options)}`;
}

interface DateParts {
  readonly year: string;
  readonly month: string;
  readonly day: string;
  readonly hour: string;
  readonly minute: string;
  readonly timeZoneName: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsOf(date: Date, timeZone: string | undefined): DateParts {
  const key = timeZone ?? '';
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short', ...(timeZone ? { timeZone } : {}) });
    formatters.set(key, formatter);
  }
  const parts: Record<string, string> = {};
  for (const part of formatter.formatToParts(date)) parts[part.type] = part.value;
  return { year: parts.year ?? '', month: parts.month ?? '', day: parts.day ?? '', hour: parts.hour ?? '', minute: parts.minute ?? '', timeZoneName: parts.timeZoneName ?? '' };
}
