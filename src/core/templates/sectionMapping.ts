import { markdownOutline } from '../incident/markdownHeadings';
import { isPlaceholderLine } from '../incident/incidentDocument';
import { RECORD_SECTIONS, type RecordSectionKey } from '../incident/recordSections';
import { isPlaceholderValue } from './placeholderValue';

/** The record's sections every capability writes to, in the order they are appended when a template lacks them. */
const APPENDED: readonly RecordSectionKey[] = ['timeline', 'recentChanges', 'dashboards', 'debugging', 'postIncident'];

/** The names of the record's sections a template has no heading for (by the synonym table), in the record's order. */
export function missingSections(lines: readonly string[], from: number): string[] {
  const titles = markdownOutline(lines, from).headings.map((h) => h.title);
  return APPENDED.filter((key) => !titles.some((title) => RECORD_SECTIONS[key].heading.test(title))).map((key) => RECORD_SECTIONS[key].name);
}

/** `text` with `## <name>` appended for each name, each after a blank line; `eol` is the template's line ending. */
export function appendSections(text: string, names: readonly string[], eol: string): string {
  if (names.length === 0) return text;
  const ended = text === '' || text.endsWith('\n') ? text : `${text}${eol}`;
  return `${ended}${names.map((name) => `${eol}## ${name}${eol}`).join('')}`;
}

/** Content for a template's section, found by its heading's text. */
export interface SectionContent {
  readonly matches: (title: string) => boolean;
  readonly lines: readonly string[];
}

/**
 * Puts each content under the first heading that matches it, when that section's body is empty
 * or only the template's instructions (blank, italic, placeholder or commented lines). The
 * instructions stay; the content goes after them, past a blank line so it is a paragraph of its own.
 * A section that already says something is left alone, so nothing is written twice.
 * Returns the new lines and the titles of the headings that got content.
 */
export function fillEmptySections(lines: readonly string[], from: number, contents: readonly SectionContent[]): { lines: string[]; filled: string[] } {
  let result = [...lines];
  const filled: string[] = [];
  const eol = lines[0]?.endsWith('\r') ? '\r' : '';
  for (const content of contents) {
    if (content.lines.every((l) => l.trim() === '')) continue;
    const { headings, hidden } = markdownOutline(result, from);
    const index = headings.findIndex((h) => content.matches(h.title));
    const heading = headings[index];
    if (!heading) continue;
    const next = headings.slice(index + 1).find((h) => h.level <= heading.level)?.line ?? result.length;
    let last = heading.line;
    let empty = true;
    for (let i = heading.line + 1; i < next; i++) {
      const line = (result[i] ?? '').replace(/\r$/, '');
      if (line.trim() === '') continue;
      last = i;
      if (!hidden.has(i) && !isInstruction(line)) empty = false;
    }
    if (!empty) continue;
    const added = [...(last > heading.line ? [''] : []), ...content.lines].map((l) => `${l}${eol}`);
    result = [...result.slice(0, last + 1), ...added, ...result.slice(last + 1)];
    filled.push(heading.title);
  }
  return { lines: result, filled };
}

/** "_Describe the impact._", "- TBD", "- [ ] ", "> <who was affected>": a line a person replaces. */
function isInstruction(line: string): boolean {
  let text = line.trim();
  if (isPlaceholderLine(text)) return true;
  if (text.startsWith('>')) text = text.slice(1).trim();
  const marker = /^(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)/.exec(text);
  if (marker) text = text.slice(marker[0].length).trim();
  if (text.startsWith('[ ]')) text = text.slice(3).trim();
  return isPlaceholderValue(text);
}
