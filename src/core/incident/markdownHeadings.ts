export interface Heading {
  /** 0-based line. */
  readonly line: number;
  /** 1 to 6. */
  readonly level: number;
  readonly title: string;
}

const FENCE_OPEN = /^[ \t]*(`{3,}|~{3,})(.*)$/;
const ATX = /^ {0,3}(#{1,6})(?=[ \t]|$)(.*)$/;
const COMMENT_OPEN = /^ {0,3}<!--/;

/**
 * The ATX headings of Markdown lines, skipping fenced code and HTML comments as
 * CommonMark does: a fence closes only with a line of the same character, at
 * least as long, and nothing else; a comment runs to the line holding `-->`.
 * Fences are recognised at any indentation, so a fence nested in a list item hides its lines too.
 */
export function headingsOf(lines: readonly string[], from = 0): Heading[] {
  const headings: Heading[] = [];
  let fence: { char: string; length: number } | undefined;
  let inComment = false;
  for (let i = from; i < lines.length; i++) {
    const line = (lines[i] ?? '').replace(/\r$/, '');
    if (fence) {
      if (closesFence(line, fence)) fence = undefined;
      continue;
    }
    if (inComment) {
      inComment = !line.includes('-->');
      continue;
    }
    const open = FENCE_OPEN.exec(line);
    if (open && !(open[1]?.startsWith('`') && open[2]?.includes('`'))) {
      fence = { char: open[1]?.charAt(0) ?? '`', length: open[1]?.length ?? 3 };
      continue;
    }
    if (COMMENT_OPEN.test(line)) {
      inComment = !line.slice(line.indexOf('<!--') + 4).includes('-->');
      continue;
    }
    const atx = ATX.exec(line);
    if (atx) headings.push({ line: i, level: atx[1]?.length ?? 1, title: headingText(atx[2] ?? '') });
  }
  return headings;
}

function closesFence(line: string, fence: { char: string; length: number }): boolean {
  const trimmed = line.trim();
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
