import type { LinkNode, RunbookNode, TextNode } from '../runbook/model';
import { isActionText, isIntroduction, isNoteText, isRotationFact, isShortLabel, looksLikeUrl } from './planWording';

export interface PlanLink {
  readonly label: string;
  readonly url: string;
}

/** A bullet (or checklist line, or link-only bullet, or paragraph inside an item) of a support plan. */
export interface PlanItem {
  readonly text: string;
  readonly line: number;
  /** The links in its own text (for a link-only bullet, that link). */
  readonly links: readonly PlanLink[];
  readonly children: readonly RunbookNode[];
  /** A checkbox or a numbered step: the plan already calls it something to do. */
  readonly boxed: boolean;
  readonly linkOnly: boolean;
}

/**
 * What an item is in the day's checklist. A note is guidance; a group holds checks; a check is to be
 * ticked; a fact is background (a note when right under a check, unless it is about the rotation).
 */
export type Reading =
  | { readonly kind: 'note' | 'check'; readonly item: PlanItem; readonly under: readonly Reading[]; readonly listLabel?: string }
  | { readonly kind: 'fact'; readonly item: PlanItem; readonly under: readonly Reading[]; readonly rotation: boolean; readonly listLabel?: string }
  | { readonly kind: 'group'; readonly item: PlanItem; readonly under: readonly Reading[]; readonly label?: string; readonly listLabel?: string };

/** The readings of a container's children (sections excluded), in document order. */
export function readChildren(nodes: readonly RunbookNode[]): Reading[] {
  const readings: Reading[] = [];
  // The paragraph before the list: the text of a bare address, and (ending with ':') the label of the items after it.
  let paragraph: string | undefined;
  let listLabel: string | undefined;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i] as RunbookNode;
    if (node.kind === 'text') {
      const inline = inlineLinksAfter(node, nodes, i + 1);
      i += inline.length;
      paragraph = node.text.replace(/:\s*$/, '').trim();
      listLabel = node.text.trimEnd().endsWith(':') && paragraph ? paragraph : undefined;
      if (!listLabel) readings.push(readItem({ text: node.text, line: node.range.start, links: inline, children: [], boxed: false, linkOnly: false }));
      continue;
    }
    const item = planItem(node, paragraph);
    if (!item) continue;
    const reading = readItem(item.item);
    const label = item.usesParagraph ? undefined : listLabel;
    readings.push(label ? { ...reading, listLabel: label } : reading);
  }
  return readings;
}

function readItem(item: PlanItem): Reading {
  if (isNoteText(item.text) && !item.linkOnly) return { kind: 'note', item, under: readChildren(item.children) };
  const under = readChildren(item.children);
  if (under.some((r) => r.kind === 'check' || r.kind === 'group')) {
    return isIntroduction(item.text) && item.links.length === 0 ? { kind: 'group', item, under } : { kind: 'group', item, under, label: item.text };
  }
  const rotation = isRotationFact(item.text);
  if (item.boxed || item.linkOnly || isActionText(item.text) || (isShortLabel(item.text) && under.length > 0 && !rotation)) return { kind: 'check', item, under };
  return { kind: 'fact', item, under, rotation };
}

function planItem(node: RunbookNode, paragraph: string | undefined): { item: PlanItem; usesParagraph: boolean } | undefined {
  if (node.kind === 'link') return addressItem({ text: node.label, line: node.range.start, links: [linkOf(node)], children: [], boxed: false, linkOnly: true }, node.url, paragraph);
  if (node.kind !== 'step' && node.kind !== 'checklist') return undefined;
  const own = ownLinks(node.text, node.children);
  const links = own.map(linkOf);
  const linkOnly = own.length === 1 && own[0]?.label === node.text;
  const boxed = node.kind === 'checklist' || node.ordinal !== undefined;
  const item: PlanItem = { text: node.text, line: node.range.start, links, children: node.children.slice(own.length), boxed, linkOnly };
  return linkOnly ? addressItem(item, own[0]?.url ?? '', paragraph) : { item, usesParagraph: false };
}

/** A link whose label is its address reads as the paragraph before the list ("Clinician Workflow Error Traces:"), else as its host. */
function addressItem(item: PlanItem, url: string, paragraph: string | undefined): { item: PlanItem; usesParagraph: boolean } {
  if (!looksLikeUrl(item.text)) return { item, usesParagraph: false };
  if (paragraph && isShortLabel(paragraph)) return { item: { ...item, text: paragraph }, usesParagraph: true };
  return { item: { ...item, text: hostOf(url) ?? item.text }, usesParagraph: false };
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host || undefined;
  } catch {
    return undefined;
  }
}

/** The leading link children whose labels appear, in order, in the item's text: links in its own line rather than link-only sub-items. */
function ownLinks(text: string, children: readonly RunbookNode[]): LinkNode[] {
  const own: LinkNode[] = [];
  let from = 0;
  for (const child of children) {
    if (child.kind !== 'link') break;
    const at = child.label ? text.indexOf(child.label, from) : -1;
    if (at < 0) break;
    own.push(child);
    from = at + child.label.length;
  }
  return own;
}

/** The links right after a paragraph that sit on its lines: its inline links, not the link-only items of a list below it. */
function inlineLinksAfter(text: TextNode, nodes: readonly RunbookNode[], from: number): PlanLink[] {
  const links: PlanLink[] = [];
  for (let i = from; i < nodes.length; i++) {
    const node = nodes[i] as RunbookNode;
    if (node.kind !== 'link' || node.range.start < text.range.start || node.range.start >= text.range.end) break;
    links.push(linkOf(node));
  }
  return links;
}

function linkOf(node: LinkNode): PlanLink {
  return { label: node.label, url: node.url };
}
