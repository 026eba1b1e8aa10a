import * as vscode from 'vscode';
import { Disposable, type IDisposable } from '../../core/lifecycle';
import type { FollowUpCreator, StandaloneIssue } from './followUpCreator';
import type { FollowUp, FollowUpSource } from './followUpTracker';
import type * as FollowUpsModule from './followUpsModule';

/** The commands of follow-ups; their handlers load with the rest of the capability, on first use. */
const COMMANDS = ['runbook.createIssue', 'runbook.createIssueForItem', 'runbook.createIssueFromDraft', 'runbook.openIssueDraftOnGitHub', 'runbook.createIssuesForActionItems', 'runbook.refreshFollowUps'] as const;

/**
 * The follow-ups capability as activation sees it: its commands, CodeLenses and tracker are registered
 * here, and its code (creating issues, templates, drafts, GitHub's Issues API) is required the first time
 * one of them is used, so it costs activation nothing.
 */
export class FollowUps extends Disposable implements FollowUpSource {
  private loaded: FollowUpsModule.LoadedFollowUps | undefined;
  private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this._onDidChange.event;
  private readonly _onDidChangeCodeLenses = this._register(new vscode.EventEmitter<void>());

  constructor(private readonly deps: FollowUpsModule.FollowUpsDeps) {
    super();
  }

  get problem(): string | undefined {
    return this.loaded?.tracker.problem;
  }

  of(uri: vscode.Uri): Promise<FollowUp[]> {
    return this.load().tracker.of(uri);
  }

  all(): Promise<FollowUp[]> {
    return this.load().tracker.all();
  }

  refreshIfStale(): Promise<void> {
    return this.load().tracker.refreshIfStale();
  }

  /** An issue for something other than an incident (a support ticket), created through the follow-ups' template filling and GitHub client. */
  sendStandalone(request: StandaloneIssue): ReturnType<FollowUpCreator['sendStandalone']> {
    return this.load().creator.sendStandalone(request);
  }

  /** Registers the commands and the CodeLens provider; nothing is loaded until one is used. */
  register(): IDisposable[] {
    const provider: vscode.CodeLensProvider = {
      onDidChangeCodeLenses: this._onDidChangeCodeLenses.event,
      // Only documents that can hold a checklist (or an issue draft's front matter) load the capability.
      provideCodeLenses: (document, token) => (/^---|\[[ xX]\]/m.test(document.getText()) ? this.load().codeLens.provideCodeLenses(document, token) : []),
    };
    return [
      vscode.languages.registerCodeLensProvider({ language: 'markdown' }, provider),
      ...COMMANDS.map((id) => vscode.commands.registerCommand(id, (...args: never[]) => (this.load().commands[id] as (...a: never[]) => Promise<unknown>)(...args))),
    ];
  }

  private load(): FollowUpsModule.LoadedFollowUps {
    if (!this.loaded) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { loadFollowUps } = require('./followUpsModule') as typeof FollowUpsModule;
      const loaded = this._register(loadFollowUps(this.deps));
      this._register(loaded.tracker.onDidChange(() => this._onDidChange.fire()));
      this._register(loaded.codeLens.onDidChangeCodeLenses(() => this._onDidChangeCodeLenses.fire()));
      this.loaded = loaded;
    }
    return this.loaded;
  }
}
