import type { MergedPullRequest } from './changesTable';
import type { SearchOutcome } from './searchMerged';
import { type RankedPullRequest, rankSuspects, type SuspectRules } from './suspects';

/**
 * What `runbook.searchMergedPullRequests` returns. `partial`: cut short by a
 * cancel, an error or a GitHub warning, `reason` says which. `superseded`: a
 * newer search replaced this one, which wrote nothing anywhere.
 */
export interface SearchResult<T extends MergedPullRequest = MergedPullRequest> {
  readonly status: 'complete' | 'partial' | 'superseded';
  /** With an incident to rank them against, RankedPullRequests (suspects first, each with `suspect` and `reason`). */
  readonly pullRequests: readonly T[];
  readonly reason?: string;
}

export const SUPERSEDED: SearchResult = { status: 'superseded', pullRequests: [] };

export function searchResult(outcome: SearchOutcome): SearchResult {
  const reason = partialReason(outcome);
  return reason === undefined ? { status: 'complete', pullRequests: outcome.items } : { status: 'partial', pullRequests: outcome.items, reason };
}

/** Why a search's list is incomplete; undefined when it is complete. */
function partialReason(outcome: SearchOutcome): string | undefined {
  if (outcome.cancelled) return 'the search was cancelled before it finished';
  if (outcome.error !== undefined) return outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
  return outcome.warnings.length ? outcome.warnings.join(' ') : undefined;
}

/** The result's pull requests ranked against an incident: suspects first, each with `suspect` and `reason`. */
export function withSuspects(result: SearchResult, rules: SuspectRules): SearchResult<RankedPullRequest> {
  return { ...result, pullRequests: rankSuspects(result.pullRequests, rules) };
}
