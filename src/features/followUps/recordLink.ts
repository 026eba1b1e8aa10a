import * as vscode from 'vscode';
import { blobUrl, gitRemotes, packedRef, parseHead, parseRemoteUrl } from '../../core/git/localClone';
import { gitDirs, readGitFile } from '../templates/localRepository';

/**
 * How an issue links back to the incident's record: a permalink to the file on the current branch when
 * that branch is pushed (the remote has it: `refs/remotes/REMOTE/BRANCH`), else the record's workspace path,
 * which teammates with the repository can still open. Read from `.git` directly, no git process.
 */
export async function recordLink(uri: vscode.Uri): Promise<{ readonly url?: string; readonly path: string }> {
  const path = vscode.workspace.asRelativePath(uri, false);
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const dirs = folder && (await gitDirs(folder.uri));
  if (!folder || !dirs) return { path };
  const head = parseHead((await readGitFile(vscode.Uri.joinPath(dirs.git, 'HEAD'))) ?? '');
  if (!head || !('branch' in head)) return { path };
  const remotes = gitRemotes((await readGitFile(vscode.Uri.joinPath(dirs.common, 'config'))) ?? '');
  // origin first: it is where a branch is pushed unless told otherwise.
  for (const remote of [...remotes].sort((a, b) => Number(b.name === 'origin') - Number(a.name === 'origin'))) {
    const repository = parseRemoteUrl(remote.url);
    if (repository && (await hasRemoteBranch(dirs.common, remote.name, head.branch))) return { url: blobUrl(repository, head.branch, path), path };
  }
  return { path };
}

async function hasRemoteBranch(common: vscode.Uri, remote: string, branch: string): Promise<boolean> {
  const ref = `refs/remotes/${remote}/${branch}`;
  const loose = await readGitFile(vscode.Uri.joinPath(common, ...ref.split('/')));
  if (loose?.trim()) return true;
  return packedRef((await readGitFile(vscode.Uri.joinPath(common, 'packed-refs'))) ?? '', ref) !== undefined;
}
