import type { Duration, Placeholder } from './model';

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, ten: 10, fifteen: 15, twenty: 20, thirty: 30,
};

const UNIT_MINUTES: ReadonlyArray<[RegExp, number]> = [
  [/^(s|secs?|seconds?)$/i, 1 / 60],
  [/^(m|mins?|minutes?)$/i, 1],
  [/^(h|hrs?|hours?)$/i, 60],
  [/^days?$/i, 24 * 60],
  [/^weeks?$/i, 7 * 24 * 60],
];

// "15 minutes", "1 hour", "an hour", "2-week", "30m", "2h". Single-letter units only when glued to the
// number, and never "s": "500s" in a runbook means HTTP errors, not eight minutes.
const DURATION = new RegExp(
  String.raw`\b(?:(\d+(?:\.\d+)?)\s*(?:-\s*)?(seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?)|(\d+)(m|h)|(an?|one|two|three|four|five|six|ten|fifteen|twenty|thirty)\s+(seconds?|minutes?|hours?|days?|weeks?))\b`,
  'gi',
);

export function findDurations(text: string): Duration[] {
  const found: Duration[] = [];
  for (const match of text.matchAll(DURATION)) {
    const amountText = match[1] ?? match[3] ?? match[5] ?? '';
    const unit = match[2] ?? match[4] ?? match[6] ?? '';
    const amount = NUMBER_WORDS[amountText.toLowerCase()] ?? Number(amountText);
    const factor = UNIT_MINUTES.find(([pattern]) => pattern.test(unit))?.[1];
    if (factor === undefined || !Number.isFinite(amount)) continue;
    found.push({ text: match[0], minutes: amount * factor });
  }
  return found;
}

const PLACEHOLDERS: readonly RegExp[] = [
  /\[\s*TODO\b[^\]]*\]/gi, // [TODO: find these]
  /\[[^\]\n]*\be\.g\.[^\]\n]*\]/gi, // [Timeframe, e.g., 15 minutes]
  /\b[xX]{2}\s?%/g, // xx%
  /\bX\s+(?:minutes?|mins?|hours?|days?)\b/g, // X minutes
  /\{\{\s*[\w.-]+\s*\}\}/g, // {{title}}
  /<[A-Z][A-Z0-9 _-]*>/g, // <TITLE>
];

export function findPlaceholders(text: string, line: number): Placeholder[] {
  const found: Array<Placeholder & { index: number }> = [];
  for (const pattern of PLACEHOLDERS) {
    for (const match of text.matchAll(pattern)) {
      const example = /e\.g\./i.test(match[0]) ? findDurations(match[0])[0] : undefined;
      found.push({ text: match[0], line, index: match.index, ...(example ? { example } : {}) });
    }
  }
  return found.sort((a, b) => a.index - b.index).map((p) => ({ text: p.text, line: p.line, ...(p.example ? { example: p.example } : {}) }));
}
