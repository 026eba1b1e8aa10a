import * as vscode from 'vscode';
import { escalationRows } from '../../core/incident/escalation';
import { formatElapsed, type IncidentState, isActive, minutesBetween } from '../../core/incident/incident';
import { sectionLines } from '../../core/incident/incidentDocument';
import { Disposable } from '../../core/lifecycle';
import { collectDashboards, type DashboardLink } from '../../core/dashboards/collectDashboards';
import type { EscalationService } from './escalationService';
import type { RunbookModels } from '../playbook/runbookModels';
import type { IncidentEntry, IncidentStore } from './incidentStore';
import { incidentRunbook } from './runbookPath';

export type IncidentElement =
  | { readonly type: 'incident'; readonly entry: IncidentEntry; readonly state: IncidentState; readonly current: boolean }
  | { readonly type: 'broken'; readonly entry: IncidentEntry; readonly error: string }
  | { readonly type: 'group'; readonly label: string; readonly description?: string; readonly icon: string; readonly expanded?: boolean; readonly children: IncidentElement[] }
  | { readonly type: 'detail'; readonly label: string; readonly description?: string; readonly icon: string; readonly iconColor?: string; readonly uri?: vscode.Uri; readonly line?: number; readonly command?: vscode.Command };

/** A row of the Incident view as VS Code receives it. */
export interface IncidentViewRow {
  readonly label: string;
  readonly description?: string;
  readonly icon?: string;
  readonly children: IncidentViewRow[];
}

/** The Incident view: the current incident's essentials, other active incidents, and records that need repair. */
export class IncidentTreeProvider extends Disposable implements vscode.TreeDataProvider<IncidentElement> {
  private readonly _onDidChangeTreeData = this._register(new vscode.EventEmitter<undefined>());
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;

  constructor(
    private readonly store: IncidentStore,
    private readonly escalations: EscalationService,
    private readonly models: RunbookModels,
  ) {
    super();
    this._register(store.onDidChange(() => this._onDidChangeTreeData.fire(undefined)));
    const tick = setInterval(() => this._onDidChangeTreeData.fire(undefined), 60_000);
    this._register({ dispose: () => clearInterval(tick) });
  }

  async getChildren(element?: IncidentElement): Promise<IncidentElement[]> {
    if (!element) {
      const entries = await this.store.all();
      const current = await this.store.current();
      const broken = entries.filter((e) => !e.read.ok).map((e): IncidentElement => ({ type: 'broken', entry: e, error: (e.read as { error: string }).error }));
      const active = entries
        .filter((e) => e.read.ok && isActive(e.read.state))
        .map((e): IncidentElement => ({ type: 'incident', entry: e, state: (e.read as { state: IncidentState }).state, current: e.uri.toString() === current?.uri.toString() }))
        .sort((a, b) => Number((b as { current: boolean }).current) - Number((a as { current: boolean }).current));
      return [...active, ...broken];
    }
    if (element.type === 'group') return element.children;
    if (element.type === 'incident' && element.current) return this.details(element.entry, element.state);
    return [];
  }

  private async details(entry: IncidentEntry, state: IncidentState): Promise<IncidentElement[]> {
    const rows: IncidentElement[] = [];
    if (state.impact || state.affected) rows.push({ type: 'detail', label: state.impact || 'Impact', description: state.affected, icon: 'pulse' });
    if (state.systems.length) rows.push({ type: 'detail', label: 'Systems', description: state.systems.join(', '), icon: 'server' });
    if (state.roles.coordinator) rows.push({ type: 'detail', label: 'Coordinator', description: state.roles.coordinator, icon: 'person' });
    if (state.roles.technicalLead) rows.push({ type: 'detail', label: 'Technical lead', description: state.roles.technicalLead, icon: 'person' });
    rows.push({ type: 'detail', label: 'Steps done', description: String(state.progress.length), icon: 'checklist' });
    const pending = await this.escalations.pending();
    const escalations = pending ? escalationRows(pending.timers, { now: new Date() }) : [];
    if (pending && escalations.length) {
      const overdue = escalations.filter((r) => r.overdue).length;
      rows.push({
        type: 'group',
        label: 'Escalation',
        icon: 'bell',
        description: overdue ? `${overdue} overdue` : String(escalations.length),
        expanded: overdue > 0,
        // The status leads: a narrow side bar cuts the end of a row, and the step's sentence is long.
        children: escalations.map((r) => ({ type: 'detail', label: r.description, description: r.step, icon: r.overdue ? 'warning' : 'watch', ...(r.overdue ? { iconColor: 'list.warningForeground' } : {}), uri: pending.runbook, line: r.line })),
      });
    }
    const dashboards = await this.dashboards(entry);
    if (dashboards.length) {
      rows.push({ type: 'group', label: 'Dashboards', icon: 'dashboard', children: dashboards.map((d) => ({ type: 'detail', label: d.label, description: d.vendor ?? 'no time window', icon: 'graph', command: { command: 'runbook.openDashboard', title: 'Open for Incident Window', arguments: [{ url: d.url }] } })) });
    }
    rows.push({ type: 'group', label: 'Timeline', icon: 'history', children: timelineEntries(entry) });
    return rows;
  }

  /** The dashboards of the runbook the incident follows. */
  private async dashboards(entry: IncidentEntry): Promise<readonly DashboardLink[]> {
    const uri = incidentRunbook(entry);
    const loaded = uri ? await this.models.load(uri) : undefined;
    return loaded?.ok ? collectDashboards(loaded.runbook, []) : [];
  }

  getTreeItem(element: IncidentElement): vscode.TreeItem {
    switch (element.type) {
      case 'incident': {
        const { state } = element;
        const item = new vscode.TreeItem(state.title, element.current ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
        item.id = element.entry.uri.toString();
        item.iconPath = new vscode.ThemeIcon('flame', new vscode.ThemeColor(element.current ? 'errorForeground' : 'descriptionForeground'));
        item.description = `Sev ${state.severity} · ${formatElapsed(minutesBetween(state.startedAt, new Date()))}${element.current ? '' : ' · not current'}`;
        item.tooltip = new vscode.MarkdownString().appendText(`${state.title} — ${vscode.workspace.asRelativePath(element.entry.uri)}`);
        item.contextValue = element.current ? 'incident.current' : 'incident';
        item.command = { command: 'vscode.open', title: 'Open Incident Record', arguments: [element.entry.uri] };
        return item;
      }
      case 'broken': {
        const item = new vscode.TreeItem(`Cannot read ${vscode.workspace.asRelativePath(element.entry.uri)}`, vscode.TreeItemCollapsibleState.None);
        item.id = `broken:${element.entry.uri.toString()}`;
        item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
        item.description = element.error;
        item.tooltip = new vscode.MarkdownString().appendText(`${element.error}. Repair rebuilds the front matter and keeps every line you wrote.`);
        item.contextValue = 'incident.broken';
        item.command = { command: 'vscode.open', title: 'Open', arguments: [element.entry.uri] };
        return item;
      }
      case 'group': {
        const item = new vscode.TreeItem(element.label, element.expanded || element.label === 'Timeline' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
        item.iconPath = new vscode.ThemeIcon(element.icon);
        item.description = element.description ?? String(element.children.length);
        return item;
      }
      case 'detail': {
        const item = new vscode.TreeItem(element.label, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon(element.icon, element.iconColor ? new vscode.ThemeColor(element.iconColor) : undefined);
        if (element.description) item.description = element.description;
        item.tooltip = new vscode.MarkdownString().appendText(`${element.label}${element.description ? `: ${element.description}` : ''}`);
        if (element.command) item.command = element.command;
        else if (element.uri) item.command = { command: 'runbook.revealLine', title: 'Go to Line', arguments: [element.uri, element.line ?? 0] };
        return item;
      }
    }
  }

  /** Every row, expanded, as VS Code receives it. */
  async rows(element?: IncidentElement): Promise<IncidentViewRow[]> {
    return Promise.all(
      (await this.getChildren(element)).map(async (child) => {
        const item = this.getTreeItem(child);
        const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
        return {
          label,
          ...(typeof item.description === 'string' ? { description: item.description } : {}),
          ...(item.iconPath instanceof vscode.ThemeIcon ? { icon: item.iconPath.id } : {}),
          children: await this.rows(child),
        };
      }),
    );
  }
}

function timelineEntries(entry: IncidentEntry): IncidentElement[] {
  const section = sectionLines(entry.text, /^timeline$/i);
  if (!section) return [];
  return section.lines
    .map((text, i) => ({ text, line: section.start + i }))
    .filter((l) => /^\s*[-*]\s+/.test(l.text))
    .map((l) => {
      const [, time, rest] = /^\s*[-*]\s+(\d{1,2}:\d{2}(?:\s+[A-Z][\w+:-]*)?)\s+—\s+(.*)$/.exec(l.text) ?? [];
      return { type: 'detail', label: rest ?? l.text.replace(/^\s*[-*]\s+/, ''), ...(time ? { description: time } : {}), icon: 'circle-small', uri: entry.uri, line: l.line } as IncidentElement;
    });
}
