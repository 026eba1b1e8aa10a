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
  return attributeIn(tag, 0, tag.endsWith('>') ? tag.length - 1 : tag.length, name);
}

/** Whether `html` has a link (`<a href>`) or an image (`<img src>`) from offset `from` on, the tags as htmlPieces finds them. */
export function hasLinkOrImage(html: string, from: number): boolean {
  for (let open = html.indexOf('<', from); open >= 0; ) {
    const close = html.indexOf('>', open + 1);
    if (close < 0) return false;
    let nameEnd = open + 1;
    while (nameEnd < close && isNameChar(html.charCodeAt(nameEnd))) nameEnd++;
    const wanted = isName(html, open + 1, nameEnd, 'a') ? 'href' : isName(html, open + 1, nameEnd, 'img') ? 'src' : undefined;
    if (wanted && attributeIn(html, open, close, wanted) !== undefined) return true;
    open = html.indexOf('<', close + 1);
  }
  return false;
}

/** `attribute` for the tag that runs from `start` (its `<`) to `end` (its `>`, or the end of the text) in `html`. */
function attributeIn(tag: string, start: number, end: number, name: string): string | undefined {
  let i = start + 1;
  while (i < end && !isSpace(tag.charCodeAt(i))) i++; // the tag's name
  while (i < end) {
    while (i < end && (isSpace(tag.charCodeAt(i)) || tag.charCodeAt(i) === SLASH)) i++;
    const nameStart = i;
    while (i < end && !isSpace(tag.charCodeAt(i)) && tag.charCodeAt(i) !== EQUALS && tag.charCodeAt(i) !== SLASH) i++;
    // Compared in place: a block of thousands of tags should not cost a string per attribute.
    const wanted = isName(tag, nameStart, i, name);
    while (i < end && isSpace(tag.charCodeAt(i))) i++;
    if (tag.charCodeAt(i) !== EQUALS) {
      if (i === nameStart) i++;
      continue;
    }
    i++;
    while (i < end && isSpace(tag.charCodeAt(i))) i++;
    const quote = tag.charAt(i);
    let valueStart = i;
    let valueEnd: number;
    if (quote === '"' || quote === "'") {
      const closeQuote = tag.indexOf(quote, i + 1);
      valueStart = i + 1;
      valueEnd = closeQuote < 0 || closeQuote > end ? end : closeQuote;
      i = valueEnd + 1;
    } else {
      while (i < end && !isSpace(tag.charCodeAt(i))) i++;
      valueEnd = i;
    }
    if (wanted) return tag.slice(valueStart, valueEnd);
  }
  return undefined;
}

/** Whether `tag` from `start` to `end` spells `name` (lower-case), in any case. */
function isName(tag: string, start: number, end: number, name: string): boolean {
  if (end - start !== name.length) return false;
  for (let i = 0; i < name.length; i++) {
    const code = tag.charCodeAt(start + i);
    if ((code >= 0x41 && code <= 0x5a ? code + 0x20 : code) !== name.charCodeAt(i)) return false;
  }
  return true;
}

const SLASH = 0x2f;
const EQUALS = 0x3d;

function isNameChar(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || code === 0x2d;
}

function isSpace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d);
}
