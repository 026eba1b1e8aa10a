/** A `Label: value` line of a plan, as written: where its value starts, so it can be rewritten in place. */
export interface PlanField {
  readonly label: string;
  readonly value: string;
  /** 0-based line. */
  readonly line: number;
  /** Columns of the line where the value starts and ends (trailing white space excluded). */
  readonly valueStart: number;
  readonly valueEnd: number;
  /** The line's indentation, in columns; a bullet's is that of its marker. */
  readonly indent: number;
  readonly bullet: boolean;
}

/** The longest label read as a field's: longer text before a colon is a sentence, not a label. */
const MAX_LABEL = 120;

/**
 * `- New Sentry Errors: 3`, `Date: 2026-11-20` or `Percentage of Users (and roughly…): 5%` read as a field. Not a
 * field: a label ending in a digit ("Go/no-go 2026-12-02 14:05 …" is a time), an address ("https://…"), a heading.
 */
export function readField(text: string, line: number): PlanField | undefined {
  let at = 0;
  while (text.charAt(at) === ' ' || text.charAt(at) === '\t') at++;
  const indent = at;
  const bullet = /^[-*+][ \t]/.test(text.slice(at, at + 2));
  if (bullet) at += 2;
  while (text.charAt(at) === ' ') at++;
  if (text.charAt(at) === '#' || text.charAt(at) === '[') return undefined;
  const colon = text.indexOf(':', at);
  if (colon <= at || colon - at > MAX_LABEL) return undefined;
  const label = text.slice(at, colon).trim();
  if (!label || /\d$/.test(label) || text.charAt(colon + 1) === '/') return undefined;
  let valueStart = colon + 1;
  while (text.charAt(valueStart) === ' ' || text.charAt(valueStart) === '\t') valueStart++;
  const valueEnd = Math.max(valueStart, text.trimEnd().length);
  return { label, value: text.slice(valueStart, valueEnd), line, valueStart, valueEnd, indent, bullet };
}

/** Columns of leading white space (a tab to the next multiple of 4). */
export function indentation(text: string): number {
  let column = 0;
  for (const c of text) {
    if (c === ' ') column++;
    else if (c === '\t') column += 4 - (column % 4);
    else break;
  }
  return column;
}

/** A checklist line: `- [ ] text`, `[x] text`, or `* [ ]` (bare boxes as plans often write them). */
export interface CheckLine {
  readonly checked: boolean;
  /** Column of the character inside the box. */
  readonly mark: number;
  readonly text: string;
}

export function readCheckLine(text: string): CheckLine | undefined {
  let at = 0;
  while (text.charAt(at) === ' ' || text.charAt(at) === '\t') at++;
  if (/^[-*+][ \t]/.test(text.slice(at, at + 2))) at += 2;
  while (text.charAt(at) === ' ') at++;
  const box = text.slice(at, at + 3);
  if (box !== '[ ]' && box.toLowerCase() !== '[x]') return undefined;
  return { checked: box !== '[ ]', mark: at + 1, text: text.slice(at + 3).trim() };
}

/** "5%" or "12.5 %" at the start of a text, as a number; undefined otherwise. */
export function leadingPercentage(text: string): number | undefined {
  const match = /^(\d{1,3}(?:\.\d{1,3})?)\s?%/.exec(text);
  const value = match ? Number(match[1]) : NaN;
  return value >= 0 && value <= 100 ? value : undefined;
}

/** The first "N%" in a text. */
export function firstPercentage(text: string): number | undefined {
  const match = /(?:^|[^\d.])(\d{1,3}(?:\.\d{1,3})?)\s?%/.exec(text);
  const value = match ? Number(match[1]) : NaN;
  return value >= 0 && value <= 100 ? value : undefined;
}
