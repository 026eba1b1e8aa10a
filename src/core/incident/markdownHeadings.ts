export interface Heading {
  /** 0-based line. */
  readonly line: number;
  /** 1 to 6. */
  readonly level: number;
  readonly title: string;
}

const FENCE_OPEN = /^(`{3,}|~{3,})(.*)$/;
const ATX = /^ {0,3}(#{1,6})(?=[ \t]|$)(.*)$/;
const COMMENT_OPEN = /^ {0,3}<!--/;
const LIST_MARKER = /^(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)/;

interface Fence {
  readonly char: string;
  readonly length: number;
  /** The deepest column a closing fence may start at: three past the content of the list item holding it. */
  readonly maxIndent: number;
}

/**
 * The ATX headings of Markdown lines, skipping fenced code and HTML comments as
 * CommonMark does: a fence opens with at most three spaces of indentation (a
 * line indented further is indented code), counted inside a list item from the
 * item's content column; it closes only with a line of the same character, at
 * least as long, and nothing else; a comment runs to the line holding `-->`.
 * Unlike CommonMark, a fence in a list item is not ended by a less indented line:
 * only its closing line ends it, so a heading-like line the author left in it stays hidden.
 */
export function headingsOf(lines: readonly string[], from = 0): Heading[] {
  return markdownOutline(lines, from).headings;
}

/** The headings, and the lines that are not prose: those in fenced code or HTML comments (with their opening and closing lines). */
export function markdownOutline(lines: readonly string[], from = 0): { readonly headings: Heading[]; readonly hidden: ReadonlySet<number> } {
  const headings: Heading[] = [];
  const hidden = new Set<number>();
  let fence: Fence | undefined;
  let inComment = false;
  // The content columns of the list items the previous lines opened, innermost last.
  const items: number[] = [];
  // Whether the previous line was paragraph text, which a less indented line may continue.
  let paragraph = false;
  for (let i = from; i < lines.length; i++) {
    const line = (lines[i] ?? '').replace(/\r$/, '');
    if (fence) {
      hidden.add(i);
      if (closesFence(line, fence)) fence = undefined;
      paragraph = false;
      continue;
    }
    if (inComment) {
      hidden.add(i);
      inComment = !line.includes('-->');
      paragraph = false;
      continue;
    }
    let at = indentOf(line, 0, 0);
    const blank = at.index === line.length;
    const text = line.slice(at.index);
    // A less indented line leaves the items it is not part of, unless it continues their paragraph (a lazy line).
    const continues: boolean = paragraph && !startsBlock(text);
    if (!blank && !continues) while (at.column < (items.at(-1) ?? 0)) items.pop();
    paragraph = false;
    if (blank) continue;
    const marker = at.column - (items.at(-1) ?? 0) <= 3 ? LIST_MARKER.exec(text) : null;
    if (marker) {
      const afterMarker = at.column + marker[0].length;
      const content = indentOf(line, at.index + marker[0].length, afterMarker);
      // An empty item, or one starting with indented code, has its content one column after the marker.
      items.push(content.index === line.length || content.column - afterMarker > 4 ? afterMarker + 1 : content.column);
      at = content;
    }
    const container = items.at(-1) ?? 0;
    const open = at.column - container <= 3 ? FENCE_OPEN.exec(line.slice(at.index)) : null;
    if (open && !(open[1]?.startsWith('`') && open[2]?.includes('`'))) {
      fence = { char: open[1]?.charAt(0) ?? '`', length: open[1]?.length ?? 3, maxIndent: container + 3 };
      hidden.add(i);
      continue;
    }
    if (COMMENT_OPEN.test(line)) {
      hidden.add(i);
      inComment = !line.slice(line.indexOf('<!--') + 4).includes('-->');
      continue;
    }
    const atx = ATX.exec(line);
    if (atx) headings.push({ line: i, level: atx[1]?.length ?? 1, title: headingText(atx[2] ?? '') });
    // Text indented four past its container after a blank line is indented code, not a paragraph.
    else paragraph = at.index < line.length && (continues || at.column - container <= 3);
  }
  return { headings, hidden };
}

/** Where the text after `from` starts: its index, and its column (a tab advances to the next multiple of 4, as in CommonMark). */
function indentOf(line: string, from: number, column: number): { index: number; column: number } {
  let index = from;
  for (; index < line.length; index++) {
    const c = line.charAt(index);
    if (c === ' ') column++;
    else if (c === '\t') column += 4 - (column % 4);
    else break;
  }
  return { index, column };
}

/** A line that cannot continue a paragraph: a heading, fence, list item or comment. */
function startsBlock(text: string): boolean {
  return /^#{1,6}(?:[ \t]|$)/.test(text) || FENCE_OPEN.test(text) || LIST_MARKER.test(text) || text.startsWith('<!--');
}

function closesFence(line: string, fence: Fence): boolean {
  const at = indentOf(line, 0, 0);
  if (at.column > fence.maxIndent) return false;
  const trimmed = line.slice(at.index).trimEnd();
  if (trimmed.length < fence.length) return false;
  for (const c of trimmed) if (c !== fence.char) return false;
  return true;
}

/** The heading's text without the optional closing run of `#` (CommonMark: it must follow a space). */
function headingText(rest: string): string {
  const text = rest.trim();
  let end = text.length;
  while (end > 0 && text.charAt(end - 1) === '#') end--;
  if (end === 0) return '';
  if (end === text.length || text.charAt(end - 1) === ' ' || text.charAt(end - 1) === '\t') return text.slice(0, end).trim();
  return text;
}
