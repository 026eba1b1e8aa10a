import * as vscode from 'vscode';
import { type TreeRow, treeRows } from '../treeRows';
import type { PlanCriterion } from '../../core/rollout/planCriteria';
import type { RolloutStage } from '../../core/rollout/releasePlan';
import { stageDescription, stageLabel, stageTooltip } from '../../core/rollout/stageRows';
import { audience, lengthText, rolloutState, type StageState, type StageStatus } from '../../core/rollout/stageStatus';
import { Disposable } from '../../core/lifecycle';
import { repoName } from '../../core/followUps/issueRefs';
import { formatTime } from '../../core/time/formatTime';
import type { LoadedPlan, ReleasePlans } from './releasePlans';
import type { FlipperStatus } from './flipperStatus';
import type { TrackingStates } from './trackingStates';

export type RolloutElement =
  | { readonly type: 'plan'; readonly loaded: LoadedPlan }
  | { readonly type: 'stage'; readonly loaded: LoadedPlan; readonly state: StageState }
  | { readonly type: 'criteria'; readonly loaded: LoadedPlan; readonly kind: 'success' | 'rollback'; readonly criteria: readonly PlanCriterion[] }
  | RolloutRow;

/** A row of the view as the API's tests read it. */
export type RolloutViewRow = TreeRow;

/** A leaf: a fact of a stage, a criterion, the flag. `copy` is what Copy puts on the clipboard; `url` what Open opens. */
export interface RolloutRow {
  readonly type: 'row';
  readonly loaded: LoadedPlan;
  readonly label: string;
  readonly description?: string;
  readonly tooltip?: string;
  readonly icon: string;
  readonly color?: string;
  readonly line: number;
  readonly contextValue?: string;
  readonly copy?: string;
  readonly url?: string;
}

const STATUS_ICONS: Readonly<Record<StageStatus, { readonly icon: string; readonly color?: string }>> = {
  live: { icon: 'circle-filled', color: 'charts.green' },
  done: { icon: 'pass', color: 'testing.iconPassed' },
  next: { icon: 'arrow-circle-right' },
  upcoming: { icon: 'circle-outline' },
  skipped: { icon: 'circle-slash' },
  'rolled back': { icon: 'discard', color: 'charts.red' },
};

/** The Rollout view: each release plan's stages in order, what each has recorded, and the plan's criteria. */
export class RolloutTreeProvider extends Disposable implements vscode.TreeDataProvider<RolloutElement> {
  private readonly _onDidChangeTreeData = this._register(new vscode.EventEmitter<RolloutElement | undefined>());
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;

  constructor(
    private readonly plans: ReleasePlans,
    private readonly tracking: TrackingStates,
    private readonly flipper: FlipperStatus,
    private readonly now: () => Date = () => new Date(),
  ) {
    super();
    const refresh = () => this._onDidChangeTreeData.fire(undefined);
    this._register(plans.onDidChange(refresh));
    this._register(tracking.onDidChange(refresh));
    this._register(flipper.onDidChange(refresh));
    // "3 of 7 days" moves on while the view is open.
    const timer = setInterval(refresh, 60_000);
    this._register({ dispose: () => clearInterval(timer) });
  }

  async getChildren(element?: RolloutElement): Promise<RolloutElement[]> {
    if (!element) {
      const plans = await this.plans.all();
      // One plan (the usual case) needs no row of its own: the view's title names it, and its rows get the width.
      return plans.length === 1 && plans[0] ? this.planChildren(plans[0]) : plans.map((loaded) => ({ type: 'plan', loaded }));
    }
    if (element.type === 'plan') return this.planChildren(element.loaded);
    if (element.type === 'stage') return this.stageRows(element.loaded, element.state);
    if (element.type === 'criteria') return element.criteria.map((c) => criterionRow(element.loaded, c, element.kind));
    return [];
  }

  getTreeItem(element: RolloutElement): vscode.TreeItem {
    const collapsed = vscode.TreeItemCollapsibleState.Collapsed;
    switch (element.type) {
      case 'plan': {
        const item = new vscode.TreeItem(element.loaded.plan.title, vscode.TreeItemCollapsibleState.Expanded);
        const live = rolloutState(element.loaded.plan, this.now()).live;
        // No description: the title takes the row, and the live stage's row says where the rollout stands.
        item.tooltip = `${vscode.workspace.asRelativePath(element.loaded.uri)}: ${element.loaded.plan.stages.length} stages, ${live ? `${audience(live.stage)} live` : 'not started'}`;
        item.iconPath = new vscode.ThemeIcon('rocket');
        item.contextValue = 'rollout.plan';
        item.id = `plan:${element.loaded.uri.toString()}`;
        item.command = reveal(element.loaded, 0);
        return item;
      }
      case 'stage': {
        const { state } = element;
        const item = new vscode.TreeItem(stageLabel(state.stage), state.status === 'live' ? vscode.TreeItemCollapsibleState.Expanded : collapsed);
        item.description = stageDescription(state, this.now());
        const look = STATUS_ICONS[state.status];
        item.iconPath = state.overdue ? new vscode.ThemeIcon('watch', new vscode.ThemeColor('charts.yellow')) : new vscode.ThemeIcon(look.icon, look.color ? new vscode.ThemeColor(look.color) : undefined);
        item.tooltip = stageTooltip(state, this.now());
        item.contextValue = `rollout.stage.${state.status.replace(' ', '')}${state.stage.startedAt && state.status !== 'next' && state.status !== 'upcoming' ? '.started' : ''}`;
        // The status in the id: a stage that goes live is a new row, so VS Code expands it as the provider says.
        item.id = `stage:${element.loaded.uri.toString()}#${state.index}:${state.status}`;
        item.command = reveal(element.loaded, state.stage.line);
        return item;
      }
      case 'criteria': {
        const title = element.kind === 'success' ? 'Success criteria' : 'Rollback criteria';
        const item = new vscode.TreeItem(title, collapsed);
        item.description = String(element.criteria.length);
        item.iconPath = new vscode.ThemeIcon(element.kind === 'success' ? 'checklist' : 'discard');
        item.id = `${element.kind}:${element.loaded.uri.toString()}`;
        return item;
      }
      default: {
        const item = new vscode.TreeItem(element.label, vscode.TreeItemCollapsibleState.None);
        if (element.description) item.description = element.description;
        item.tooltip = element.tooltip ?? [element.label, element.description].filter(Boolean).join(': ');
        item.iconPath = new vscode.ThemeIcon(element.icon, element.color ? new vscode.ThemeColor(element.color) : undefined);
        if (element.contextValue) item.contextValue = element.contextValue;
        item.command = reveal(element.loaded, element.line);
        return item;
      }
    }
  }

  /** Every row, expanded, as VS Code receives them (for the API's tests). */
  rows(element?: RolloutElement): Promise<RolloutViewRow[]> {
    return treeRows(this, element);
  }


  /** Fires a refresh; tracking states and the flag are asked again. */
  refresh(): void {
    this.tracking.refresh();
    this.flipper.refresh();
    this._onDidChangeTreeData.fire(undefined);
  }

  private planChildren(loaded: LoadedPlan): RolloutElement[] {
    const { plan } = loaded;
    const state = rolloutState(plan, this.now());
    const rows: RolloutElement[] = [];
    const flag = this.flipperRow(loaded, state.live?.stage);
    if (flag) rows.push(flag);
    rows.push(...state.stages.map((s): RolloutElement => ({ type: 'stage', loaded, state: s })));
    if (plan.successCriteria.length) rows.push({ type: 'criteria', loaded, kind: 'success', criteria: plan.successCriteria });
    if (plan.rollbackCriteria.length) rows.push({ type: 'criteria', loaded, kind: 'rollback', criteria: plan.rollbackCriteria });
    return rows;
  }

  private flipperRow(loaded: LoadedPlan, live: RolloutStage | undefined): RolloutRow | undefined {
    const feature = loaded.plan.flipperFeature;
    if (!feature) return undefined;
    const wanted = live?.percentage;
    const status = this.flipper.peek(feature);
    // What to do or what Flipper says is the label, drawn whole; the feature's name follows, where a narrow side bar may cut it.
    const base = { type: 'row' as const, loaded, icon: 'symbol-boolean', line: 0, description: feature };
    if (status.state === 'disconnected') {
      const tooltip = `Flipper is not connected: set ${feature} to ${wanted === undefined ? 'the stage\'s percentage' : `${wanted}%`} of actors in Flipper's UI. Connecting (runbook.flipper.apiUrl and "Runbook: Connect Flipper…") lets Start Next Stage and Roll Back set it and read it back.`;
      return { ...base, label: wanted === undefined ? 'Set Flipper by hand' : `Set Flipper to ${wanted}%`, tooltip, contextValue: 'rollout.flipper.manual', copy: wanted === undefined ? feature : String(wanted) };
    }
    if (status.state === 'reading') return { ...base, label: 'Flipper: reading…', contextValue: 'rollout.flipper' };
    if (status.state === 'failed') return { ...base, label: 'Flipper: could not read', tooltip: status.error, icon: 'warning', color: 'list.warningForeground', contextValue: 'rollout.flipper', copy: feature };
    const shows = status.feature.fullyOn ? 'fully on' : `${status.feature.percentageOfActors}%`;
    const mismatch = wanted !== undefined && !status.feature.fullyOn && status.feature.percentageOfActors !== wanted;
    const read = formatTime(status.at).replace(/ \S+$/, '');
    return {
      ...base,
      label: mismatch ? `Flipper: ${shows}, plan ${wanted}%` : `Flipper: ${shows}`,
      description: `${feature} · read ${read}`,
      tooltip: `Flipper shows ${feature} ${status.feature.fullyOn ? 'fully on' : `at ${status.feature.percentageOfActors}% of actors`} (read ${read})${mismatch ? `; the live stage is ${wanted}%` : ''}.`,
      ...(mismatch ? { icon: 'warning', color: 'list.warningForeground' } : {}),
      contextValue: 'rollout.flipper',
      copy: String(status.feature.percentageOfActors),
    };
  }

  private stageRows(loaded: LoadedPlan, state: StageState): RolloutRow[] {
    const { stage } = state;
    const rows: RolloutRow[] = [];
    const row = (r: Omit<RolloutRow, 'type' | 'loaded'>): RolloutRow => ({ type: 'row', loaded, ...r });
    if (stage.date) {
      const value = stage.date.value.trim();
      rows.push(row({ label: state.plannedFor ? 'Planned' : stage.startedAt ? 'Started' : 'Date', description: value || 'not started', icon: 'calendar', line: stage.date.line }));
    }
    // Rolled back to: its timebox counts again from the rollback, which the Started row alone would not say.
    if (state.liveSince && stage.startedAt && state.liveSince.getTime() !== stage.startedAt.getTime()) {
      rows.push(row({ label: 'Again since', description: formatTime(state.liveSince, { alwaysDate: true }), tooltip: 'Rolled back to this stage then: its timebox counts from the rollback.', icon: 'history', line: stage.line }));
    }
    if (stage.length) rows.push(row({ label: 'Timebox', description: stage.lengthMs ? lengthText(stage.lengthMs) : stage.length.value.trim() || 'not set', icon: 'watch', line: stage.length.line }));
    if (stage.tracking) {
      const issue = stage.trackingIssue;
      const all = loaded.plan.stages.flatMap((s) => (s.trackingIssue ? [s.trackingIssue] : []));
      const known = issue ? this.tracking.peek(issue, all) : {};
      const description = known.state ? [known.state.state, known.state.assignee].filter(Boolean).join(' · ') : issue ? 'state unknown' : 'not a GitHub issue';
      rows.push(row({
        label: issue ? `Tracking #${issue.number}` : 'Tracking',
        description,
        tooltip: [issue ? `${repoName(issue)}#${issue.number}${known.state ? `: ${known.state.title}` : ''}` : undefined, stage.tracking.value, known.problem].filter(Boolean).join('\n'),
        icon: known.state?.state === 'closed' ? 'issue-closed' : 'issues',
        line: stage.tracking.line,
        contextValue: 'rollout.link',
        url: stage.tracking.value.trim(),
      }));
    }
    if (stage.flipper) rows.push(row({ label: 'Flipper', description: stage.flipper.value, icon: 'symbol-boolean', line: stage.flipper.line }));
    for (const result of stage.results) rows.push(row({ label: result.label, description: result.value.trim() || '—', icon: result.value.trim() ? 'note' : 'circle-small', line: result.line }));
    for (const rollback of stage.rollbacks) rows.push(row({ label: `Rolled back${rollback.date ? ` ${formatTime(rollback.date, { alwaysDate: true })}` : ''}`, description: rollback.reason, icon: 'discard', color: 'charts.red', line: rollback.line }));
    return rows;
  }
}

function criterionRow(loaded: LoadedPlan, criterion: PlanCriterion, kind: 'success' | 'rollback'): RolloutRow {
  const detail = criterion.detail.join('; ');
  return { type: 'row', loaded, label: criterion.text, ...(detail ? { description: detail } : {}), icon: kind === 'success' ? 'circle-small' : 'warning', line: criterion.line };
}

function reveal(loaded: LoadedPlan, line: number): vscode.Command {
  return { command: 'runbook.revealLine', title: 'Go to Line', arguments: [loaded.uri, line] };
}
