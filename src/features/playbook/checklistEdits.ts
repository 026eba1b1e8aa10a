import * as vscode from 'vscode';
import type { ChecklistNode } from '../../core/runbook/model';
import { toggleBoxInLine } from '../../core/runbook/treeModel';
import { clip } from '../../core/text';
import { applyEdit } from '../workspaceFiles';

/**
 * Writes `[x]` or `[ ]` into the runbook through a WorkspaceEdit, so the change
 * is undoable and an editor's unsaved edits are kept. A document that had no
 * unsaved changes is saved; one that had them is left for the user to save.
 * Refuses, with a message, when the line is no longer what the tree showed.
 */
export async function setChecklistItem(uri: vscode.Uri, item: ChecklistNode, checked: boolean): Promise<boolean> {
  const document = await vscode.workspace.openTextDocument(uri);
  const line = item.box.line < document.lineCount ? document.lineAt(item.box.line).text : undefined;
  const updated = line === undefined ? undefined : toggleBoxInLine(line, item, checked);
  if (updated === undefined) {
    void vscode.window.showWarningMessage(
      `Not changed: line ${item.box.line + 1} of ${vscode.workspace.asRelativePath(uri)} no longer holds "${clip(item.sourceText, 80)}" after its box. The view has been refreshed; try again.`,
    );
    return false;
  }
  if (updated === line) return true;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, new vscode.Range(item.box.line, item.box.column + 1, item.box.line, item.box.column + 2), checked ? 'x' : ' ');
  if (await applyEdit(document, edit)) return true;
  void vscode.window.showErrorMessage(`Could not update ${vscode.workspace.asRelativePath(uri)}: the edit was rejected.`);
  return false;
}

