import type { Duration, Placeholder } from './model';

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, ten: 10, fifteen: 15, twenty: 20, thirty: 30,
};

/** Minutes per unit, by the unit's first letter (the pattern below admits no other spellings). */
const UNIT_MINUTES: Readonly<Record<string, number>> = { s: 1 / 60, m: 1, h: 60, d: 24 * 60, w: 7 * 24 * 60 };

// "15 minutes", "1 hour", "an hour", "2-week", "30m", "2h". Single-letter units only when glued to the
// number, and never "s": "500s" in a runbook means HTTP errors, not eight minutes.
const DURATION = new RegExp(
  String.raw`\b(?:(\d+(?:\.\d+)?)\s*(?:-\s*)?(seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?)|(\d+)(m|h)|(an?|one|two|three|four|five|six|ten|fifteen|twenty|thirty)\s+(seconds?|minutes?|hours?|days?|weeks?))\b`,
  'gi',
);

// Every duration mentions one of these; most step texts do not, and skip the full pattern.
const DURATION_HINT = /sec|min|hour|hr|day|week|\dm\b|\dh\b/i;

export function findDurations(text: string): Duration[] {
  if (!DURATION_HINT.test(text)) return [];
  // Durations in a URL ("refresh=30m", "now-6h") are parameters, not times to wait.
  const urls = text.includes('://') ? urlSpans(text) : [];
  let url = 0;
  const found: Duration[] = [];
  DURATION.lastIndex = 0;
  for (let match = DURATION.exec(text); match; match = DURATION.exec(text)) {
    const at = match.index;
    while (url < urls.length && (urls[url] as Span)[1] <= at) url++;
    if (isNegative(text, at) || (url < urls.length && (urls[url] as Span)[0] <= at)) continue;
    const amountText = match[1] ?? match[3] ?? match[5] ?? '';
    const unit = match[2] ?? match[4] ?? match[6] ?? '';
    const amount = NUMBER_WORDS[amountText.toLowerCase()] ?? Number(amountText);
    const factor = UNIT_MINUTES[unit.charAt(0).toLowerCase()];
    if (factor !== undefined && Number.isFinite(amount)) found.push({ text: match[0], minutes: amount * factor });
  }
  return found;
}

type Span = readonly [start: number, end: number];

const WHITE_SPACE = /\s/g;

/**
 * Where each URL ("scheme://" up to white space) is, in order. Found from each "://" by walking
 * back over the scheme, not with a pattern: in "a.a.a.…" every letter could start a scheme, and a
 * pattern would scan to the end from each of them.
 */
function urlSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (let separator = text.indexOf('://'); separator >= 0; ) {
    let run = separator;
    while (run > 0 && isSchemeChar(text.charCodeAt(run - 1))) run--;
    // The scheme opens with a letter that starts a word ("git+ssh", not the "2" of "v2.git+ssh").
    let start = run;
    while (start < separator && !(isLetter(text.charCodeAt(start)) && !isWordChar(text.charCodeAt(start - 1)))) start++;
    if (start === separator) {
      separator = text.indexOf('://', separator + 1);
      continue;
    }
    WHITE_SPACE.lastIndex = separator + 3;
    const end = WHITE_SPACE.exec(text)?.index ?? text.length;
    spans.push([start, end]);
    separator = text.indexOf('://', end);
  }
  return spans;
}

function isLetter(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isSchemeChar(code: number): boolean {
  return isLetter(code) || isDigit(code) || code === 0x2b || code === 0x2e || code === 0x2d; // + . -
}

function isWordChar(code: number): boolean {
  return isLetter(code) || isDigit(code) || code === 0x5f; // _
}

/** "-5 minutes" (an offset), but not the "15" of the range "10-15 minutes". */
function isNegative(text: string, at: number): boolean {
  const before = text.charAt(at - 1);
  return (before === '-' || before === '\u2212') && !/[\p{L}\p{N}]/u.test(text.charAt(at - 2));
}

// Placeholders outside brackets, each with a literal it must contain: a pattern runs only on texts
// that have its literal, and each stops at a character it cannot repeat past, so scans stay linear.
const UNBRACKETED: readonly (readonly [string, RegExp])[] = [
  ['%', /\b[xX]{2}\s?%/g], // xx%
  ['X', /\bX\s+(?:minutes?|mins?|hours?|days?)\b/g], // X minutes
  ['{{', /\{\{\s*[\w.-]+\s*\}\}/g], // {{title}}
  ['<', /<[A-Z][A-Z0-9 _-]*>/g], // <TITLE>
];
// A person fills placeholders in one by one; past this many in one text, more are noise (and time).
const MAX_PLACEHOLDERS = 50;
const TODO = /^\s*todo\b/i;
const EXAMPLE = /\be\.g\./i;

export function findPlaceholders(text: string, line: number): Placeholder[] {
  const found: { at: number; placeholder: Placeholder }[] = [];
  for (const [at, bracketed] of text.includes('[') ? bracketedSpans(text) : []) {
    if (found.length >= MAX_PLACEHOLDERS) break;
    const inner = bracketed.slice(1, -1);
    if (TODO.test(inner)) found.push({ at, placeholder: { text: bracketed, line } });
    else if (!inner.includes('\n') && EXAMPLE.test(inner)) {
      const example = findDurations(bracketed)[0];
      found.push({ at, placeholder: { text: bracketed, line, ...(example ? { example } : {}) } });
    }
  }
  for (const [literal, pattern] of UNBRACKETED) {
    if (!text.includes(literal)) continue;
    for (const match of text.matchAll(pattern)) {
      if (found.length >= 2 * MAX_PLACEHOLDERS) break;
      found.push({ at: match.index, placeholder: { text: match[0], line } });
    }
  }
  const ordered = found.length < 2 ? found : found.sort((a, b) => a.at - b.at);
  return ordered.slice(0, MAX_PLACEHOLDERS).map((f) => f.placeholder);
}

/** `[…]` spans with no bracket inside, found with indexOf so that unclosed brackets cost one pass. */
function* bracketedSpans(text: string): Generator<[number, string]> {
  let open = text.indexOf('[');
  while (open >= 0) {
    const close = text.indexOf(']', open + 1);
    if (close < 0) return;
    const inner = text.lastIndexOf('[', close);
    yield [inner, text.slice(inner, close + 1)];
    open = text.indexOf('[', close + 1);
  }
}
