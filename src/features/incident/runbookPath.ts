import * as vscode from 'vscode';
import type { IncidentEntry } from './incidentStore';

/**
 * A URI string, or a path relative to `within` (the record's workspace folder)
 * or, in a multi-root workspace, prefixed with a folder's name.
 */
export function resolveRunbook(value: string | undefined, within?: vscode.WorkspaceFolder): vscode.Uri | undefined {
  if (!value) return undefined;
  if (/^[a-z][\w+.-]*:/i.test(value) && !/^[a-z]:[\\/]/i.test(value)) return vscode.Uri.parse(value, true);
  const folders = vscode.workspace.workspaceFolders ?? [];
  const path = value.replace(/\\/g, '/');
  if (folders.length > 1) {
    const [first, ...rest] = path.split('/');
    const named = folders.find((f) => f.name === first);
    if (named && rest.length) return vscode.Uri.joinPath(named.uri, ...rest);
  }
  const folder = within ?? folders[0];
  return folder ? vscode.Uri.joinPath(folder.uri, path) : undefined;
}

/** The runbook an incident follows, resolved against the incident record's own folder. */
export function incidentRunbook(entry: IncidentEntry | undefined): vscode.Uri | undefined {
  return entry?.read.ok ? resolveRunbook(entry.read.state.runbook, entry.folder) : undefined;
}
