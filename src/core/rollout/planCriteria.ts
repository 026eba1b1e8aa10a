import type { Heading } from '../incident/markdownHeadings';
import { inlineLinksAsText } from '../markdownLinks';
import { indentation } from './planLines';

/** A criterion of the plan: one list item, with the items nested under it ("Threshold: 2%") as its detail. */
export interface PlanCriterion {
  readonly text: string;
  readonly line: number;
  readonly detail: readonly string[];
}

/** The plan's own block to paste at the bottom of a stage that is rolled back, dedented, and where it is. */
export interface RollbackTemplate {
  readonly line: number;
  readonly lines: readonly string[];
}

export interface PlanCriteria {
  readonly successCriteria: readonly PlanCriterion[];
  readonly rollbackCriteria: readonly PlanCriterion[];
  readonly rollbackTemplate: RollbackTemplate | undefined;
}

const BULLET = /^\s*(?:[-*+]|\d{1,9}[.)])\s+(.*)$/;

/**
 * The success criteria (the list after the line or heading that names them) and the rollback criteria and block
 * (the section headed "Rollback" that comes before the first stage, else the first one).
 */
export function readCriteria(lines: readonly string[], headings: readonly Heading[], hidden: ReadonlySet<number>, firstStage: number): PlanCriteria {
  return {
    successCriteria: successCriteria(lines, headings, hidden),
    ...rollback(lines, headings, hidden, firstStage),
  };
}

function successCriteria(lines: readonly string[], headings: readonly Heading[], hidden: ReadonlySet<number>): PlanCriterion[] {
  const heading = headings.find((h) => /success criteria/i.test(h.title));
  if (heading) return topItems(lines, hidden, heading.line + 1, sectionEnd(headings, heading, lines.length));
  for (let i = 0; i < lines.length; i++) {
    if (hidden.has(i) || !/success criteria/i.test(lines[i] ?? '') || BULLET.test(lines[i] ?? '')) continue;
    const end = listEnd(lines, i + 1);
    const items = topItems(lines, hidden, i + 1, end);
    if (items.length) return items;
    // A line of that list naming them too is part of the list already read: reading on from it would be quadratic.
    i = Math.max(i, end - 1);
  }
  return [];
}

function rollback(lines: readonly string[], headings: readonly Heading[], hidden: ReadonlySet<number>, firstStage: number): Omit<PlanCriteria, 'successCriteria'> {
  const sections = headings.filter((h) => /^rollback(?:s| criteria| plan)?\b/i.test(h.title) && !/reason/i.test(h.title));
  const heading = sections.find((h) => h.line < firstStage) ?? sections[0];
  if (!heading) return { rollbackCriteria: [], rollbackTemplate: undefined };
  const end = sectionEnd(headings, heading, lines.length);
  const template = rollbackBlock(lines, hidden, heading.line + 1, end);
  let items = topItems(lines, hidden, heading.line + 1, end, template?.line);
  // "Rollback if any of the following is encountered" introduces the criteria: they are its items.
  const intro = items.find((item) => /following|any of|if:?$|:$/i.test(item.text));
  if (intro) items = topItems(lines, hidden, intro.line + 1, nextSibling(lines, intro.line, end));
  return { rollbackCriteria: items.filter((item) => !/\bpaste\b/i.test(item.text)), rollbackTemplate: template };
}

/**
 * The block to paste: a fenced block in the section, else the lines after "Paste …" indented at least four
 * columns deeper than that line (indented code, as the seed writes it).
 */
function rollbackBlock(lines: readonly string[], hidden: ReadonlySet<number>, from: number, end: number): RollbackTemplate | undefined {
  for (let i = from; i < end; i++) {
    if (!hidden.has(i) || !/^\s*(?:`{3,}|~{3,})/.test(lines[i] ?? '')) continue;
    let close = i + 1;
    while (close < end && hidden.has(close) && !/^\s*(?:`{3,}|~{3,})\s*$/.test(lines[close] ?? '')) close++;
    const block = dedent(lines.slice(i + 1, close));
    if (block.length) return { line: i + 1, lines: block };
  }
  const paste = lines.findIndex((l, i) => i >= from && i < end && /\bpaste\b/i.test(l));
  if (paste < 0) return undefined;
  const deeper = indentation(lines[paste] ?? '') + 4;
  let start = paste + 1;
  while (start < end && !(lines[start] ?? '').trim()) start++;
  let stop = start;
  while (stop < end && (!(lines[stop] ?? '').trim() || indentation(lines[stop] ?? '') >= deeper)) stop++;
  const block = dedent(lines.slice(start, stop));
  return block.length ? { line: start, lines: block } : undefined;
}

function dedent(block: readonly string[]): string[] {
  const trimmed = [...block];
  while (trimmed.length && !(trimmed[trimmed.length - 1] ?? '').trim()) trimmed.pop();
  // Not Math.min(...lines): a block of a few hundred thousand lines would overflow the stack.
  const depth = trimmed.reduce((min, l) => (l.trim() ? Math.min(min, indentation(l)) : min), Infinity);
  return trimmed.map((l) => (l.trim() ? l.replace(/\t/g, '    ').slice(depth).trimEnd() : ''));
}

/** The list items at the first item's depth in [from, end), each with the items nested under it as detail. */
function topItems(lines: readonly string[], hidden: ReadonlySet<number>, from: number, end: number, stopAt = end): PlanCriterion[] {
  const items: { text: string; line: number; detail: string[] }[] = [];
  let depth: number | undefined;
  for (let i = from; i < Math.min(end, stopAt); i++) {
    if (hidden.has(i)) continue;
    const text = lines[i] ?? '';
    const bullet = BULLET.exec(text);
    if (!bullet) continue;
    const indent = indentation(text);
    depth ??= indent;
    const label = inlineLinksAsText(bullet[1]?.trim() ?? '', false);
    if (indent === depth) items.push({ text: label, line: i, detail: [] });
    else if (indent > depth) items.at(-1)?.detail.push(label);
    else break;
  }
  return items.filter((item) => item.text);
}

/** The line after a run of list items (blank lines inside the run allowed), starting at `from`. */
function listEnd(lines: readonly string[], from: number): number {
  let i = from;
  while (i < lines.length && !(lines[i] ?? '').trim()) i++;
  while (i < lines.length && (BULLET.test(lines[i] ?? '') || (indentation(lines[i] ?? '') > 0 && (lines[i] ?? '').trim()))) i++;
  return i;
}

/** The line of the next item at `line`'s depth or shallower, within `end`. */
function nextSibling(lines: readonly string[], line: number, end: number): number {
  const depth = indentation(lines[line] ?? '');
  for (let i = line + 1; i < end; i++) if ((lines[i] ?? '').trim() && BULLET.test(lines[i] ?? '') && indentation(lines[i] ?? '') <= depth) return i;
  return end;
}

function sectionEnd(headings: readonly Heading[], heading: Heading, lineCount: number): number {
  return headings.find((h) => h.line > heading.line && h.level <= heading.level)?.line ?? lineCount;
}
