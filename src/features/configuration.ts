import * as vscode from 'vscode';

export const CONFIG_SECTION = 'runbook';

/** The `runbook.files` globs in effect for one workspace folder. */
export function runbookFilePatterns(folder: vscode.WorkspaceFolder): string[] {
  return vscode.workspace.getConfiguration(CONFIG_SECTION, folder.uri).get<string[]>('files', []);
}
