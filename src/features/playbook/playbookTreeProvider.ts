import * as vscode from 'vscode';
import { Disposable } from '../../core/lifecycle';
import { Sequencer } from '../../core/sequencer';
import { buildViewTree, markdownCodeSpan, type TemplateSettings, type Tooltip, tooltipFor, type ViewNode } from '../../core/runbook/treeModel';
import { affects, folderSettings } from '../settings';
import type { RunbookDiscovery, RunbookFile } from './runbookDiscovery';
import type { LoadedRunbook, RunbookModels } from './runbookModels';
import type { StepProgress } from '../../core/runbook/treeModel';
import type { OnCallView } from '../pagerduty/onCallService';
import { isSupportPlan } from '../../core/support/supportPlan';
import type { OnCallSource } from '../pagerduty/pagerDuty';
import { type OnCallRowData, onCallRows, onCallSummary } from '../pagerduty/onCallRows';

/** A row of the Playbook view: a runbook, one of its nodes, or why it could not be read. */
export type PlaybookElement =
  | { readonly type: 'runbook'; readonly file: RunbookFile; readonly title: string; readonly rows: readonly ViewNode[]; readonly supportPlan: boolean }
  | { readonly type: 'error'; readonly file: RunbookFile; readonly message: string }
  | { readonly type: 'row'; readonly file: RunbookFile; readonly row: ViewNode }
  /** "On call now", from the runbook's PagerDuty link, first in its Points of Contact section. */
  | { readonly type: 'onCallGroup'; readonly file: RunbookFile; readonly view: OnCallView; readonly parent: ViewNode }
  | { readonly type: 'onCall'; readonly file: RunbookFile; readonly onCall: OnCallRowData; readonly parent: ViewNode };

export class PlaybookTreeProvider extends Disposable implements vscode.TreeDataProvider<PlaybookElement> {
  private readonly _onDidChangeTreeData = this._register(new vscode.EventEmitter<PlaybookElement | undefined>());
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;
  /** The runbook elements of the last draw, by URI, to find parents and rows again. */
  private roots = new Map<string, PlaybookElement>();
  private readonly sequencer = new Sequencer<'roots'>();

  constructor(
    private readonly discovery: RunbookDiscovery,
    private readonly models: RunbookModels,
    private readonly progress: StepProgress & { readonly onDidChange: vscode.Event<void> },
    private readonly onCall: OnCallSource,
  ) {
    super();
    this._register(onCall.onDidChange(() => this.refresh()));
    this._register(progress.onDidChange(() => this.refresh()));
    this._register(discovery.onDidChange(() => this.refresh()));
    this._register(models.onDidChange(() => this.refresh()));
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affects(e, 'traceabilityTemplate', 'postmortemTemplate')) this.refresh();
      }),
    );
  }

  refresh(): void {
    this._onDidChangeTreeData.fire(undefined);
  }

  async getChildren(element?: PlaybookElement): Promise<PlaybookElement[]> {
    if (!element) return this.getRoots();
    if (element.type === 'runbook') return element.rows.map((row) => ({ type: 'row', file: element.file, row }));
    if (element.type === 'row') return [...(await this.onCallOf(element.file, element.row)), ...element.row.children.map((row): PlaybookElement => ({ type: 'row', file: element.file, row }))];
    if (element.type === 'onCallGroup') return onCallRows(element.view, new Date()).map((onCall) => ({ type: 'onCall', file: element.file, onCall, parent: element.parent }));
    return [];
  }

  /** The "On call now" group when `row` is the section it belongs in. */
  private async onCallOf(file: RunbookFile, row: ViewNode): Promise<PlaybookElement[]> {
    if (row.kind !== 'section') return [];
    const root = this.roots.get(file.uri.toString());
    if (root?.type !== 'runbook' || onCallSection(root.rows)?.id !== row.id) return [];
    const view = await this.onCall.peek(file.uri);
    return view ? [{ type: 'onCallGroup', file, view, parent: row }] : [];
  }

  getParent(element: PlaybookElement): PlaybookElement | undefined {
    if (element.type === 'onCallGroup' || element.type === 'onCall') return { type: 'row', file: element.file, row: element.parent };
    if (element.type !== 'row') return undefined;
    const parent = element.row.parent;
    return parent ? { type: 'row', file: element.file, row: parent } : this.roots.get(element.file.uri.toString());
  }

  /** The runbook element for a file, as last drawn (loading it if needed). */
  async rootFor(uri: vscode.Uri): Promise<PlaybookElement | undefined> {
    if (!this.roots.has(uri.toString())) await this.getRoots();
    return this.roots.get(uri.toString());
  }

  /** The row with a checkbox that starts on `line` (0-based), from a fresh model of the runbook. */
  async rowAtLine(uri: vscode.Uri, line: number): Promise<PlaybookElement | undefined> {
    await this.getRoots();
    const root = this.roots.get(uri.toString());
    if (root?.type !== 'runbook') return undefined;
    const find = (rows: readonly ViewNode[]): ViewNode | undefined => {
      for (const row of rows) {
        if (row.line === line && row.checked !== undefined) return row;
        const inside = find(row.children);
        if (inside) return inside;
      }
      return undefined;
    };
    const row = find(root.rows);
    return row ? { type: 'row', file: root.file, row } : undefined;
  }

  private async getRoots(): Promise<PlaybookElement[]> {
    const ticket = this.sequencer.next('roots');
    const files = await this.discovery.findRunbooks();
    const roots = await Promise.all(files.map(async (file) => toRoot(file, await this.models.load(file.uri), this.progress)));
    // A draw that started earlier but finished later must not replace the newer rows.
    if (this.sequencer.isCurrent(ticket)) this.roots = new Map(roots.map((r) => [r.file.uri.toString(), r]));
    return roots;
  }

  getTreeItem(element: PlaybookElement): vscode.TreeItem {
    switch (element.type) {
      case 'runbook': {
        const item = new vscode.TreeItem(element.title, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = element.file.uri.toString();
        item.resourceUri = element.file.uri;
        item.iconPath = new vscode.ThemeIcon('book');
        item.description = element.file.relativePath;
        const path = element.file.uri.fsPath || element.file.uri.toString();
        item.tooltip = element.supportPlan ? `${path}\n\nA support plan: its checks are ticked per shift, in the Support Shift view (Runbook: Start Support Shift).` : path;
        item.contextValue = element.supportPlan ? 'runbook.supportPlan' : 'runbook';
        return item;
      }
      case 'error': {
        const item = new vscode.TreeItem(`Cannot read ${element.file.relativePath}`, vscode.TreeItemCollapsibleState.None);
        item.id = element.file.uri.toString();
        item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
        item.description = element.message;
        item.tooltip = `${element.file.relativePath}: ${element.message}`;
        item.contextValue = 'runbookError';
        return item;
      }
      case 'row': {
        const item = rowItem(element.file, element.row);
        // The section that holds "On call now" has a child more than its rows.
        if (item.collapsibleState === vscode.TreeItemCollapsibleState.None && element.row.kind === 'section' && onCallSection(this.rootRows(element.file))?.id === element.row.id) item.collapsibleState = vscode.TreeItemCollapsibleState.Expanded;
        return item;
      }
      case 'onCallGroup': {
        const item = new vscode.TreeItem('On call now', vscode.TreeItemCollapsibleState.Expanded);
        item.id = `${element.parent.id}/onCall`;
        item.iconPath = new vscode.ThemeIcon('organization');
        item.description = onCallSummary(element.view);
        const policy = element.view.state === 'ok' && element.view.target.policyName ? ` for ${element.view.target.policyName}` : '';
        item.tooltip = `Who is on call now${policy}, from PagerDuty (${element.view.link.url}); refreshed every 15 minutes at most while in sight.`;
        item.contextValue = element.view.state === 'ok' ? 'onCall.group' : 'onCall.unavailable';
        return item;
      }
      case 'onCall': {
        const { onCall } = element;
        const item = new vscode.TreeItem(onCall.label, vscode.TreeItemCollapsibleState.None);
        item.id = `${element.parent.id}/onCall/${onCall.person ? `${onCall.person.level}/${onCall.person.userId}` : onCall.label}`;
        item.iconPath = new vscode.ThemeIcon(onCall.icon, onCall.warning ? new vscode.ThemeColor('list.warningForeground') : undefined);
        if (onCall.description) item.description = onCall.description;
        item.tooltip = onCall.tooltip;
        if (onCall.contextValue) item.contextValue = onCall.contextValue;
        if (onCall.command) item.command = onCall.command;
        return item;
      }
    }
  }

  private rootRows(file: RunbookFile): readonly ViewNode[] {
    const root = this.roots.get(file.uri.toString());
    return root?.type === 'runbook' ? root.rows : [];
  }
}

const CONTACTS = /contact/i;
const ESCALATION = /escalat/i;

/** A step of an Escalation section: its row offers Page via PagerDuty… during an incident. */
function isEscalationStep(row: ViewNode): boolean {
  if (row.kind !== 'step') return false;
  for (let parent = row.parent; parent; parent = parent.parent) if (parent.kind === 'section' && ESCALATION.test(parent.label)) return true;
  return false;
}

/** Where "On call now" goes: the Points of Contact section, else the section holding the PagerDuty link. */
function onCallSection(rows: readonly ViewNode[]): ViewNode | undefined {
  let contacts: ViewNode | undefined;
  let linkSection: ViewNode | undefined;
  const visit = (list: readonly ViewNode[], section: ViewNode | undefined) => {
    for (const row of list) {
      if (!contacts && row.kind === 'section' && CONTACTS.test(row.label)) contacts = row;
      if (!linkSection && row.source.kind === 'link' && row.source.linkKind === 'pagerduty') linkSection = section;
      visit(row.children, row.kind === 'section' ? row : section);
    }
  };
  visit(rows, undefined);
  return linkSection ? (contacts ?? linkSection) : undefined;
}

function toRoot(file: RunbookFile, loaded: LoadedRunbook, progress: StepProgress): PlaybookElement {
  if (!loaded.ok) return { type: 'error', file, message: loaded.error };
  const supportPlan = isSupportPlan(loaded.runbook, loaded.text);
  return { type: 'runbook', file, title: loaded.runbook.title, rows: playbookRows(loaded, file.uri, progress, supportPlan), supportPlan };
}

/**
 * The rows of a runbook. A support plan's checks are ticked per shift, in the Support Shift view: ticks kept here for
 * the workspace would never reset, so its steps have none (its own `[ ]` boxes, part of the file, keep theirs).
 */
export function playbookRows(loaded: LoadedRunbook & { ok: true }, uri: vscode.Uri, progress: StepProgress, supportPlan = isSupportPlan(loaded.runbook, loaded.text)): ViewNode[] {
  return buildViewTree(loaded.runbook, uri.toString(), progress, templateSettings(uri), !supportPlan);
}

/** The template settings of the runbook's folder, which the rows of the sections linking a template compare with. */
export function templateSettings(runbook: vscode.Uri): TemplateSettings {
  const settings = folderSettings(runbook);
  return { traceability: settings.traceabilityTemplate, postmortem: settings.postmortemTemplate };
}

function rowItem(file: RunbookFile, row: ViewNode): vscode.TreeItem {
  // Top-level sections open, whatever their level: under an H2 title they are H3s.
  const open = row.kind === 'section' && row.source.kind === 'section' && (row.parent === undefined || row.source.level <= 2);
  const collapsed = open ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
  const item = new vscode.TreeItem(row.label, row.children.length ? collapsed : vscode.TreeItemCollapsibleState.None);
  item.id = row.id;
  if (row.icon) item.iconPath = new vscode.ThemeIcon(row.icon);
  if (row.description) item.description = row.description;
  item.tooltip = toMarkdown(tooltipFor(row));
  item.contextValue = isEscalationStep(row) ? 'step.escalation' : row.contextValue;
  if (row.checked !== undefined) {
    item.checkboxState = row.checked ? vscode.TreeItemCheckboxState.Checked : vscode.TreeItemCheckboxState.Unchecked;
  }
  item.command = { command: 'runbook.revealLine', title: 'Go to Line', arguments: [file.uri, row.line] };
  return item;
}

/** Runbook text goes through appendText/appendCodeblock or a code span, which escape it: nothing in a runbook renders as Markdown or HTML here. */
function toMarkdown(tooltip: Tooltip): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown('**');
  md.appendText(tooltip.title);
  md.appendMarkdown('**');
  // As code: appendText would escape "from_ts" to "from\_ts", which an autolinked URL then shows.
  if (tooltip.url) md.appendMarkdown(`\n\n${markdownCodeSpan(tooltip.url)}`);
  for (const line of tooltip.lines) {
    md.appendMarkdown('\n\n');
    if (typeof line === 'string') {
      md.appendText(line);
    } else {
      md.appendText(line.text);
      md.appendMarkdown(` ${markdownCodeSpan(line.code)}`);
    }
  }
  if (tooltip.code) md.appendCodeblock(tooltip.code.text, tooltip.code.language);
  return md;
}
