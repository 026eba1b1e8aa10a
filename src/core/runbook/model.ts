import type { DashboardVendor, LinkKind } from './links';

/** Source lines of a node: 0-based, `end` exclusive (as markdown-it's `map`). */
export interface LineRange {
  readonly start: number;
  readonly end: number;
}

/** A time span mentioned in the text, such as "15 minutes" or "1 hour". */
export interface Duration {
  readonly text: string;
  readonly minutes: number;
}

/**
 * Text that a person still has to fill in: `[TODO: …]`, `[Timeframe, e.g., 15 minutes]`,
 * `xx%`, "X minutes", `{{name}}`. `example` is the duration an "e.g." placeholder suggests.
 */
export interface Placeholder {
  readonly text: string;
  readonly line: number;
  readonly example?: Duration;
}

interface NodeBase {
  readonly range: LineRange;
}

export interface SectionNode extends NodeBase {
  readonly kind: 'section';
  readonly title: string;
  /** 1 to 6, as the heading's `#` count. */
  readonly level: number;
  readonly children: RunbookNode[];
}

export interface StepNode extends NodeBase {
  readonly kind: 'step';
  /** The step as plain text (Markdown emphasis removed). */
  readonly text: string;
  /** "2.1" for numbered paragraphs, "3" for ordered list items; absent for bullets. */
  readonly ordinal?: string;
  /** Something to do, which gets a checkbox: every ordered step, and bullets that ask for an action (not links, fields or background). */
  readonly actionable: boolean;
  readonly durations: readonly Duration[];
  readonly placeholders: readonly Placeholder[];
  readonly children: RunbookNode[];
}

export interface ChecklistNode extends NodeBase {
  readonly kind: 'checklist';
  readonly text: string;
  readonly checked: boolean;
  /** Where the `[ ]` or `[x]` sits, so it can be toggled in place. */
  readonly box: { readonly line: number; readonly column: number };
  /**
   * The item's own text as written on `box.line`, after the box ("**pods** ready"). Before writing,
   * the line must still hold the box at `box.column` followed by this text.
   */
  readonly sourceText: string;
  readonly durations: readonly Duration[];
  readonly placeholders: readonly Placeholder[];
  readonly children: RunbookNode[];
}

export interface LinkNode extends NodeBase {
  readonly kind: 'link';
  readonly label: string;
  readonly url: string;
  readonly linkKind: LinkKind;
  readonly vendor?: DashboardVendor;
  readonly host?: string;
}

export interface CodeBlockNode extends NodeBase {
  readonly kind: 'code';
  readonly language: string;
  readonly text: string;
}

export interface ContactNode extends NodeBase {
  readonly kind: 'contact';
  readonly role: string;
  readonly name?: string;
  readonly handle?: string;
  /** Where to reach them: channel names ("#team"), Slack channel URLs, or tools ("Microsoft Teams"). */
  readonly channels: readonly string[];
}

export interface ImageNode extends NodeBase {
  readonly kind: 'image';
  readonly alt: string;
  readonly src: string;
}

/** Anything else worth showing (a paragraph, an HTML block), as plain text. */
export interface TextNode extends NodeBase {
  readonly kind: 'text';
  readonly text: string;
  readonly placeholders: readonly Placeholder[];
}

export type RunbookNode = SectionNode | StepNode | ChecklistNode | LinkNode | CodeBlockNode | ContactNode | ImageNode | TextNode;
export type ContainerNode = SectionNode | StepNode | ChecklistNode;

export interface Runbook {
  /** The first heading of any level, else the file name without extension. */
  readonly title: string;
  readonly lineCount: number;
  /** Top-level nodes: content before the first heading, then sections. */
  readonly children: readonly RunbookNode[];
  /** Set when the document could not be structured and is shown as plain text instead. */
  readonly parseError?: string;
  /** Set when part of the document is not in the model, saying which lines. */
  readonly parseWarning?: string;
}

export function isContainer(node: RunbookNode): node is ContainerNode {
  return node.kind === 'section' || node.kind === 'step' || node.kind === 'checklist';
}

/** Every node, depth-first, in document order. */
export function* walk(nodes: readonly RunbookNode[]): Generator<RunbookNode> {
  for (const node of nodes) {
    yield node;
    if (isContainer(node)) yield* walk(node.children);
  }
}
