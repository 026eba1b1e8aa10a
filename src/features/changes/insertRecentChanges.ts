import * as vscode from 'vscode';
import { RECORD_SECTIONS } from '../../core/incident/recordSections';
import { countSuspects, renderChangesSection, utcMinute } from '../../core/github/changesTable';
import type { SearchRequest } from '../../core/github/searchQueries';
import { type SearchResult, withSuspects } from '../../core/github/searchResult';
import type { RankedPullRequest } from '../../core/github/suspects';
import { formatSpan, formatTime } from '../../core/time/formatTime';
import type { TimeSpan } from '../../core/time/windowInput';
import type { IncidentStore } from '../incident/incidentStore';
import { recordAction } from '../incident/recordAction';
import { relative } from './changesTreeProvider';
import { suspectRules } from './suspectRules';

/** A search's result with the request it answered (the window it covered). */
export interface SearchMade {
  readonly request: Pick<SearchRequest, 'from' | 'to'>;
  readonly result: SearchResult;
}

/**
 * Writes a search's result under Recent Changes of the current incident, suspects first,
 * naming the window it covered, with a timeline entry saying so, as one edit; then shows
 * the record there and says what it did. A superseded search writes nothing; a partial one
 * is marked partial, with its reason. If the current incident changed or was resolved while
 * the search ran, nothing is written and the message says why.
 */
export async function insertRecentChanges(store: IncidentStore, search: () => Promise<SearchMade | undefined>): Promise<vscode.Uri | undefined> {
  const current = await store.current();
  if (!current) {
    void vscode.window.showInformationMessage('No active incident to write the recent changes into.');
    return undefined;
  }
  const made = await search();
  if (!made) return undefined;
  const { request } = made;
  if (made.result.status === 'superseded') {
    vscode.window.setStatusBarMessage('$(info) A newer search replaced this one: nothing was inserted.', 5000);
    return undefined;
  }
  const after = await store.current();
  if (after?.uri.toString() !== current.uri.toString()) {
    const what = after ? `the current incident is now "${after.read.state.title}"` : `"${current.read.state.title}" was resolved`;
    void vscode.window.showWarningMessage(`Nothing inserted: ${what} while the search ran. Run Insert Recent Changes again to add the merged pull requests to the current incident.`);
    return undefined;
  }
  const now = new Date();
  const result = withSuspects(made.result, suspectRules({ uri: after.uri, state: after.read.state }));
  const start = new Date(after.read.state.startedAt);
  // The record is shared across time zones: UTC, with the offset from the incident's start.
  const lines = renderChangesSection(result, formatTime(now, { dateUnless: start }), request, (iso) => `${utcMinute(new Date(iso))} (${relative(new Date(iso), start)})`);
  const entry = { at: now, text: insertedEntry(result, request, start) };
  await recordAction(store, current.uri, (state) => ({ state, entries: [entry], sections: [{ ...RECORD_SECTIONS.recentChanges, lines }] }), (state) => `Inserted ${prCount(result)}, ${countSuspects(result.pullRequests)} into "${state.title}"`);
  return current.uri;
}

/** "31 merged PRs", "a partial list of 100 merged PRs". */
function prCount(result: SearchResult): string {
  const count = `${result.pullRequests.length} merged PR${result.pullRequests.length === 1 ? '' : 's'}`;
  return result.status === 'partial' ? `a partial list of ${count}` : count;
}

/** The timeline's entry: "Inserted 31 merged PRs (14:05 CET to 16:05 CET), 3 suspects", the times as the timeline reads them. */
function insertedEntry(result: SearchResult<RankedPullRequest>, window: TimeSpan, start: Date): string {
  return `Inserted ${prCount(result)} (${formatSpan(window.from, window.to, { dateUnless: start })}), ${countSuspects(result.pullRequests)}`;
}
