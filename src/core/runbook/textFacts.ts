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
  const found: Duration[] = [];
  DURATION.lastIndex = 0;
  for (let match = DURATION.exec(text); match; match = DURATION.exec(text)) {
    const amountText = match[1] ?? match[3] ?? match[5] ?? '';
    const unit = match[2] ?? match[4] ?? match[6] ?? '';
    const amount = NUMBER_WORDS[amountText.toLowerCase()] ?? Number(amountText);
    const factor = UNIT_MINUTES[unit.charAt(0).toLowerCase()];
    if (factor !== undefined && Number.isFinite(amount)) found.push({ text: match[0], minutes: amount * factor });
  }
  return found;
}

// One pass over the text, matches in order of appearance.
const PLACEHOLDER = new RegExp(
  [
    String.raw`\[\s*[Tt][Oo][Dd][Oo]\b[^\]]*\]`, // [TODO: find these]
    String.raw`\[[^\]\n]*\b[eE]\.[gG]\.[^\]\n]*\]`, // [Timeframe, e.g., 15 minutes]
    String.raw`\b[xX]{2}\s?%`, // xx%
    String.raw`\bX\s+(?:minutes?|mins?|hours?|days?)\b`, // X minutes
    String.raw`\{\{\s*[\w.-]+\s*\}\}`, // {{title}}
    String.raw`<[A-Z][A-Z0-9 _-]*>`, // <TITLE>
  ].join('|'),
  'g',
);
// Every placeholder contains one of these characters; most texts contain none.
const PLACEHOLDER_HINT = /[[%X{<]/;

export function findPlaceholders(text: string, line: number): Placeholder[] {
  if (!PLACEHOLDER_HINT.test(text)) return [];
  const found: Placeholder[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const example = /e\.g\./i.test(match[0]) ? findDurations(match[0])[0] : undefined;
    found.push({ text: match[0], line, ...(example ? { example } : {}) });
  }
  return found;
}
