import { type Runbook, type RunbookNode, type SectionNode, walk } from '../runbook/model';
import { CheckIds } from './checkIds';
import { type PlanLink, type Reading, readChildren } from './planItems';

export interface ShiftCheck {
  /** Stable across edits of other lines: the slug of the text (with a short hash of the group path when taken), [a-z0-9-], unique in the list. */
  readonly id: string;
  /** Plain text; a link-only item's label; a bare address's paragraph before the list. */
  readonly text: string;
  /** The labels of the enclosing sections and items that are not checks themselves. */
  readonly group: readonly string[];
  /** 0-based line in the plan. */
  readonly line: number;
  /** The plan's guidance for this check, plain text. */
  readonly notes: readonly string[];
  /** The links in the check and its notes, then those that label its groups (the channel or dashboard a group names), nearest first; url byte for byte. */
  readonly links: readonly PlanLink[];
}

// Sections about who is on support and when: facts about the rotation, never checks.
const ROTATION_SECTION = /^(?:hours of support|support hours|hours|(?:support |on-?call )?rotations?|on-?call(?: schedule)?|(?:points? of )?contacts?)$/i;

// Notes of a group, shown beside each of its checks; a group with more says the rest on its own lines in the plan.
const MAX_INHERITED_NOTES = 5;

/**
 * A support plan is recognised by its content: headings/phrases such as 'Hours of Support', 'Support Tasks',
 * 'Production Support', 'support rotation'/'rotation' — at least two signals, one of them a heading, so an
 * incident playbook (which may mention an on-call rotation) or a release plan (support tickets) is not one.
 */
export function isSupportPlan(runbook: Runbook, text: string): boolean {
  const signals = new Set<string>();
  for (const node of walk(runbook.children)) {
    if (node.kind !== 'section') continue;
    const title = node.title.toLowerCase();
    for (const [signal, heading] of HEADING_SIGNALS) if (heading.test(title)) signals.add(signal);
  }
  if (signals.size === 0) return false;
  const lower = text.toLowerCase();
  if (lower.includes('production support')) signals.add('production');
  if (/\brotations?\b/.test(lower)) signals.add('rotation');
  return signals.size >= 2;
}

const HEADING_SIGNALS: readonly (readonly [string, RegExp])[] = [
  ['hours', /\b(?:hours of support|support hours)\b/],
  ['tasks', /\bsupport (?:tasks|duties|checks|checklist)\b/],
  ['production', /\bproduction support\b/],
  ['rotation', /\bsupport (?:rotation|shift)s?\b/],
];

/** The plan's checks, in document order, with the notes beside each. */
export function shiftChecklist(runbook: Runbook): ShiftCheck[] {
  const out: ShiftCheck[] = [];
  const ids = new CheckIds();
  const visit = (nodes: readonly RunbookNode[], path: readonly string[]) => {
    const firstSection = nodes.findIndex((n) => n.kind === 'section');
    const content = firstSection < 0 ? nodes : nodes.slice(0, firstSection);
    emit(readChildren(content), path, [], [], ids, out);
    for (const node of firstSection < 0 ? [] : nodes.slice(firstSection)) {
      if (node.kind !== 'section' || ROTATION_SECTION.test(bareTitle(node.title))) continue;
      visit(node.children, isTitleSection(node, runbook) ? path : [...path, node.title]);
    }
  };
  visit(runbook.children, []);
  return out;
}

/** The document's title heading, which encloses the others: not a group of its own. */
function isTitleSection(section: SectionNode, runbook: Runbook): boolean {
  return section.title === runbook.title && section.children.some((c) => c.kind === 'section') && section === runbook.children.find((c) => c.kind === 'section');
}

function bareTitle(title: string): string {
  return title.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
}

interface Note {
  readonly text: string;
  readonly links: readonly PlanLink[];
}

function emit(readings: readonly Reading[], path: readonly string[], groupLinks: readonly PlanLink[], inherited: readonly Note[], ids: CheckIds, out: ShiftCheck[]): void {
  const levelNotes: Note[] = [];
  for (const reading of readings) if (reading.kind === 'note') collectNotes([reading], levelNotes, MAX_INHERITED_NOTES);
  const notesHere = [...levelNotes, ...inherited].slice(0, MAX_INHERITED_NOTES);
  for (const reading of readings) {
    const where = reading.listLabel ? [...path, reading.listLabel] : path;
    if (reading.kind === 'group') {
      emit(reading.under, reading.label ? [...where, reading.label] : where, [...reading.item.links, ...groupLinks], notesHere, ids, out);
    } else if (reading.kind === 'check') {
      const own: Note[] = [];
      collectNotes(reading.under, own);
      const notes = [...own, ...notesHere];
      out.push({
        id: ids.next(reading.item.text, where),
        text: reading.item.text,
        group: where,
        line: reading.item.line,
        notes: notes.map((n) => n.text).filter(Boolean),
        links: distinct([...reading.item.links, ...notes.flatMap((n) => n.links), ...groupLinks]),
      });
    }
  }
}

/**
 * Notes and facts under a check, flattened in document order. Facts about the rotation are left out with all
 * beneath them, but not their links: "The rotation lives in [PagerDuty](…)" is where to see who is on call.
 */
function collectNotes(readings: readonly Reading[], out: Note[], max = Infinity): void {
  for (const reading of readings) {
    if (out.length >= max) return;
    if (reading.kind === 'fact' && reading.rotation) {
      if (reading.item.links.length) out.push({ text: '', links: reading.item.links });
      continue;
    }
    if (reading.item.text) out.push({ text: reading.item.text, links: reading.item.links });
    collectNotes(reading.under, out, max);
  }
}

function distinct(links: readonly PlanLink[]): PlanLink[] {
  const seen = new Set<string>();
  return links.filter((l) => !seen.has(l.url) && seen.add(l.url));
}
