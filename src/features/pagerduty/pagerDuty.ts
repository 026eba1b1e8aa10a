import * as vscode from 'vscode';
import { Disposable, type IDisposable } from '../../core/lifecycle';
import { runbookPagerDutyLink } from '../../core/pagerduty/runbookPagerDuty';
import type { OnCallView } from './onCallService';
import { PAGERDUTY_COMMANDS } from './pagerDutyCommands';
import type * as PagerDutyModule from './pagerDutyModule';
import { PAGERDUTY_TOKEN_KEY } from './pagerDutySecret';

/** Who is on call for a runbook, for the views. */
export interface OnCallSource {
  readonly onDidChange: vscode.Event<void>;
  /** Undefined when the runbook links no PagerDuty; else what is known now (a lookup lands later, through onDidChange). */
  peek(runbook: vscode.Uri): Promise<OnCallView | undefined>;
}

/**
 * PagerDuty as activation sees it: its commands are registered here, and its code (the client, on-call
 * lookups, paging) is required the first time a command runs or a view shows a runbook that links PagerDuty
 * while a key is kept.
 */
export class PagerDuty extends Disposable implements OnCallSource {
  private loaded: PagerDutyModule.LoadedPagerDuty | undefined;
  private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this._onDidChange.event;

  constructor(private readonly deps: PagerDutyModule.PagerDutyModuleDeps) {
    super();
    // Connecting or disconnecting changes what the views show, loaded or not.
    this._register(deps.secrets.onDidChange((e) => e.key === PAGERDUTY_TOKEN_KEY && !this.loaded && this._onDidChange.fire()));
  }

  async peek(runbook: vscode.Uri): Promise<OnCallView | undefined> {
    const loaded = await this.deps.models.load(runbook);
    const link = loaded.ok ? runbookPagerDutyLink(loaded.runbook) : undefined;
    if (!link) return undefined;
    if (!this.loaded && (await this.deps.secrets.get(PAGERDUTY_TOKEN_KEY)) === undefined) return { state: 'disconnected', link };
    return this.load().onCall.peek(runbook);
  }

  register(): IDisposable[] {
    return PAGERDUTY_COMMANDS.map((id) => vscode.commands.registerCommand(id, (input?: unknown) => this.load().commands[id](input)));
  }

  private load(): PagerDutyModule.LoadedPagerDuty {
    if (!this.loaded) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred: PagerDuty loads on first use
      const { loadPagerDuty } = require('./pagerDutyModule') as typeof PagerDutyModule;
      const loaded = this._register(loadPagerDuty(this.deps));
      this._register(loaded.onCall.onDidChange(() => this._onDidChange.fire()));
      this.loaded = loaded;
    }
    return this.loaded;
  }
}
