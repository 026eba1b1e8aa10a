import * as vscode from 'vscode';
import { searchMergedPullRequests, type SearchOutcome } from '../../core/github/searchMerged';
import type { SearchRequest } from '../../core/github/searchQueries';
import { coversSearch } from '../../core/github/searchReuse';
import { type SearchResult, searchResult, SUPERSEDED, withSuspects } from '../../core/github/searchResult';
import type { SuspectRules } from '../../core/github/suspects';
import { Disposable } from '../../core/lifecycle';
import { Sequencer } from '../../core/sequencer';
import { formatClock, formatSpan } from '../../core/time/formatTime';
import type { ChangesTreeProvider } from './changesTreeProvider';
import type { GitHubClient } from './githubClient';

const SEARCHING_CONTEXT = 'runbook.searching';

export interface SearchRun extends SearchRequest {
  /** The current incident's: its start ("−2h 10m" in the view) and what makes a PR a suspect. Results are then ranked, suspects first. */
  readonly suspects?: SuspectRules;
  readonly signIn: boolean;
  /** Called with the error of a failed search that is still the newest: the one message about it. */
  readonly onFailure: (error: unknown) => void;
}

/**
 * One search at a time in the Recent Changes view. A newer search aborts the
 * running one, whose results then go nowhere: each search keeps its own
 * list, and only the newest may write to the view (and return results).
 */
export class ChangesSearch extends Disposable {
  private readonly sequencer = new Sequencer<'search'>();
  private running: { readonly abort: AbortController; readonly request: SearchRequest; readonly done: Promise<SearchResult> } | undefined;
  /** The newest finished search, with what it searched: Insert Recent Changes may reuse it for the same window. */
  private last: { readonly request: SearchRequest; readonly result: SearchResult } | undefined;

  constructor(
    private readonly client: GitHubClient,
    private readonly view: ChangesTreeProvider,
    private readonly treeView: vscode.TreeView<unknown>,
  ) {
    super();
    this._register({ dispose: () => this.running?.abort.abort() });
  }

  /** The running search's result, else the newest finished one's, when that search answers `wanted`; else undefined. */
  reusable(wanted: SearchRequest): Promise<SearchResult> | undefined {
    if (this.running && coversSearch(this.running.request, wanted)) return this.running.done;
    if (this.last && coversSearch(this.last.request, wanted)) return Promise.resolve(this.last.result);
    return undefined;
  }

  /** Stops the running search; its list so far is kept, marked partial. */
  cancel(): boolean {
    this.running?.abort.abort();
    return this.running !== undefined;
  }

  run(request: SearchRun): Promise<SearchResult> {
    this.running?.abort.abort();
    const ticket = this.sequencer.next('search');
    const isCurrent = () => this.sequencer.isCurrent(ticket);
    const abort = new AbortController();
    this.view.reset(request.suspects);
    this.treeView.message = undefined;
    const title = `Searching merged PRs in ${request.repos.join(', ')}`;
    const done = Promise.resolve(vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      token.onCancellationRequested(() => abort.abort());
      let found = 0;
      const outcome = await this.search(request, abort.signal, isCurrent, (count) => {
        found += count;
        progress.report({ message: `${found} so far` });
      });
      if (!isCurrent()) return SUPERSEDED;
      const result = request.suspects ? withSuspects(searchResult(outcome), request.suspects) : searchResult(outcome);
      this.publish(result, request);
      if (outcome.error !== undefined) request.onFailure(outcome.error);
      else if (!outcome.cancelled && outcome.warnings.length) void vscode.window.showWarningMessage(`Merged PRs: ${outcome.warnings.join(' ')}`);
      return result;
    }));
    const run = { abort, request, done };
    this.running = run;
    void setSearching(true);
    void done.finally(() => {
      if (this.running !== run) return;
      this.running = undefined;
      void setSearching(false);
    });
    return done;
  }

  private async search(request: SearchRun, signal: AbortSignal, isCurrent: () => boolean, onCount: (count: number) => void): Promise<SearchOutcome> {
    try {
      const { pages, auth } = await this.client.pages(request.signIn, signal);
      if (auth.source === 'anonymous' && isCurrent()) this.view.note('Searching anonymously (10 requests a minute, public repositories only). Sign in to GitHub, or run "Runbook: Set GitHub Token", for more.', 'info');
      return await searchMergedPullRequests(request, pages, {
        onResults: (items) => {
          if (!isCurrent()) return;
          this.view.add(items);
          onCount(items.length);
        },
        isCancelled: () => signal.aborted,
      });
    } catch (error) {
      return { items: [], queries: [], warnings: [], cancelled: signal.aborted, ...(signal.aborted ? {} : { error }) };
    }
  }

  private publish(result: SearchResult, request: SearchRun): void {
    this.last = { request, result };
    const now = new Date();
    const count = `${result.pullRequests.length} merged PR${result.pullRequests.length === 1 ? '' : 's'}`;
    this.treeView.message = `Searched ${formatClock(now)}: ${count}, ${formatSpan(request.from, request.to, { now })}${result.status === 'partial' ? ' (partial)' : ''}.`;
    if (result.reason) this.view.note(`Partial: ${result.reason}`);
  }
}

function setSearching(value: boolean): Thenable<unknown> {
  return vscode.commands.executeCommand('setContext', SEARCHING_CONTEXT, value);
}
