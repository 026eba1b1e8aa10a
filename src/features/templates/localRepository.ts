import * as vscode from 'vscode';
import { packedRef, parseGitFile, parseHead, parseRemoteUrl, refIsCheckedOut, remoteUrls } from '../../core/git/localClone';
import type { TemplateSource } from '../../core/templates/templateSource';

type GitHubSource = Extract<TemplateSource, { kind: 'github' }>;

/**
 * The linked file in a workspace folder that is a clone of the link's repository (any remote on the
 * link's host) with the link's ref checked out, read from `.git` directly; undefined otherwise.
 */
export async function localCloneFile(source: GitHubSource): Promise<vscode.Uri | undefined> {
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (await isCheckoutOf(folder.uri, source)) return vscode.Uri.joinPath(folder.uri, ...source.path.split('/'));
  }
  return undefined;
}

/** A workspace folder that is a clone of OWNER/REPO on the host (any branch checked out): its files stand for the repository's. */
export async function localRepositoryFolder(host: string, owner: string, repo: string): Promise<vscode.WorkspaceFolder | undefined> {
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const dirs = await gitDirs(folder.uri);
    if (dirs && hasRemote((await readGitFile(vscode.Uri.joinPath(dirs.common, 'config'))) ?? '', host, owner, repo)) return folder;
  }
  return undefined;
}

function hasRemote(config: string, host: string, owner: string, repo: string): boolean {
  return remoteUrls(config).some((url) => {
    const remote = parseRemoteUrl(url);
    return remote?.host === host && remote.owner.toLowerCase() === owner.toLowerCase() && remote.repo.toLowerCase() === repo.toLowerCase();
  });
}

async function isCheckoutOf(root: vscode.Uri, source: GitHubSource): Promise<boolean> {
  const dirs = await gitDirs(root);
  if (!dirs) return false;
  const config = await readGitFile(vscode.Uri.joinPath(dirs.common, 'config'));
  if (!hasRemote(config ?? '', source.host, source.owner, source.repo)) return false;
  const head = parseHead((await readGitFile(vscode.Uri.joinPath(dirs.git, 'HEAD'))) ?? '');
  if (!head) return false;
  const commit = 'branch' in head ? await branchCommit(dirs.common, head.branch) : undefined;
  return refIsCheckedOut(source.ref, head, commit);
}

/** `.git` as a folder, or a worktree's `.git` file pointing at its git dir (whose `commondir` holds the config). */
export async function gitDirs(root: vscode.Uri): Promise<{ git: vscode.Uri; common: vscode.Uri } | undefined> {
  const dotGit = vscode.Uri.joinPath(root, '.git');
  let type: vscode.FileType;
  try {
    type = (await vscode.workspace.fs.stat(dotGit)).type;
  } catch {
    return undefined;
  }
  if (type & vscode.FileType.Directory) return { git: dotGit, common: dotGit };
  const target = parseGitFile((await readGitFile(dotGit)) ?? '');
  if (!target) return undefined;
  const git = target.startsWith('/') ? dotGit.with({ path: target }) : vscode.Uri.joinPath(root, target);
  const commondir = (await readGitFile(vscode.Uri.joinPath(git, 'commondir')))?.trim();
  const common = !commondir ? git : commondir.startsWith('/') ? git.with({ path: commondir }) : vscode.Uri.joinPath(git, commondir);
  return { git, common };
}

async function branchCommit(common: vscode.Uri, branch: string): Promise<string | undefined> {
  const loose = (await readGitFile(vscode.Uri.joinPath(common, 'refs', 'heads', ...branch.split('/'))))?.trim();
  if (loose && /^[0-9a-f]{40}$/i.test(loose)) return loose.toLowerCase();
  return packedRef((await readGitFile(vscode.Uri.joinPath(common, 'packed-refs'))) ?? '', `refs/heads/${branch}`);
}

export async function readGitFile(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}
