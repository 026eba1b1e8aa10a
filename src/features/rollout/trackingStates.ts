import * as vscode from 'vscode';
import type { IssueRef } from '../../core/followUps/issueRefs';
import { issueKey, type IssueState, issueStatesQueries, readIssueStates } from '../../core/followUps/issueStates';
import { Disposable } from '../../core/lifecycle';
import type { GitHubClient } from '../changes/githubClient';
import type { Log } from '../log';

/** As the follow-ups: asked again at most this often. */
const REFRESH_INTERVAL_MS = 5 * 60_000;

/**
 * The GitHub state of issues (the stages' tracking issues, the tickets' fixes), through the extension's GitHub client: one GraphQL query for
 * all of them (per hundred), asked when the view shows them and again after five minutes or on Refresh.
 */
export class TrackingStates extends Disposable {
  private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this._onDidChange.event;
  private states = new Map<string, IssueState>();
  private problem: string | undefined;
  private askedAt = 0;
  private asked = new Set<string>();
  private running: Promise<void> | undefined;

  constructor(
    private readonly github: Pick<GitHubClient, 'graphql'>,
    private readonly log: Log,
    /** What the states are of, for GitHub's messages and the log: "rollout tracking issues". */
    private readonly what = 'rollout tracking issues',
  ) {
    super();
  }

  /** The known state (undefined while unknown), and asks GitHub in the background when stale or new. */
  peek(ref: IssueRef, all: readonly IssueRef[]): { readonly state?: IssueState; readonly problem?: string } {
    const stale = Date.now() - this.askedAt > REFRESH_INTERVAL_MS || all.some((r) => !this.asked.has(issueKey(r)));
    if (stale && !this.running) this.running = this.ask(all).finally(() => (this.running = undefined));
    const state = this.states.get(issueKey(ref));
    return { ...(state ? { state } : {}), ...(this.problem && !state ? { problem: this.problem } : {}) };
  }

  refresh(): void {
    this.askedAt = 0;
    this.asked.clear();
    this._onDidChange.fire();
  }

  private async ask(refs: readonly IssueRef[]): Promise<void> {
    this.askedAt = Date.now();
    for (const ref of refs) this.asked.add(issueKey(ref));
    if (!refs.length) return;
    const problems: string[] = [];
    try {
      for (const query of issueStatesQueries(refs)) {
        const answer = await this.github.graphql(query.query, { what: `the state of ${this.what}` });
        for (const [key, state] of readIssueStates(query, answer.data)) this.states.set(key, state);
        problems.push(...answer.errors.map((e) => e.message));
      }
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
    this.problem = problems[0];
    if (problems.length) this.log.info(`GitHub states of ${this.what}: ${problems.join('; ')}`);
    this._onDidChange.fire();
  }
}
