import * as vscode from 'vscode';
import { type MergedPullRequest, renderChangesTable } from '../../core/github/changesTable';
import { parseSearchWindow } from '../../core/github/searchDates';
import { searchMergedPullRequests } from '../../core/github/searchMerged';
import { formatClock } from '../../core/time/formatTime';
import type { IDisposable } from '../../core/lifecycle';
import { CONFIG_SECTION } from '../configuration';
import type { IncidentStore } from '../incident/incidentStore';
import { incidentRunbook } from '../incident/runbookPath';
import type { RunbookDiscovery } from '../playbook/runbookDiscovery';
import type { RunbookModels } from '../playbook/runbookModels';
import { type ChangesElement, ChangesTreeProvider, relative } from './changesTreeProvider';
import { GitHubClient, GitHubError, storeToken } from './githubClient';
import { searchDefaults } from './searchDefaults';

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
}

export function registerChanges(deps: Deps): IDisposable[] {
  const provider = new ChangesTreeProvider();
  const client = new GitHubClient(deps.context.secrets);
  let running: AbortController | undefined;

  async function search(args: SearchArgs = {}): Promise<MergedPullRequest[] | undefined> {
    const current = await deps.store.current();
    const runbook = incidentRunbook(current) ?? (await deps.discovery.findRunbooks())[0]?.uri;
    const defaults = await searchDefaults(runbook, deps.models);
    const repos = args.repos ?? defaults.repos;
    const authors = args.authors ?? defaults.authors;
    if (repos.length === 0) {
      void vscode.window.showWarningMessage('No repository to search: give "repos", add a GitHub search link to the runbook, set runbook.github.repositories, or open a folder whose git remote is on GitHub.');
      return undefined;
    }
    const window = await chooseWindow(args, current?.read.state.startedAt);
    if (!window) return undefined;
    running?.abort();
    const abort = new AbortController();
    running = abort;
    const reference = current ? new Date(current.read.state.startedAt) : undefined;
    provider.reset(reference);
    await vscode.commands.executeCommand(`${CHANGES_VIEW_ID}.focus`);
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Searching merged PRs in ${repos.join(', ')}`, cancellable: true }, async (progress, token) => {
      token.onCancellationRequested(() => abort.abort());
      try {
        const { pages, auth } = await client.pages(args.signIn === true, abort.signal);
        if (auth.source === 'anonymous') provider.note('Searching anonymously (10 requests a minute, public repositories only). Sign in to GitHub, or run "Runbook: Set GitHub Token", for more.', 'info');
        const outcome = await searchMergedPullRequests(
          { repos, authors, from: window.from, to: window.to, ...(args.base ?? defaults.base ? { base: args.base ?? defaults.base } : {}), labels: args.labels ?? defaults.labels },
          pages,
          { onResults: (items) => { provider.add(items); progress.report({ message: `${provider.results.length} so far` }); }, isCancelled: () => token.isCancellationRequested || abort.signal.aborted },
        );
        outcome.warnings.forEach((w) => provider.note(w));
        if (outcome.warnings.length) void vscode.window.showWarningMessage(`Merged PRs: ${outcome.warnings.join(' ')}`);
        return outcome.items;
      } catch (error) {
        if (abort.signal.aborted) {
          // Cancelled (from the notification, or by a newer search): what arrived so far, labelled partial.
          provider.note('Cancelled: the list is partial.');
          return [...provider.results];
        }
        const message = error instanceof Error ? error.message : String(error);
        provider.note(`Partial: ${message}`, 'error');
        void reportError(error, () => search(args));
        throw error;
      } finally {
        if (running === abort) running = undefined;
      }
    });
  }

  return [
    provider,
    client,
    vscode.window.createTreeView(CHANGES_VIEW_ID, { treeDataProvider: provider }),
    vscode.commands.registerCommand('runbook.searchMergedPullRequests', (args?: SearchArgs) => search(args ?? {})),
    vscode.commands.registerCommand('runbook.insertRecentChanges', async (args?: SearchArgs) => {
      const current = await deps.store.current();
      if (!current) {
        void vscode.window.showInformationMessage('No active incident to write the recent changes into.');
        return undefined;
      }
      const results = provider.results.length && !args ? [...provider.results] : await search(args ?? {});
      if (!results) return undefined;
      const start = new Date(current.read.state.startedAt);
      const lines = [`_Searched ${formatClock(new Date())}: ${results.length} merged pull request${results.length === 1 ? '' : 's'}._`, '', ...renderChangesTable(results, (iso) => `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC (${relative(new Date(iso), start)})`)];
      await deps.store.appendToSection(current.uri, /^recent changes$/i, 'Recent Changes', lines);
      return current.uri;
    }),
    vscode.commands.registerCommand('runbook.setGitHubToken', async (token?: string) => {
      const value = token ?? (await vscode.window.showInputBox({ title: 'GitHub token', prompt: `A token for ${vscode.workspace.getConfiguration(CONFIG_SECTION).get('github.baseUrl') || 'api.github.com'}, kept in VS Code's secret storage. Empty removes it.`, password: true, ignoreFocusOut: true }));
      if (value === undefined) return false;
      await storeToken(deps.context.secrets, value.trim() || undefined);
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

async function chooseWindow(args: SearchArgs, incidentStart: string | undefined): Promise<{ from: Date; to: Date } | undefined> {
  if (args.from || args.to) {
    const window = parseSearchWindow(args.from ?? '', args.to ?? new Date().toISOString());
    if (!window.ok) {
      void vscode.window.showErrorMessage(`Search Merged Pull Requests: ${window.message}`);
      throw new Error(window.message);
    }
    return window;
  }
  const now = new Date();
  if (incidentStart) {
    const lookback = vscode.workspace.getConfiguration(CONFIG_SECTION).get<number>('github.lookbackHours', 24);
    return { from: new Date(new Date(incidentStart).getTime() - lookback * 3_600_000), to: now };
  }
  const hours = (h: number) => ({ from: new Date(now.getTime() - h * 3_600_000), to: now });
  const pick = await vscode.window.showQuickPick([{ label: 'Last 2 hours', w: hours(2) }, { label: 'Last 24 hours', w: hours(24) }, { label: 'Last 7 days', w: hours(24 * 7) }, { label: 'Custom…', w: undefined }], { title: 'Merged pull requests: which window?' });
  if (!pick) return undefined;
  if (pick.w) return pick.w;
  const from = await vscode.window.showInputBox({ title: 'From', prompt: 'YYYY-MM-DD, YYYY-MM-DDTHH:mm or ISO 8601 with an offset' });
  if (from === undefined) return undefined;
  const to = await vscode.window.showInputBox({ title: 'To', prompt: 'Same formats; empty for now', validateInput: (v) => { const w = parseSearchWindow(from, v || now.toISOString()); return w.ok ? undefined : w.message; } });
  if (to === undefined) return undefined;
  const window = parseSearchWindow(from, to || now.toISOString());
  return window.ok ? window : undefined;
}

async function reportError(error: unknown, retry: () => Promise<unknown>): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof GitHubError && error.kind === 'auth') {
    const choice = await vscode.window.showErrorMessage(message, 'Sign In', 'Set Token…');
    if (choice === 'Sign In') await vscode.commands.executeCommand('runbook.searchMergedPullRequests', { signIn: true });
    if (choice === 'Set Token…') await vscode.commands.executeCommand('runbook.setGitHubToken');
  } else if (error instanceof GitHubError && (error.kind === 'network' || error.kind === 'server')) {
    if ((await vscode.window.showErrorMessage(message, 'Retry')) === 'Retry') await retry().catch(() => undefined);
  } else {
    void vscode.window.showErrorMessage(message);
  }
}
