import { asksForAction } from '../runbook/actions';

/**
 * How a support plan's bullet reads: guidance for a check (a note), something to do (a check),
 * a label naming what to look at, or a fact about the rotation. Only the start of a text is read:
 * the verdict never depends on more than its first words.
 */

const OPENING = 300;

// Guidance openers. Multi-word ones are matched as word sequences ("in the event", "do not").
const NOTE_OPENERS = [
  'ignore', 'sometimes', 'note', 'notes', 'usually', 'often', 'typically', 'generally', "don't", 'dont', 'do not', 'never', 'avoid',
  'use', 'follow', 'refer', 'see', 'if', 'in the event', 'in case', 'when', 'whenever', 'once', 'only', 'unless', 'otherwise',
  'expect', 'fyi', 'tip', 'please note', 'keep in mind', 'remember',
].map((opener) => opener.split(' '));

// "Follow up on …" is a task, not a pointer to a procedure.
const NOT_NOTES = [['follow', 'up'], ['follow-up']];

const REASSURANCE = ['not cause for concern', 'no cause for concern', 'not a cause for concern', 'can be ignored', 'safe to ignore', 'can safely be ignored'];

// Verbs of looking that the runbook action list lacks.
const EXTRA_VERBS = new Set(['scan', 'skim', 'eyeball', 'glance']);

// Words about the rotation itself, which a day's checklist does not need.
const ROTATION_WORDS = new Set(['rotation', 'rotations', 'rotate', 'rotates', 'on-call', 'oncall', 'ooo', 'sprint', 'sprints']);

const INTRO_RESTS = new Set(['', 'the following', 'following', 'these', 'the below', 'below', 'as follows']);

const LABEL_WORDS = 5;

/** Lower-case words of the text's opening, punctuation at their ends removed ("If," → "if"). */
export function openingWords(text: string, count = 8): string[] {
  const words: string[] = [];
  for (const raw of text.slice(0, OPENING).toLowerCase().split(/\s+/)) {
    const word = raw.replace(/^[^\p{L}\p{N}']+|[^\p{L}\p{N}'-]+$/gu, '');
    if (word) words.push(word.replace(/\u2019/g, "'"));
    if (words.length >= count) break;
  }
  return words;
}

function startsWith(words: readonly string[], opener: readonly string[]): boolean {
  return opener.every((w, i) => words[i] === w);
}

/** Guidance beside a check: "ignore the logs from …", "If notified, …", "… is not cause for concern". */
export function isNoteText(text: string): boolean {
  const words = openingWords(text);
  if (NOT_NOTES.some((o) => startsWith(words, o))) return false;
  if (NOTE_OPENERS.some((o) => startsWith(words, o))) return true;
  const lower = text.toLowerCase();
  return REASSURANCE.some((phrase) => lower.includes(phrase));
}

/** Something to do: an imperative ("Ensure …", "Proactively monitor …", "For any alerts, perform …"). */
export function isActionText(text: string): boolean {
  const opening = text.slice(0, OPENING);
  if (asksForAction(opening)) return true;
  const words = openingWords(opening, 4).filter((w) => !/^[a-z]{3,}ly$/.test(w));
  return EXTRA_VERBS.has(words[0] ?? '');
}

/** "PagerDuty", "Things to look for": a few words naming what to look at, not a sentence. */
export function isShortLabel(text: string): boolean {
  const trimmed = text.trim().replace(/:$/, '');
  if (!trimmed || trimmed.length > 60 || /[.!?;]/.test(trimmed)) return false;
  return trimmed.split(/\s+/).length <= LABEL_WORDS;
}

/** "Proactively monitor the following", "Monitor proactively": an instruction that only introduces its sub-items. */
export function isIntroduction(text: string): boolean {
  if (!isActionText(text)) return false;
  const words = openingWords(text, 12).filter((w) => !/^[a-z]{3,}ly$/.test(w) && w !== 'please');
  return INTRO_RESTS.has(words.slice(1).join(' '));
}

/** "We will do 2-week rotations…", "Two-week rotations aligned with sprints": about the rotation, not about a check. */
export function isRotationFact(text: string): boolean {
  const words = text.slice(0, OPENING).toLowerCase().split(/[^\p{L}\p{N}-]+/u);
  if (words.some((w) => ROTATION_WORDS.has(w))) return true;
  return /\bon[ -]call\b/i.test(text.slice(0, OPENING));
}

/** A label that is an address ("https://…"), which says nothing about what it shows. */
export function looksLikeUrl(label: string): boolean {
  return /^(?:[a-z][a-z0-9+.-]*:\/\/|www\.)/i.test(label.trim());
}
