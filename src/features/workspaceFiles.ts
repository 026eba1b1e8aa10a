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

export async function readTextFile(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
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
