import * as vscode from 'vscode';
import type { SearchResult } from '../../core/github/searchResult';
import type { IDisposable } from '../../core/lifecycle';
import type { IncidentStore } from '../incident/incidentStore';
import { runbookForIncident } from '../incident/runbookPath';
import type { RunbookDiscovery } from '../playbook/runbookDiscovery';
import type { RunbookModels } from '../playbook/runbookModels';
import { ChangesSearch, type SearchRun } from './changesSearch';
import { type ChangesElement, ChangesTreeProvider } from './changesTreeProvider';
import { type GitHubClient, githubBaseUrl, storeToken } from './githubClient';
import { insertRecentChanges, type SearchMade } from './insertRecentChanges';
import { reportSearchError } from './reportSearchError';
import { searchDefaults } from './searchDefaults';
import { chooseWindow } from './searchWindow';
import { suspectRules } from './suspectRules';

const CHANGES_VIEW_ID = 'runbook.changes';

/** `runbook.searchMergedPullRequests`'s argument; every field optional. `from`/`to`: YYYY-MM-DD, YYYY-MM-DDTHH:mm or ISO 8601. */
interface SearchArgs {
  readonly from?: string;
  readonly to?: string;
  readonly repos?: readonly string[];
  readonly authors?: readonly string[];
  readonly base?: string;
  readonly labels?: readonly string[];
  /** Ask to sign in if there is no session (otherwise searches anonymously). */
  readonly signIn?: boolean;
}

interface Deps {
  readonly context: vscode.ExtensionContext;
  readonly store: IncidentStore;
  readonly discovery: RunbookDiscovery;
  readonly models: RunbookModels;
  readonly github: GitHubClient;
}

export function registerChanges(deps: Deps): IDisposable[] {
  const provider = new ChangesTreeProvider();
  const client = deps.github;
  const treeView = vscode.window.createTreeView(CHANGES_VIEW_ID, { treeDataProvider: provider });
  const searches = new ChangesSearch(client, provider, treeView);

  /**
   * What `args` asks to search, for the current incident. Undefined when nothing can run (no repository,
   * or the window picker was dismissed); rejects only for an argument it cannot read.
   */
  async function prepare(args: SearchArgs): Promise<SearchRun | undefined> {
    const current = await deps.store.current();
    const runbook = await runbookForIncident(current, deps.discovery);
    const defaults = await searchDefaults(runbook, deps.models);
    const repos = args.repos ?? defaults.repos;
    if (repos.length === 0) {
      void vscode.window.showWarningMessage('No repository to search: give "repos", add a GitHub search link to the runbook, set runbook.github.repositories, or open a folder whose git remote is on GitHub.');
      return undefined;
    }
    const window = await chooseWindow(args, current && { startedAt: current.read.state.startedAt, record: current.uri });
    if (!window) return undefined;
    const base = args.base ?? defaults.base;
    return {
      repos,
      authors: args.authors ?? defaults.authors,
      ...window,
      ...(base ? { base } : {}),
      labels: args.labels ?? defaults.labels,
      ...(current ? { suspects: suspectRules({ uri: current.uri, state: current.read.state }) } : {}),
      signIn: args.signIn === true,
      onFailure: (error) => void reportSearchError(error, { retry: () => search(args), signIn: () => search({ ...args, signIn: true }) }),
    };
  }

  async function start(request: SearchRun): Promise<SearchResult> {
    await vscode.commands.executeCommand(`${CHANGES_VIEW_ID}.focus`);
    return searches.run(request);
  }

  /**
   * Undefined when nothing ran. A GitHub failure resolves as `partial`, with its reason. During an incident the
   * pull requests are ranked against it (suspects first, each with `suspect` and `reason`); without one there is
   * no start to measure against: newest first, without those fields.
   */
  async function search(args: SearchArgs = {}): Promise<SearchResult | undefined> {
    const request = await prepare(args);
    return request && start(request);
  }

  /**
   * With an argument, a new search. Without, the incident's window: the running or last search
   * when it was made for exactly that (same query, same start, ended moments ago), else a new one.
   */
  async function searchToInsert(args: SearchArgs | undefined): Promise<SearchMade | undefined> {
    const request = await prepare(args ?? {});
    if (!request) return undefined;
    const result = await ((args ? undefined : searches.reusable(request)) ?? start(request));
    return { request, result };
  }

  return [
    provider,
    treeView,
    searches,
    vscode.commands.registerCommand('runbook.searchMergedPullRequests', (args?: SearchArgs) => search(args ?? {})),
    vscode.commands.registerCommand('runbook.cancelSearch', () => searches.cancel()),
    vscode.commands.registerCommand('runbook.insertRecentChanges', (args?: SearchArgs) => insertRecentChanges(deps.store, () => searchToInsert(args))),
    vscode.commands.registerCommand('runbook.setGitHubToken', async (token?: string) => {
      const value = token ?? (await vscode.window.showInputBox({ title: 'GitHub token', prompt: `A token for ${githubBaseUrl()}, kept in VS Code's secret storage. Empty removes it.`, password: true, ignoreFocusOut: true }));
      if (value === undefined) return false;
      await storeToken(deps.context.secrets, value.trim() || undefined);
      vscode.window.setStatusBarMessage(value.trim() ? `$(check) GitHub token stored for ${githubBaseUrl()} (secret storage)` : '$(check) GitHub token removed', 5000);
      return true;
    }),
    vscode.commands.registerCommand('runbook.changes.toggleGrouping', () => provider.toggleGrouping()),
    vscode.commands.registerCommand('runbook.copyPullRequestLink', async (element?: ChangesElement) => {
      if (element?.type !== 'pr') return;
      await vscode.env.clipboard.writeText(element.pr.url);
      vscode.window.setStatusBarMessage('$(check) Link copied', 3000);
    }),
  ];
}
