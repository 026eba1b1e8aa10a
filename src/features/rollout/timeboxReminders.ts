import * as vscode from 'vscode';
import { Disposable } from '../../core/lifecycle';
import { timeboxReminder } from '../../core/rollout/stageRows';
import { rolloutState } from '../../core/rollout/stageStatus';
import type { LoadedPlan, ReleasePlans } from './releasePlans';

export type ReminderNotifier = (message: string, actions: readonly string[]) => Promise<string | undefined>;

const CHECK_EVERY_MS = 60_000;
const ACTIONS = { 'Record Results': 'runbook.recordStageResults', 'Start Next Stage': 'runbook.startNextStage', 'Roll Back…': 'runbook.rollBack' } as const;

/**
 * One notification when a live stage's timebox has passed. It is worked out from the Date in the plan (checked
 * when a plan changes and every minute), so it comes back after a reload and a teammate's window says the same;
 * once per stage start in a window.
 */
export class TimeboxReminders extends Disposable {
  private readonly reminded = new Set<string>();
  private notifier: ReminderNotifier = (message, actions) => Promise.resolve(vscode.window.showInformationMessage(message, ...actions));

  constructor(private readonly plans: ReleasePlans) {
    super();
    this._register(plans.onDidChange(() => void this.check()));
    const timer = setInterval(() => void this.check(), CHECK_EVERY_MS);
    this._register({ dispose: () => clearInterval(timer) });
    void this.check();
  }

  /** For tests: receive the reminders instead of VS Code (undefined restores it). */
  setNotifier(notifier: ReminderNotifier | undefined): void {
    this.notifier = notifier ?? ((message, actions) => Promise.resolve(vscode.window.showInformationMessage(message, ...actions)));
  }

  async check(now = new Date()): Promise<void> {
    for (const loaded of await this.plans.all()) {
      const live = rolloutState(loaded.plan, now).live;
      if (!live?.overdue || !live.liveSince) continue;
      const key = `${loaded.uri.toString()}\n${live.stage.name}\n${live.liveSince.toISOString()}`;
      if (this.reminded.has(key)) continue;
      this.reminded.add(key);
      void this.remind(loaded, timeboxReminder(live.stage));
    }
  }

  private async remind(loaded: LoadedPlan, message: string): Promise<void> {
    const chosen = await this.notifier(message, Object.keys(ACTIONS));
    const command = chosen && ACTIONS[chosen as keyof typeof ACTIONS];
    // The view's plan row as argument: the interactive form, for this plan.
    if (command) await vscode.commands.executeCommand(command, { type: 'plan', loaded });
  }
}
