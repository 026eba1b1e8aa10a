import * as vscode from 'vscode';
import { Disposable, type IDisposable } from '../../core/lifecycle';
import { ROLLOUT_COMMANDS } from './rolloutCommands';
import type * as RolloutModule from './rolloutModule';

/** How long after activation the rollout code loads: the Rollout view and timebox reminders need it, activation does not. */
const LOAD_AFTER_MS = 500;

/**
 * Release rollouts as activation sees them: the commands are registered here; the code (plans, the Rollout view,
 * reminders, the Flipper client) loads shortly after activation, or at once when a command runs first.
 */
export class Rollouts extends Disposable {
  private loaded: RolloutModule.LoadedRollouts | undefined;

  constructor(private readonly deps: RolloutModule.RolloutDeps) {
    super();
    const timer = setTimeout(() => this.load(), LOAD_AFTER_MS);
    this._register({ dispose: () => clearTimeout(timer) });
  }

  register(): IDisposable[] {
    return ROLLOUT_COMMANDS.map((id) => vscode.commands.registerCommand(id, (input?: unknown) => this.load().commands[id](input)));
  }

  releases(): Promise<RolloutModule.ReleaseSummary[]> {
    return this.load().releases();
  }

  setReminderNotifier(notifier: Parameters<RolloutModule.LoadedRollouts['setReminderNotifier']>[0]): void {
    this.load().setReminderNotifier(notifier);
  }

  viewRows(): ReturnType<RolloutModule.LoadedRollouts['viewRows']> {
    return this.load().viewRows();
  }

  private load(): RolloutModule.LoadedRollouts {
    if (!this.loaded && !this.isDisposed) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred: rollouts load after activation
      const { loadRollouts } = require('./rolloutModule') as typeof RolloutModule;
      this.loaded = this._register(loadRollouts(this.deps));
    }
    if (!this.loaded) throw new Error('Rollouts were used after the extension was deactivated.');
    return this.loaded;
  }
}
