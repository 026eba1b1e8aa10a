/**
 * A URL safe as a Markdown link destination, also inside a table cell: parentheses,
 * brackets, angle brackets, pipes, backslashes and whitespace (line breaks too)
 * percent-encoded, so no URL can end the link early or split the line or row.
 * (encodeURIComponent leaves `(` and `)` as they are.)
 */
export function linkDestination(url: string): string {
  return url.replace(/[()[\]<>|\s\\]/g, (c) => (c === '(' ? '%28' : c === ')' ? '%29' : encodeURIComponent(c)));
}

const DESTINATION_END = /[()[\]\s]/;
const ESCAPED = /\\([\\`*_{}[\]()#+\-.!<>|~])/g;

/**
 * A line with its inline links written out for a reader who sees no Markdown: "Paged: [incident #4](https://…)"
 * becomes "Paged: incident #4", or with `withUrl` "Paged: incident #4 (https://…)" (where the address still matters,
 * as in a chat message that links it by itself). One pass: a scan that fails resumes where it stopped, never before.
 */
export function inlineLinksAsText(text: string, withUrl = false): string {
  let out = '';
  let copied = 0;
  for (let i = text.indexOf('['); i >= 0; ) {
    const found = linkAt(text, i);
    if ('label' in found) {
      const shown = found.label.replace(ESCAPED, '$1');
      out += text.slice(copied, i) + (withUrl && found.url ? `${shown} (${found.url})` : shown);
      copied = found.end;
    }
    i = text.indexOf('[', 'label' in found ? found.end : found.resume);
  }
  return out + text.slice(copied);
}

/**
 * `[label](destination)` starting at `start`: a label without unescaped brackets or line breaks (an escaped `\\[`
 * opens nothing), a destination without spaces, parentheses or brackets (linkDestination encodes them). Else where
 * the next link may start: no opening bracket lies between `start` and there.
 */
function linkAt(text: string, start: number): { label: string; url: string; end: number } | { resume: number } {
  let i = start + 1;
  for (; i < text.length && text[i] !== ']'; i++) {
    const c = text[i];
    if (c === '[') return { resume: i };
    if (c === '\n') return { resume: i + 1 };
    if (c === '\\') i++;
  }
  if (text[i] !== ']' || text[i + 1] !== '(') return { resume: i + 1 };
  let j = i + 2;
  while (j < text.length && !DESTINATION_END.test(text[j] as string)) j++;
  if (text[j] !== ')') return { resume: j };
  return { label: text.slice(start + 1, i), url: text.slice(i + 2, j), end: j + 1 };
}
