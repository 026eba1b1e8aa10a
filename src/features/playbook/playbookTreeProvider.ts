import * as vscode from 'vscode';
import { Disposable } from '../../core/lifecycle';
import { Sequencer } from '../../core/sequencer';
import { buildViewTree, markdownCodeSpan, type TemplateSettings, type Tooltip, tooltipFor, type ViewNode } from '../../core/runbook/treeModel';
import { affects, folderSettings } from '../settings';
import type { RunbookDiscovery, RunbookFile } from './runbookDiscovery';
import type { LoadedRunbook, RunbookModels } from './runbookModels';
import type { StepProgress } from '../../core/runbook/treeModel';

/** A row of the Playbook view: a runbook, one of its nodes, or why it could not be read. */
export type PlaybookElement =
  | { readonly type: 'runbook'; readonly file: RunbookFile; readonly title: string; readonly rows: readonly ViewNode[] }
  | { readonly type: 'error'; readonly file: RunbookFile; readonly message: string }
  | { readonly type: 'row'; readonly file: RunbookFile; readonly row: ViewNode };

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
  ) {
    super();
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
    if (element.type === 'row') return element.row.children.map((row) => ({ type: 'row', file: element.file, row }));
    return [];
  }

  getParent(element: PlaybookElement): PlaybookElement | undefined {
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
        item.tooltip = element.file.uri.fsPath || element.file.uri.toString();
        item.contextValue = 'runbook';
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
      case 'row':
        return rowItem(element.file, element.row);
    }
  }
}

function toRoot(file: RunbookFile, loaded: LoadedRunbook, progress: StepProgress): PlaybookElement {
  if (!loaded.ok) return { type: 'error', file, message: loaded.error };
  return { type: 'runbook', file, title: loaded.runbook.title, rows: buildViewTree(loaded.runbook, file.uri.toString(), progress, templateSettings(file.uri)) };
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
  item.contextValue = row.contextValue;
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
