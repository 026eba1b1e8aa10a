import * as vscode from 'vscode';
import { Disposable } from '../../core/lifecycle';
import type { ShiftCheck } from '../../core/support/supportPlan';
import type { ShiftLogCheck } from '../../core/support/shiftLog';
import type { OnCallSource } from '../pagerduty/pagerDuty';
import { type OnCallRowData, onCallRows, onCallSummary } from '../pagerduty/onCallRows';
import type { OnCallView } from '../pagerduty/onCallService';
import { type TreeRow, treeRows } from '../treeRows';
import type { LoadedShift, ShiftLogs } from './shiftLogs';
import type { SupportPlans } from './supportPlans';

/** A check of today's shift: what the plan says about it, and what the shift's log has ticked and noted. */
export interface CheckElement {
  readonly type: 'check';
  readonly shift: LoadedShift;
  readonly check: ShiftLogCheck;
  readonly planCheck?: ShiftCheck;
}

type Element =
  | CheckElement
  | { readonly type: 'group'; readonly shift: LoadedShift; readonly label: string; readonly context: string; readonly checks: readonly CheckElement[] }
  | { readonly type: 'onCall'; readonly view: OnCallView }
  | { readonly type: 'onCallRow'; readonly row: OnCallRowData }
  | { readonly type: 'note'; readonly label: string; readonly fromPlan: boolean; readonly url?: string };

/** The Support Shift view: who is on call, then today's checks grouped as the plan groups them, each with its notes. */
export class ShiftTreeProvider extends Disposable implements vscode.TreeDataProvider<Element> {
  private readonly _onDidChangeTreeData = this._register(new vscode.EventEmitter<Element | undefined>());
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;

  constructor(
    private readonly logs: ShiftLogs,
    private readonly plans: SupportPlans,
    private readonly onCall: OnCallSource,
  ) {
    super();
    const refresh = () => this._onDidChangeTreeData.fire(undefined);
    this._register(logs.onDidChange(refresh));
    this._register(plans.onDidChange(refresh));
    this._register(onCall.onDidChange(refresh));
  }

  refresh(): void {
    this._onDidChangeTreeData.fire(undefined);
  }

  async getChildren(element?: Element): Promise<Element[]> {
    if (!element) return this.roots();
    if (element.type === 'group') return [...element.checks];
    if (element.type === 'onCall') return onCallRows(element.view, new Date()).map((row) => ({ type: 'onCallRow', row }));
    if (element.type === 'check') {
      const planNotes = element.planCheck?.notes ?? element.check.planNotes;
      const links = element.planCheck?.links ?? [];
      return [
        ...element.check.notes.map((label): Element => ({ type: 'note', label, fromPlan: false })),
        ...planNotes.map((label): Element => ({ type: 'note', label, fromPlan: true })),
        ...links.map((link): Element => ({ type: 'note', label: link.label, fromPlan: true, url: link.url })),
      ];
    }
    return [];
  }

  getTreeItem(element: Element): vscode.TreeItem {
    switch (element.type) {
      case 'group': {
        const done = element.checks.filter((c) => c.check.done).length;
        const item = new vscode.TreeItem(element.label, vscode.TreeItemCollapsibleState.Expanded);
        item.description = `${done}/${element.checks.length}${element.context ? ` · ${element.context}` : ''}`;
        item.tooltip = [element.context, element.label].filter(Boolean).join(' › ');
        item.iconPath = new vscode.ThemeIcon(done === element.checks.length ? 'pass-filled' : 'checklist');
        return item;
      }
      case 'check': {
        const { check } = element;
        const hasNotes = check.notes.length + (element.planCheck?.notes.length ?? check.planNotes.length) + (element.planCheck?.links.length ?? 0) > 0;
        const item = new vscode.TreeItem(element.planCheck?.text ?? check.text, hasNotes ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
        item.checkboxState = check.done ? vscode.TreeItemCheckboxState.Checked : vscode.TreeItemCheckboxState.Unchecked;
        item.description = check.done ? `done${check.doneAt ? ` ${check.doneAt}` : ''}` : undefined;
        const tooltip = new vscode.MarkdownString(undefined, true);
        tooltip.appendText(check.text);
        for (const note of element.planCheck?.notes ?? check.planNotes) tooltip.appendMarkdown('\n\n').appendText(`Plan: ${note}`);
        for (const note of check.notes) tooltip.appendMarkdown('\n\n').appendText(`Note: ${note}`);
        item.tooltip = tooltip;
        item.contextValue = check.done ? 'shift.check.done' : 'shift.check';
        item.id = `${element.shift.uri.toString()}#${check.id}`;
        return item;
      }
      case 'onCall': {
        const item = new vscode.TreeItem('On call now', vscode.TreeItemCollapsibleState.Expanded);
        item.description = onCallSummary(element.view);
        item.iconPath = new vscode.ThemeIcon('broadcast');
        return item;
      }
      case 'onCallRow': {
        const { row } = element;
        const item = new vscode.TreeItem(row.label);
        item.description = row.description;
        item.tooltip = row.tooltip;
        item.iconPath = new vscode.ThemeIcon(row.icon, row.warning ? new vscode.ThemeColor('list.warningForeground') : undefined);
        if (row.command) item.command = row.command;
        return item;
      }
      case 'note': {
        const item = new vscode.TreeItem(element.label);
        item.tooltip = element.url ?? element.label;
        item.iconPath = new vscode.ThemeIcon(element.url ? 'link-external' : element.fromPlan ? 'info' : 'note');
        item.description = element.url ? undefined : element.fromPlan ? 'plan' : 'your note';
        if (element.url) {
          item.command = { command: 'runbook.openShiftLink', title: 'Open Link', arguments: [{ url: element.url }] };
          item.contextValue = 'shift.link';
        }
        return item;
      }
    }
  }

  /** The view's rows as VS Code receives them, for the API's tests. */
  rows(): Promise<TreeRow[]> {
    return treeRows(this);
  }

  private async roots(): Promise<Element[]> {
    const shift = await this.logs.current();
    if (!shift) return [];
    const plan = await this.plans.get(planUri(shift), true).catch(() => undefined);
    const byId = new Map((plan?.checks ?? []).map((c) => [c.id, c]));
    const onCall = plan ? await this.onCall.peek(plan.uri) : undefined;
    const groups: Element[] = [];
    const byGroup = new Map<string, { label: string; context: string; checks: CheckElement[] }>();
    const loose: CheckElement[] = [];
    for (const check of shift.log.checks) {
      const planCheck = byId.get(check.id);
      const element: CheckElement = { type: 'check', shift, check, ...(planCheck ? { planCheck } : {}) };
      // The plan's section heading ("Support Tasks") says nothing a responder needs; the group under it does.
      const path = (planCheck?.group ?? []).slice(1);
      const label = path[path.length - 1];
      if (!label) {
        loose.push(element);
        continue;
      }
      const key = path.join('\u0000');
      let group = byGroup.get(key);
      if (!group) {
        group = { label, context: path.slice(0, -1).join(' › '), checks: [] };
        byGroup.set(key, group);
        groups.push({ type: 'group', shift, ...group, checks: group.checks });
      }
      group.checks.push(element);
    }
    // Groups and loose checks in the plan's order: a loose check stands where it first appears.
    const ordered = [...groups, ...loose].sort((a, b) => firstLine(a) - firstLine(b));
    return [...(onCall ? [{ type: 'onCall', view: onCall } as const] : []), ...ordered];
  }
}

function firstLine(element: Element): number {
  if (element.type === 'check') return element.planCheck?.line ?? element.check.line;
  if (element.type === 'group') return Math.min(...element.checks.map((c) => c.planCheck?.line ?? c.check.line));
  return -1;
}

/** The plan a shift's log names (its workspace path, relative to the log's folder's workspace folder). */
export function planUri(shift: LoadedShift): vscode.Uri {
  const folder = vscode.workspace.getWorkspaceFolder(shift.uri);
  return folder ? vscode.Uri.joinPath(folder.uri, shift.log.planPath) : vscode.Uri.joinPath(shift.uri, '..', shift.log.planPath);
}
