import { formatTime } from '../time/formatTime';
import { findSection, timelineEntry } from './incidentDocument';
import { RECORD_SECTIONS } from './recordSections';
import type { TextEdit } from './textEdits';

/** An entry to add to a record's timeline: when it happened and what. */
export interface TimelineEntry {
  readonly at: Date;
  readonly text: string;
}

export const TIMELINE_HEADING = RECORD_SECTIONS.timeline.heading;

// "- 14:05 CET — …" or "- 2026-03-02 09:10 CET — …": the entries this extension writes (timelineEntry).
const ENTRY = /^\s*[-*]\s+(?:(\d{4}-\d{2}-\d{2})\s+)?(\d{1,2}):(\d{2})\s+(\S+)\s+—\s/;

/** "2026-03-02 09:10" and "CET" of an entry line, its day defaulting to the incident's start day; undefined for a person's own line. */
export function entryTime(line: string, startDay: string): { key: string; zone: string } | undefined {
  const match = ENTRY.exec(line);
  if (!match) return undefined;
  return { key: `${match[1] ?? startDay} ${(match[2] ?? '').padStart(2, '0')}:${match[3] ?? ''}`, zone: match[4] ?? '' };
}

/**
 * Inserts entries into the Timeline section in time order: each goes before
 * the first entry written later (in the same time zone), else after the
 * section's last line. Lines are only inserted, never moved, so what a person
 * wrote between entries stays where it is. A record without a Timeline
 * section gets one at its end.
 */
export function timelineEdits(text: string, entries: readonly TimelineEntry[], startedAt: string, timeZone?: string): TextEdit[] {
  if (!entries.length) return [];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = [...entries].sort((a, b) => a.at.getTime() - b.at.getTime()).map((e) => ({ entry: e, line: timelineEntry(e.at, e.text, startedAt, timeZone) }));
  const section = findSection(text, TIMELINE_HEADING);
  if (!section) {
    return [{ start: text.length, end: text.length, text: `${text.endsWith('\n') || text === '' ? (text === '' ? '' : eol) : eol + eol}## Timeline${eol}${lines.map((l) => l.line).join(eol)}${eol}` }];
  }
  const starts = lineStarts(text);
  const textLines = text.split('\n');
  const zoneOpts = timeZone ? { timeZone } : {};
  const startDay = formatTime(new Date(startedAt), { alwaysDate: true, ...zoneOpts }).slice(0, 10);
  const existing: { line: number; key: string; zone: string }[] = [];
  for (let i = section.heading + 1; i < section.end; i++) {
    const time = entryTime(textLines[i] ?? '', startDay);
    if (time) existing.push({ line: i, ...time });
  }
  let atEnd = 0;
  return lines.map(({ entry, line }) => {
    const stamp = formatTime(entry.at, { alwaysDate: true, ...zoneOpts });
    const key = stamp.slice(0, 16);
    const zone = stamp.slice(17);
    const later = existing.find((e) => e.zone === zone && e.key > key);
    if (later) return { start: starts[later.line] ?? text.length, end: starts[later.line] ?? text.length, text: line + eol };
    const at = starts[section.end];
    // The section runs to the end of a text without a final line break: only the first entry there starts a line.
    return at === undefined ? { start: text.length, end: text.length, text: (atEnd++ === 0 ? eol : '') + line + eol } : { start: at, end: at, text: line + eol };
  });
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}
