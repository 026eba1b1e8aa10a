// Characters that could open a link, an HTML tag or comment, or a code span that swallows the rest of the line.
const INLINE_SPECIALS = /[\\`<[\]]/g;
const LINE_BREAKS = /[\r\n\u2028\u2029\u0085\v\f]+/g;
const ESCAPED = /\\([!-/:-@[-`{-~])/g;
// What a line may start with that makes it a block of its own: a heading, quote, list item, table row, fence, thematic break or setext underline.
const BLOCK_START = /^[#>+*=|~_-]/;
const ORDERED_START = /^(\d{1,9})([.)])/;

/**
 * Text from outside (a ticket's short description, a note, a plan's check) as one line of Markdown
 * text: line breaks become spaces and nothing in it opens a link, HTML, a code span, or a block.
 */
export function inlineMarkdown(text: string): string {
  const escaped = text.replace(LINE_BREAKS, ' ').replace(/\t/g, ' ').trim().replace(INLINE_SPECIALS, '\\$&');
  if (BLOCK_START.test(escaped)) return `\\${escaped}`;
  // "1. …": a backslash before a digit would show, so it goes before the dot.
  return escaped.replace(ORDERED_START, '$1\\$2');
}

/** The text `inlineMarkdown` was given (line breaks and outer spaces aside). */
export function plainFromMarkdown(text: string): string {
  return text.replace(ESCAPED, '$1');
}

/**
 * A multi-line text as Markdown lines that stay inside the section they are written to: each line's
 * content escaped as `inlineMarkdown` does, keeping only a leading "- " list marker (and its indentation).
 */
export function blockMarkdown(text: string): string[] {
  return text.split(/\r\n|\r|\n/).map((line) => {
    const item = /^( *)- (?=\S)/.exec(line);
    if (item) return item[0] + inlineMarkdown(line.slice(item[0].length));
    return inlineMarkdown(line);
  });
}
