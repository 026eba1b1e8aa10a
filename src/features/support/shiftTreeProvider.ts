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

/** A group of the plan (`Slack channels`, then `#parcel-support` under it), holding checks and groups. */
interface GroupElement {
  readonly type: 'group';
  readonly label: string;
  readonly children: (GroupElement | CheckElement)[];
}

type Element =
  | CheckElement
  | GroupElement
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
    if (element.type === 'group') return [...element.children];
    if (element.type === 'onCall') return onCallRows(element.view, new Date()).map((row) => ({ type: 'onCallRow', row }));
    if (element.type === 'check') {
      const planNotes = element.planCheck?.notes ?? element.check.planNotes;
      return [
        ...element.check.notes.map((label): Element => ({ type: 'note', label, fromPlan: false })),
        ...planNotes.map((label): Element => ({ type: 'note', label, fromPlan: true })),
        ...extraLinks(element).map((link): Element => ({ type: 'note', label: link.label, fromPlan: true, url: link.url })),
      ];
    }
    return [];
  }

  getTreeItem(element: Element): vscode.TreeItem {
    switch (element.type) {
      case 'group': {
        const checks = checksOf(element);
        const done = checks.filter((c) => c.check.done).length;
        const item = new vscode.TreeItem(element.label, vscode.TreeItemCollapsibleState.Expanded);
        item.description = `${done}/${checks.length}`;
        item.iconPath = new vscode.ThemeIcon(done === checks.length ? 'pass-filled' : 'checklist');
        return item;
      }
      case 'check': {
        const { check } = element;
        const text = element.planCheck?.text ?? check.text;
        const hasChildren = check.notes.length + (element.planCheck?.notes.length ?? check.planNotes.length) + extraLinks(element).length > 0;
        const item = new vscode.TreeItem(text, hasChildren ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
        item.checkboxState = check.done ? vscode.TreeItemCheckboxState.Checked : vscode.TreeItemCheckboxState.Unchecked;
        item.description = check.done ? `done${check.doneAt ? ` ${check.doneAt}` : ''}` : undefined;
        const tooltip = new vscode.MarkdownString(undefined, true);
        tooltip.appendText(text);
        for (const note of element.planCheck?.notes ?? check.planNotes) tooltip.appendMarkdown('\n\n').appendText(`Plan: ${note}`);
        for (const note of check.notes) tooltip.appendMarkdown('\n\n').appendText(`Your note: ${note}`);
        const link = element.planCheck?.links.find((l) => /^https?:\/\//i.test(l.url));
        if (link) {
          tooltip.appendMarkdown('\n\n').appendText(`Click to open ${link.label} (a dashboard opens at the window since the last shift).`);
          item.command = { command: 'runbook.openShiftLink', title: 'Open Link', arguments: [{ url: link.url, since: 'last shift' }] };
        }
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
        item.tooltip = element.url ? `${element.label}: ${element.url}` : `${element.fromPlan ? 'From the plan' : 'Your note'}: ${element.label}`;
        item.iconPath = new vscode.ThemeIcon(element.url ? 'link-external' : element.fromPlan ? 'info' : 'comment');
        if (element.url) {
          item.command = { command: 'runbook.openShiftLink', title: 'Open Link', arguments: [{ url: element.url, since: 'last shift' }] };
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
    // Who is on call, once PagerDuty is connected (before, the Playbook's Points of Contact say how to connect).
    const onCall = plan ? await this.onCall.peek(plan.uri) : undefined;
    const roots: (GroupElement | CheckElement)[] = [];
    const groups = new Map<string, GroupElement>();
    for (const check of shift.log.checks) {
      const planCheck = byId.get(check.id);
      const element: CheckElement = { type: 'check', shift, check, ...(planCheck ? { planCheck } : {}) };
      // The plan's section heading ("Support Tasks") says nothing a responder needs; the groups under it do.
      const path = (planCheck?.group ?? []).slice(1);
      let siblings = roots;
      for (let depth = 0; depth < path.length; depth++) {
        const key = path.slice(0, depth + 1).join('\u0000');
        let group = groups.get(key);
        if (!group) {
          group = { type: 'group', label: path[depth] ?? '', children: [] };
          groups.set(key, group);
          siblings.push(group);
        }
        siblings = group.children;
      }
      siblings.push(element);
    }
    return [...(onCall && onCall.state !== 'disconnected' ? [{ type: 'onCall', view: onCall } as const] : []), ...roots];
  }
}

function checksOf(group: GroupElement): CheckElement[] {
  return group.children.flatMap((c) => (c.type === 'check' ? [c] : checksOf(c)));
}

/** The check's links other than the one its row opens and those its groups already name. */
function extraLinks(element: CheckElement): readonly { label: string; url: string }[] {
  const named = new Set([element.planCheck?.text ?? element.check.text, ...(element.planCheck?.group ?? [])].map((l) => l.toLowerCase()));
  const links = element.planCheck?.links ?? [];
  const opened = links.find((l) => /^https?:\/\//i.test(l.url));
  return links.filter((l) => l !== opened && !named.has(l.label.toLowerCase()));
}

/** The plan a shift's log names (its workspace path, relative to the log's folder's workspace folder). */
export function planUri(shift: LoadedShift): vscode.Uri {
  const folder = vscode.workspace.getWorkspaceFolder(shift.uri);
  return folder ? vscode.Uri.joinPath(folder.uri, shift.log.planPath) : vscode.Uri.joinPath(shift.uri, '..', shift.log.planPath);
}
