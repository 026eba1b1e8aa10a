import * as vscode from 'vscode';
import { parseSearchLink, type SearchDefaults } from '../../core/github/searchLink';
import { walk } from '../../core/runbook/model';
import { folderSettings } from '../settings';
import type { RunbookModels } from '../playbook/runbookModels';

/**
 * Repositories and authors to search, in order of preference: the GitHub
 * search link in the runbook, the settings, then the workspace's git remote.
 */
export async function searchDefaults(runbook: vscode.Uri | undefined, models: RunbookModels): Promise<SearchDefaults & { readonly source: string }> {
  if (runbook) {
    const loaded = await models.load(runbook);
    if (loaded.ok) {
      for (const node of walk(loaded.runbook.children)) {
        if (node.kind !== 'link' || node.linkKind !== 'github-search') continue;
        const parsed = parseSearchLink(node.url);
        if (parsed?.repos.length) return { ...parsed, source: `the search link in ${vscode.workspace.asRelativePath(runbook)}` };
      }
    }
  }
  const settings = folderSettings(runbook);
  const repos = settings.githubRepositories.filter((r) => /^[\w.-]+\/[\w.-]+$/.test(r));
  const authors = settings.githubAuthors;
  if (repos.length) return { repos, authors, labels: [], rest: [], source: 'the runbook.github settings' };
  const remote = await gitRemote(runbook);
  return { repos: remote ? [remote] : [], authors, labels: [], rest: [], source: remote ? 'the git remote' : 'nothing' };
}

/** owner/name of the workspace folder's `origin` on GitHub, read from .git/config. */
export async function gitRemote(near: vscode.Uri | undefined): Promise<string | undefined> {
  const folder = (near && vscode.workspace.getWorkspaceFolder(near)) ?? vscode.workspace.workspaceFolders?.[0];
  if (!folder) return undefined;
  try {
    const config = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, '.git', 'config')));
    const origin = /\[remote "origin"\][^[]*?url\s*=\s*(\S+)/.exec(config)?.[1] ?? /url\s*=\s*(\S*github\.com\S*)/.exec(config)?.[1];
    return origin ? /github\.com[/:]([\w.-]+\/[\w.-]+?)(?:\.git)?$/.exec(origin)?.[1] : undefined;
  } catch {
    return undefined;
  }
}
