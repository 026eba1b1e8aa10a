import { formatElapsed } from '../incident/incident';
import type { MergedPullRequest } from './changesTable';

/** What makes a merged PR a suspect of an incident. */
export interface SuspectRules {
  /** The incident's start. */
  readonly startedAt: Date;
  /** The incident's systems ("Tracking API"): a title or label naming one is a suspect. */
  readonly systems: readonly string[];
  /** A PR merged at most this many hours before the start is a suspect. */
  readonly suspectHours: number;
  /** A PR carrying one of these labels (any case) is a suspect. */
  readonly riskyLabels: readonly string[];
}

export interface Suspicion {
  readonly suspect: boolean;
  /** Why it is a suspect ("merged 40m before the start, label risky"); for the others, when it was merged. */
  readonly reason: string;
}

export type RankedPullRequest = MergedPullRequest & Suspicion;

const HOUR_MS = 3_600_000;

/**
 * The PRs of an incident, suspects first, then the rest; each group ordered by
 * how close the merge is to the start, those merged before it (closest first)
 * ahead of those merged after it. Ties keep a fixed order (repository, number).
 */
export function rankSuspects(prs: readonly MergedPullRequest[], rules: SuspectRules): RankedPullRequest[] {
  const start = rules.startedAt.getTime();
  const systems = rules.systems.map((name) => ({ name: name.trim(), words: words(name) })).filter((s) => s.words.length > 0);
  const risky = new Set(rules.riskyLabels.map((l) => l.trim().toLowerCase()).filter(Boolean));
  const ranked = prs.map((pr) => {
    const merged = Date.parse(pr.mergedAt);
    const ranked: RankedPullRequest = { ...pr, ...suspicion(pr, merged, start, rules.suspectHours, systems, risky) };
    return { pr: ranked, key: closeness(merged, start) };
  });
  ranked.sort((a, b) => Number(b.pr.suspect) - Number(a.pr.suspect) || a.key - b.key || a.pr.repo.localeCompare(b.pr.repo) || a.pr.number - b.pr.number);
  return ranked.map((r) => r.pr);
}

/** Smaller is closer: merges before the start by their distance, then merges after it, then unknown times. */
function closeness(merged: number, start: number): number {
  if (!Number.isFinite(merged)) return Number.MAX_VALUE;
  return merged <= start ? start - merged : Number.MAX_SAFE_INTEGER / 2 + (merged - start);
}

function suspicion(pr: MergedPullRequest, merged: number, start: number, suspectHours: number, systems: readonly System[], risky: ReadonlySet<string>): Suspicion {
  const when = mergedWhen(merged, start);
  const reasons: string[] = [];
  if (Number.isFinite(merged) && merged <= start && start - merged <= suspectHours * HOUR_MS) reasons.push(when);
  const riskyLabels = pr.labels.filter((l) => risky.has(l.trim().toLowerCase()));
  if (riskyLabels.length) reasons.push(`label${riskyLabels.length === 1 ? '' : 's'} ${riskyLabels.join(', ')}`);
  const texts = [pr.title, ...pr.labels].map(words);
  const named = systems.filter((s) => texts.some((t) => containsRun(t, s.words))).map((s) => s.name);
  if (named.length) reasons.push(`names ${named.join(', ')}`);
  return reasons.length ? { suspect: true, reason: reasons.join(', ') } : { suspect: false, reason: when };
}

/** "merged 40m before the start", "merged at the start", "merged 1h 05m after the start". */
function mergedWhen(merged: number, start: number): string {
  if (!Number.isFinite(merged)) return 'merge time unknown';
  const minutes = Math.round(Math.abs(start - merged) / 60_000);
  if (minutes === 0) return 'merged at the start';
  return `merged ${formatElapsed(minutes)} ${merged < start ? 'before' : 'after'} the start`;
}

interface System {
  readonly name: string;
  readonly words: readonly string[];
}

/** Lower-case words of letters and digits: "Tracking-API" and "tracking api" read the same. */
function words(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** Whether `run` appears as consecutive words of `text` (Knuth–Morris–Pratt: linear in both, whatever the words). */
export function containsRun(text: readonly string[], run: readonly string[]): boolean {
  if (run.length === 0 || run.length > text.length) return false;
  const fallback = new Array<number>(run.length).fill(0);
  for (let i = 1, k = 0; i < run.length; i++) {
    while (k > 0 && run[i] !== run[k]) k = fallback[k - 1] ?? 0;
    if (run[i] === run[k]) k++;
    fallback[i] = k;
  }
  for (let i = 0, k = 0; i < text.length; i++) {
    while (k > 0 && text[i] !== run[k]) k = fallback[k - 1] ?? 0;
    if (text[i] === run[k]) k++;
    if (k === run.length) return true;
  }
  return false;
}
