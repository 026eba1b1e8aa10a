import * as vscode from 'vscode';
import { isPostmortemFileName } from '../../core/incident/postmortem';
import { type IncidentStore, isReadable, type ReadableEntry } from '../incident/incidentStore';

/** The incident a follow-up belongs to: its record, and the document the action item is in (the record or its post-mortem). */
export interface FollowUpContext {
  readonly record: ReadableEntry;
  readonly source: vscode.Uri;
}

/**
 * The incident of a document: the record itself, or the record beside a post-mortem (`<id>-postmortem.md`
 * → `<id>.md`). Without a URI: the active editor's document when it is one of them, else the selected incident.
 * Throws, naming the document, when it belongs to no incident.
 */
export async function followUpContext(store: IncidentStore, uri?: vscode.Uri): Promise<FollowUpContext> {
  const entries = (await store.all()).filter(isReadable);
  const recordOf = (doc: vscode.Uri): ReadableEntry | undefined => {
    const name = doc.path.slice(doc.path.lastIndexOf('/') + 1);
    const recordPath = isPostmortemFileName(name) ? doc.path.replace(/-postmortem(?:-\d+)?\.md$/, '.md') : doc.path;
    return entries.find((e) => e.uri.path === recordPath && e.uri.scheme === doc.scheme && e.uri.authority === doc.authority);
  };
  if (uri) {
    const record = recordOf(uri);
    if (!record) throw new Error(`uri: ${vscode.workspace.asRelativePath(uri)} is not an incident record or a post-mortem beside one`);
    return { record, source: uri };
  }
  const active = vscode.window.activeTextEditor?.document.uri;
  const fromEditor = active && recordOf(active);
  if (active && fromEditor) return { record: fromEditor, source: active };
  const selected = await store.selected();
  if (!selected) throw new Error('No incident: open an incident record or its post-mortem, or start an incident, first.');
  return { record: selected, source: selected.uri };
}
