import * as vscode from 'vscode';
import { folderSettings } from '../settings';
import { type IncidentState } from '../../core/incident/incident';
import { DEFAULT_POSTMORTEM, postmortemFileName, renderPostmortem } from '../../core/incident/postmortem';
import { resolveRecord } from '../../core/incident/recordEdits';
import { insideFolder, readTextFile } from '../workspaceFiles';
import { changeOrThrow, type IncidentStore } from './incidentStore';

/**
 * Marks the incident resolved in one edit of its record: status and resolvedAt
 * in the front matter, the summary under Summary, a timeline entry, and the
 * runbook's post-incident checklist under Post-incident.
 */
export async function resolveIncident(store: IncidentStore, uri: vscode.Uri, summary: string, checklist: readonly string[], now = new Date()): Promise<{ state: IncidentState; line: number }> {
  return store.edit(uri, (text) => changeOrThrow(uri, resolveRecord(text, { summary, now, checklist })));
}

/** Writes `<id>-postmortem.md` beside the record (never overwriting) and opens it. */
export async function scaffoldPostmortem(store: IncidentStore, uri: vscode.Uri, state: IncidentState, recordText: string): Promise<vscode.Uri> {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const templatePath = folderSettings(folder ?? uri).postmortemTemplate;
  let template = DEFAULT_POSTMORTEM;
  if (templatePath && folder) {
    const templateUri = insideFolder(folder, templatePath, 'runbook.postmortemTemplate');
    try {
      template = await readTextFile(templateUri);
    } catch {
      throw new Error(`Setting runbook.postmortemTemplate: cannot read ${templateUri.fsPath || templateUri.toString()}.`);
    }
  }
  const rendered = renderPostmortem(template, state, recordText, new Date());
  if (!rendered.ok) throw new Error(`Setting runbook.postmortemTemplate: ${rendered.message}`);
  const target = await store.create(vscode.Uri.joinPath(uri, '..'), postmortemFileName(state.id), () => rendered.text);
  await vscode.window.showTextDocument(target, { preview: false });
  return target;
}
