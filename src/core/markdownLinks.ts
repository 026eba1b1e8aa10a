/**
 * A URL safe as a Markdown link destination, also inside a table cell: parentheses,
 * brackets, angle brackets, pipes, backslashes and whitespace (line breaks too)
 * percent-encoded, so no URL can end the link early or split the line or row.
 * (encodeURIComponent leaves `(` and `)` as they are.)
 */
export function linkDestination(url: string): string {
  return url.replace(/[()[\]<>|\s\\]/g, (c) => (c === '(' ? '%28' : c === ')' ? '%29' : encodeURIComponent(c)));
}
