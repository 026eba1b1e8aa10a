import type { TextEdit } from '../incident/textEdits';
import type { LogLayout } from './shiftLogRead';
import { SECTIONS, type SectionKey } from './shiftLogModel';

/** Offsets of each line's start. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Inserts whole lines before line `at` (at the end when `at` is past the last line). */
export function insertLines(text: string, starts: readonly number[], at: number, lines: readonly string[], eol: string): TextEdit {
  const offset = starts[at];
  if (offset !== undefined && at < starts.length - (text.endsWith('\n') ? 1 : 0)) return { start: offset, end: offset, text: lines.join(eol) + eol };
  const lead = text === '' || text.endsWith('\n') ? '' : eol;
  return { start: text.length, end: text.length, text: lead + lines.join(eol) + eol };
}

/** Replaces line `index` (its line break kept). */
export function replaceLine(layout: LogLayout, starts: readonly number[], index: number, line: string): TextEdit {
  const start = starts[index] as number;
  return { start, end: start + (layout.lines[index] as string).length, text: line };
}

/**
 * Lines added at the end of a section; a section the log lacks (removed by hand) is added
 * before the first later section it has, or at the end.
 */
export function appendToSection(text: string, layout: LogLayout, key: SectionKey, lines: readonly string[]): TextEdit {
  const starts = lineStarts(text);
  const span = layout.sections[key];
  if (span) return insertLines(text, starts, span.end, lines, layout.eol);
  const order = Object.keys(SECTIONS) as SectionKey[];
  const later = order.slice(order.indexOf(key) + 1).map((k) => layout.sections[k]).find((s) => s !== undefined);
  const block = [`## ${SECTIONS[key]}`, ...lines];
  if (later) return insertLines(text, starts, later.heading, [...block, ''], layout.eol);
  const blank = text === '' || /(?:\r?\n){2}$/.test(text) ? [] : [''];
  return insertLines(text, starts, layout.lines.length, [...blank, ...block], layout.eol);
}
