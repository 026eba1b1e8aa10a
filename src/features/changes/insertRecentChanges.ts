import * as vscode from 'vscode';
import { renderChangesSection, utcMinute } from '../../core/github/changesTable';
import type { SearchRequest } from '../../core/github/searchQueries';
import type { SearchResult } from '../../core/github/searchResult';
import { formatTime } from '../../core/time/formatTime';
import type { IncidentStore } from '../incident/incidentStore';
import { relative } from './changesTreeProvider';

/** A search's result with the request it answered (the window it covered). */
export interface SearchMade {
  readonly request: Pick<SearchRequest, 'from' | 'to'>;
  readonly result: SearchResult;
}

/**
 * Writes a search's result under Recent Changes of the current incident, as one
 * edit, naming the window it covered, then shows the record at the table and says
 * what it did. A superseded search writes nothing; a partial one is marked partial,
 * with its reason. If the current incident changed or was resolved while the search
 * ran, nothing is written and the message says why.
 */
export async function insertRecentChanges(store: IncidentStore, search: () => Promise<SearchMade | undefined>): Promise<vscode.Uri | undefined> {
  const current = await store.current();
  if (!current) {
    void vscode.window.showInformationMessage('No active incident to write the recent changes into.');
    return undefined;
  }
  const made = await search();
  if (!made) return undefined;
  const { result, request } = made;
  if (result.status === 'superseded') {
    vscode.window.setStatusBarMessage('$(info) A newer search replaced this one: nothing was inserted.', 5000);
    return undefined;
  }
  const after = await store.current();
  if (after?.uri.toString() !== current.uri.toString()) {
    const what = after ? `the current incident is now "${after.read.state.title}"` : `"${current.read.state.title}" was resolved`;
    void vscode.window.showWarningMessage(`Nothing inserted: ${what} while the search ran. Run Insert Recent Changes again to add the merged pull requests to the current incident.`);
    return undefined;
  }
  const start = new Date(current.read.state.startedAt);
  // The record is shared across time zones: UTC, with the offset from the incident's start.
  const lines = renderChangesSection(result, formatTime(new Date(), { dateUnless: start }), request, (iso) => `${utcMinute(new Date(iso))} (${relative(new Date(iso), start)})`);
  const line = await store.appendToSection(current.uri, /^recent changes$/i, 'Recent Changes', lines);
  await reveal(current.uri, line);
  const count = `${result.pullRequests.length} merged PR${result.pullRequests.length === 1 ? '' : 's'}`;
  const what = result.status === 'partial' ? `a partial list of ${count}` : count;
  vscode.window.setStatusBarMessage(`$(check) Inserted ${what} into "${current.read.state.title}"`, 8000);
  return current.uri;
}

/** Shows the record with the cursor on the inserted heading line. */
async function reveal(uri: vscode.Uri, line: number): Promise<void> {
  const editor = await vscode.window.showTextDocument(uri, { preview: false });
  const position = new vscode.Position(line, 0);
  editor.selection = new vscode.Selection(position, position);
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
