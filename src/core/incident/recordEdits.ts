import { formatElapsed, type IncidentState, isActive, minutesBetween } from './incident';
import { findSection, isPlaceholderLine } from './incidentDocument';
import { frontMatterWithState, readIncident } from './frontMatter';
import { RECORD_SECTIONS } from './recordSections';
import { offsetAfterEdits, type TextEdit } from './textEdits';
import { timelineEdits, type TimelineEntry } from './timeline';

/** Lines to add at the end of a section, found by its heading; `name` titles the section when the record has none. */
export interface SectionAddition {
  readonly heading: RegExp;
  readonly name: string;
  readonly lines: readonly string[];
}

export const TIMELINE: Omit<SectionAddition, 'lines'> = RECORD_SECTIONS.timeline;
const SUMMARY: Omit<SectionAddition, 'lines'> = RECORD_SECTIONS.summary;
const POST_INCIDENT: Omit<SectionAddition, 'lines'> = RECORD_SECTIONS.postIncident;

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

/** What an action does to the record: the state it leads to, the timeline entries that record it, and lines for other sections. */
export interface IncidentAction {
  readonly state: IncidentState;
  readonly entries: readonly TimelineEntry[];
  /** Lines added at the end of other sections (Recent Changes, Dashboards…); the focus goes to the first. */
  readonly sections?: readonly SectionAddition[];
}

/**
 * One action on an incident, as one set of edits: the state it leads to (in
 * the front matter, untouched when the state is unchanged), lines for other
 * sections, and the timeline entries that record it, in time order.
 * `update` returns an error (naming the field) to refuse the action; nothing is then changed.
 */
export function changeIncident(text: string, update: (state: IncidentState) => IncidentAction | { readonly error: string }, timeZone?: string): RecordChange {
  const read = readIncident(text);
  if (!read.ok) return read;
  const updated = update(read.state);
  if ('error' in updated) return { ok: false, error: updated.error };
  const front = frontMatterWithState(text, updated.state);
  if (!front.ok) return front;
  const unchanged = JSON.stringify(updated.state) === JSON.stringify(read.state) || front.text === text.slice(0, front.length);
  const frontEdits = unchanged ? [] : [{ start: 0, end: front.length, text: front.text }];
  const sections = appendToSections(text, updated.sections ?? []).edits;
  const timeline = timelineEdits(text, updated.entries, updated.state.startedAt, timeZone);
  const edits = [...frontEdits, ...onePartingAtEnd(text, [...sections, ...timeline])];
  const first = sections[0] ?? timeline.reduce<TextEdit | undefined>((a, e) => (a === undefined || e.start < a.start ? e : a), undefined);
  return { ok: true, state: updated.state, edits, focus: first ? offsetAfterEdits(edits, first.start) + (first.text.match(/^(?:\r?\n)+/)?.[0].length ?? 0) : 0 };
}

export interface ResolveInput {
  readonly summary: string;
  readonly now: Date;
  /** When it was resolved, if earlier than now (a person resolving late); after the start, not in the future. */
  readonly resolvedAt?: Date;
  /** The runbook's post-incident checklist, as Markdown lines. */
  readonly checklist: readonly string[];
  readonly timeZone?: string;
  /** Write the "Resolved after…" timeline entry (default true). */
  readonly entry?: boolean;
  /** More entries of the same action ("Copied the resolved message"), written in the same edit. */
  readonly moreEntries?: readonly TimelineEntry[];
}

/**
 * Resolving, as one set of edits: status and resolvedAt in the front matter;
 * the summary in place of the Summary section's placeholder line (or under
 * what a person already wrote there); a timeline entry at the time it was resolved; the post-incident checklist.
 */
export function resolveRecord(text: string, input: ResolveInput): RecordChange {
  const read = readIncident(text);
  if (!read.ok) return read;
  if (!isActive(read.state)) return { ok: false, error: `the incident is already ${read.state.status}` };
  const at = input.resolvedAt ?? input.now;
  const checked = checkResolvedAt(at, read.state.startedAt, input.now);
  if (checked) return { ok: false, error: checked };
  const state: IncidentState = { ...read.state, status: 'resolved', resolvedAt: at.toISOString() };
  const front = frontMatterWithState(text, state);
  if (!front.ok) return front;
  const summaryLines = (input.summary.trim() || '_No summary given._').split(/\r?\n/);
  const placeholder = placeholderRange(text, SUMMARY.heading);
  // Sections a hand-written record lacks are added at its end in this order: Summary, Timeline, Post-incident.
  const summary = placeholder ? [] : appendToSections(text, [{ ...SUMMARY, lines: summaryLines }]).edits;
  const resolved = input.entry === false ? [] : [{ at, text: `Resolved after ${formatElapsed(minutesBetween(state.startedAt, at))}.` }];
  const timeline = timelineEdits(text, [...resolved, ...(input.moreEntries ?? [])], state.startedAt, input.timeZone);
  const checklist = appendToSections(text, [{ ...POST_INCIDENT, lines: input.checklist }]).edits;
  const summaryEdit = placeholder && { ...placeholder, text: summaryLines.join(eolOf(text)) };
  const edits = [{ start: 0, end: front.length, text: front.text }, ...(summaryEdit ? [summaryEdit] : []), ...onePartingAtEnd(text, [...summary, ...timeline, ...checklist])];
  const focusAt = summaryEdit?.start ?? summary[0]?.start ?? Math.min(...[...timeline, ...checklist].map((e) => e.start), text.length);
  return { ok: true, state, edits, focus: offsetAfterEdits(edits, focusAt) };
}

/** Why a resolve time cannot be used (field "resolvedAt"), or undefined when it can. */
export function checkResolvedAt(at: Date, startedAt: string, now: Date): string | undefined {
  if (!Number.isFinite(at.getTime())) return 'resolvedAt is not a date';
  if (at.getTime() < new Date(startedAt).getTime()) return 'resolvedAt is before the incident started';
  if (at.getTime() > now.getTime() + 60_000) return 'resolvedAt is in the future';
  return undefined;
}

/** Ticking or unticking a runbook step during the incident: its key in `progress`, and a timeline entry (unless `entry` is false). */
export function recordStepProgress(text: string, input: { readonly key: string; readonly done: boolean; readonly label: string; readonly now: Date; readonly timeZone?: string; readonly entry?: boolean }): RecordChange {
  return changeIncident(
    text,
    (state) => {
      const others = state.progress.filter((k) => k !== input.key);
      return {
        state: { ...state, progress: input.done ? [...others, input.key] : others },
        entries: input.entry === false ? [] : [{ at: input.now, text: `${input.done ? 'Done' : 'Reopened'}: ${input.label}` }],
      };
    },
    input.timeZone,
  );
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

/**
 * Each section added at the end of a text without a final line break starts with an extra
 * line break; when several are added there, only the first needs it.
 */
function onePartingAtEnd(text: string, edits: readonly TextEdit[]): TextEdit[] {
  if (text.endsWith('\n') || text === '') return [...edits];
  const eol = eolOf(text);
  let seen = false;
  return edits.map((e) => {
    if (e.start !== text.length || !e.text.startsWith(eol)) return e;
    const first = !seen;
    seen = true;
    return first ? e : { ...e, text: e.text.slice(eol.length) };
  });
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
