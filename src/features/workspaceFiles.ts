import * as vscode from 'vscode';

/** Whether a file exists; other failures (permissions, a broken provider) are thrown, not read as "no". */
export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return false;
    throw error;
  }
}

export async function readTextFile(uri: vscode.Uri, decoder = new TextDecoder()): Promise<string> {
  return decoder.decode(await vscode.workspace.fs.readFile(uri));
}

/** The text as the user sees it: the open document's (unsaved edits included), else the file's. */
export async function readCurrentText(uri: vscode.Uri, decoder?: TextDecoder): Promise<string> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  return open ? open.getText() : readTextFile(uri, decoder);
}

/**
 * Applies an edit to an open document (undoable; unsaved changes kept) and saves it
 * only if it had no unsaved changes before, so a person's pending edits are theirs to save.
 */
export async function applyEdit(document: vscode.TextDocument, edit: vscode.WorkspaceEdit): Promise<boolean> {
  const wasDirty = document.isDirty;
  if (!(await vscode.workspace.applyEdit(edit))) return false;
  if (!wasDirty) await document.save();
  return true;
}

/** `folder/relative`, refused (with a message naming the setting) when it leads outside the folder. */
export function insideFolder(folder: vscode.WorkspaceFolder, relative: string, setting: string): vscode.Uri {
  const uri = vscode.Uri.joinPath(folder.uri, relative);
  const root = folder.uri.path.replace(/\/+$/, '');
  if (uri.path !== root && !uri.path.startsWith(`${root}/`)) {
    throw new Error(`Setting ${setting}: "${relative}" leads outside the workspace folder ${folder.name}; use a path inside it.`);
  }
  return uri;
}
