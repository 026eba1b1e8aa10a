import { type Runbook, type RunbookNode, type SectionNode, walk } from '../runbook/model';

const POST_INCIDENT = /post-?incident|after the incident|clean-?up/i;
const ITEM_MARKER = /^[ \t]*(?:[-*+]|\d+[.)])[ \t]+(?:\[[ xX]\][ \t]+)?/;

/**
 * The runbook's post-incident steps as a checklist for the record, each from
 * its source lines so links and emphasis stay as the runbook wrote them.
 */
export function postIncidentChecklist(runbook: Runbook | undefined, source: string): string[] {
  const section = runbook && [...walk(runbook.children)].find((n): n is SectionNode => n.kind === 'section' && POST_INCIDENT.test(n.title));
  if (!section) return [];
  const lines = source.split(/\r?\n/);
  return section.children.filter((n) => n.kind === 'step' || n.kind === 'checklist').map((n) => `- [ ] ${itemText(n, lines)}`);
}

/** The item's own lines (up to its first nested node or blank line), joined, without the list marker or box. */
function itemText(node: RunbookNode & { readonly text: string; readonly children: readonly RunbookNode[] }, lines: readonly string[]): string {
  const nested = node.children.filter((c) => c.kind !== 'link' && c.kind !== 'image' && c.kind !== 'contact' && c.range.start > node.range.start);
  const end = Math.min(node.range.end, ...nested.map((c) => c.range.start));
  const own: string[] = [];
  for (let i = node.range.start; i < end; i++) {
    const line = (lines[i] ?? '').trim();
    if (!line) break;
    own.push(line);
  }
  const text = own.join(' ').replace(ITEM_MARKER, '').trim();
  return text || node.text;
}
