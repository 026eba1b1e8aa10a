import { textRevision } from '../text';

const MAX_SLUG = 40;

/** "Ensure the daily bot is posting…" → "ensure-the-daily-bot-is-posting-check-in": ASCII, at most 40 characters, cut between words; '' when nothing is left. */
export function slug(text: string, max = MAX_SLUG): string {
  const ascii = text
    .slice(0, 4 * max)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-');
  const trimmed = trimDashes(ascii);
  if (trimmed.length <= max) return trimmed;
  const cut = trimmed.slice(0, max + 1);
  const lastDash = cut.lastIndexOf('-');
  return trimDashes(lastDash > 0 ? cut.slice(0, lastDash) : cut.slice(0, max));
}

function trimDashes(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) === 0x2d) start++;
  while (end > start && text.charCodeAt(end - 1) === 0x2d) end--;
  return text.slice(start, end);
}

/** Four hex digits standing for a text. */
function shortHash(text: string): string {
  return (textRevision(text).split('-')[1] ?? '').slice(0, 4);
}

/**
 * Ids that survive edits of other lines: the slug of the check's text; a text met before gets
 * the hash of its group path added, and a counter when even that is taken.
 */
export class CheckIds {
  private readonly taken = new Set<string>();
  // Where each counter goes on, so that thousands of equal checks cost one try each.
  private readonly counters = new Map<string, number>();

  next(text: string, group: readonly string[]): string {
    const base = slug(text) || `check-${shortHash(text)}`;
    if (this.claim(base)) return base;
    const grouped = `${base}-${shortHash(group.join('\u0000'))}`;
    if (this.claim(grouped)) return grouped;
    for (let n = this.counters.get(grouped) ?? 2; ; n++) {
      if (this.claim(`${grouped}-${n}`)) {
        this.counters.set(grouped, n + 1);
        return `${grouped}-${n}`;
      }
    }
  }

  private claim(id: string): boolean {
    if (this.taken.has(id)) return false;
    this.taken.add(id);
    return true;
  }
}
