import type { TextEdit } from '../incident/textEdits';
import { formatClock, formatDate, formatSpan } from '../time/formatTime';
import { appendToSection, lineStarts } from './logText';
import { blockMarkdown } from './markdownEscape';
import { readShiftFields } from './shiftFrontMatter';
import type { ShiftLog } from './shiftLogModel';
import { HAND_OFF_END, HAND_OFF_START, layoutOf } from './shiftLogRead';
import { withFields } from './shiftLogEdits';

export interface HandOffInput {
  readonly log: ShiftLog;
  readonly endedAt: Date;
  readonly notes?: string;
  readonly openTickets?: readonly { number: string; shortDescription: string; state: string }[];
  readonly timeZone?: string;
}

// The open queue is listed up to this many tickets; Slack readers open the queue for the rest.
const MAX_QUEUE_LINES = 10;

/**
 * The summary as Markdown-ish plain text fit for a Slack message and for the log: checks done (with the
 * shift's notes) and not done, tickets worked with their GitHub issues, incidents, anything unfinished
 * (unticked checks, tickets without a resolved fix, the open queue), and the person's notes. One line
 * per item, in groups separated by blank lines; groups with nothing in them are left out.
 */
export function handOffSummary(input: HandOffInput): string {
  const { log, endedAt, timeZone } = input;
  const done = log.checks.filter((c) => c.done);
  const skipped = log.checks.filter((c) => !c.done);
  const unresolved = log.tickets.filter((t) => !t.resolved);
  const groups: string[][] = [[`Support shift hand-off: ${oneLine(log.engineer)}, ${shiftSpan(new Date(log.started), endedAt, timeZone)}`, `Checks: ${done.length} of ${log.checks.length} done`]];
  const group = (title: string, items: readonly string[]) => {
    if (items.length) groups.push([title, ...items]);
  };
  // A note on a check not done is often why it is not: "Label Service dashboard would not load".
  const notesOf = (c: (typeof log.checks)[number]) => (c.notes.length ? ` — ${c.notes.map(oneLine).join('; ')}` : '');
  group('Done:', done.map((c) => `- ${c.text}${c.doneAt ? ` (${c.doneAt})` : ''}${notesOf(c)}`));
  group('Not done:', skipped.map((c) => `- ${c.text}${notesOf(c)}`));
  group('Tickets worked:', log.tickets.map((t) => `- ${t.number} · ${oneLine(t.shortDescription) || '(no description)'}${issueText(t)}${t.resolved ? ' · fix resolved' : ''}`));
  group('Incidents:', log.incidents.map((i) => `- ${oneLine(i.title)} (${i.path})`));
  group('Unfinished:', [
    ...(skipped.length ? [`- ${plural(skipped.length, 'check')} not done (listed above)`] : []),
    ...unresolved.map((t) => `- ${t.number}: no resolved fix yet${t.issueRef || t.issueUrl ? ` (${t.issueRef || t.issueUrl})` : ''}`),
    ...queueLines(input.openTickets),
  ]);
  const notes = input.notes?.trim();
  if (notes) groups.push(['Notes:', notes]);
  return groups.map((g) => g.join('\n')).join('\n\n');
}

function shiftSpan(started: Date, ended: Date, timeZone: string | undefined): string {
  const day = formatDate(started, timeZone);
  if (Number.isFinite(started.getTime()) && day === formatDate(ended, timeZone)) return `${day} ${formatClock(started, timeZone)} to ${formatClock(ended, timeZone)}`;
  return formatSpan(started, ended, { alwaysDate: true, ...(timeZone ? { timeZone } : {}) });
}

function issueText(ticket: ShiftLog['tickets'][number]): string {
  if (!ticket.issueUrl) return ' (no GitHub issue)';
  return ticket.issueRef ? ` → ${ticket.issueRef} ${ticket.issueUrl}` : ` → ${ticket.issueUrl}`;
}

function queueLines(open: HandOffInput['openTickets']): string[] {
  if (!open) return [];
  const shown = open.slice(0, MAX_QUEUE_LINES).map((t) => `  - ${oneLine(t.number)} · ${oneLine(t.shortDescription) || '(no description)'} (${oneLine(t.state)})`);
  const more = open.length > MAX_QUEUE_LINES ? [`  - … and ${open.length - MAX_QUEUE_LINES} more`] : [];
  return [`- Open queue: ${plural(open.length, 'ticket')}`, ...shown, ...more];
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Writes the summary under ## Hand-off (replacing an earlier hand-off of the same shift rather than appending twice) and sets `ended` in the front matter. */
export function handOffEdits(text: string, summary: string, endedAt: Date): TextEdit[] | { error: string } {
  if (!Number.isFinite(endedAt.getTime())) return { error: 'the hand-off time is not a valid date' };
  if (!summary.trim()) return { error: 'the hand-off summary is empty' };
  const layout = layoutOf(text);
  if ('error' in layout) return layout;
  const block = [HAND_OFF_START, ...blockMarkdown(summary.trim()), HAND_OFF_END];
  const earlier = layout.handOffBlock;
  let edit: TextEdit;
  if (earlier) {
    const starts = lineStarts(text);
    const start = starts[earlier.start] as number;
    const end = (starts[earlier.end - 1] as number) + (layout.lines[earlier.end - 1] as string).length;
    edit = { start, end, text: block.join(layout.eol) };
  } else {
    edit = appendToSection(text, layout, 'handOff', block);
  }
  return withFields(text, { ended: endedAt.toISOString() }, [edit]);
}

/** The end of the latest handed-off shift among logs (texts), for the dashboards' window 'since the last shift ended'. */
export function lastShiftEnded(logs: readonly string[]): Date | undefined {
  let latest: Date | undefined;
  for (const text of logs) {
    const read = readShiftFields(text);
    if (!read.ok || !read.fields.ended) continue;
    const ended = new Date(read.fields.ended);
    if (!latest || ended.getTime() > latest.getTime()) latest = ended;
  }
  return latest;
}
