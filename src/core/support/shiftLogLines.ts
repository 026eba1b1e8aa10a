import { linkDestination } from '../markdownLinks';
import { inlineMarkdown, plainFromMarkdown } from './markdownEscape';

/**
 * The lines of a shift log, written and read back:
 *   - [x] Slack channels › #x › Ensure … <!-- check:ensure-the-daily-bot --> (done 09:12 CET)
 *     - From the plan: ignore the logs from …
 *     - Note: numbers down 10%
 *   - INC0010045 · Carrier webhook answers 502 → [northwind/parcel-tracking#130](https://…) (09:30 CET, resolved 11:02 CET)
 *   - [Checkout errors](../incidents/2026-12-02-checkout-errors.md) (10:05 CET)
 * Whatever came from outside is escaped (inlineMarkdown), so the unescaped `<!--`, `[` and ` (` found
 * by searching from the end are the log's own. Every search is indexOf or a pattern on a short tail.
 */

const CHECK_MARK = ' <!-- check:';
const COMMENT_END = ' -->';
const ITEM = /^([ \t]*)[-*+][ \t]+/;
const BOX = /^\[([ xX])\][ \t]+/;
const CHECK_ID = /^[a-z0-9-]+$/;
const DONE = /^\(done ([^()]{1,40})\)/;
const PLAN_NOTE = 'From the plan: ';
const OWN_NOTE = 'Note: ';
const TICKET_NUMBER = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const STAMP = /^ \((\d{1,2}:\d{2}(?: [^\s(),]{1,20})?)(?:, resolved (\d{1,2}:\d{2}(?: [^\s(),]{1,20})?))?\)$/;
const NO_DESCRIPTION = '(no description)';
const ISSUE_ARROW = ' → [';

export function checkLine(indent: string, label: string, id: string, done: boolean, doneAt?: string): string {
  return `${indent}- [${done ? 'x' : ' '}] ${inlineMarkdown(label)}${CHECK_MARK}${id}${COMMENT_END}${done && doneAt ? ` (done ${doneAt})` : ''}`;
}

export interface CheckLine {
  readonly indent: number;
  readonly label: string;
  readonly id: string;
  readonly done: boolean;
  readonly doneAt?: string;
  /** Where the box's mark is, and where the line's tail after the id starts (offsets into the line). */
  readonly boxAt: number;
  readonly tailAt: number;
}

export function readCheckLine(line: string): CheckLine | undefined {
  const item = ITEM.exec(line);
  if (!item) return undefined;
  const afterMarker = line.slice(item[0].length);
  const box = BOX.exec(afterMarker);
  const mark = line.indexOf(CHECK_MARK);
  if (!box || mark < 0) return undefined;
  const idStart = mark + CHECK_MARK.length;
  const idEnd = line.indexOf(COMMENT_END, idStart);
  const id = idEnd < 0 ? '' : line.slice(idStart, idEnd);
  if (!CHECK_ID.test(id)) return undefined;
  const tailAt = idEnd + COMMENT_END.length;
  const done = box[1] !== ' ';
  const doneAt = done ? DONE.exec(line.slice(tailAt).trim())?.[1] : undefined;
  const labelStart = item[0].length + box[0].length;
  const label = plainFromMarkdown(line.slice(labelStart, Math.max(labelStart, mark)).trim());
  return { indent: item[1]?.length ?? 0, label, id, done, ...(doneAt ? { doneAt } : {}), boxAt: item[0].length + 1, tailAt };
}

export function planNoteLine(indent: string, note: string): string {
  return `${indent}  - ${PLAN_NOTE}${inlineMarkdown(note)}`;
}

export function ownNoteLine(indent: number, note: string): string {
  return `${' '.repeat(indent)}  - ${OWN_NOTE}${inlineMarkdown(note)}`;
}

/** A sub-bullet under a check: the plan's note or the shift's own (a bullet a person wrote counts as the shift's). */
export function readNoteLine(line: string): { readonly plan: boolean; readonly text: string } | undefined {
  const item = ITEM.exec(line);
  if (!item || !item[1]) return undefined;
  const body = line.slice(item[0].length).trim();
  if (body.startsWith(PLAN_NOTE)) return { plan: true, text: plainFromMarkdown(body.slice(PLAN_NOTE.length)) };
  return { plan: false, text: plainFromMarkdown(body.startsWith(OWN_NOTE) ? body.slice(OWN_NOTE.length) : body) };
}

export function isTicketNumber(number: string): boolean {
  return TICKET_NUMBER.test(number);
}

export interface TicketFields {
  readonly number: string;
  readonly shortDescription: string;
  readonly issueUrl?: string;
  readonly issueRef?: string;
  readonly at?: string;
  readonly resolvedAt?: string;
}

export function ticketLine(ticket: TicketFields): string {
  const issue = ticket.issueUrl ? `${ISSUE_ARROW}${inlineMarkdown(ticket.issueRef || ticket.issueUrl)}](${linkDestination(ticket.issueUrl)})` : '';
  const stamp = ticket.at ? ` (${ticket.at}${ticket.resolvedAt ? `, resolved ${ticket.resolvedAt}` : ''})` : '';
  return `- ${ticket.number} · ${inlineMarkdown(ticket.shortDescription) || NO_DESCRIPTION}${issue}${stamp}`;
}

export function readTicketLine(line: string): TicketFields | undefined {
  const item = ITEM.exec(line);
  if (!item || item[1]) return undefined;
  const body = line.slice(item[0].length).trimEnd();
  const separator = body.indexOf(' · ');
  const number = separator < 0 ? '' : body.slice(0, separator);
  if (!isTicketNumber(number)) return undefined;
  let rest = body.slice(separator + 3);
  let at: string | undefined;
  let resolvedAt: string | undefined;
  const open = rest.lastIndexOf(' (');
  const stamp = open < 0 ? null : STAMP.exec(rest.slice(open));
  if (stamp) {
    at = stamp[1];
    resolvedAt = stamp[2];
    rest = rest.slice(0, open);
  }
  const arrow = rest.lastIndexOf(ISSUE_ARROW);
  const issue = arrow < 0 ? undefined : linkToEnd(rest, arrow + ISSUE_ARROW.length - 1);
  if (issue) rest = rest.slice(0, arrow);
  const description = plainFromMarkdown(rest.trim());
  return {
    number,
    shortDescription: description === NO_DESCRIPTION ? '' : description,
    ...(issue ? { issueUrl: issue.url, issueRef: plainFromMarkdown(issue.label) } : {}),
    ...(at ? { at } : {}),
    ...(resolvedAt ? { resolvedAt } : {}),
  };
}

export function incidentLine(title: string, path: string, at: string): string {
  return `- [${inlineMarkdown(title) || path}](${linkDestination(path)}) (${at})`;
}

export function readIncidentLine(line: string): { readonly title: string; readonly path: string } | undefined {
  const item = ITEM.exec(line);
  if (!item || item[1]) return undefined;
  const body = line.slice(item[0].length).trimEnd();
  const open = body.lastIndexOf(' (');
  const link = linkToEnd(open >= 0 && STAMP.test(body.slice(open)) ? body.slice(0, open) : body, 0);
  return link ? { title: plainFromMarkdown(link.label), path: link.url } : undefined;
}

/** The `[label](url)` opening at `start` when it runs to the end of the text; labels written here have every `[` and `]` escaped. */
function linkToEnd(text: string, start: number): { label: string; url: string } | undefined {
  if (text[start] !== '[' || !text.endsWith(')')) return undefined;
  let i = start + 1;
  for (; i < text.length && text[i] !== ']'; i++) {
    if (text[i] === '[') return undefined;
    if (text[i] === '\\') i++;
  }
  if (text[i + 1] !== '(') return undefined;
  const url = text.slice(i + 2, -1);
  return /[\s()]/.test(url) ? undefined : { label: text.slice(start + 1, i), url };
}
