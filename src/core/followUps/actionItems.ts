import { frontMatterLineCount } from '../incident/frontMatter';
import { markdownOutline } from '../incident/markdownHeadings';
import { recordSection } from '../incident/recordSections';
import type { TextEdit } from '../incident/textEdits';
import { type IssueRef, issueLinks, issueRefText } from './issueRefs';

/**
 * The sections whose checklist items are work left behind: where "Create Issues for Action Items" looks,
 * and where a record's follow-up lines go (`Follow-ups` when the record has none of them).
 */
export const ACTION_ITEMS_SECTION = recordSection(['Follow-ups', 'Follow ups', 'Followups', 'Action items', 'Action points', 'Corrective actions', 'Remediation items', 'Remediations']);

/** A checklist line of a record or post-mortem. */
export interface ChecklistItem {
  /** 0-based. */
  readonly line: number;
  readonly checked: boolean;
  /** The item's text after the box, as written (links and all). */
  readonly text: string;
  /** The item's text without the issue link this extension put in front of it. */
  readonly title: string;
  /** The first GitHub issue the line links, when it links one. */
  readonly issue?: IssueRef;
  /** Stable across runs and teammates: the item's title, normalized, hashed (8 hex digits). */
  readonly hash: string;
  /** Where the box's space or x is, to tick it. */
  readonly boxOffset: number;
}

// "- [ ] text", "* [x] text", "1. [ ] text": a marker, the box, then the text (none: an empty item). Linear: the runs are separated by fixed characters.
const CHECKLIST = /^(\s*(?:[-*+]|\d{1,9}[.)])[ \t]+)\[([ xX])\](?:[ \t]+(.*))?$/;

/** Every checklist line outside front matter, code fences and HTML comments. */
export function checklistItems(text: string): ChecklistItem[] {
  const lines = text.split('\n');
  const { hidden } = markdownOutline(lines, frontMatterLineCount(text));
  const starts = lineStarts(lines);
  const items: ChecklistItem[] = [];
  for (let i = frontMatterLineCount(text); i < lines.length; i++) {
    if (hidden.has(i)) continue;
    const item = parseItem((lines[i] ?? '').replace(/\r$/, ''), i, starts[i] ?? 0);
    if (item) items.push(item);
  }
  return items;
}

/** The checklist item on a line, or undefined when the line is not one (or is in code). */
export function checklistItemAt(text: string, line: number): ChecklistItem | undefined {
  return checklistItems(text).find((item) => item.line === line);
}

/** The unchecked, non-empty items under Action items / Follow-ups / Corrective actions headings (any level, each section to the next heading of its level or higher). */
export function openActionItems(text: string): ChecklistItem[] {
  const lines = text.split('\n');
  const { headings } = markdownOutline(lines, frontMatterLineCount(text));
  const inSection = new Set<number>();
  headings.forEach((heading, index) => {
    if (!ACTION_ITEMS_SECTION.heading.test(heading.title)) return;
    const next = headings.slice(index + 1).find((h) => h.level <= heading.level);
    for (let line = heading.line + 1; line < (next?.line ?? lines.length); line++) inSection.add(line);
  });
  return checklistItems(text).filter((item) => inSection.has(item.line) && !item.checked && item.title !== '');
}

/** The follow-ups of a record: its checklist lines that link a GitHub issue. */
export function followUpItems(text: string): (ChecklistItem & { readonly issue: IssueRef })[] {
  return checklistItems(text).filter((item): item is ChecklistItem & { issue: IssueRef } => item.issue !== undefined);
}

/** `- [ ] text` → `- [ ] [OWNER/REPO#123](url) text`: the item links its issue; the rest of the line is kept. */
export function linkItemEdit(text: string, item: ChecklistItem, issue: IssueRef): TextEdit {
  const at = item.boxOffset + 2;
  const after = text.charAt(at) === ' ' || text.charAt(at) === '\t' ? 1 : 0;
  return { start: at, end: at + after, text: ` ${issueRefText(issue)}${item.text ? ' ' : ''}` };
}

/** A record's line for a follow-up created elsewhere (its post-mortem, the palette): `- [ ] [OWNER/REPO#123](url) title`. */
export function followUpLine(issue: IssueRef, title: string): string {
  return `- [ ] ${issueRefText(issue)} ${oneLine(title)}`.trimEnd();
}

/** Ticks an item: its box becomes `[x]`. */
export function tickEdit(item: ChecklistItem): TextEdit {
  return { start: item.boxOffset, end: item.boxOffset + 1, text: 'x' };
}

/**
 * The marker in an issue's body that names the incident and the item it was created for:
 * searching for it before creating finds a teammate's earlier issue for the same item.
 */
export function issueMarker(recordId: string, hash: string): string {
  return `<!-- incident-runbook: ${recordId}#${hash} -->`;
}

/** FNV-1a (32 bits) of the item's title, lower-cased, its white space folded: the same item hashes the same on every machine. */
export function itemHash(title: string): string {
  let hash = 0x811c9dc5;
  for (const char of oneLine(title).toLowerCase()) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

function parseItem(line: string, index: number, start: number): ChecklistItem | undefined {
  const match = CHECKLIST.exec(line);
  if (!match) return undefined;
  const prefix = match[1] ?? '';
  const text = (match[3] ?? '').trimEnd();
  const links = issueLinks(text);
  const first = links[0];
  // The link this extension writes stands first on the line; the title is what follows it.
  const title = first && first.start === 0 ? text.slice(first.end).trim() : text.trim();
  return { line: index, checked: match[2] !== ' ', text, title, ...(first ? { issue: first.issue } : {}), hash: itemHash(title), boxOffset: start + prefix.length + 1 };
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function lineStarts(lines: readonly string[]): number[] {
  const starts: number[] = [];
  let at = 0;
  for (const line of lines) {
    starts.push(at);
    at += line.length + 1;
  }
  return starts;
}
