// Loaded on first use (scripts/build.mjs bundles it as dist/vendor/followUps.js): the follow-ups' code
// costs activation nothing. What it shares with the main bundle is handed in, never imported as state.
import type * as vscode from 'vscode';
import { Disposable } from '../../core/lifecycle';
import type { GitHubClient } from '../changes/githubClient';
import type { IncidentStore } from '../incident/incidentStore';
import type { Log } from '../log';
import type { RunbookModels } from '../playbook/runbookModels';
import { type CommandHandlers, followUpCommands } from './followUpCommands';
import { FollowUpCodeLens } from './followUpCodeLens';
import { FollowUpCreator } from './followUpCreator';
import { FollowUpTracker } from './followUpTracker';
import { GitHubIssues } from './githubIssues';
import { IssueTemplates } from './issueTemplates';

export interface FollowUpsDeps {
  readonly store: IncidentStore;
  readonly models: RunbookModels;
  readonly github: GitHubClient;
  readonly log: Log;
  readonly openLink: (url: string) => Promise<boolean>;
}

/** The follow-ups capability, once loaded: its tracker, its CodeLenses and its commands' handlers. */
export class LoadedFollowUps extends Disposable {
  readonly tracker: FollowUpTracker;
  readonly codeLens: vscode.CodeLensProvider & { readonly onDidChangeCodeLenses: vscode.Event<void> };
  readonly commands: CommandHandlers;
  readonly creator: FollowUpCreator;

  constructor(deps: FollowUpsDeps) {
    super();
    const issues = new GitHubIssues(deps.github);
    const templates = new IssueTemplates(deps.github);
    this.tracker = this._register(new FollowUpTracker(deps.store, issues, deps.log, deps.github.onDidChangeAuth));
    this.codeLens = this._register(new FollowUpCodeLens(deps.store, this.tracker));
    const creator = new FollowUpCreator({ store: deps.store, models: deps.models, issues, templates });
    this.creator = creator;
    this.commands = followUpCommands({ store: deps.store, creator, templates, tracker: this.tracker, openLink: deps.openLink });
  }
}

export function loadFollowUps(deps: FollowUpsDeps): LoadedFollowUps {
  return new LoadedFollowUps(deps);
}
