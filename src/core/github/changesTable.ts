import { linkDestination } from '../markdownLinks';
import type { TimeSpan } from '../time/windowInput';
import type { SearchResult } from './searchResult';
import type { RankedPullRequest } from './suspects';

export interface MergedPullRequest {
  readonly repo: string;
  readonly number: number;
  readonly title: string;
  readonly author: string;
  /** ISO 8601. */
  readonly mergedAt: string;
  readonly url: string;
  readonly labels: readonly string[];
}

/** Text safe inside a Markdown table cell: no row or cell breaks, no code spans, no HTML. */
export function escapeCell(text: string): string {
  return text
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/`/g, '\\`')
    .replace(/\[/g, '\\[')
    .replace(/\]/g, '\\]')
    .trim();
}

/**
 * The "what changed" table for an incident record, in the order given (suspects first, see rankSuspects):
 * each suspect marked with why, each PR with its labels.
 */
export function renderChangesTable(prs: readonly RankedPullRequest[], describeTime: (iso: string) => string): string[] {
  if (prs.length === 0) return ['_No pull requests were merged in the window._'];
  const rows = prs.map((pr) => `| ${pr.suspect ? `⚠ ${escapeCell(pr.reason)}` : ''} | ${escapeCell(describeTime(pr.mergedAt))} | [${escapeCell(`${pr.repo}#${pr.number}`)}](${linkDestination(pr.url)}) | ${escapeCell(pr.title)} | ${escapeCell(pr.author)} | ${escapeCell(pr.labels.join(', '))} |`);
  return ['| Suspect | Merged at | Pull request | Title | Author | Labels |', '| --- | --- | --- | --- | --- | --- |', ...rows];
}

/** "2026-03-01 14:05 UTC": the record is shared across time zones, so its times are in UTC, always with the date. */
export function utcMinute(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * What Insert Recent Changes writes: a line saying when it searched, which window the
 * search covered and how many it found, then the table. A list cut short says so, with
 * the reason, and never claims that nothing was merged.
 */
export function renderChangesSection(result: SearchResult<RankedPullRequest>, searchedAt: string, window: TimeSpan, describeTime: (iso: string) => string): string[] {
  const searched = `_Searched ${searchedAt} (merged between ${utcMinute(window.from)} and ${utcMinute(window.to)})`;
  const count = `${result.pullRequests.length} merged pull request${result.pullRequests.length === 1 ? '' : 's'}`;
  const suspects = result.pullRequests.length ? `, ${countSuspects(result.pullRequests)}` : '';
  if (result.status !== 'partial') return [`${searched}: ${count}${suspects}._`, '', ...renderChangesTable(result.pullRequests, describeTime)];
  const reason = escapeCell(result.reason ?? 'unknown reason').replace(/_/g, '\\_');
  const head = `${searched}: **partial list**, ${count} found before the search stopped (${reason})${suspects}._`;
  return result.pullRequests.length ? [head, '', ...renderChangesTable(result.pullRequests, describeTime)] : [head];
}

/** "3 suspects", "1 suspect", "no suspects". */
export function countSuspects(prs: readonly RankedPullRequest[]): string {
  const n = prs.filter((pr) => pr.suspect).length;
  return n === 0 ? 'no suspects' : `${n} suspect${n === 1 ? '' : 's'}`;
}

/** Keeps the first of each repo#number. */
export function dedupe(prs: Iterable<MergedPullRequest>): MergedPullRequest[] {
  const seen = new Map<string, MergedPullRequest>();
  for (const pr of prs) {
    const key = `${pr.repo.toLowerCase()}#${pr.number}`;
    if (!seen.has(key)) seen.set(key, pr);
  }
  return [...seen.values()];
}
