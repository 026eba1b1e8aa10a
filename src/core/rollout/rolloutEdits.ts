import type { TextEdit } from '../incident/textEdits';
import type { PlanCriterion } from './planCriteria';
import { indentation, type PlanField } from './planLines';
import type { PercentageBox, ReleasePlan, RolloutStage } from './releasePlan';
import { formatStageDate } from './stageDates';
import { audience, findStage, rolloutState } from './stageStatus';

export type EditResult = { readonly ok: true; readonly edits: readonly TextEdit[]; readonly message: string; readonly focusLine: number } | { readonly ok: false; readonly error: string };

/** A success criterion as the go/no-go check answered it. */
export interface GoNoGoAnswer {
  readonly criterion: string;
  readonly answer: 'held' | 'not held' | 'skipped';
  readonly note?: string;
}

/** What Flipper was set to and read back as, to write beside the stage. */
export interface FlipperConfirmation {
  readonly percentage: number;
  readonly at: Date;
}

interface Clock {
  readonly now: Date;
  /** Minutes east of UTC the dates are written in; this machine's by default. */
  readonly offsetMinutes?: number;
}

/** The plan's text as lines, to turn a line and column into an offset. */
class PlanText {
  private readonly starts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  offset(line: number, column = 0): number {
    return (this.starts[line] ?? this.text.length) + column;
  }

  /** The end of a line's text, before its line break. */
  lineEnd(line: number): number {
    const next = this.starts[line + 1];
    if (next === undefined) return this.text.length;
    return this.text.charAt(next - 2) === '\r' ? next - 2 : next - 1;
  }

  line(line: number): string {
    return this.text.slice(this.offset(line), this.lineEnd(line));
  }

  /** The last line of [from, end) with text on it, or `from - 1` when all are blank. */
  lastFilled(from: number, end: number): number {
    for (let i = end - 1; i >= from; i--) if (this.line(i).trim()) return i;
    return from - 1;
  }
}

function replaceValue(text: PlanText, field: PlanField, value: string): TextEdit {
  const start = text.offset(field.line, field.valueStart);
  const end = text.offset(field.line, field.valueEnd);
  const before = text.text.charAt(start - 1);
  return { start, end, text: before === ':' ? ` ${value}` : value };
}

/** A line appended after `line`, in the plan's line breaks. */
function insertAfter(text: PlanText, line: number, lines: readonly string[], eol: string): TextEdit {
  const at = text.lineEnd(line);
  return { start: at, end: at, text: lines.map((l) => eol + l).join('') };
}

function tick(text: PlanText, box: PercentageBox, checked: boolean): TextEdit {
  const at = text.offset(box.line, box.mark);
  return { start: at, end: at + 1, text: checked ? 'x' : ' ' };
}

/** "Flipper: 10% (confirmed 14:05)" in the stage: the line it has, else one after its percentage (or heading). */
function flipperLine(text: PlanText, plan: ReleasePlan, stage: RolloutStage, flipper: FlipperConfirmation, clock: Clock): TextEdit {
  // With its zone, as the Date beside it: "(confirmed 14:05 UTC+01:00)".
  const value = `${flipper.percentage}% (confirmed ${formatStageDate(flipper.at, clock.offsetMinutes).slice(11)})`;
  if (stage.flipper) return replaceValue(text, stage.flipper, value);
  const after = stage.date?.line ?? stage.line;
  return insertAfter(text, percentageLine(text, stage) ?? after, [`Flipper: ${value}`], plan.eol);
}

function percentageLine(text: PlanText, stage: RolloutStage): number | undefined {
  for (let i = stage.line + 1; i < stage.end; i++) if (/^\s*percentage\b[^:]*:/i.test(text.line(i))) return i;
  return undefined;
}

/**
 * The line the stage's notes go after: the end of its Results list (the last field, the lines nested under it and
 * the notes written before, so a field keeps its detail and notes stay in the order they were made), else its
 * last line with text.
 */
function notesAnchor(text: PlanText, stage: RolloutStage): number {
  const last = stage.results.at(-1);
  if (!last) return text.lastFilled(stage.line, stage.end);
  let anchor = last.line;
  for (let i = last.line + 1; i < stage.end; i++) {
    const line = text.line(i);
    if (!line.trim() || /^ {0,3}#/.test(line)) break;
    const indent = indentation(line);
    if (indent > last.indent || (indent === last.indent && /^\s*[-*+]\s/.test(line))) anchor = i;
    else break;
  }
  return anchor;
}

function answerLines(answers: readonly GoNoGoAnswer[], criteria: readonly PlanCriterion[], indent: string): string[] {
  const known = new Set(criteria.map((c) => c.text));
  return answers.map((a) => {
    const note = a.note?.trim() ? ` (${oneLine(a.note)})` : '';
    const label = a.answer === 'held' ? 'Held' : a.answer === 'not held' ? 'Not held' : 'Skipped';
    return `${indent}    - ${label}: ${oneLine(a.criterion)}${known.has(a.criterion) ? '' : ' [not a criterion of the plan]'}${note}`;
  });
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export interface StartNext extends Clock {
  readonly go: boolean;
  readonly answers: readonly GoNoGoAnswer[];
  /** The warnings of the check (goNoGoWarnings) the person went ahead despite, noted with the answers. */
  readonly despite?: readonly string[];
  readonly flipper?: FlipperConfirmation;
}

/**
 * Go: the next stage's Date becomes now (an earlier value kept after it), its box in the overview is ticked, and
 * the go/no-go answers are noted under the live stage's Results. No-go: only the note. One set of edits.
 */
export function startNextStage(text: string, plan: ReleasePlan, request: StartNext): EditResult {
  const state = rolloutState(plan, request.now);
  const live = state.live?.stage;
  const next = state.next?.stage;
  if (!next && request.go) return { ok: false, error: live ? `"${live.name}" is the last stage: there is no next stage to start.` : 'The plan has no stage to start.' };
  if (!live && !request.go) return { ok: false, error: 'No stage is live: a no-go is noted under the live stage, and there is none yet.' };
  const lines = new PlanText(text);
  const edits: TextEdit[] = [];
  const written = formatStageDate(request.now, request.offsetMinutes);
  if (live && (request.answers.length || request.despite?.length || !request.go)) {
    const anchor = notesAnchor(lines, live);
    // At the Results fields' depth, not that of a line nested under the last one.
    const indent = /^\s*/.exec(lines.line(live.results.at(-1)?.line ?? anchor))?.[0] ?? '';
    const bullet = live.results.length ? '- ' : '';
    const decision = request.go ? `Go to ${next?.name ?? 'the next stage'} (${next ? audience(next) : ''})` : 'No-go: the stage stays';
    const despite = (request.despite ?? []).map((w) => `${indent}    - Went ahead although ${oneLine(w)}`);
    edits.push(insertAfter(lines, anchor, [`${indent}${bullet}Go/no-go ${written}: ${decision}`, ...answerLines(request.answers, plan.successCriteria, indent), ...(request.go ? despite : [])], plan.eol));
  }
  if (!request.go) return { ok: true, edits, message: `Recorded no-go for "${live?.name ?? ''}"`, focusLine: live ? notesAnchor(lines, live) + 1 : 0 };
  if (!next) return { ok: false, error: 'The plan has no stage to start.' };
  edits.push(dateEdit(lines, plan, next, written, request.now));
  const box = next.percentage === undefined ? undefined : plan.checklist.find((b) => b.percentage === next.percentage && b.line !== next.line);
  if (box && !box.checked) edits.push(tick(lines, box, true));
  // A checklist-only plan's stage is its box: unticked, its "(started …)" would not count as a start.
  const own = plan.checklist.find((b) => b.line === next.line && !b.checked);
  if (own) edits.push(tick(lines, own, true));
  if (request.flipper) edits.push(flipperLine(lines, plan, next, request.flipper, request));
  return { ok: true, edits, message: `Started "${next.name}" (${audience(next)}) at ${written.slice(11)}`, focusLine: next.date?.line ?? next.line };
}

/**
 * The next stage's start: its Date field's value replaced (a value already there is kept in brackets, as planned
 * or as an earlier start), a Date line added under its heading when it has none, or on a checklist-only plan
 * "(started …)" after the box's text.
 */
function dateEdit(lines: PlanText, plan: ReleasePlan, stage: RolloutStage, written: string, now: Date): TextEdit {
  const field = stage.date;
  if (field && field.line === stage.line && field.label === 'started') return replaceValue(lines, field, written);
  if (!field) {
    if (plan.checklist.some((b) => b.line === stage.line)) {
      const end = lines.lineEnd(stage.line);
      return { start: end, end, text: ` (started ${written})` };
    }
    return insertAfter(lines, planningLine(lines, stage), [`Date: ${written}`], plan.eol);
  }
  const old = field.value.trim();
  if (!old) return replaceValue(lines, field, written);
  // Only a date that has come was a start; a future date, or words ("TBD", "after the freeze"), were the plan.
  const kept = stage.startedAt && stage.startedAt.getTime() <= now.getTime() ? `earlier start: ${old}` : `planned: ${old}`;
  return replaceValue(lines, field, `${written} (${kept})`);
}

/** Under the stage's "Planning" sub-heading when it has one, else under its heading. */
function planningLine(lines: PlanText, stage: RolloutStage): number {
  for (let i = stage.line + 1; i < stage.end; i++) if (/^\s{0,3}#{1,6}\s+planning\b/i.test(lines.line(i))) return i;
  return stage.line;
}

/** The stage's Results fields rewritten in place; a field the stage lacks is refused, naming those it has. */
export function recordResults(text: string, plan: ReleasePlan, stageName: string, results: readonly { readonly field: string; readonly value: string }[]): EditResult {
  const found = findStage(plan, stageName);
  if (!found.ok) return found;
  const stage = found.stage;
  if (!stage.results.length) return { ok: false, error: `"${stage.name}" has no Results fields to fill ("- Field: value" lines under a Results heading).` };
  const lines = new PlanText(text);
  const edits: TextEdit[] = [];
  const seen = new Set<number>();
  for (const result of results) {
    const wanted = normalize(result.field);
    const field = stage.results.find((f) => normalize(f.label) === wanted);
    if (!field) return { ok: false, error: `"${stage.name}" has no Results field "${result.field}". Its fields: ${stage.results.map((f) => f.label).join(', ')}.` };
    if (seen.has(field.line)) return { ok: false, error: `"${result.field}" is given twice.` };
    seen.add(field.line);
    const value = oneLine(result.value);
    if (value !== field.value) edits.push(replaceValue(lines, field, value));
  }
  const count = edits.length;
  return { ok: true, edits, message: count ? `Recorded ${count} ${count === 1 ? 'result' : 'results'} for "${stage.name}"` : `No result of "${stage.name}" changed`, focusLine: stage.resultsLine ?? stage.line };
}

function normalize(label: string): string {
  return label.toLowerCase().replace(/[:\s]+$/, '').replace(/\s+/g, ' ').trim();
}

export interface RollBack extends Clock {
  readonly reason: string;
  readonly severity: string;
  readonly tickets: string;
  readonly flipper?: FlipperConfirmation;
}

/**
 * The plan's own rollback block, filled (reason, Date, severity, tickets), at the bottom of the live stage; its
 * "Rollbacks:" result; the overview's boxes above the stage rolled back to unticked. One set of edits.
 */
export function rollBack(text: string, plan: ReleasePlan, request: RollBack): EditResult {
  const reason = oneLine(request.reason);
  if (!reason) return { ok: false, error: 'A rollback needs its reason.' };
  const state = rolloutState(plan, request.now);
  const live = state.live?.stage;
  if (!live) return { ok: false, error: 'No stage is live: there is nothing to roll back.' };
  const lines = new PlanText(text);
  const written = formatStageDate(request.now, request.offsetMinutes);
  const block = fillRollbackBlock(plan.rollbackTemplate?.lines ?? DEFAULT_BLOCK, { reason, date: written, severity: oneLine(request.severity), tickets: oneLine(request.tickets) });
  const edits: TextEdit[] = [];
  const rollbacks = live.results.find((f) => /^rollbacks?$/i.test(f.label));
  if (rollbacks) edits.push(replaceValue(lines, rollbacks, [rollbacks.value.trim(), `${written}: ${reason}`].filter(Boolean).join('; ')));
  // The flag set back goes into the rollback block: the stage's own "Flipper:" line keeps what it was set to.
  const flagLine = request.flipper ? [`${blockIndent(block)}Flipper: set back to ${request.flipper.percentage}% (confirmed ${formatStageDate(request.flipper.at, request.offsetMinutes).slice(11)})`] : [];
  const bottom = lines.lastFilled(live.line, live.end);
  edits.push(insertAfter(lines, bottom, ['', ...block, ...flagLine], plan.eol));
  const back = state.previous?.stage;
  const floor = back?.percentage ?? 0;
  for (const box of plan.checklist) if (box.checked && box.percentage > floor && !(box.line === back?.line)) edits.push(tick(lines, box, false));
  return { ok: true, edits, message: `Rolled back "${live.name}"${back ? ` to "${back.name}" (${audience(back)})` : ''}`, focusLine: bottom + 2 };
}

/** The indentation of the block's lines under its first ("    " under "Rollback reason:"). */
function blockIndent(block: readonly string[]): string {
  const nested = block.slice(1).find((l) => l.trim());
  return nested ? (/^\s*/.exec(nested)?.[0] ?? '') : '';
}

/** Only when the plan has no block of its own under "Rollback". */
const DEFAULT_BLOCK = ['Rollback reason:', '    Date:', '    Severity/Impact:', '    Ticket(s) created to address:', '    [ ] Has the issue been resolved?'];

/** Each empty `Label:` of the block given its value by what the label asks; every other line as the plan wrote it. */
export function fillRollbackBlock(block: readonly string[], values: { readonly reason: string; readonly date: string; readonly severity: string; readonly tickets: string }): string[] {
  const filled = new Set<string>();
  return block.map((line) => {
    const match = /^(\s*(?:[-*+]\s+)?)([^:[\]]{1,80}):\s*$/.exec(line);
    if (!match) return line;
    const label = match[2] ?? '';
    const key = /reason/i.test(label) ? 'reason' : /^date\b/i.test(label.trim()) ? 'date' : /severity|impact/i.test(label) ? 'severity' : /ticket/i.test(label) ? 'tickets' : undefined;
    if (!key || filled.has(key) || !values[key]) return line;
    filled.add(key);
    return `${match[1] ?? ''}${label}: ${values[key]}`;
  });
}
