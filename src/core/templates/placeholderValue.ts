/** Words a template writes where a value is still to come. */
const TO_COME = new Set(['tbd', 'tba', 'todo', '…', '...']);

/**
 * Whether a field's value (trimmed) is still the template's: empty, `TBD`/`TBA`/`TODO`, `…`/`...`,
 * a hint in angle brackets or square brackets (`<YYYY-MM-DD>`, `[name]`), or wholly in italics
 * (`_who leads_`, `*when*`). An autolink (`<https://…>`) or a Markdown link (`[text](url)`) is a value.
 */
export function isPlaceholderValue(value: string): boolean {
  const text = value.trim();
  if (text === '') return true;
  if (TO_COME.has(unemphasised(text).toLowerCase())) return true;
  if (wrapped(text, '<', '>')) return !/^<[a-z][a-z0-9+.-]*:/i.test(text) && !text.startsWith('<!--');
  if (wrapped(text, '[', ']')) return !text.includes('](') && !text.startsWith('[ ]') && !/^\[x\]/i.test(text);
  if (text.startsWith('**') || text.startsWith('__')) return false;
  return wrapped(text, '_', '_') || wrapped(text, '*', '*');
}

function wrapped(text: string, open: string, close: string): boolean {
  return text.length > 2 && text.startsWith(open) && text.endsWith(close);
}

/** "**TBD**" → "TBD". */
function unemphasised(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && (text.charAt(start) === '*' || text.charAt(start) === '_')) start++;
  while (end > start && (text.charAt(end - 1) === '*' || text.charAt(end - 1) === '_')) end--;
  return text.slice(start, end).trim();
}

/**
 * A value with a trailing HTML comment (`TBD <!-- YYYY-MM-DD -->`) splits into the value and the
 * comment: the comment is the template's instruction and stays.
 */
export function splitTrailingComment(value: string): { value: string; comment: string } {
  const trimmed = value.trimEnd();
  if (!trimmed.endsWith('-->')) return { value, comment: '' };
  const open = trimmed.lastIndexOf('<!--');
  if (open < 0) return { value, comment: '' };
  return { value: trimmed.slice(0, open), comment: trimmed.slice(open) };
}
