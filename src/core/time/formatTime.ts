export interface TimeOptions {
  /** Today (default: the current time): a time on its day shows without the date. */
  readonly now?: Date;
  readonly timeZone?: string;
  /** Read the time against this day instead of `now`'s: a record's entries against the incident's start day. */
  readonly dateUnless?: Date;
  /** Always show the date: text read on later days, such as a record's "started at". */
  readonly alwaysDate?: boolean;
}

/**
 * The one way a person is shown a time: "14:05 CET" for today, "2026-11-22 14:05 CET"
 * for any other day (both in the viewer's zone unless `timeZone` is given). Never a raw ISO string.
 */
export function formatTime(date: Date, options: TimeOptions = {}): string {
  if (!Number.isFinite(date.getTime())) return 'an invalid time';
  const at = partsOf(date, options.timeZone);
  const day = options.alwaysDate ? undefined : partsOf(options.dateUnless ?? options.now ?? new Date(), options.timeZone);
  const clock = `${at.hour}:${at.minute} ${at.timeZoneName}`;
  return day && at.year === day.year && at.month === day.month && at.day === day.day ? clock : `${at.year}-${at.month}-${at.day} ${clock}`;
}

/** "14:05 CET": the wall-clock time alone, where the day goes without saying (a status line about now). */
export function formatClock(date: Date, timeZone?: string): string {
  const at = partsOf(date, timeZone);
  return `${at.hour}:${at.minute} ${at.timeZoneName}`;
}

/** "2026-11-20": the day alone (in the viewer's zone unless given), where the hour does not matter (a list of past incidents). */
export function formatDate(date: Date, timeZone?: string): string {
  if (!Number.isFinite(date.getTime())) return 'an invalid date';
  const at = partsOf(date, timeZone);
  return `${at.year}-${at.month}-${at.day}`;
}

/**
 * "14:05 CET to 15:10 CET" within today; a span that crosses a day dates both ends
 * ("2026-11-22 23:50 CET to 2026-11-23 00:20 CET"), so neither end reads as the other's day.
 */
export function formatSpan(from: Date, to: Date, options: TimeOptions = {}): string {
  const start = formatTime(from, options);
  const end = formatTime(to, options);
  const crossesDay = !sameDay(from, to, options.timeZone);
  return crossesDay ? `${formatTime(from, { ...options, alwaysDate: true })} to ${formatTime(to, { ...options, alwaysDate: true })}` : `${start} to ${end}`;
}

function sameDay(a: Date, b: Date, timeZone: string | undefined): boolean {
  const x = partsOf(a, timeZone);
  const y = partsOf(b, timeZone);
  return x.year === y.year && x.month === y.month && x.day === y.day;
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

const shortDays = new Map<string, Intl.DateTimeFormat>();

/** "Nov 20": the day alone, short, where the year goes without saying (a stage live since a recent day). */
export function formatShortDay(date: Date, timeZone?: string): string {
  if (!Number.isFinite(date.getTime())) return 'an invalid date';
  const key = timeZone ?? '';
  let formatter = shortDays.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', ...(timeZone ? { timeZone } : {}) });
    shortDays.set(key, formatter);
  }
  return formatter.format(date);
}
