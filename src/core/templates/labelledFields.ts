import { MAX_LABEL_LENGTH } from './fieldAliases';

/** A `Label: value` line, split where the value starts. */
export interface LabelledLine {
  /** The label as written, with its emphasis and colon ("**Start time:**"). */
  readonly rawLabel: string;
  /** Everything up to and including the label's colon and closing emphasis: kept as is. */
  readonly head: string;
  /** The value after it, untrimmed, without the line ending. */
  readonly value: string;
  /** A list item or a label in bold: a field a person fills in, even when it reads like prose. */
  readonly marked: boolean;
}

/**
 * Reads `Label: value`, `**Label:** value`, `**Label**: value` and the same as list items
 * (`- Date:`, `* Start time:`, `1. Impact:`, `- **IC:**`). A scan, not a regular expression,
 * so a hostile line costs one pass. Headings, table rows and block quotes are not fields.
 */
export function parseLabelledLine(line: string): LabelledLine | undefined {
  let i = skipBlanks(line, 0);
  if (i > 3 && !isListMarkerAt(line, i)) return undefined;
  const c = line.charAt(i);
  if (c === '#' || c === '|' || c === '>' || c === '') return undefined;
  let marked = false;
  const marker = listMarkerLength(line, i);
  if (marker > 0) {
    marked = true;
    i = skipBlanks(line, i + marker);
  }
  const labelStart = i;
  const colon = line.indexOf(':', labelStart);
  if (colon < 0 || colon - labelStart > MAX_LABEL_LENGTH + 6) return undefined;
  // "https://…", "10:30": a colon that does not end a label.
  if (line.startsWith('//', colon + 1) || isDigit(line.charAt(colon - 1))) return undefined;
  let openRun = 0;
  while (labelStart + openRun < colon && isEmphasis(line.charAt(labelStart + openRun))) openRun++;
  if (openRun > 3) return undefined;
  let closedBefore = 0;
  while (colon - closedBefore - 1 > labelStart + openRun && isEmphasis(line.charAt(colon - closedBefore - 1))) closedBefore++;
  let end = colon + 1;
  if (openRun > closedBefore) {
    const want = line.charAt(labelStart);
    let closing = 0;
    while (closing < openRun - closedBefore && line.charAt(end + closing) === want) closing++;
    end += closing;
  }
  const inner = line.slice(labelStart + openRun, colon - closedBefore).trim();
  if (inner === '' || !isLabelText(inner)) return undefined;
  return { rawLabel: line.slice(labelStart, end), head: line.slice(0, end), value: line.slice(end), marked: marked || openRun >= 2 };
}

/** A label is words: no markup, links or code that would make the colon part of something else. */
function isLabelText(text: string): boolean {
  for (const c of text) if ('*_`[]()<>|#{}'.includes(c)) return false;
  return /\p{L}/u.test(text);
}

function listMarkerLength(line: string, at: number): number {
  const c = line.charAt(at);
  if ((c === '-' || c === '+' || c === '*') && isBlank(line.charAt(at + 1))) return 1;
  let digits = 0;
  while (digits < 9 && isDigit(line.charAt(at + digits))) digits++;
  if (digits > 0 && (line.charAt(at + digits) === '.' || line.charAt(at + digits) === ')') && isBlank(line.charAt(at + digits + 1))) return digits + 1;
  return 0;
}

function isListMarkerAt(line: string, at: number): boolean {
  return listMarkerLength(line, at) > 0;
}

function skipBlanks(line: string, from: number): number {
  let i = from;
  while (i < line.length && (line.charAt(i) === ' ' || line.charAt(i) === '\t')) i++;
  return i;
}

function isBlank(c: string): boolean {
  return c === ' ' || c === '\t';
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

function isEmphasis(c: string): boolean {
  return c === '*' || c === '_';
}
