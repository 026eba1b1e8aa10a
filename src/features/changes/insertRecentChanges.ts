import * as vscode from 'vscode';
import { renderChangesSection } from '../../core/github/changesTable';
import type { SearchResult } from '../../core/github/searchResult';
import { formatClock } from '../../core/time/formatTime';
import type { IncidentStore } from '../incident/incidentStore';
import { relative } from './changesTreeProvider';

/**
 * Writes a search's result under Recent Changes of the current incident, as one
 * edit, then shows the record at the table and says what it did. A superseded
 * search writes nothing; a partial one is marked partial, with its reason.
 */
export async function insertRecentChanges(store: IncidentStore, results: () => Promise<SearchResult | undefined>): Promise<vscode.Uri | undefined> {
  const current = await store.current();
  if (!current) {
    void vscode.window.showInformationMessage('No active incident to write the recent changes into.');
    return undefined;
  }
  const result = await results();
  if (!result) return undefined;
  if (result.status === 'superseded') {
    vscode.window.setStatusBarMessage('$(info) A newer search replaced this one: nothing was inserted.', 5000);
    return undefined;
  }
  const start = new Date(current.read.state.startedAt);
  // The record is shared across time zones: UTC, with the offset from the incident's start.
  const lines = renderChangesSection(result, formatClock(new Date()), (iso) => `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC (${relative(new Date(iso), start)})`);
  const near = await store.appendToSection(current.uri, /^recent changes$/i, 'Recent Changes', lines);
  await reveal(current.uri, near, lines[0] ?? '');
  const count = `${result.pullRequests.length} merged PR${result.pullRequests.length === 1 ? '' : 's'}`;
  const what = result.status === 'partial' ? `a partial list of ${count}` : count;
  vscode.window.setStatusBarMessage(`$(check) Inserted ${what} into "${current.read.state.title}"`, 8000);
  return current.uri;
}

/** Shows the record with the cursor on the inserted heading line (looked up near where the store put it). */
async function reveal(uri: vscode.Uri, near: number, firstLine: string): Promise<void> {
  const editor = await vscode.window.showTextDocument(uri, { preview: false });
  const { document } = editor;
  let line = Math.min(Math.max(near, 0), document.lineCount - 1);
  for (let i = Math.max(near - 2, 0); i < document.lineCount; i++) {
    if (document.lineAt(i).text === firstLine) {
      line = i;
      break;
    }
  }
  const position = new vscode.Position(line, 0);
  editor.selection = new vscode.Selection(position, position);
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
