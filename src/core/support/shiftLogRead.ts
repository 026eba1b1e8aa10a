import { frontMatterLength, frontMatterLineCount } from '../incident/frontMatter';
import { markdownOutline } from '../incident/markdownHeadings';
import { plainFromMarkdown } from './markdownEscape';
import { readShiftFields, type ShiftFields } from './shiftFrontMatter';
import { LOG_TYPE, type ReadShiftLog, type SectionKey, type ShiftLogCheck, type ShiftLogTicket } from './shiftLogModel';
import { readCheckLine, readIncidentLine, readNoteLine, readTicketLine, type TicketFields } from './shiftLogLines';

export const HAND_OFF_START = '<!-- hand-off -->';
export const HAND_OFF_END = '<!-- /hand-off -->';

/** A section of the log: its heading's line and the line after its last non-blank line. */
export interface SectionSpan {
  readonly heading: number;
  readonly end: number;
}

export interface LayoutCheck extends ShiftLogCheck {
  readonly indent: number;
  /** Where the box's mark and the tail after the id comment are, as offsets into the line. */
  readonly boxAt: number;
  readonly tailAt: number;
  /** The check's last non-blank line, its own or a note's. */
  readonly lastLine: number;
}

export interface LayoutTicket extends ShiftLogTicket {
  readonly fields: TicketFields;
}

/** Where everything is in a log, for reading it and for editing it in place. */
export interface LogLayout {
  readonly fields: ShiftFields;
  /** The lines, without their line breaks. */
  readonly lines: readonly string[];
  readonly eol: string;
  readonly sections: Partial<Record<SectionKey, SectionSpan>>;
  readonly checks: readonly LayoutCheck[];
  readonly tickets: readonly LayoutTicket[];
  readonly incidents: readonly { readonly title: string; readonly path: string; readonly line: number }[];
  /** The lines of the written hand-off, markers included, when there is one. */
  readonly handOffBlock?: { readonly start: number; readonly end: number };
  readonly handOff?: string;
}

const SECTION_TITLES: Readonly<Record<SectionKey, RegExp>> = {
  checks: /^checks$/i,
  tickets: /^tickets$/i,
  incidents: /^incidents$/i,
  handOff: /^hand[- ]?off$/i,
};

const TYPE_LINE = new RegExp(`^type:[ \\t]*(["']?)${LOG_TYPE}\\1[ \\t]*\\r?$`, 'm');

/** Whether the text is a shift log: its front matter says `type: support-shift` (read without parsing the YAML). */
export function isShiftLog(text: string): boolean {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const length = frontMatterLength(body);
  return length > 0 && TYPE_LINE.test(body.slice(0, length));
}

export function readShiftLog(text: string): ReadShiftLog {
  const layout = layoutOf(text);
  if ('error' in layout) return { ok: false, error: layout.error };
  const { fields, checks, tickets, incidents, handOff } = layout;
  return {
    ok: true,
    log: {
      planPath: fields.plan,
      engineer: fields.engineer,
      started: fields.started,
      ...(fields.ended ? { ended: fields.ended } : {}),
      checks: checks.map(({ id, text: label, done, doneAt, notes, planNotes, line }) => ({ id, text: label, done, ...(doneAt ? { doneAt } : {}), notes, planNotes, line })),
      tickets: tickets.map(({ number, shortDescription, issueUrl, issueRef, resolved, line }) => ({ number, shortDescription, ...(issueUrl ? { issueUrl, issueRef: issueRef ?? '' } : {}), ...(resolved ? { resolved } : {}), line })),
      incidents: incidents.map(({ title, path }) => ({ title, path })),
      ...(handOff ? { handOff } : {}),
    },
  };
}

export function layoutOf(text: string): LogLayout | { readonly error: string } {
  const read = readShiftFields(text);
  if (!read.ok) return { error: read.error };
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  const { headings, hidden } = markdownOutline(lines, frontMatterLineCount(text.replace(/^\uFEFF/, '')));
  const sections: Partial<Record<SectionKey, SectionSpan>> = {};
  const level2 = headings.filter((h) => h.level <= 2);
  level2.forEach((heading, i) => {
    const key = (Object.keys(SECTION_TITLES) as SectionKey[]).find((k) => SECTION_TITLES[k].test(heading.title));
    if (!key || sections[key] || heading.level !== 2) return;
    sections[key] = { heading: heading.line, end: lastContentLine(lines, heading.line, level2[i + 1]?.line ?? lines.length) + 1 };
  });
  const visible = (span: SectionSpan | undefined) => {
    const found: number[] = [];
    if (span) for (let i = span.heading + 1; i < span.end; i++) if (!hidden.has(i)) found.push(i);
    return found;
  };
  const handOff = readHandOff(lines, sections.handOff);
  return {
    fields: read.fields,
    lines,
    eol,
    sections,
    checks: readChecks(lines, visible(sections.checks)),
    tickets: visible(sections.tickets).flatMap((line) => {
      const fields = readTicketLine(lines[line] as string);
      return fields ? [{ number: fields.number, shortDescription: fields.shortDescription, ...(fields.issueUrl ? { issueUrl: fields.issueUrl, issueRef: fields.issueRef ?? '' } : {}), ...(fields.resolvedAt ? { resolved: true } : {}), line, fields }] : [];
    }),
    incidents: visible(sections.incidents).flatMap((line) => {
      const incident = readIncidentLine(lines[line] as string);
      return incident ? [{ ...incident, line }] : [];
    }),
    ...handOff,
  };
}

/** Check lines, each with the bullets beneath it (those indented further, blank lines between allowed). */
function readChecks(lines: readonly string[], visible: readonly number[]): LayoutCheck[] {
  const checks: LayoutCheck[] = [];
  let current: { check: Omit<LayoutCheck, 'notes' | 'planNotes' | 'lastLine'>; notes: string[]; planNotes: string[]; lastLine: number } | undefined;
  const close = () => {
    if (current) checks.push({ ...current.check, notes: current.notes, planNotes: current.planNotes, lastLine: current.lastLine });
    current = undefined;
  };
  for (const i of visible) {
    const line = lines[i] as string;
    if (!line.trim()) continue;
    if (current && indentOf(line) > current.check.indent) {
      const note = readNoteLine(line);
      if (note) (note.plan ? current.planNotes : current.notes).push(note.text);
      current.lastLine = i;
      continue;
    }
    close();
    const check = readCheckLine(line);
    if (!check) continue;
    const { indent, label, id, done, doneAt, boxAt, tailAt } = check;
    current = { check: { id, text: label, done, ...(doneAt ? { doneAt } : {}), line: i, indent, boxAt, tailAt }, notes: [], planNotes: [], lastLine: i };
  }
  close();
  return checks;
}

function readHandOff(lines: readonly string[], span: SectionSpan | undefined): Pick<LogLayout, 'handOff' | 'handOffBlock'> {
  if (!span) return {};
  let start = -1;
  for (let i = span.heading + 1; i < span.end; i++) {
    const line = (lines[i] as string).trim();
    if (line === HAND_OFF_START) start = i;
    else if (line === HAND_OFF_END && start >= 0) {
      const handOff = lines.slice(start + 1, i).map(plainFromMarkdown).join('\n').trim();
      return { handOffBlock: { start, end: i + 1 }, ...(handOff ? { handOff } : {}) };
    }
  }
  const written = lines.slice(span.heading + 1, span.end).join('\n').trim();
  return written ? { handOff: written } : {};
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

function lastContentLine(lines: readonly string[], start: number, end: number): number {
  let last = start;
  for (let i = start + 1; i < end; i++) if ((lines[i] as string).trim() !== '') last = i;
  return last;
}
