import * as vscode from 'vscode';

const MESSAGE_MS = 5000;

/**
 * Says what an action wrote (a status-bar message) and shows the line in the
 * record: in the editor that already shows it, else beside the active editor
 * (or in the empty editor area), without taking the focus from where the person is typing.
 */
export async function announceRecordChange(uri: vscode.Uri, line: number, message: string): Promise<void> {
  const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
  const column = visible?.viewColumn ?? (vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active);
  const editor = await vscode.window.showTextDocument(uri, { viewColumn: column, preserveFocus: true, preview: false });
  const at = new vscode.Range(line, 0, line, 0);
  editor.revealRange(at, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  // Said once the record is in view: whatever the person does next (a picker, a menu) is not closed by the editor opening.
  vscode.window.setStatusBarMessage(`$(check) ${message}`, MESSAGE_MS);
}
