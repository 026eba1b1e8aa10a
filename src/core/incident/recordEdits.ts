import { formatElapsed, type IncidentState, minutesBetween } from './incident';
import { findSection, isPlaceholderLine, timelineEntry } from './incidentDocument';
import { frontMatterWithState, readIncident } from './frontMatter';
import { offsetAfterEdits, type TextEdit } from './textEdits';

/** Lines to add at the end of a section, found by its heading; `name` titles the section when the record has none. */
export interface SectionAddition {
  readonly heading: RegExp;
  readonly name: string;
  readonly lines: readonly string[];
}

export const TIMELINE: Omit<SectionAddition, 'lines'> = { heading: /^timeline$/i, name: 'Timeline' };
const SUMMARY: Omit<SectionAddition, 'lines'> = { heading: /^summary$/i, name: 'Summary' };
const POST_INCIDENT: Omit<SectionAddition, 'lines'> = { heading: /^post-?incident/i, name: 'Post-incident' };

/** The edits of one user action, and the offset (in the edited text) of what it wrote first, to reveal. */
export interface RecordEdits {
  readonly edits: readonly TextEdit[];
  readonly focus: number;
}

export type RecordChange = ({ readonly ok: true; readonly state: IncidentState } & RecordEdits) | { readonly ok: false; readonly error: string };

/**
 * Appends lines at the end of sections, after their last non-blank line; a
 * section the record lacks (written by hand) is added at its end. The focus is the first addition.
 */
export function appendToSections(text: string, additions: readonly SectionAddition[]): RecordEdits {
  const edits: TextEdit[] = [];
  const eol = eolOf(text);
  const starts = lineStarts(text);
  const missing: string[] = [];
  for (const addition of additions) {
    if (!addition.lines.length) continue;
    const section = findSection(text, addition.heading);
    if (!section) {
      missing.push(`## ${addition.name}`, ...addition.lines, '');
      continue;
    }
    const at = starts[section.end];
    edits.push(at === undefined ? { start: text.length, end: text.length, text: eol + addition.lines.join(eol) + eol } : { start: at, end: at, text: addition.lines.join(eol) + eol });
  }
  if (missing.length) edits.push({ start: text.length, end: text.length, text: (text.endsWith('\n') ? eol : eol + eol) + missing.join(eol) });
  const first = edits[0];
  return { edits, focus: first ? offsetAfterEdits(edits, first.start) + (first.text.startsWith(eol) ? eol.length : 0) : 0 };
}

export interface ResolveInput {
  readonly summary: string;
  readonly now: Date;
  /** The runbook's post-incident checklist, as Markdown lines. */
  readonly checklist: readonly string[];
  readonly timeZone?: string;
}

/**
 * Resolving, as one set of edits: status and resolvedAt in the front matter;
 * the summary in place of the Summary section's placeholder line (or under
 * what a person already wrote there); a timeline entry; the post-incident checklist.
 */
export function resolveRecord(text: string, input: ResolveInput): RecordChange {
  const read = readIncident(text);
  if (!read.ok) return read;
  if (read.state.status === 'resolved') return { ok: false, error: 'the incident is already resolved' };
  const state: IncidentState = { ...read.state, status: 'resolved', resolvedAt: input.now.toISOString() };
  const front = frontMatterWithState(text, state);
  if (!front.ok) return front;
  const summaryLines = (input.summary.trim() || '_No summary given._').split(/\r?\n/);
  const placeholder = placeholderRange(text, SUMMARY.heading);
  const appended = appendToSections(text, [
    ...(placeholder ? [] : [{ ...SUMMARY, lines: summaryLines }]),
    { ...TIMELINE, lines: [timelineEntry(input.now, `Resolved after ${formatElapsed(minutesBetween(state.startedAt, input.now))}.`, state.startedAt, input.timeZone)] },
    { ...POST_INCIDENT, lines: input.checklist },
  ]);
  const summaryEdit = placeholder && { ...placeholder, text: summaryLines.join(eolOf(text)) };
  const edits = [{ start: 0, end: front.length, text: front.text }, ...(summaryEdit ? [summaryEdit] : []), ...appended.edits];
  return { ok: true, state, edits, focus: summaryEdit ? offsetAfterEdits(edits, summaryEdit.start) : appended.focus + front.text.length - front.length };
}

/** Ticking or unticking a runbook step during the incident: its key in `progress`, and a timeline entry. */
export function recordStepProgress(text: string, input: { readonly key: string; readonly done: boolean; readonly label: string; readonly now: Date; readonly timeZone?: string }): RecordChange {
  const read = readIncident(text);
  if (!read.ok) return read;
  const others = read.state.progress.filter((k) => k !== input.key);
  const state: IncidentState = { ...read.state, progress: input.done ? [...others, input.key] : others };
  const front = frontMatterWithState(text, state);
  if (!front.ok) return front;
  const appended = appendToSections(text, [{ ...TIMELINE, lines: [timelineEntry(input.now, `${input.done ? 'Done' : 'Reopened'}: ${input.label}`, state.startedAt, input.timeZone)] }]);
  return { ok: true, state, edits: [{ start: 0, end: front.length, text: front.text }, ...appended.edits], focus: appended.focus + front.text.length - front.length };
}

/**
 * The character range of a section's placeholder: its lines written wholly in
 * italics (`_Leave blank until…_`), when the section holds nothing else.
 */
function placeholderRange(text: string, heading: RegExp): { start: number; end: number } | undefined {
  const section = findSection(text, heading);
  if (!section) return undefined;
  const lines = text.split('\n');
  const starts = lineStarts(text);
  const body = lines.slice(section.heading + 1, section.end).map((l) => l.replace(/\r$/, '').trim());
  if (!body.some(Boolean) || !body.every((l) => !l || isPlaceholderLine(l))) return undefined;
  const first = section.heading + 1 + body.findIndex(Boolean);
  const last = section.end - 1;
  return { start: starts[first] ?? text.length, end: (starts[last] ?? text.length) + (lines[last] ?? '').replace(/\r$/, '').length };
}

function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** The offset each line starts at; `lineStarts(t)[i]` is undefined past the last line. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}
