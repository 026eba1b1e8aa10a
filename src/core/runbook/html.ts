/**
 * Just enough HTML for runbooks: tags, their attributes and the text between
 * them. Hand-written scanners rather than regular expressions, so that an
 * unclosed tag or quote costs one pass over the text, never one per `<`.
 */

export type HtmlPiece = { readonly tag: string; readonly at: number } | { readonly text: string; readonly at: number };

/** Tags (from `<` to the next `>`) and the text between them, in order; `at` is the offset in `html`. */
export function* htmlPieces(html: string): Generator<HtmlPiece> {
  let from = 0;
  while (from < html.length) {
    const open = html.indexOf('<', from);
    const close = open < 0 ? -1 : html.indexOf('>', open + 1);
    if (close < 0) {
      yield { text: html.slice(from), at: from };
      return;
    }
    if (open > from) yield { text: html.slice(from, open), at: from };
    yield { tag: html.slice(open, close + 1), at: open };
    from = close + 1;
  }
}

/** "a" for `<a href=…>`, "/a" for `</a>`, lower-cased; "" for comments and the like. */
export function tagName(tag: string): string {
  let i = 1;
  const closing = tag.charAt(i) === '/';
  if (closing) i++;
  const start = i;
  while (i < tag.length && isNameChar(tag.charCodeAt(i))) i++;
  const name = tag.slice(start, i).toLowerCase();
  return name && closing ? `/${name}` : name;
}

/** The value of attribute `name` (lower-case) in one tag, as `<a href = "x">` or `<img src=x>` write it. */
export function attribute(tag: string, name: string): string | undefined {
  let i = 1;
  const end = tag.endsWith('>') ? tag.length - 1 : tag.length;
  while (i < end && !isSpace(tag.charCodeAt(i))) i++; // the tag's name
  while (i < end) {
    while (i < end && (isSpace(tag.charCodeAt(i)) || tag.charAt(i) === '/')) i++;
    const nameStart = i;
    while (i < end && !isSpace(tag.charCodeAt(i)) && !'=/'.includes(tag.charAt(i))) i++;
    const attrName = tag.slice(nameStart, i).toLowerCase();
    while (i < end && isSpace(tag.charCodeAt(i))) i++;
    if (tag.charAt(i) !== '=') {
      if (i === nameStart) i++;
      continue;
    }
    i++;
    while (i < end && isSpace(tag.charCodeAt(i))) i++;
    const quote = tag.charAt(i);
    let value: string;
    if (quote === '"' || quote === "'") {
      const closeQuote = tag.indexOf(quote, i + 1);
      const valueEnd = closeQuote < 0 ? end : closeQuote;
      value = tag.slice(i + 1, valueEnd);
      i = valueEnd + 1;
    } else {
      const valueStart = i;
      while (i < end && !isSpace(tag.charCodeAt(i))) i++;
      value = tag.slice(valueStart, i);
    }
    if (attrName === name) return value;
  }
  return undefined;
}

function isNameChar(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || code === 0x2d;
}

function isSpace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d);
}
