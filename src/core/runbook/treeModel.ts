import type { LinkKind } from './links';
import type { ChecklistNode, LinkNode, Runbook, RunbookNode, TextNode } from './model';
import { clip } from '../text';
import { runbookTemplates } from '../templates/runbookTemplates';
import { parseTemplateLink, type TemplateKind, templateName } from '../templates/templateSource';

/** What a tree row shows; the VS Code adapter turns it into a `TreeItem`. Text is plain, never Markdown. */
export interface ViewNode {
  /** Stable across edits that move lines: built from the path of titles and texts, not line numbers. */
  readonly id: string;
  readonly parent: ViewNode | undefined;
  readonly kind: RunbookNode['kind'];
  readonly label: string;
  readonly description: string | undefined;
  /** Codicon id; none on rows with a checkbox, whose box says what they are. */
  readonly icon: string | undefined;
  /** Defined on rows with a checkbox. */
  readonly checked: boolean | undefined;
  /** The source line to reveal on click. */
  readonly line: number;
  /** Drives the inline actions: `section`, `step`, `checklist`, `link.<kind>`, `code`, `contact`, `contact.channel`… */
  readonly contextValue: string;
  readonly source: RunbookNode;
  readonly children: ViewNode[];
  /** On a section's row: the templates the runbook links in that section. */
  readonly templates?: readonly RowTemplate[];
}

/** A template the runbook links, shown on its section's row. */
export interface RowTemplate {
  readonly kind: TemplateKind;
  /** The file name: "incident-traceability.md". */
  readonly name: string;
  /** The link exactly as written. */
  readonly href: string;
  /** The link's 0-based line. */
  readonly line: number;
  /** The folder's setting for this kind when it is a template link: it takes precedence over the runbook's link. */
  readonly overriddenBy?: string;
  /** The folder's setting for this kind when it is set but not a template link: it is ignored. */
  readonly unusableSetting?: string;
}

/** The `runbook.traceabilityTemplate` / `runbook.postmortemTemplate` settings of the runbook's folder, as written. */
export type TemplateSettings = Readonly<Partial<Record<TemplateKind, string>>>;

export const TEMPLATE_SETTING_KEYS: Readonly<Record<TemplateKind, string>> = { traceability: 'runbook.traceabilityTemplate', postmortem: 'runbook.postmortemTemplate' };

/** A tooltip line: text, or text followed by a URL or path shown as code. */
export type TooltipLine = string | { readonly text: string; readonly code: string };

export interface Tooltip {
  readonly title: string;
  /** A link's URL, exactly as written: shown as code, where Markdown neither escapes nor links it. */
  readonly url?: string;
  readonly lines: readonly TooltipLine[];
  readonly code?: { readonly language: string; readonly text: string };
}

/** Where steps' progress comes from (the active incident or workspace state). */
export interface StepProgress {
  /** `stepId` is the row's id; `rootId` the runbook's, which the id starts with. */
  isDone(stepId: string, rootId: string): boolean;
}

/** A step's id without its runbook's: the same on every machine, for records shared in the repository. */
export function stepKey(stepId: string, rootId: string): string {
  return stepId.startsWith(rootId) ? stepId.slice(rootId.length) : stepId;
}

interface BuildContext {
  readonly rootId: string;
  readonly progress: StepProgress;
  readonly stepTicks: boolean;
  /** The templates the runbook links, by their section's heading line. */
  readonly templatesBySection: ReadonlyMap<number, readonly RowTemplate[]>;
}

const MAX_LABEL = 120;

const LINK_ICONS: Readonly<Record<LinkKind, string>> = {
  dashboard: 'graph',
  'github-search': 'git-pull-request',
  'github-file': 'github',
  'github-issue-template': 'issues',
  'slack-channel': 'comment-discussion',
  pagerduty: 'bell',
  email: 'mail',
  other: 'link-external',
};

/**
 * Builds the rows under a runbook. `rootId` identifies the runbook (its URI).
 * The heading that gave the runbook its title is not repeated: its content shows at the top level.
 * The sections that link a template say so; `settings` are the folder's template settings, which take precedence.
 * `stepTicks` false: actionable steps get no checkbox (a checklist's own `[ ]` boxes keep theirs).
 */
export function buildViewTree(runbook: Runbook, rootId: string, progress: StepProgress, settings: TemplateSettings = {}, stepTicks = true): ViewNode[] {
  const titleSection = runbook.children.find((node) => node.kind === 'section');
  const top = runbook.children.flatMap((node) => (node === titleSection && node.kind === 'section' && node.title === runbook.title ? node.children : [node]));
  const context = { rootId, progress, stepTicks, templatesBySection: templatesBySection(runbook, settings) };
  const rows = buildChildren(top, rootId, undefined, context);
  const warning = runbook.parseWarning ?? runbook.parseError;
  return warning ? [warningRow(warning, rootId, context), ...rows] : rows;
}

function templatesBySection(runbook: Runbook, settings: TemplateSettings): Map<number, RowTemplate[]> {
  const bySection = new Map<number, RowTemplate[]>();
  for (const found of Object.values(runbookTemplates(runbook))) {
    if (found.sectionLine === undefined) continue;
    const setting = settings[found.kind]?.trim();
    const usable = setting ? parseTemplateLink(setting) !== undefined : false;
    const row: RowTemplate = {
      kind: found.kind,
      name: templateName(found.source),
      href: found.href,
      line: found.line,
      ...(setting && usable ? { overriddenBy: setting } : {}),
      ...(setting && !usable ? { unusableSetting: setting } : {}),
    };
    bySection.set(found.sectionLine, [...(bySection.get(found.sectionLine) ?? []), row]);
  }
  return bySection;
}

/** Part of the document is missing from the rows: say so above them. */
function warningRow(warning: string, rootId: string, context: BuildContext): ViewNode {
  const line = Number(/^Lines? (\d+)/.exec(warning)?.[1] ?? 1) - 1;
  const node: TextNode = { kind: 'text', text: warning, placeholders: [], range: { start: line, end: line + 1 } };
  return { ...buildRow(node, `${rootId}/warning`, undefined, context), description: undefined, icon: 'warning' };
}

function buildChildren(nodes: readonly RunbookNode[], parentId: string, parent: ViewNode | undefined, context: BuildContext): ViewNode[] {
  const seen = new Map<string, number>();
  const rows: ViewNode[] = [];
  for (const node of nodes) {
    if (!isShown(node)) continue;
    // Duplicates are counted among siblings only, so the map's keys need not carry the parent's id.
    const key = `${node.kind}:${identityText(node)}`;
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    rows.push(buildRow(node, `${parentId}/${key}${count === 1 ? '' : `#${count}`}`, parent, context));
  }
  return rows;
}

/** Plain paragraphs are left to the editor, unless they hold a placeholder someone must fill in. */
function isShown(node: RunbookNode): boolean {
  return node.kind !== 'text' || node.placeholders.length > 0;
}

function identityText(node: RunbookNode): string {
  switch (node.kind) {
    case 'section': return node.title;
    case 'step': return node.ordinal ? `${node.ordinal} ${node.text}` : node.text;
    case 'checklist': return node.text;
    case 'link': return `${node.label} ${node.url}`;
    case 'code': return `${node.language} ${node.text.slice(0, 80)}`;
    case 'contact': return `${node.role} ${node.name ?? ''}`;
    case 'image': return node.src;
    case 'text': return node.text.slice(0, 80);
  }
}

function buildRow(node: RunbookNode, id: string, parent: ViewNode | undefined, context: BuildContext): ViewNode {
  // "#### Coordinator" followed by Name:/Handle: lines: the contact row stands for its section.
  const onlyContact = node.kind === 'section' && node.children.length === 1 && node.children[0]?.kind === 'contact' ? node.children[0] : undefined;
  if (onlyContact) return buildRow(onlyContact, id, parent, context);
  // "- [#channel](…)" with notes under it: the link is the row, and the notes its children.
  const link = linkOfBullet(node);
  const shown = link ?? node;
  const children = link && node.kind === 'step' ? node.children.slice(1) : 'children' in node ? node.children : [];
  const row: ViewNode = {
    id,
    parent,
    kind: shown.kind,
    label: labelOf(shown),
    description: descriptionOf(shown),
    icon: iconOf(shown),
    checked: node.kind === 'step' && node.actionable ? (context.stepTicks ? context.progress.isDone(id, context.rootId) : undefined) : node.kind === 'checklist' ? node.checked : undefined,
    line: node.range.start,
    contextValue: contextValueOf(shown),
    source: shown,
    children: [],
  };
  if (node.kind !== 'contact' && children.length > 0) {
    (row as { children: ViewNode[] }).children = buildChildren(children, id, row, context);
  }
  if (node.kind === 'section') {
    const { done, total } = countProgress(row.children);
    const templates = context.templatesBySection.get(node.range.start) ?? [];
    // The template first: in a narrow sidebar the end of the description is what gets cut.
    const parts = [...templates.map((t) => `Template: ${t.name}`), ...(total > 0 ? [`${done}/${total}`] : [])];
    if (parts.length) (row as { description?: string }).description = parts.join(' · ');
    if (templates.length) (row as { templates?: readonly RowTemplate[] }).templates = templates;
  }
  return row;
}

/** The link a bullet holds and nothing else. */
function linkOfBullet(node: RunbookNode): LinkNode | undefined {
  if (node.kind !== 'step' || node.actionable || node.ordinal) return undefined;
  const first = node.children[0];
  return first?.kind === 'link' && first.label === node.text ? first : undefined;
}

function labelOf(node: RunbookNode): string {
  switch (node.kind) {
    case 'section': return label(node.title);
    case 'step': return label(node.ordinal ? `${node.ordinal} ${node.text || '(step)'}` : node.text || '(step)');
    case 'checklist': return label(node.text || '(unnamed item)');
    case 'link': return label(node.label);
    case 'code': return label(node.text.split('\n').find((l) => l.trim())?.trim() || '(empty code block)');
    case 'contact': return label(node.name ? `${node.role}: ${node.name}` : node.role);
    case 'image': return label(node.alt || node.src);
    case 'text': return label(node.text);
  }
}

function descriptionOf(node: RunbookNode): string | undefined {
  switch (node.kind) {
    case 'step':
    case 'checklist':
      return describeStep(node);
    case 'link':
      return node.host ? (node.vendor ? `${node.vendor} · ${node.host}` : node.host) : undefined;
    case 'code': {
      const lineCount = node.text.replace(/\n$/, '').split('\n').length;
      return `${node.language || 'text'} · ${lineCount} line${lineCount === 1 ? '' : 's'}`;
    }
    case 'contact':
      return node.handle;
    case 'text':
      return 'needs attention';
    default:
      return undefined;
  }
}

function iconOf(node: RunbookNode): string | undefined {
  switch (node.kind) {
    case 'section': return 'bookmark';
    // A step that is not a thing to do is a note: a dot, where actions have their box.
    case 'step': return node.actionable ? undefined : 'circle-small';
    case 'checklist': return undefined;
    case 'link': return LINK_ICONS[node.linkKind];
    case 'code': return 'code';
    case 'contact': return 'person';
    case 'image': return 'file-media';
    case 'text': return 'warning';
  }
}

function contextValueOf(node: RunbookNode): string {
  if (node.kind === 'link') return `link.${node.linkKind}`;
  if (node.kind === 'contact') return node.channels.some((c) => /^https?:/i.test(c)) ? 'contact.channel' : 'contact';
  return node.kind;
}

/** The hover of a row, built only when VS Code asks for it. */
export function tooltipFor(row: ViewNode): Tooltip {
  const node = row.source;
  switch (node.kind) {
    case 'section':
      return { title: node.title, lines: (row.templates ?? []).flatMap(templateLines) };
    case 'step':
    case 'checklist':
      return stepTooltip(node.text, node);
    case 'link':
      return { title: node.label, url: node.url, lines: [node.vendor ? `${node.vendor} dashboard` : kindLabel(node.linkKind)] };
    case 'code':
      return { title: 'Code block', lines: [], code: { language: node.language, text: node.text } };
    case 'contact':
      return { title: node.role, lines: [node.name ? `Name: ${node.name}` : '', node.handle ? `Handle: ${node.handle}` : '', node.channels.length ? `Reach: ${node.channels.join(', ')}` : ''].filter(Boolean) };
    case 'image':
      return { title: node.alt || 'Image', url: node.src, lines: [] };
    case 'text':
      return { title: 'Needs attention', lines: [node.text, ...node.placeholders.map((p) => `Fill in: ${p.text}`)] };
  }
}

const TEMPLATE_USE: Readonly<Record<TemplateKind, { what: string; records: string }>> = {
  traceability: { what: 'Template of new incident records', records: 'new records' },
  postmortem: { what: 'Template of post-mortems', records: 'post-mortems' },
};

/** Which template a section links, and whether the folder's setting overrides it. */
function templateLines(template: RowTemplate): TooltipLine[] {
  const use = TEMPLATE_USE[template.kind];
  const setting = TEMPLATE_SETTING_KEYS[template.kind];
  const lines: TooltipLine[] = [{ text: `${use.what}: ${template.name}, linked on line ${template.line + 1}:`, code: template.href }];
  if (template.overriddenBy) lines.push({ text: `The setting ${setting} overrides it; ${use.records} use:`, code: template.overriddenBy });
  else if (template.unusableSetting) lines.push({ text: `The setting ${setting} is not a template link (a URL or a workspace path) and is ignored:`, code: template.unusableSetting });
  return lines;
}

/** `text` as a Markdown code span: fenced with more backticks than it contains in a row. */
export function markdownCodeSpan(text: string): string {
  let longest = 0;
  let run = 0;
  for (const char of text) {
    run = char === '`' ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

function describeStep(node: { durations: readonly { text: string }[]; placeholders: readonly { text: string }[] }): string | undefined {
  let description: string | undefined;
  for (const d of node.durations) description = description === undefined ? d.text : `${description} · ${d.text}`;
  for (const p of node.placeholders) description = description === undefined ? `⚠ ${p.text}` : `${description} · ⚠ ${p.text}`;
  return description;
}

function stepTooltip(text: string, node: { durations: readonly { text: string; minutes: number }[]; placeholders: readonly { text: string; example?: { text: string } }[] }): Tooltip {
  return {
    title: text,
    lines: [
      ...node.durations.map((d) => `Duration: ${d.text} (${d.minutes} min)`),
      ...node.placeholders.map((p) => `Needs attention: ${p.text}${p.example ? ` (example: ${p.example.text})` : ''}`),
    ],
  };
}

function kindLabel(kind: LinkKind): string {
  return { dashboard: 'Dashboard', 'github-search': 'GitHub search', 'github-file': 'GitHub file', 'github-issue-template': 'GitHub issue template', 'slack-channel': 'Slack channel', pagerduty: 'PagerDuty', email: 'Email', other: 'Link' }[kind];
}

function label(text: string): string {
  return clip(text, MAX_LABEL);
}

/** Checked rows among all rows with a checkbox, at any depth. */
function countProgress(rows: readonly ViewNode[]): { done: number; total: number } {
  let done = 0;
  let total = 0;
  const visit = (list: readonly ViewNode[]) => {
    for (const row of list) {
      if (row.checked !== undefined) {
        total++;
        if (row.checked) done++;
      }
      visit(row.children);
    }
  };
  visit(rows);
  return { done, total };
}

/** The first row with an unchecked box, in document order. */
export function firstUnchecked(rows: readonly ViewNode[]): ViewNode | undefined {
  for (const row of rows) {
    if (row.checked === false) return row;
    const inside = firstUnchecked(row.children);
    if (inside) return inside;
  }
  return undefined;
}

/**
 * The checklist item's line with its box set, or undefined if the line no longer holds that item:
 * a box at the item's column, followed by the item's own text.
 */
export function toggleBoxInLine(line: string, item: Pick<ChecklistNode, 'box' | 'sourceText'>, checked: boolean): string | undefined {
  const { column } = item.box;
  if (!/^\[[ xX]\]$/.test(line.slice(column, column + 3))) return undefined;
  if (line.slice(column + 3).trim() !== item.sourceText) return undefined;
  return `${line.slice(0, column + 1)}${checked ? 'x' : ' '}${line.slice(column + 2)}`;
}
