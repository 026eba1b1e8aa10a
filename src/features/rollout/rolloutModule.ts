import * as vscode from 'vscode';
import { Disposable } from '../../core/lifecycle';
import { stageLabel } from '../../core/rollout/stageRows';
import { rolloutState, rolloutSummary, type RolloutSummary } from '../../core/rollout/stageStatus';
import type { GitHubClient } from '../changes/githubClient';
import type { Log } from '../log';
import type { RunbookDiscovery } from '../playbook/runbookDiscovery';
import type { RunbookModels } from '../playbook/runbookModels';
import { FlipperClient, flipperApiUrl } from './flipperClient';
import { FlipperStatus } from './flipperStatus';
import { argumentObject } from '../incident/incidentArgument';
import { RolloutError } from './planWriter';
import { type LoadedPlan, ReleasePlans } from './releasePlans';
import { type ActionDeps, chooseStage, getRollout, recordStageResults, type RolledBack, rollBackStage, startNext } from './rolloutActions';
import type { RolloutCommand } from './rolloutCommands';
import { type RolloutRow, RolloutTreeProvider, type RolloutViewRow } from './rolloutTreeProvider';
import { openStageDashboards, whatShippedDuringStage } from './stageWindowActions';
import { type ReminderNotifier, TimeboxReminders } from './timeboxReminders';
import { TrackingStates } from './trackingStates';
import { reported } from '../reportedCommand';

export interface RolloutDeps {
  readonly secrets: vscode.SecretStorage;
  readonly log: Log;
  readonly discovery: RunbookDiscovery;
  readonly models: RunbookModels;
  readonly github: Pick<GitHubClient, 'graphql'>;
  readonly openLink: (url: string) => Promise<boolean>;
}

export type ReleaseSummary = RolloutSummary & { readonly uri: string };

export interface LoadedRollouts extends vscode.Disposable {
  readonly commands: Record<RolloutCommand, (arg?: unknown) => Promise<unknown>>;
  releases(): Promise<ReleaseSummary[]>;
  setReminderNotifier(notifier: ReminderNotifier | undefined): void;
  viewRows(): Promise<RolloutViewRow[]>;
}

const VIEW_ID = 'runbook.rollout';
const HAS_PLANS = 'runbook.hasReleasePlans';

class Rollouts extends Disposable implements LoadedRollouts {
  readonly commands: LoadedRollouts['commands'];
  private readonly plans: ReleasePlans;
  private readonly reminders: TimeboxReminders;
  private readonly tree: RolloutTreeProvider;

  constructor(private readonly deps: RolloutDeps) {
    super();
    this.plans = this._register(new ReleasePlans(deps.discovery, deps.models));
    const flipper = this._register(new FlipperClient(deps.secrets, deps.log));
    const flipperStatus = this._register(new FlipperStatus(flipper));
    const tracking = this._register(new TrackingStates(deps.github, deps.log));
    const tree = this._register(new RolloutTreeProvider(this.plans, tracking, flipperStatus));
    this.tree = tree;
    const view = this._register(vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true }));
    this.reminders = this._register(new TimeboxReminders(this.plans));
    const showPlans = async () => {
      const plans = await this.plans.all();
      view.description = plans.length === 1 ? plans[0]?.plan.title : undefined;
      await vscode.commands.executeCommand('setContext', HAS_PLANS, plans.length > 0);
    };
    void showPlans();
    this._register(this.plans.onDidChange(() => void showPlans()));
    const actions: ActionDeps = { plans: this.plans, flipper, flipperStatus };
    this.commands = {
      'runbook.getRollout': (arg) => getRollout(actions, arg),
      'runbook.startNextStage': (arg) => startNext(actions, arg, (loaded) => void this.offerRollBack(loaded)),
      'runbook.recordStageResults': (arg) => recordStageResults(actions, arg),
      'runbook.rollBack': (arg) => rollBackStage(actions, arg, (rolledBack) => void this.offerIncident(rolledBack)),
      'runbook.openStageDashboards': async (arg) => {
        const chosen = await chooseStage(actions, arg);
        return chosen ? openStageDashboards(chosen.loaded, chosen.stage, deps.models, deps.openLink, chosen.confirmed) : [];
      },
      'runbook.whatShippedDuringStage': async (arg) => {
        const chosen = await chooseStage(actions, arg);
        return chosen && whatShippedDuringStage(chosen.loaded, chosen.stage, deps.models);
      },
      'runbook.connectFlipper': (arg) => connectFlipper(flipper, arg),
      'runbook.disconnectFlipper': async () => {
        await flipper.disconnect();
        vscode.window.setStatusBarMessage('$(check) Flipper token removed: stages show the percentage to set by hand', 5000);
      },
      'runbook.copyRolloutValue': async (arg) => {
        const row = arg as RolloutRow | undefined;
        if (!row?.copy) return;
        await vscode.env.clipboard.writeText(row.copy);
        vscode.window.setStatusBarMessage(`$(check) Copied "${row.copy}"`, 5000);
      },
      'runbook.openRolloutLink': async (arg) => {
        const row = arg as RolloutRow | undefined;
        return row?.url ? deps.openLink(row.url) : false;
      },
      'runbook.refreshRollout': () => Promise.resolve(tree.refresh()),
    };
    for (const id of Object.keys(this.commands) as RolloutCommand[]) {
      const run = this.commands[id];
      this.commands[id] = (arg) => reported(run, arg);
    }
  }

  async releases(): Promise<ReleaseSummary[]> {
    const now = new Date();
    return (await this.plans.all()).map((p) => ({ uri: p.uri.toString(), ...rolloutSummary(p.plan, now) }));
  }

  setReminderNotifier(notifier: ReminderNotifier | undefined): void {
    this.reminders.setNotifier(notifier);
  }

  viewRows(): Promise<RolloutViewRow[]> {
    return this.tree.rows();
  }

  private async offerRollBack(loaded: LoadedPlan): Promise<void> {
    const rollBack = 'Roll Back…';
    const live = rolloutState(loaded.plan, new Date()).live?.stage;
    if (!live) return;
    const answer = await vscode.window.showWarningMessage(`No-go recorded for ${stageLabel(live)}. Roll it back?`, rollBack);
    if (answer !== rollBack) return;
    // The notification may be answered much later: it rolls back the stage it was about, or says the rollout moved on.
    const now = await this.plans.get(loaded.uri);
    const stillLive = now && rolloutState(now.plan, new Date()).live?.stage;
    if (stillLive?.name !== live.name) {
      void vscode.window.showWarningMessage(`Not rolled back: ${stillLive ? `${stageLabel(stillLive)} is live now` : 'no stage is live now'}, not ${stageLabel(live)} as when the no-go was recorded. Use Roll Back Stage… for the live stage.`);
      return;
    }
    await vscode.commands.executeCommand('runbook.rollBack', { type: 'plan', loaded: now });
  }

  /** After a rollback: an incident linked to the plan (its runbook), started at the rollback, with the reason as its impact. */
  private async offerIncident(rolledBack: RolledBack): Promise<void> {
    const start = 'Start Incident';
    const answer = await vscode.window.showInformationMessage(`Rolled back "${rolledBack.stage.name}". Start an incident for it?`, start);
    if (answer !== start) return;
    const severity = /sev(?:erity)?[\s-]*([1-4])\b/i.exec(rolledBack.severity)?.[1];
    await vscode.commands.executeCommand('runbook.startIncident', {
      title: `Rollback of ${rolledBack.stage.name}: ${rolledBack.reason}`.slice(0, 120),
      impact: [rolledBack.reason, rolledBack.severity].filter((t) => t.trim()).join('. '),
      ...(severity ? { severity: Number(severity) } : {}),
      runbook: vscode.workspace.asRelativePath(rolledBack.loaded.uri, false),
    });
  }
}

/** `{ token }` stores it without asking and answers whether Flipper's `GET /features` answered; without, it asks. */
async function connectFlipper(flipper: FlipperClient, arg: unknown): Promise<boolean | undefined> {
  const args = argumentObject(arg, ['token']);
  const base = flipperApiUrl();
  if (!base) {
    const message = 'Set runbook.flipper.apiUrl in your user settings to the app\'s mounted Flipper API (for example https://app.example.com/flipper/api) first: the token is sent only there.';
    if (args) throw new RolloutError(message);
    const open = 'Open User Settings';
    if ((await vscode.window.showWarningMessage(message, open)) === open) await vscode.commands.executeCommand('workbench.action.openSettings', 'runbook.flipper.apiUrl');
    return undefined;
  }
  if (args && typeof args.token !== 'string') throw new RolloutError('token: the Flipper API token, as text.');
  const token = (args?.token as string | undefined) ?? (await vscode.window.showInputBox({ title: 'Connect Flipper', prompt: `A token for the Flipper API at ${base} (kept in VS Code's secret storage, sent only there)`, password: true, ignoreFocusOut: true }));
  if (!token) return undefined;
  const result = await flipper.connect(token.trim());
  if (result.ok) vscode.window.setStatusBarMessage(`$(check) Connected to Flipper (${result.features} features): stages now set and read back the flag`, 8000);
  else if (!args) void vscode.window.showErrorMessage(result.error);
  return result.ok;
}

export function loadRollouts(deps: RolloutDeps): LoadedRollouts {
  return new Rollouts(deps);
}
