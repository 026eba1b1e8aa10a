import { findDurations } from '../runbook/textFacts';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

// Each pattern is anchored to where the scan stands and has no nested repetition: linear over any text.
// Seconds (and a fraction) are read past, so the zone of "2026-11-20T14:05:30.000Z" is still seen.
const ISO_DAY = /(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::\d{2}(?:\.\d{1,9})?)?)?/y;
const US_DAY = /(\d{1,2})\/(\d{1,2})\/(\d{4})/y;
const MONTH_DAY = /([a-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})/iy;
const DAY_MONTH = /(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3})[a-z]*\.?,?\s+(\d{4})/iy;
// After a time: "Z", "UTC", "GMT", "UTC+01:00", "+0100", "-5".
const ZONE = /\s*(?:(Z|UTC|GMT)(?![a-z]))?([+-])?(\d{1,2})?(?::?(\d{2}))?/iy;

/**
 * The first date in a stage's "Date:" value: 2026-11-20, 2026-11-20 14:05 UTC+01:00, 11/20/2026 (as the US team
 * writes it), Nov 20, 2026 or 20 November 2026. A day alone is the viewer's midnight; a time without a zone is
 * the viewer's time. Undefined when the value names no date (empty, "TBD").
 */
export function parseStageDate(value: string): Date | undefined {
  for (let at = 0; at < value.length; at++) {
    const code = value.charCodeAt(at);
    const isDigit = code >= 48 && code <= 57;
    const isLetter = (code | 32) >= 97 && (code | 32) <= 122;
    if (!isDigit && !isLetter) continue;
    // Only at the start of a word, so "2026" inside "x2026" or "may" inside "dismay" is not a date.
    const before = at > 0 ? value.charAt(at - 1) : ' ';
    if (/[\p{L}\p{N}]/u.test(before)) continue;
    const date = isDigit ? numericDate(value, at) ?? dayMonth(value, at) : monthDay(value, at);
    if (date) return date;
  }
  return undefined;
}

function numericDate(value: string, at: number): Date | undefined {
  ISO_DAY.lastIndex = at;
  const iso = ISO_DAY.exec(value);
  if (iso) {
    const [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    if (iso[4] === undefined) return localDay(year, month, day);
    const [hour, minute] = [Number(iso[4]), Number(iso[5])];
    ZONE.lastIndex = ISO_DAY.lastIndex;
    const zone = ZONE.exec(value);
    const offset = zone ? zoneOffsetMinutes(zone) : undefined;
    if (offset === undefined) return checked(new Date(year, month - 1, day, hour, minute), year, month, day, hour, minute);
    const utc = new Date(Date.UTC(year, month - 1, day, hour, minute) - offset * 60_000);
    return hour < 24 && minute < 60 && validDay(year, month, day) ? utc : undefined;
  }
  US_DAY.lastIndex = at;
  const us = US_DAY.exec(value);
  return us ? localDay(Number(us[3]), Number(us[1]), Number(us[2])) : undefined;
}

function monthDay(value: string, at: number): Date | undefined {
  MONTH_DAY.lastIndex = at;
  const match = MONTH_DAY.exec(value);
  const month = match ? MONTHS.indexOf((match[1] ?? '').toLowerCase()) : -1;
  return match && month >= 0 ? localDay(Number(match[3]), month + 1, Number(match[2])) : undefined;
}

function dayMonth(value: string, at: number): Date | undefined {
  DAY_MONTH.lastIndex = at;
  const match = DAY_MONTH.exec(value);
  const month = match ? MONTHS.indexOf((match[2] ?? '').toLowerCase()) : -1;
  return match && month >= 0 ? localDay(Number(match[3]), month + 1, Number(match[1])) : undefined;
}

/** Minutes east of UTC that a zone written after a time names; undefined when none is written. */
function zoneOffsetMinutes(zone: RegExpExecArray): number | undefined {
  const [, name, sign, hours, minutes] = zone;
  if (sign && hours !== undefined) {
    const total = Number(hours) * 60 + Number(minutes ?? 0);
    return sign === '-' ? -total : total;
  }
  return name ? 0 : undefined;
}

function localDay(year: number, month: number, day: number): Date | undefined {
  return checked(new Date(year, month - 1, day), year, month, day, 0, 0);
}

function checked(date: Date, year: number, month: number, day: number, hour: number, minute: number): Date | undefined {
  return hour < 24 && minute < 60 && validDay(year, month, day) && date.getDate() === day ? date : undefined;
}

function validDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * "2026-12-02 14:05 UTC+01:00": the time a stage started as written into the plan, in the writer's zone with its
 * offset, so a teammate anywhere reads the same instant back. `offsetMinutes` (east of UTC) defaults to this machine's.
 */
export function formatStageDate(date: Date, offsetMinutes = -date.getTimezoneOffset()): string {
  const shifted = new Date(date.getTime() + offsetMinutes * 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`;
  const clock = `${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}`;
  const abs = Math.abs(offsetMinutes);
  const zone = offsetMinutes === 0 ? 'UTC' : `UTC${offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  return `${day} ${clock} ${zone}`;
}

/** A stage's "Length of time" in milliseconds ("1 week", "3 days", "48 hours"); undefined when empty or unreadable. */
export function parseStageLength(value: string): number | undefined {
  const duration = findDurations(value)[0];
  return duration && duration.minutes > 0 ? duration.minutes * 60_000 : undefined;
}
