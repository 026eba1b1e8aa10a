import type MarkdownItModule from 'markdown-it';
import { asksForAction, isFieldLine } from './actions';
import { extractContacts, extractTableContacts } from './contacts';
import { attribute, hasLinkOrImage, htmlPieces, tagName } from './htmlScan';
import { classifyLink } from './links';
import type { ChecklistNode, ImageNode, LinkNode, Placeholder, Runbook, RunbookNode, SectionNode, StepNode, TextNode } from './model';
import { findDurations, findPlaceholders } from './textFacts';

type Markdown = InstanceType<typeof MarkdownItModule>;
let instance: Markdown | undefined;

/** Created on first use: building it compiles linkify's large patterns, which activation should not pay for. */
function markdownIt(): Markdown {
  if (!instance) {
    // Required here, not imported: the bundle then evaluates markdown-it on first parse, not at activation.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const MarkdownIt = require('markdown-it') as typeof MarkdownItModule;
    instance = new MarkdownIt({ html: true, linkify: true, maxNesting: MAX_NESTING });
    recordBreakOffsets(instance);
    recordTruncation(instance);
    parseItemLinesApart(instance);
    // Deep inline nesting ("[[[[…") costs markdown-it time per level: keep its usual limit there.
    instance.core.ruler.before('block', 'block_nesting', (state) => {
      state.md.options.maxNesting = MAX_NESTING;
    });
    instance.core.ruler.after('block', 'inline_nesting', (state) => {
      state.md.options.maxNesting = INLINE_NESTING;
    });
    // Keep link destinations exactly as the author wrote them (markdown-it would percent-encode them):
    // dashboard URLs are rewritten parameter by parameter, and messages quote the link as written.
    // Which schemes may open is decided later, by checkOpenable.
    instance.normalizeLink = (url: string) => url;
    instance.normalizeLinkText = (text: string) => text;
  }
  return instance;
}
type Token = ReturnType<Markdown['parse']>[number];
type StateBlock = Parameters<Markdown['block']['tokenize']>[0];

// markdown-it stops at 100 levels of nesting and drops the rest of the document; it can
// follow about 1,500 block levels before its own recursion runs out of stack.
const MAX_NESTING = 1000;
const INLINE_NESTING = 100;
// Links and images read from one HTML block: a hand-written block has a few; a generated one
// with thousands would cost far more than markdown-it spends on the whole block.
const MAX_HTML_NODES = 200;

/** Where each line break of an inline token's text is (offsets into its `content`), by its children array. */
const breakOffsets = new WeakMap<Token[], number[]>();

/**
 * Notes the source offset of every line break markdown-it creates (a newline, or a backslash
 * before one), so that lines are counted from the source, not from the break tokens: a newline
 * inside inline code, inline HTML, a link title or an image alt makes no break token.
 */
function recordBreakOffsets(md: Markdown): void {
  md.inline.ruler.before('newline', 'break_offset', (state, silent) => {
    if (silent) return false;
    const code = state.src.charCodeAt(state.pos);
    const offset = code === 0x0a ? state.pos : code === 0x5c && state.src.charCodeAt(state.pos + 1) === 0x0a ? state.pos + 1 : -1;
    if (offset < 0) return false;
    let offsets = breakOffsets.get(state.tokens);
    if (!offsets) breakOffsets.set(state.tokens, (offsets = []));
    offsets.push(offset);
    return false;
  });
}

/** Notes the first line markdown-it skips because it is nested more than MAX_NESTING levels deep. */
function recordTruncation(md: Markdown): void {
  const tokenize = md.block.tokenize.bind(md.block);
  md.block.tokenize = (state: StateBlock, startLine: number, endLine: number) => {
    const env = state.env as ParseEnv;
    if (state.level >= MAX_NESTING && startLine < endLine && env.truncatedAt === undefined) env.truncatedAt = startLine;
    tokenize(state, startLine, endLine);
  };
}

/**
 * Keeps each item line (a bare `[ ]` box, a "2.1" step) of a paragraph on a line of its own, as a list marker
 * would: inline code, HTML or a link title opened on one line and closed a few lines later otherwise swallows
 * the items between, which then lose their own lines. Only a paragraph where that happened is parsed again,
 * piece by piece, so the usual one costs nothing more.
 */
function parseItemLinesApart(md: Markdown): void {
  const parse = md.inline.parse.bind(md.inline);
  // markdown-it's Token class is reachable only through a state (it is an instance field).
  const Token = new md.core.State('', md, {}).Token;
  md.inline.parse = (src, markdown, env, out) => {
    parse(src, markdown, env, out);
    const items = itemLineBreaks(src);
    if (items.length === 0 || everyOneIn(items, breakOffsets.get(out) ?? [])) return;
    out.length = 0;
    const offsets: number[] = [];
    let from = 0;
    for (const end of [...items, src.length]) {
      // Each piece into an array of its own: markdown-it's post-processing walks the whole array it is given.
      const piece: Token[] = [];
      parse(src.slice(from, end), markdown, env, piece);
      for (const offset of breakOffsets.get(piece) ?? []) offsets.push(from + offset);
      append(out, piece);
      if (end < src.length) {
        out.push(new Token('softbreak', 'br', 0));
        offsets.push(end);
      }
      from = end + 1;
    }
    breakOffsets.set(out, offsets);
  };
}

/** The offsets of the newlines before item lines. */
function itemLineBreaks(src: string): number[] {
  const found: number[] = [];
  for (let newline = src.indexOf('\n'); newline >= 0; newline = src.indexOf('\n', newline + 1)) {
    ITEM_LINE.lastIndex = newline + 1;
    if (ITEM_LINE.test(src)) found.push(newline);
  }
  return found;
}

/** Both ascending. */
function everyOneIn(wanted: readonly number[], present: readonly number[]): boolean {
  let j = 0;
  for (const offset of wanted) {
    while (j < present.length && (present[j] as number) < offset) j++;
    if (present[j] !== offset) return false;
  }
  return true;
}

interface ParseEnv {
  truncatedAt?: number;
}

// `[ ]`/`[x]` at the start of a line, after optional blockquote markers, indentation and a list marker.
const CHECKBOX = /^([ \t>]*(?:[-*+][ \t]+|\d+[.)][ \t]+)?)\[([ xX])\](?=\s|$)/;
const CHECKBOX_TEXT = /^\[([ xX])\](?:\s+|$)/;
// "2.1. text" or "2.1 text": numbered sub-steps written as paragraphs.
const LIST_MARKER = /^\s*(?:[-*+]|\d+[.)])\s+/;
const NUMBERED_STEP = /^(\d+(?:\.\d+)+)\.?\s+(.*)$/s;
// At a line's start in a paragraph's text (its block markers gone), the start of an item: a bare box or a "2.1" step.
const ITEM_LINE = /[ \t]*(?:\[[ xX]\](?=\s|$)|\d+(?:\.\d+)+\.?\s)/y;

export interface ParseOptions {
  /** Used as the title when the document has no heading. */
  readonly fileName?: string;
}

/** One source line of inline content: its plain text and the links and images on it. */
interface InlineLine {
  readonly line: number;
  readonly text: string;
  readonly links: LinkNode[];
  readonly images: ImageNode[];
}

/**
 * Builds the runbook model from Markdown. Never throws: any input yields a
 * model, and what is not understood is kept as plain text.
 */
export function parseRunbook(source: string, options: ParseOptions = {}): Runbook {
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const lines = text.split(/\r\n|\r|\n/);
  const fallbackTitle = titleFromFileName(options.fileName);
  try {
    const builder = new ModelBuilder(lines);
    const env: ParseEnv = {};
    const children = builder.build(markdownIt().parse(text, env as Parameters<Markdown['parse']>[1]));
    const runbook: Runbook = { title: builder.firstHeading ?? fallbackTitle, lineCount: lines.length, children };
    const warnings = env.truncatedAt === undefined ? builder.warnings : [...builder.warnings, truncationWarning(env.truncatedAt, lines)];
    return warnings.length === 0 ? runbook : { ...runbook, parseWarning: warnings.join(' ') };
  } catch (error) {
    const whole: TextNode = { kind: 'text', text: text.slice(0, 2000), placeholders: [], range: { start: 0, end: lines.length } };
    const parseError = error instanceof Error ? error.message : String(error);
    return { title: fallbackTitle, lineCount: lines.length, children: text.trim() ? [whole] : [], parseError };
  }
}

function truncationWarning(from: number, lines: readonly string[]): string {
  let last = lines.length;
  while (last > from + 1 && !lines[last - 1]?.trim()) last--;
  return `Lines ${from + 1}–${last} are nested more than ${MAX_NESTING} levels deep and are not shown.`;
}

function titleFromFileName(fileName: string | undefined): string {
  const base = (fileName ?? 'Runbook').replace(/^.*[\\/]/, '');
  return base.replace(/\.(md|markdown)$/i, '') || 'Runbook';
}

class ModelBuilder {
  firstHeading: string | undefined;
  /** What the model leaves out, in document order, as sentences for a person. */
  readonly warnings: string[] = [];
  private tokens: Token[] = [];
  private pos = 0;

  constructor(private readonly lines: readonly string[]) {}

  build(tokens: Token[]): RunbookNode[] {
    this.tokens = tokens;
    this.pos = 0;
    const root: RunbookNode[] = [];
    const sections: SectionNode[] = [];
    const containerOf = () => sections[sections.length - 1]?.children ?? root;
    while (this.pos < this.tokens.length) {
      const token = this.tokens[this.pos] as Token;
      if (token.type === 'heading_open') {
        const level = Number(token.tag.slice(1));
        const title = this.inlineText(this.tokens[this.pos + 1]);
        this.pos += 3;
        if (this.firstHeading === undefined && title) this.firstHeading = title;
        while ((sections[sections.length - 1]?.level ?? 0) >= level) this.closeSection(sections.pop() as SectionNode);
        const section: SectionNode = { kind: 'section', title: title || '(untitled)', level, range: rangeOf(token), children: [] };
        containerOf().push(section);
        sections.push(section);
        continue;
      }
      append(containerOf(), this.block());
    }
    while (sections.length) this.closeSection(sections.pop() as SectionNode);
    return root;
  }

  /** A section's range runs to its last descendant; contacts are recognised once its content is known. */
  private closeSection(section: SectionNode): void {
    const last = section.children[section.children.length - 1];
    if (last) (section as { range: SectionNode['range'] }).range = { start: section.range.start, end: Math.max(section.range.end, last.range.end) };
    extractContacts(section);
  }

  /** Parses the block at `pos` (and advances past it) into zero or more nodes. */
  private block(): RunbookNode[] {
    const token = this.tokens[this.pos] as Token;
    switch (token.type) {
      case 'paragraph_open': {
        const inline = this.tokens[this.pos + 1];
        this.pos += 3;
        return this.paragraph(this.inlineLines(inline, token), token);
      }
      case 'bullet_list_open':
      case 'ordered_list_open':
        return this.list();
      case 'fence':
      case 'code_block':
        this.pos++;
        return [{ kind: 'code', language: token.info.trim().split(/\s+/)[0] ?? '', text: token.content, range: rangeOf(token) }];
      case 'html_block':
        this.pos++;
        return this.htmlBlock(token);
      case 'table_open':
        return this.table();
      case 'blockquote_open':
        return this.container('blockquote_close');
      default:
        this.pos++;
        return [];
    }
  }

  /** Blocks up to the matching close token (blockquotes, list items). */
  private container(closeType: string): RunbookNode[] {
    const open = this.tokens[this.pos] as Token;
    this.pos++;
    const nodes: RunbookNode[] = [];
    while (this.pos < this.tokens.length) {
      const token = this.tokens[this.pos] as Token;
      if (token.type === closeType && token.level === open.level) {
        this.pos++;
        break;
      }
      if (token.type === 'heading_open') {
        // A heading cannot sit inside a container; skip it as text rather than lose the structure.
        const title = this.inlineText(this.tokens[this.pos + 1]);
        this.pos += 3;
        nodes.push({ kind: 'text', text: title, placeholders: findPlaceholders(title, token.map?.[0] ?? 0), range: rangeOf(token) });
        continue;
      }
      append(nodes, this.block());
    }
    return nodes;
  }

  private list(): RunbookNode[] {
    const open = this.tokens[this.pos] as Token;
    const closeType = open.type === 'bullet_list_open' ? 'bullet_list_close' : 'ordered_list_close';
    this.pos++;
    const items: RunbookNode[] = [];
    while (this.pos < this.tokens.length) {
      const token = this.tokens[this.pos] as Token;
      if (token.type === closeType && token.level === open.level) {
        this.pos++;
        break;
      }
      if (token.type === 'list_item_open') {
        append(items, this.listItem(token, open.type === 'ordered_list_open'));
      } else {
        this.pos++;
      }
    }
    return items;
  }

  /** One list item: a step, a checklist item, a bare link, or (when it has no text of its own) its content. */
  private listItem(open: Token, ordered: boolean): RunbookNode[] {
    const range = rangeOf(open);
    const ordinal = ordered && open.info ? open.info : undefined;
    const body = this.container('list_item_close');
    // The item's own text is its first paragraph, which `paragraph()` returned as its first node(s).
    const [first, ...rest] = body;
    if (!first) return [this.step('', range, ordinal, [])];
    if (first.kind === 'checklist' || (first.kind === 'step' && first.ordinal !== undefined && first.range.start === range.start)) {
      (first as { range: typeof range }).range = range;
      append(first.children, rest);
      return [first];
    }
    if (first.kind === 'text') return [this.step(first.text, range, ordinal, rest, first.placeholders)];
    if (first.kind === 'link') return [rest.length === 0 ? { ...first, range } : this.step(first.label, range, ordinal, body)];
    return body;
  }

  private step(text: string, range: StepNode['range'], ordinal: string | undefined, children: RunbookNode[], placeholders: readonly Placeholder[] = findPlaceholders(text, range.start)): StepNode {
    // Ordered steps are all things to do; a bullet is one when it asks for an action.
    const actionable = ordinal !== undefined || (asksForAction(text) && !isLinkLabel(text, children[0]));
    const step: StepNode = { kind: 'step', text, actionable, durations: findDurations(text), placeholders, range, children };
    if (ordinal) (step as { ordinal?: string }).ordinal = ordinal;
    return step;
  }

  /**
   * A paragraph, line by line: bare `[ ]` lines become checklist items and
   * "2.1" lines become steps; other lines continue the item above them (an
   * indented one becomes its child) or form a text node.
   */
  private paragraph(lines: InlineLine[], open: Token): RunbookNode[] {
    if (lines.length === 1) {
      const line = lines[0] as InlineLine;
      const started = this.startItem(line, this.lines[line.line] ?? '');
      return started ? [started] : singleLineNodes(line);
    }
    const nodes: RunbookNode[] = [];
    let item: ChecklistNode | StepNode | undefined;
    let itemIndent = 0;
    let text: InlineLine[] = [];
    // In a list item, a line indented less than the item's text is a "lazy" continuation:
    // authors mean a new line ("Reachable on Slack"), not more of the item's text.
    const firstSource = this.lines[lines[0]?.line ?? -1] ?? '';
    const inListItem = LIST_MARKER.test(firstSource);
    const contentIndent = inListItem ? (LIST_MARKER.exec(firstSource)?.[0].length ?? 0) : 0;
    const flushText = () => {
      if (text.length === 0) return;
      append(nodes, this.textNodes(text));
      text = [];
    };
    let previous = '';
    for (const line of lines) {
      const source = this.lines[line.line] ?? '';
      const indent = source.length - source.trimStart().length;
      const above = previous;
      previous = line.text;
      const started = this.startItem(line, source);
      if (started) {
        flushText();
        nodes.push(started);
        item = started;
        itemIndent = indent;
        continue;
      }
      if (item && indent <= itemIndent && isFieldLine(line.text, above)) {
        // "Results:" under "[ ] Success criteria held": a field of its own, not more of the item's text.
        item = this.step(line.text, { start: line.line, end: line.line + 1 }, undefined, [...line.links, ...line.images], findPlaceholders(line.text, line.line));
        nodes.push(item);
        itemIndent = indent;
      } else if (item && indent > itemIndent && !isOneLinkLine(line)) {
        append(item.children, this.textNodes([{ ...line, text: line.text.replace(LIST_MARKER, '') }]));
      } else if (item) {
        // Lines are trimmed already; trimming the joined text would copy it once per line.
        if (line.text) (item as { text: string }).text = item.text ? `${item.text} ${line.text}` : line.text;
        append(item.children, line.links);
        append(item.children, line.images);
      } else {
        if (inListItem && text.length > 0 && indent < contentIndent) flushText();
        text.push(line);
      }
    }
    flushText();
    if (nodes.length === 0 && lines.length === 0) {
      return [{ kind: 'text', text: '', placeholders: [], range: rangeOf(open) }];
    }
    return nodes;
  }

  private startItem(line: InlineLine, source: string): ChecklistNode | StepNode | undefined {
    const box = CHECKBOX_TEXT.exec(line.text) ? CHECKBOX.exec(source) : null;
    if (box) {
      const itemText = line.text.replace(CHECKBOX_TEXT, '');
      return {
        kind: 'checklist',
        text: itemText,
        checked: box[2] !== ' ',
        box: { line: line.line, column: (box[1] ?? '').length },
        sourceText: source.slice((box[0] ?? '').length).trim(),
        durations: findDurations(itemText),
        placeholders: findPlaceholders(itemText, line.line),
        range: { start: line.line, end: line.line + 1 },
        children: [...line.links, ...line.images],
      };
    }
    const first = line.text.charCodeAt(0);
    const numbered = first >= 48 && first <= 57 ? NUMBERED_STEP.exec(line.text) : null;
    if (numbered) {
      const itemText = numbered[2] ?? '';
      return {
        kind: 'step',
        text: itemText,
        actionable: true,
        ordinal: numbered[1] as string,
        durations: findDurations(itemText),
        placeholders: findPlaceholders(itemText, line.line),
        range: { start: line.line, end: line.line + 1 },
        children: [...line.links, ...line.images],
      };
    }
    return undefined;
  }

  /** Consecutive plain lines: one text node, or just the link when a line holds nothing but a link. */
  private textNodes(lines: InlineLine[]): RunbookNode[] {
    if (lines.length === 1) return singleLineNodes(lines[0] as InlineLine);
    const first = lines[0] as InlineLine;
    const last = lines[lines.length - 1] as InlineLine;
    const text = lines.map((l) => l.text).join(' ').trim();
    const node: TextNode = { kind: 'text', text, placeholders: lines.flatMap((l) => findPlaceholders(l.text, l.line)), range: { start: first.line, end: last.line + 1 } };
    const extras = lines.flatMap((l) => [...l.links, ...l.images]);
    return text ? [node, ...extras] : extras;
  }

  /** Links, images and text of an HTML block, each on the line it starts on. */
  private htmlBlock(token: Token): RunbookNode[] {
    const range = rangeOf(token);
    const nodes: RunbookNode[] = [];
    const lineAt = lineCounter(token.content, range.start);
    let openLink: { href: string; label: string; line: number } | undefined;
    let text = '';
    const closeLink = () => {
      if (openLink) nodes.push(linkNode(collapseSpaces(openLink.label), openLink.href, openLink.line));
      openLink = undefined;
    };
    for (const piece of htmlPieces(token.content)) {
      if (nodes.length >= MAX_HTML_NODES) {
        // Not counted: reading thousands more tags would cost what building them does.
        if (hasLinkOrImage(token.content, piece.at)) {
          const lines = range.end - range.start > 1 ? `lines ${range.start + 1}–${range.end}` : `line ${range.start + 1}`;
          this.warnings.push(`Only the first ${MAX_HTML_NODES} links and images of the HTML block at ${lines} are shown.`);
        }
        break;
      }
      if ('text' in piece) {
        text += piece.text;
        if (openLink) openLink.label += piece.text;
        continue;
      }
      const name = tagName(piece.tag);
      if (name === 'a' || name === '/a') closeLink();
      const href = name === 'a' ? attribute(piece.tag, 'href') : undefined;
      if (href !== undefined) openLink = { href, label: '', line: lineAt(piece.at) };
      const src = name === 'img' ? attribute(piece.tag, 'src') : undefined;
      if (src !== undefined) {
        const at = lineAt(piece.at);
        nodes.push({ kind: 'image', src, alt: attribute(piece.tag, 'alt') ?? '', range: { start: at, end: at + 1 } });
      }
    }
    closeLink();
    text = collapseSpaces(text);
    if (text && nodes.length === 0) nodes.push({ kind: 'text', text, placeholders: findPlaceholders(text, range.start), range });
    return nodes;
  }

  private table(): RunbookNode[] {
    const open = this.tokens[this.pos] as Token;
    const rows: InlineLine[][] = [];
    let row: InlineLine[] | undefined;
    let rowLine = open.map?.[0] ?? 0;
    this.pos++;
    while (this.pos < this.tokens.length) {
      const token = this.tokens[this.pos] as Token;
      this.pos++;
      if (token.type === 'table_close') break;
      if (token.type === 'tr_open') {
        rowLine = token.map?.[0] ?? rowLine + 1;
        row = [];
        rows.push(row);
      } else if (token.type === 'inline' && row) {
        row.push(this.inlineLines(token, undefined, rowLine)[0] ?? { line: rowLine, text: '', links: [], images: [] });
      }
    }
    const contacts = extractTableContacts(rows.map((cells) => cells.map((c) => ({ text: c.text, line: c.line, links: c.links }))));
    if (contacts) return contacts;
    return rows.slice(1).flatMap((cells) => {
      const first = cells[0];
      if (!first) return [];
      const text = cells.map((c) => c.text).filter(Boolean).join(' · ');
      const links = cells.flatMap((c) => c.links);
      return text ? [{ kind: 'text' as const, text, placeholders: findPlaceholders(text, first.line), range: { start: first.line, end: first.line + 1 } }, ...links] : links;
    });
  }

  private inlineText(token: Token | undefined): string {
    return this.inlineLines(token)
      .map((l) => l.text)
      .join(' ')
      .trim();
  }

  /**
   * Splits an inline token at line breaks. The first line is the enclosing block's (its token map);
   * each break's line counts the newlines of the source before it, including those that inline
   * code, HTML, link titles or image alts swallowed.
   */
  private inlineLines(token: Token | undefined, block?: Token, firstLine?: number): InlineLine[] {
    if (!token || token.type !== 'inline') return [];
    const start = firstLine ?? block?.map?.[0] ?? token.map?.[0] ?? 0;
    const offsets = token.children ? breakOffsets.get(token.children) : undefined;
    const lineAt = lineCounter(token.content, start);
    let breaks = 0;
    const lineAfterBreak = (previous: number) => {
      const offset = offsets?.[breaks++];
      return offset === undefined ? previous + 1 : lineAt(offset + 1);
    };
    const simple = simpleText(token.children);
    if (simple !== undefined) return [finishLine({ line: start, text: simple, links: [], images: [] })];
    const lines: InlineLine[] = [];
    let current = { line: start, text: '', links: [] as LinkNode[], images: [] as ImageNode[] };
    let openLink: { href: string; label: string } | undefined;
    const push = (s: string) => {
      current.text += s;
      if (openLink) openLink.label += s;
    };
    const closeLink = () => {
      if (!openLink) return;
      current.links.push(linkNode(openLink.label.trim(), openLink.href, current.line));
      openLink = undefined;
    };
    for (const child of token.children ?? []) {
      switch (child.type) {
        case 'softbreak':
        case 'hardbreak':
          closeLink();
          lines.push(finishLine(current));
          current = { line: lineAfterBreak(current.line), text: '', links: [], images: [] };
          break;
        case 'text':
        case 'code_inline':
          push(child.content);
          break;
        case 'link_open':
          closeLink();
          openLink = { href: String(child.attrGet('href') ?? ''), label: '' };
          break;
        case 'link_close':
          closeLink();
          break;
        case 'image':
          current.images.push({ kind: 'image', alt: child.content, src: String(child.attrGet('src') ?? ''), range: { start: current.line, end: current.line + 1 } });
          push(child.content);
          break;
        case 'html_inline': {
          const name = tagName(child.content);
          const href = name === 'a' ? attribute(child.content, 'href') : undefined;
          const src = name === 'img' ? attribute(child.content, 'src') : undefined;
          if (href !== undefined) {
            closeLink();
            openLink = { href, label: '' };
          } else if (name === '/a') {
            closeLink();
          } else if (src !== undefined) {
            current.images.push({ kind: 'image', alt: attribute(child.content, 'alt') ?? '', src, range: { start: current.line, end: current.line + 1 } });
          }
          break;
        }
        default:
          break;
      }
    }
    closeLink();
    lines.push(finishLine(current));
    return lines;
  }
}

const FORMATTING = new Set(['em_open', 'em_close', 'strong_open', 'strong_close', 's_open', 's_close']);

/** The text of one line of plain or emphasised text; undefined when the line has breaks, links, images or HTML. */
function simpleText(children: Token[] | null): string | undefined {
  let text = '';
  for (const child of children ?? []) {
    if (child.type === 'text' || child.type === 'code_inline') text += child.content;
    else if (!FORMATTING.has(child.type)) return undefined;
  }
  return text;
}

/** The common case of `textNodes`, without its intermediate arrays. */
function singleLineNodes(line: InlineLine): RunbookNode[] {
  if (isOneLinkLine(line)) return line.links;
  const extras = line.links.length + line.images.length;
  if (!line.text) return extras ? [...line.links, ...line.images] : [];
  const node: TextNode = { kind: 'text', text: line.text, placeholders: findPlaceholders(line.text, line.line), range: { start: line.line, end: line.line + 1 } };
  return extras ? [node, ...line.links, ...line.images] : [node];
}

function finishLine(line: InlineLine): InlineLine {
  const text = collapseSpaces(line.text);
  return { line: line.line, text, links: line.links, images: line.images };
}

/** Runs of white space as one space. Single spaces are left alone: replacing each costs time on long texts. */
function collapseSpaces(text: string): string {
  return text.replace(/\s{2,}|[^\S ]/g, ' ').trim();
}

/** The text is nothing but the label of `node`, a link: a bullet that only links somewhere (notes may sit under it). */
function isLinkLabel(text: string, node: RunbookNode | undefined): boolean {
  return node?.kind === 'link' && node.label === text;
}

/** A source line that holds one link and nothing else. */
function isOneLinkLine(line: InlineLine): boolean {
  return line.links.length === 1 && line.images.length === 0 && isLinkLabel(line.text, line.links[0]);
}

function linkNode(label: string, url: string, line: number): LinkNode {
  const { kind, vendor, host } = classifyLink(url);
  return { kind: 'link', label: label || url, url, linkKind: kind, ...(vendor ? { vendor } : {}), ...(host ? { host } : {}), range: { start: line, end: line + 1 } };
}

/** The line of an offset into `text`, which starts on line `first`; offsets must not decrease. One pass in all. */
function lineCounter(text: string, first: number): (offset: number) => number {
  let line = first;
  let next = text.indexOf('\n');
  return (offset) => {
    while (next >= 0 && next < offset) {
      line++;
      next = text.indexOf('\n', next + 1);
    }
    return line;
  };
}

/** `target.push(...items)` without spreading: a list can have more items than the stack has room for arguments. */
function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

function rangeOf(token: Token): { start: number; end: number } {
  const [start = 0, end = start + 1] = token.map ?? [];
  return { start, end: Math.max(end, start + 1) };
}
