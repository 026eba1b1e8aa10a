import { escapeSlackText, unfilledMarks } from './slackText';

export interface SlackUser {
  readonly id: string;
  /** Slack's `name`. */
  readonly handle: string;
  readonly displayName?: string;
  readonly realName?: string;
  readonly deleted?: boolean;
  readonly isBot?: boolean;
}

/** A user group, mentioned as `<!subteam^S123>`. */
export interface SlackGroup {
  readonly id: string;
  readonly handle: string;
  readonly name?: string;
}

export interface SlackDirectory {
  readonly users: readonly SlackUser[];
  readonly groups: readonly SlackGroup[];
}

export type MentionKind = 'user' | 'group';

export interface ResolvedMention {
  /** As written: '@Kristen McConnell'. */
  readonly mention: string;
  readonly id: string;
  readonly kind: MentionKind;
}

export interface ResolvedMentions {
  /** Slack mrkdwn: the person's text escaped, with the mention tokens made here. */
  readonly text: string;
  /** Each user or group mentioned, once, in order. */
  readonly resolved: readonly ResolvedMention[];
  /** What stays plain text, once each, in order: '@nobody', '@Mark Dewey (ambiguous: 2 people)'. */
  readonly unresolved: readonly string[];
}

type Target = { readonly id: string; readonly kind: MentionKind };
/** Lower-cased name or handle → everything it names, by id. */
type Index = Map<string, Map<string, Target>>;

const BROADCASTS: ReadonlySet<string> = new Set(['here', 'channel', 'everyone']);
/** "@everyone's" at most: a longer word is no broadcast. */
const MAX_BROADCAST_LENGTH = 12;
/** Names longer than this many words are not looked for (a directory name of more words never matches). */
const MAX_NAME_WORDS = 4;

/**
 * Resolves `@handle`, `@Display Name` and `@here` in a message to Slack's mention tokens, from a
 * directory read once. Names before handles, the longest run of words first, so `@Mark Dewey` is
 * Mark Dewey even when someone's handle is "mark"; a single word is tried as a handle, then as a
 * name. A name two people share, or a deleted user, is never guessed. Linear in the text: each
 * `@` looks at no more than four words, none past the next `@`.
 */
export function resolveMentions(text: string, directory: SlackDirectory): ResolvedMentions {
  const { names, handles } = indexDirectory(directory);
  // A mark is refused at posting anyway (checkSlackText); kept as it is, it still names its field.
  const marks: Replacement[] = unfilledMarks(text).map((m) => ({ start: m.start, end: m.end, text: text.slice(m.start, m.end) }));
  const tokens: Replacement[] = [];
  const resolved: ResolvedMention[] = [];
  const seenIds = new Set<string>();
  const unresolved: string[] = [];
  const seenUnresolved = new Set<string>();
  let mark = 0;
  for (let at = text.indexOf('@'); at >= 0; ) {
    while (mark < marks.length && (marks[mark]?.end ?? 0) <= at) mark++;
    const inMark = marks[mark];
    if (inMark && inMark.start <= at) {
      at = text.indexOf('@', inMark.end);
      continue;
    }
    if ((at > 0 && isWordChar(text, at - 1)) || !isAlphanumeric(text, at + 1)) {
      at = text.indexOf('@', at + 1);
      continue;
    }
    const words = wordsAfter(text, at + 1);
    const match = findMention(text, words, names, handles);
    if (match.kind === 'found') {
      tokens.push({ start: at, end: match.end, text: match.token });
      if (match.target && !seenIds.has(match.target.id)) {
        seenIds.add(match.target.id);
        resolved.push({ mention: text.slice(at, match.end), ...match.target });
      }
    } else {
      const label = match.kind === 'ambiguous' ? `${match.mention} (ambiguous: ${match.count} ${match.people ? 'people' : 'matches'})` : unresolvedLabel(text, words);
      const key = label.toLowerCase();
      if (!seenUnresolved.has(key)) {
        seenUnresolved.add(key);
        unresolved.push(label);
      }
    }
    at = text.indexOf('@', match.kind === 'found' ? match.end : (words[0]?.end ?? at + 1));
  }
  return { text: render(text, marks, tokens), resolved, unresolved };
}

/** A stretch of the text written as `text` rather than escaped. */
type Replacement = { readonly start: number; readonly end: number; readonly text: string };

/** The text escaped, but for the replacements: two sorted lists that never overlap (no mention is found inside a mark). */
function render(text: string, marks: readonly Replacement[], tokens: readonly Replacement[]): string {
  const out: string[] = [];
  let from = 0;
  let m = 0;
  let t = 0;
  for (;;) {
    const mark = marks[m];
    const token = tokens[t];
    const next = mark && (!token || mark.start < token.start) ? mark : token;
    if (!next) break;
    if (next === mark) m++;
    else t++;
    if (next.start > from) out.push(escapeSlackText(text.slice(from, next.start)));
    out.push(next.text);
    from = next.end;
  }
  if (from < text.length) out.push(escapeSlackText(text.slice(from)));
  return out.join('');
}

function indexDirectory(directory: SlackDirectory): { names: Index; handles: Index } {
  const names: Index = new Map();
  const handles: Index = new Map();
  for (const user of directory.users) {
    if (user.deleted) continue;
    const target: Target = { id: user.id, kind: 'user' };
    add(handles, user.handle, target);
    // A bot is mentioned by its handle; by name it would only make a person's name ambiguous.
    if (user.isBot) continue;
    add(names, user.displayName, target);
    add(names, user.realName, target);
  }
  for (const group of directory.groups) {
    const target: Target = { id: group.id, kind: 'group' };
    add(handles, group.handle, target);
    add(names, group.name, target);
  }
  return { names, handles };
}

function add(index: Index, name: string | undefined, target: Target): void {
  const key = normalName(name ?? '');
  if (!key) return;
  const targets = index.get(key) ?? new Map<string, Target>();
  targets.set(target.id, target);
  index.set(key, targets);
}

/** Lower-case, single spaces; a leading "@" as people write handles is dropped. */
function normalName(name: string): string {
  return name.trim().replace(/^@/, '').split(/\s+/).filter(Boolean).join(' ').toLowerCase();
}

type Word = { readonly start: number; readonly end: number };

/** Up to four words from `start`, each one space after the last. */
function wordsAfter(text: string, start: number): Word[] {
  const words: Word[] = [];
  let at = start;
  while (words.length < MAX_NAME_WORDS) {
    let end = at;
    while (end < text.length && isNameChar(text, end)) end++;
    if (end === at) break;
    words.push({ start: at, end });
    if (text[end] !== ' ') break;
    at = end + 1;
  }
  return words;
}

type Match =
  | { readonly kind: 'found'; readonly token: string; readonly end: number; readonly target?: Target }
  | { readonly kind: 'ambiguous'; readonly mention: string; readonly count: number; readonly people: boolean }
  | { readonly kind: 'none' };

function findMention(text: string, words: readonly Word[], names: Index, handles: Index): Match {
  const [first] = words;
  if (!first) return { kind: 'none' };
  for (const end of first.end - first.start <= MAX_BROADCAST_LENGTH ? wordEnds(text, first) : []) {
    const word = text.slice(first.start, end).toLowerCase();
    if (BROADCASTS.has(word)) return { kind: 'found', token: `<!${word}>`, end };
  }
  for (let count = words.length; count >= 2; count--) {
    const match = lookUp(text, words, count, names);
    if (match) return match;
  }
  return lookUp(text, words, 1, handles) ?? lookUp(text, words, 1, names) ?? { kind: 'none' };
}

/** The first `count` words as a name or handle, the last word also without trailing punctuation or "'s". */
function lookUp(text: string, words: readonly Word[], count: number, index: Index): Match | undefined {
  const first = words[0];
  const last = words[count - 1];
  if (!first || !last) return undefined;
  const head = count > 1 ? text.slice(first.start, last.start) : '';
  for (const end of wordEnds(text, last)) {
    // Words are one space apart already: lower-casing makes the key.
    const targets = index.get((head + text.slice(last.start, end)).toLowerCase());
    if (!targets) continue;
    const only = targets.size === 1 ? targets.values().next().value : undefined;
    if (only) return { kind: 'found', token: only.kind === 'user' ? `<@${only.id}>` : `<!subteam^${only.id}>`, end, target: only };
    return { kind: 'ambiguous', mention: `@${text.slice(first.start, end)}`, count: targets.size, people: [...targets.values()].every((t) => t.kind === 'user') };
  }
  return undefined;
}

/** Where a word may end: as written, without trailing `.`, `-`, `_` or quotes ("@kay."), without "'s" ("@kay's"). */
function wordEnds(text: string, word: Word): number[] {
  const ends = [word.end];
  let end = word.end;
  while (end > word.start && TRAILING.has(text[end - 1] ?? '')) end--;
  if (end < word.end && end > word.start) ends.push(end);
  const possessive = text.slice(end - 2, end);
  if (end - 2 > word.start && (possessive === "'s" || possessive === '’s')) {
    let stem = end - 2;
    while (stem > word.start && TRAILING.has(text[stem - 1] ?? '')) stem--;
    if (stem > word.start) ends.push(stem);
  }
  return ends;
}

const TRAILING: ReadonlySet<string> = new Set(['.', '-', '_', "'", '’']);

/**
 * How an unresolved mention is listed: '@nobody', or '@Jane Doe' when the words after a
 * capitalised first word are capitalised too (the message text stays as written either way).
 */
function unresolvedLabel(text: string, words: readonly Word[]): string {
  const [first, ...rest] = words;
  if (!first) return '@';
  let end = wordEnds(text, first).at(-1) ?? first.end;
  if (isUpper(text, first.start) && end === first.end) {
    for (const word of rest) {
      if (!isUpper(text, word.start)) break;
      end = wordEnds(text, word).at(-1) ?? word.end;
      // "@Jane Doe. Next": the sentence ended with the name.
      if (end < word.end) break;
    }
  }
  return `@${text.slice(first.start, end)}`;
}

// Single characters only, and only past ASCII: no pattern here ever scans a run.
const WORD_CHAR = /^[\p{L}\p{M}\p{N}_]$/u;
const NAME_CHAR = /^[\p{L}\p{M}\p{N}’]$/u;
const ALPHANUMERIC = /^[\p{L}\p{N}]$/u;
const UPPER = /^\p{Lu}$/u;

function isAsciiAlphanumeric(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

function isWordChar(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  if (code < 0x80) return isAsciiAlphanumeric(code) || code === 0x5f;
  return WORD_CHAR.test(text[at] ?? '');
}

/** What a handle or a word of a name is made of: letters, digits, `.`, `_`, `-` and apostrophes. */
function isNameChar(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  if (code < 0x80) return isAsciiAlphanumeric(code) || code === 0x2e || code === 0x5f || code === 0x2d || code === 0x27;
  return NAME_CHAR.test(text[at] ?? '');
}

function isAlphanumeric(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  if (code < 0x80) return isAsciiAlphanumeric(code);
  return ALPHANUMERIC.test(text[at] ?? '');
}

function isUpper(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  if (code < 0x80) return code >= 0x41 && code <= 0x5a;
  return UPPER.test(text[at] ?? '');
}
