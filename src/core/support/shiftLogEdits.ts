import type { TextEdit } from '../incident/textEdits';
import { formatClock } from '../time/formatTime';
import { inlineMarkdown } from './markdownEscape';
import { frontMatterEdit, type FieldUpdates } from './shiftFrontMatter';
import { type LogLayout, layoutOf } from './shiftLogRead';
import { incidentLine, isTicketNumber, ownNoteLine, ticketLine } from './shiftLogLines';
import { appendToSection, insertLines, lineStarts, replaceLine } from './logText';

type Edits = TextEdit[] | { error: string };

const DONE_TAIL = /^ ?\(done [^()]{1,40}\)/;

/** Ticks (or unticks) a check, stamping when it was done; ticking a ticked check keeps its first time. */
export function tickCheckEdits(text: string, checkId: string, done: boolean, at: Date, timeZone?: string): Edits {
  const layout = layoutOf(text);
  if ('error' in layout) return layout;
  const check = layout.checks.find((c) => c.id === checkId);
  if (!check) return { error: noCheck(layout, checkId) };
  if (check.done === done) return [];
  const starts = lineStarts(text);
  const lineStart = starts[check.line] as number;
  const line = layout.lines[check.line] as string;
  const edits: TextEdit[] = [{ start: lineStart + check.boxAt, end: lineStart + check.boxAt + 1, text: done ? 'x' : ' ' }];
  const tail = line.slice(check.tailAt);
  const stamp = DONE_TAIL.exec(tail);
  const tailStart = lineStart + check.tailAt;
  if (done) edits.push({ start: tailStart, end: tailStart + (stamp?.[0].length ?? 0), text: ` (done ${formatClock(at, timeZone)})` });
  else if (stamp) edits.push({ start: tailStart, end: tailStart + stamp[0].length, text: '' });
  const doneCount = layout.checks.filter((c) => (c.id === checkId ? done : c.done)).length;
  return withFields(text, { checks_done: doneCount, checks_total: layout.checks.length }, edits);
}

/** Adds the shift's own note under a check, after its other notes. */
export function addCheckNoteEdits(text: string, checkId: string, note: string): Edits {
  const layout = layoutOf(text);
  if ('error' in layout) return layout;
  const check = layout.checks.find((c) => c.id === checkId);
  if (!check) return { error: noCheck(layout, checkId) };
  if (!inlineMarkdown(note)) return { error: 'the note is empty' };
  return [insertLines(text, lineStarts(text), check.lastLine + 1, [ownNoteLine(check.indent, note)], layout.eol)];
}

/** Lists a ticket handled in the shift; a ticket listed already has its line updated (its first time and resolution kept). */
export function addTicketEdits(text: string, ticket: { number: string; shortDescription: string; issueUrl: string; issueRef: string; at: Date; timeZone?: string }): Edits {
  const number = ticket.number.trim();
  if (!isTicketNumber(number)) return { error: `"${number.slice(0, 80)}" is not a ticket number (letters, digits, '.', '_' and '-', such as INC0010045)` };
  const layout = layoutOf(text);
  if ('error' in layout) return layout;
  const existing = layout.tickets.find((t) => t.number.toUpperCase() === number.toUpperCase());
  const issue = ticket.issueUrl.trim() ? { issueUrl: ticket.issueUrl.trim(), issueRef: ticket.issueRef.trim() } : undefined;
  if (existing) {
    const line = ticketLine({ ...existing.fields, shortDescription: ticket.shortDescription, ...(issue ?? {}) });
    return withFields(text, { tickets: withItem(layout.fields.tickets, existing.number) }, line === layout.lines[existing.line] ? [] : [replaceLine(layout, lineStarts(text), existing.line, line)]);
  }
  const line = ticketLine({ number, shortDescription: ticket.shortDescription, ...(issue ?? {}), at: formatClock(ticket.at, ticket.timeZone) });
  return withFields(text, { tickets: withItem(layout.fields.tickets, number) }, [appendToSection(text, layout, 'tickets', [line])]);
}

/** Marks a ticket's fix resolved, with the time. */
export function markTicketResolvedEdits(text: string, number: string, at: Date, timeZone?: string): Edits {
  const layout = layoutOf(text);
  if ('error' in layout) return layout;
  const ticket = layout.tickets.find((t) => t.number.toUpperCase() === number.trim().toUpperCase());
  if (!ticket) return { error: `ticket ${number.trim().slice(0, 80) || '(none)'} is not in this shift log's tickets` };
  if (ticket.resolved) return [];
  const stamp = formatClock(at, timeZone);
  return [replaceLine(layout, lineStarts(text), ticket.line, ticketLine({ ...ticket.fields, at: ticket.fields.at ?? stamp, resolvedAt: stamp }))];
}

/** Lists an incident started during the shift; one listed already is left as it is. */
export function addIncidentEdits(text: string, incident: { title: string; path: string; at: Date; timeZone?: string }): Edits {
  const path = incident.path.trim();
  if (!path) return { error: 'the incident record has no path' };
  const layout = layoutOf(text);
  if ('error' in layout) return layout;
  if (layout.incidents.some((i) => i.path === path)) return withFields(text, { incidents: withItem(layout.fields.incidents, path) }, []);
  const line = incidentLine(incident.title, path, formatClock(incident.at, incident.timeZone));
  return withFields(text, { incidents: withItem(layout.fields.incidents, path) }, [appendToSection(text, layout, 'incidents', [line])]);
}

/** The body's edits with the front matter's (when a field changes); a front matter that cannot be written refuses all. */
export function withFields(text: string, updates: FieldUpdates, edits: TextEdit[]): Edits {
  const front = frontMatterEdit(text, updates);
  if (front === undefined) return edits;
  if ('error' in front) return front;
  return [front, ...edits];
}

function withItem(list: readonly string[], item: string): string[] {
  return list.includes(item) ? [...list] : [...list, item];
}

function noCheck(layout: LogLayout, checkId: string): string {
  const id = checkId.slice(0, 80);
  return layout.checks.length ? `no check "${id}" in this shift log (it has ${layout.checks.length})` : `no check "${id}" in this shift log: it lists no checks`;
}
