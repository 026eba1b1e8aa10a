import * as vscode from 'vscode';
import { type TreeRow, treeRows } from '../treeRows';
import { escalationRows } from '../../core/incident/escalation';
import { type IncidentState, isActive, roleLabel, STATUS_LABELS } from '../../core/incident/incident';
import { closedHistory, incidentDescription, statusDetail } from '../../core/incident/incidentHistory';
import { sectionLines } from '../../core/incident/incidentDocument';
import { RECORD_SECTIONS } from '../../core/incident/recordSections';
import { Disposable } from '../../core/lifecycle';
import { collectDashboards, type DashboardLink } from '../../core/dashboards/collectDashboards';
import { inlineLinksAsText } from '../../core/markdownLinks';
import { formatTime } from '../../core/time/formatTime';
import { readCurrentText } from '../workspaceFiles';
import type { EscalationService } from './escalationService';
import type { RunbookModels } from '../playbook/runbookModels';
import { type IncidentEntry, type IncidentStore, isReadable, type ReadableEntry } from './incidentStore';
import { incidentRunbook } from './runbookPath';
import { repoName } from '../../core/followUps/issueRefs';
import { describeState, followUpAgeDays, rankOpenFollowUps, STALE_DAYS } from '../../core/followUps/followUpAge';
import type { FollowUp, FollowUpSource } from '../followUps/followUpTracker';
import type { OnCallSource } from '../pagerduty/pagerDuty';
import { type OnCallRowData, onCallRows, onCallSummary } from '../pagerduty/onCallRows';

export type IncidentElement =
  | { readonly type: 'incident'; readonly entry: IncidentEntry; readonly state: IncidentState; readonly current: boolean; readonly selected: boolean }
  | { readonly type: 'broken'; readonly entry: IncidentEntry; readonly error: string }
  | { readonly type: 'group'; readonly id: string; readonly label: string; readonly description?: string; readonly icon: string; readonly expanded?: boolean; readonly contextValue?: string; readonly children: IncidentElement[] }
  | { readonly type: 'detail'; readonly label: string; readonly description?: string; readonly tooltip?: string; readonly icon: string; readonly iconColor?: string; readonly uri?: vscode.Uri; readonly line?: number; readonly command?: vscode.Command; readonly contextValue?: string; readonly onCall?: OnCallRowData; readonly entry?: string };

/** A row of the Incident view as VS Code receives it. */
/** A row of the view as the API's tests read it. */
export type IncidentViewRow = TreeRow;

/**
 * The Incident view: the active incidents (the current one first, expanded with its
 * essentials), records that need repair, then the Resolved group: the most recently
 * closed, the selected one expanded, and the older ones by year, so years of records
 * cost a few dozen rows until a year is opened.
 */
export class IncidentTreeProvider extends Disposable implements vscode.TreeDataProvider<IncidentElement> {
  private readonly _onDidChangeTreeData = this._register(new vscode.EventEmitter<undefined>());
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;

  constructor(
    private readonly store: IncidentStore,
    private readonly escalations: EscalationService,
    private readonly models: RunbookModels,
    private readonly followUps: FollowUpSource,
    private readonly onCall: OnCallSource,
  ) {
    super();
    this._register(store.onDidChange(() => this._onDidChangeTreeData.fire(undefined)));
    this._register(onCall.onDidChange(() => this._onDidChangeTreeData.fire(undefined)));
    this._register(followUps.onDidChange(() => this._onDidChangeTreeData.fire(undefined)));
    const tick = setInterval(() => this._onDidChangeTreeData.fire(undefined), 60_000);
    this._register({ dispose: () => clearInterval(tick) });
  }

  async getChildren(element?: IncidentElement): Promise<IncidentElement[]> {
    if (!element) return this.roots();
    if (element.type === 'group') return element.children;
    if (element.type === 'incident' && (element.current || element.selected)) return this.details(element);
    return [];
  }

  private async roots(): Promise<IncidentElement[]> {
    const entries = await this.store.all();
    const current = (await this.store.current())?.uri.toString();
    const selected = await this.store.selected();
    const row = (e: ReadableEntry): IncidentElement => ({ type: 'incident', entry: e, state: e.read.state, current: e.uri.toString() === current, selected: e.uri.toString() === selected?.uri.toString() });
    const readable = entries.filter(isReadable);
    const active = readable
      .filter((e) => isActive(e.read.state))
      .sort((a, b) => Number(b.uri.toString() === current) - Number(a.uri.toString() === current) || b.read.state.startedAt.localeCompare(a.read.state.startedAt))
      .map(row);
    const broken = entries.filter((e) => !e.read.ok).map((e): IncidentElement => ({ type: 'broken', entry: e, error: (e.read as { error: string }).error }));
    const history = closedHistory(readable, (e) => e.read.state, selected && !isActive(selected.read.state) ? { selected } : {});
    const closedCount = history.recent.length + history.years.reduce((n, y) => n + y.items.length, 0);
    // With no record at all the view is empty, so its welcome (what an incident is, and the Start button) shows instead.
    if (!active.length && !broken.length && !closedCount) return [];
    const rows: IncidentElement[] = active.length ? active : [{ type: 'detail', label: 'No active incident', description: 'Start…', icon: 'flame', command: { command: 'runbook.startIncident', title: 'Start Incident…' } }];
    rows.push(...broken);
    const overdue = await this.openFollowUpsGroup();
    if (overdue) rows.push(overdue);
    if (closedCount) {
      rows.push({
        type: 'group',
        id: 'resolved',
        label: 'Resolved',
        description: String(closedCount),
        icon: 'history',
        // Open when it holds the selected incident: after resolving, its ticks and record stay in sight.
        expanded: selected !== undefined && !isActive(selected.read.state),
        children: [
          ...history.recent.map(row),
          ...history.years.map((y): IncidentElement => ({ type: 'group', id: `resolved:${y.year}`, label: y.year, description: String(y.items.length), icon: 'calendar', children: y.items.map(row) })),
        ],
      });
    }
    return rows;
  }

  private async details(element: Extract<IncidentElement, { type: 'incident' }>): Promise<IncidentElement[]> {
    const { entry, state } = element;
    const status = statusDetail(state, new Date());
    const rows: IncidentElement[] = [{ type: 'detail', ...status, icon: 'milestone' }];
    if (state.impact || state.affected) {
      const impact = [state.affected, state.impact].filter(Boolean).join(' · ');
      rows.push({ type: 'detail', label: 'Impact', description: impact, tooltip: impact, icon: 'pulse' });
    }
    if (state.systems.length) rows.push({ type: 'detail', label: 'Systems', description: state.systems.join(', '), icon: 'server' });
    for (const [key, name] of Object.entries(state.roles)) if (name) rows.push({ type: 'detail', label: roleLabel(key), description: name, icon: 'person' });
    rows.push({ type: 'detail', label: 'Steps done', description: String(state.progress.length), icon: 'checklist' });
    const pending = element.current ? await this.escalations.pending() : undefined;
    const escalations = pending ? escalationRows(pending.timers, { now: new Date() }) : [];
    if (pending && escalations.length) {
      const overdue = escalations.filter((r) => r.overdue).length;
      rows.push({
        type: 'group',
        id: `escalation:${entry.uri.toString()}`,
        label: 'Escalation',
        icon: 'bell',
        description: overdue ? `${overdue} overdue` : String(escalations.length),
        expanded: overdue > 0,
        // The due time leads: a narrow side bar cuts the end of a row, and the step's sentence is long.
        children: escalations.map((r) => ({ type: 'detail', label: r.label, description: r.step, tooltip: `${r.label}: ${r.step}`, icon: r.overdue ? 'warning' : 'watch', ...(r.overdue ? { iconColor: 'list.warningForeground' } : {}), uri: pending.runbook, line: r.line })),
      });
    }
    const onCall = element.current && isActive(state) ? await this.onCallGroup(entry) : undefined;
    if (onCall) rows.push(onCall);
    const dashboards = await this.dashboards(entry);
    if (dashboards.length) {
      rows.push({ type: 'group', id: `dashboards:${entry.uri.toString()}`, label: 'Dashboards', icon: 'dashboard', children: dashboards.map((d) => ({ type: 'detail', label: d.label, description: d.vendor ?? 'no time window', icon: 'graph', command: { command: 'runbook.openDashboard', title: 'Open for Incident Window', arguments: [{ url: d.url }] } })) });
    }
    const followUps = await this.followUps.of(entry.uri);
    if (followUps.length) {
      const open = followUps.filter((f) => f.state === 'open').length;
      const unknown = followUps.filter((f) => f.state === 'unknown').length;
      rows.push({ type: 'group', id: `followUps:${entry.uri.toString()}`, label: 'Follow-ups', icon: 'issues', description: `${open} open of ${followUps.length}${unknown ? ` · ${unknown} not known` : ''}`, expanded: true, children: followUps.map((f) => followUpRow(f, undefined)) });
    }
    rows.push({ type: 'group', id: `timeline:${entry.uri.toString()}`, label: 'Timeline', icon: 'history', expanded: true, children: timelineEntries(entry.uri, await this.recordText(entry)) });
    return rows;
  }

  /**
   * The open follow-ups of resolved incidents, those open longer than 30 days first (oldest first): work an
   * incident left that nobody did. While GitHub cannot tell their states (no sign-in), the unticked ones are
   * listed as not known, under a row that says why and how to fix it.
   */
  private async openFollowUpsGroup(): Promise<IncidentElement | undefined> {
    const problem = this.followUps.problem;
    const open = (await this.followUps.all()).filter((f) => !isActive(f.record.read.state) && (f.state === 'open' || (f.state === 'unknown' && !f.checked)));
    if (!open.length) return undefined;
    const now = new Date();
    const ranked = rankOpenFollowUps(open, now);
    const stale = ranked.filter((f) => followUpAgeDays(f, now) > STALE_DAYS).length;
    const signIn = problem !== undefined && /signed in|sign in|401/i.test(problem);
    const why: IncidentElement[] = problem
      ? [{ type: 'detail', label: signIn ? 'Set a GitHub token to see their states' : 'States not refreshed', description: problem, tooltip: problem, icon: 'warning', iconColor: 'list.warningForeground', command: signIn ? { command: 'runbook.setGitHubToken', title: 'Set GitHub Token…' } : { command: 'runbook.refreshFollowUps', title: 'Refresh Follow-ups' } }]
      : [];
    // Unknown ones are counted as open: the count says so, or a closed one would pass for work left undone.
    const unknown = open.some((f) => f.state === 'unknown');
    const description = [String(open.length), ...(stale ? [`${stale} over ${STALE_DAYS} days`] : []), ...(unknown ? ['states not known yet'] : [])].join(' · ');
    return { type: 'group', id: 'openFollowUps', label: 'Open follow-ups', icon: 'issues', description, children: [...why, ...ranked.map((f) => followUpRow(f, now))] };
  }

  /** The record's text, read only for the incident whose details are shown. */
  private async recordText(entry: IncidentEntry): Promise<string> {
    try {
      return await readCurrentText(entry.uri);
    } catch {
      return '';
    }
  }

  /** The dashboards of the runbook the incident follows. */
  /** "On call now" from the PagerDuty link of the incident's runbook: who to page, and a Page action. */
  private async onCallGroup(entry: IncidentEntry): Promise<IncidentElement | undefined> {
    const runbook = incidentRunbook(entry);
    const view = runbook && (await this.onCall.peek(runbook));
    if (!view) return undefined;
    const children = onCallRows(view, new Date()).map((r): IncidentElement => ({ type: 'detail', label: r.label, ...(r.description ? { description: r.description } : {}), tooltip: r.tooltip, icon: r.icon, ...(r.warning ? { iconColor: 'list.warningForeground' } : {}), ...(r.command ? { command: r.command } : {}), ...(r.contextValue ? { contextValue: r.contextValue } : {}), onCall: r }));
    return { type: 'group', id: `onCall:${entry.uri.toString()}`, label: 'On call now', description: onCallSummary(view), icon: 'organization', expanded: true, contextValue: view.state === 'ok' ? 'onCall.group' : 'onCall.unavailable', children };
  }

  private async dashboards(entry: IncidentEntry): Promise<readonly DashboardLink[]> {
    const uri = incidentRunbook(entry);
    const loaded = uri ? await this.models.load(uri) : undefined;
    return loaded?.ok ? collectDashboards(loaded.runbook, []) : [];
  }

  getTreeItem(element: IncidentElement): vscode.TreeItem {
    switch (element.type) {
      case 'incident':
        return incidentItem(element);
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
        const item = new vscode.TreeItem(element.label, element.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
        // The expanded state is part of the id: a group that must open (Resolved, after resolving) is a new row to VS Code, not one it remembers closed.
        item.id = `group:${element.id}:${element.expanded ? 'open' : 'closed'}`;
        item.iconPath = new vscode.ThemeIcon(element.icon);
        item.description = element.description ?? String(element.children.length);
        if (element.contextValue) item.contextValue = element.contextValue;
        return item;
      }
      case 'detail': {
        const item = new vscode.TreeItem(element.label, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon(element.icon, element.iconColor ? new vscode.ThemeColor(element.iconColor) : undefined);
        if (element.description) item.description = element.description;
        item.tooltip = new vscode.MarkdownString().appendText(element.tooltip ?? `${element.label}${element.description ? `: ${element.description}` : ''}`);
        if (element.contextValue) item.contextValue = element.contextValue;
        if (element.command) item.command = element.command;
        else if (element.uri) item.command = { command: 'runbook.revealLine', title: 'Go to Line', arguments: [element.uri, element.line ?? 0] };
        return item;
      }
    }
  }

  /** Every row, expanded, as VS Code receives it. */
  rows(element?: IncidentElement): Promise<IncidentViewRow[]> {
    return treeRows(this, element);
  }

}

/**
 * An incident's row: the title, its stage or history in the description, the details in the tooltip.
 * The current incident and the selected closed one are expanded with their details.
 */
function incidentItem(element: Extract<IncidentElement, { type: 'incident' }>): vscode.TreeItem {
  const { state, entry } = element;
  const active = isActive(state);
  const expanded = element.current || element.selected;
  const item = new vscode.TreeItem(state.title, expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
  item.id = `${expanded ? 'open' : 'row'}:${entry.uri.toString()}`;
  item.description = incidentDescription(state, new Date());
  if (active) item.iconPath = new vscode.ThemeIcon('flame', new vscode.ThemeColor(element.current ? 'errorForeground' : 'descriptionForeground'));
  else if (element.selected) item.iconPath = new vscode.ThemeIcon('pinned');
  else item.iconPath = new vscode.ThemeIcon(state.status === 'declined' ? 'circle-slash' : 'pass');
  const marker = element.current ? 'The current incident.' : element.selected ? 'Selected: the Playbook shows its ticks until another incident is started or selected.' : active ? 'Active, not current: Select makes it current.' : 'Select shows its ticks in the Playbook.';
  const lines = [
    `${state.title} (${STATUS_LABELS[state.status]}, Sev ${state.severity})`,
    `Started ${formatTime(new Date(state.startedAt))}${state.resolvedAt && !active ? `, ${state.status} ${formatTime(new Date(state.resolvedAt))}` : ''}`,
    ...Object.entries(state.roles).map(([key, name]) => `${roleLabel(key)}: ${name}`),
    vscode.workspace.asRelativePath(entry.uri),
    marker,
  ];
  const tooltip = new vscode.MarkdownString();
  lines.forEach((line, i) => (i ? tooltip.appendMarkdown('  \n') : tooltip).appendText(line));
  item.tooltip = tooltip;
  item.contextValue = !active ? 'incident.closed' : element.current ? 'incident.current' : 'incident';
  item.command = { command: 'vscode.open', title: 'Open Incident Record', arguments: [entry.uri] };
  return item;
}

/**
 * A follow-up's row: `#123 title` and its state; across incidents the age leads (`45d · #123 title`) and the
 * incident follows, since a narrow side bar cuts the end. A leading `[Follow-up]`-style tag is left to the tooltip.
 */
function followUpRow(f: FollowUp, now: Date | undefined): IncidentElement {
  const age = now ? followUpAgeDays(f, now) : undefined;
  const stale = age !== undefined && age > STALE_DAYS;
  const state = describeState(f);
  const shortTitle = f.title.replace(/^\[[^\]]{1,30}\]:?\s+/, '');
  return {
    type: 'detail',
    label: `${age !== undefined ? `${age}d · ` : ''}#${f.issue.number} ${shortTitle}`,
    description: now ? f.record.read.state.title : state,
    tooltip: `${repoName(f.issue)}#${f.issue.number}: ${f.title} — ${state}${f.state === 'unknown' ? ' (GitHub has not told its state: sign in, or Refresh Follow-ups)' : ''}${age !== undefined ? `, ${f.createdAt ? 'opened' : 'its incident started'} ${age} days ago` : ''}. Follow-up of ${f.record.read.state.title}. Click to open the issue.`,
    icon: f.state === 'closed' ? 'pass' : f.state === 'unknown' ? 'question' : stale ? 'warning' : 'issues',
    ...(stale ? { iconColor: 'list.warningForeground' } : {}),
    command: { command: 'runbook.openLink', title: 'Open Issue', arguments: [{ url: f.issue.url }] },
  };
}

function timelineEntries(uri: vscode.Uri, text: string): IncidentElement[] {
  const section = sectionLines(text, RECORD_SECTIONS.timeline.heading);
  if (!section) return [];
  return section.lines
    .map((line, i) => ({ text: line, line: section.start + i }))
    .filter((l) => /^\s*[-*]\s+/.test(l.text))
    .map((l) => {
      const [, time, rest] = /^\s*[-*]\s+(\d{1,2}:\d{2}(?:\s+[A-Z][\w+:-]*)?)\s+—\s+(.*)$/.exec(l.text) ?? [];
      const entry = rest ?? l.text.replace(/^\s*[-*]\s+/, '');
      // A row shows no Markdown: "Paged via PagerDuty: incident #4", not "[incident #4](https://…)".
      const label = inlineLinksAsText(entry);
      return { type: 'detail', label, ...(time ? { description: time } : {}), tooltip: time ? `${time} — ${inlineLinksAsText(entry, true)}` : inlineLinksAsText(entry, true), icon: 'circle-small', uri, line: l.line, contextValue: 'timelineEntry', entry } as IncidentElement;
    });
}
