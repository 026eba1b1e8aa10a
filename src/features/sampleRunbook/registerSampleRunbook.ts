import * as vscode from 'vscode';
import { nextFreeName } from '../../core/fileNames';
import type { IDisposable } from '../../core/lifecycle';
import sampleRunbook from '../../../sample/runbooks/incident-response.md';
import type { RunbookDiscovery } from '../playbook/runbookDiscovery';
import { exists } from '../workspaceFiles';

const SAMPLE_FOLDER = 'runbooks';
const SAMPLE_FILE = 'incident-response.md';

/**
 * `runbook.createSampleRunbook`: writes an example incident response plan to
 * `runbooks/incident-response.md` of the first workspace folder (or the next
 * free name: an existing file is never overwritten), opens it, and returns its URI.
 */
export function registerSampleRunbook(deps: { discovery: RunbookDiscovery }): IDisposable[] {
  return [vscode.commands.registerCommand('runbook.createSampleRunbook', () => createSampleRunbook(deps.discovery))];
}

async function createSampleRunbook(discovery: RunbookDiscovery): Promise<vscode.Uri | undefined> {
  const folder = await pickWorkspaceFolder();
  if (!folder) return undefined;
  const dir = vscode.Uri.joinPath(folder.uri, SAMPLE_FOLDER);
  try {
    await vscode.workspace.fs.createDirectory(dir);
    const name = await nextFreeName(SAMPLE_FILE, (candidate) => exists(vscode.Uri.joinPath(dir, candidate)));
    const target = vscode.Uri.joinPath(dir, name);
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(sampleRunbook));
    discovery.refresh();
    await vscode.window.showTextDocument(target, { preview: false });
    return target;
  } catch (error) {
    void vscode.window.showErrorMessage(`Could not create the sample runbook in ${dir.fsPath || dir.toString()}: ${describe(error)}`);
    return undefined;
  }
}

async function pickWorkspaceFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showErrorMessage('Open a folder first: the sample runbook is created inside the workspace.');
    return undefined;
  }
  if (folders.length === 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Where should the sample runbook go?' });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
