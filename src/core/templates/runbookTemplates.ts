import { isContainer, type LinkNode, type Runbook, type RunbookNode, type SectionNode } from '../runbook/model';
import { parseTemplateLink, type TemplateKind, type TemplateSource } from './templateSource';

/** A template the runbook links, and where: the link's line and its section's heading line (the row that shows it). */
export interface RunbookTemplate {
  readonly kind: TemplateKind;
  /** The link exactly as written. */
  readonly href: string;
  readonly source: TemplateSource;
  readonly line: number;
  readonly sectionLine: number | undefined;
}

const TEMPLATE = /template/i;
const TRACEABILITY = /traceab|investigation|debugging (?:doc|record|log)/i;
const TRACK_SECTION = /\btrack\b/i;
const POSTMORTEM = /post[- ]?mortem|retrospective|\bretro\b|incident review/i;
const POSTMORTEM_SECTION = /post[- ]?(?:incident|mortem)/i;
const NOT_TEMPLATES: ReadonlySet<string> = new Set(['dashboard', 'github-search', 'slack-channel', 'pagerduty', 'email', 'github-issue-template']);

/**
 * The templates a runbook links for the traceability record (its Track step, or a step naming a
 * traceability / investigation document) and the post-mortem (its Post-incident step, or a step
 * naming a post-mortem or retrospective). A link counts when "template" is in its step's text,
 * its label or its address, so a debugging guide is not mistaken for one. The first of each wins.
 */
export function runbookTemplates(runbook: Runbook): Partial<Record<TemplateKind, RunbookTemplate>> {
  const found: Partial<Record<TemplateKind, RunbookTemplate>> = {};
  visit(runbook.children, undefined, '', (link, section, context) => {
    if (NOT_TEMPLATES.has(link.linkKind)) return;
    const text = `${context} ${link.label}`;
    if (!TEMPLATE.test(text) && !TEMPLATE.test(link.url)) return;
    const heading = section?.title ?? '';
    const kind: TemplateKind | undefined = POSTMORTEM.test(text) || (POSTMORTEM_SECTION.test(heading) && !TRACEABILITY.test(text))
      ? 'postmortem'
      : TRACEABILITY.test(text) || TRACK_SECTION.test(heading) ? 'traceability' : undefined;
    if (!kind || found[kind]) return;
    const source = parseTemplateLink(link.url);
    if (source) found[kind] = { kind, href: link.url, source, line: link.range.start, sectionLine: section?.range.start };
  });
  return found;
}

type LinkVisitor = (link: LinkNode, section: SectionNode | undefined, context: string) => void;

/** Each link with its nearest section and the text of the step or paragraph that holds it. */
function visit(nodes: readonly RunbookNode[], section: SectionNode | undefined, context: string, onLink: LinkVisitor): void {
  for (const node of nodes) {
    if (node.kind === 'link') onLink(node, section, context);
    else if (node.kind === 'section') visit(node.children, node, '', onLink);
    else if (isContainer(node)) visit(node.children, section, `${context} ${node.text}`, onLink);
  }
}
