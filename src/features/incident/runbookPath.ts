import * as vscode from 'vscode';
import type { Runbook } from '../../core/runbook/model';
import type { RunbookDiscovery } from '../playbook/runbookDiscovery';
import type { RunbookModels } from '../playbook/runbookModels';
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

/** The runbook an incident follows, else the workspace's first runbook (a record written by hand names none). */
export async function runbookForIncident(entry: IncidentEntry | undefined, discovery: RunbookDiscovery): Promise<vscode.Uri | undefined> {
  return incidentRunbook(entry) ?? (await discovery.findRunbooks())[0]?.uri;
}

/** `runbookForIncident`, parsed; undefined when there is none or it cannot be read. */
export async function loadRunbookForIncident(entry: IncidentEntry | undefined, discovery: RunbookDiscovery, models: RunbookModels): Promise<{ uri: vscode.Uri; runbook: Runbook } | undefined> {
  const uri = await runbookForIncident(entry, discovery);
  const loaded = uri && (await models.load(uri));
  return uri && loaded?.ok ? { uri, runbook: loaded.runbook } : undefined;
}
