import * as vscode from 'vscode';
import { Disposable } from '../../core/lifecycle';
import type { RunbookDiscovery, RunbookFile } from './runbookDiscovery';

export type PlaybookNode = { readonly kind: 'runbook'; readonly file: RunbookFile };

/** Shows each runbook of the workspace; a click opens it. */
export class PlaybookTreeProvider extends Disposable implements vscode.TreeDataProvider<PlaybookNode> {
  private readonly _onDidChangeTreeData = this._register(new vscode.EventEmitter<PlaybookNode | undefined>());
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;

  constructor(private readonly discovery: RunbookDiscovery) {
    super();
    this._register(discovery.onDidChange(() => this._onDidChangeTreeData.fire(undefined)));
  }

  async getChildren(element?: PlaybookNode): Promise<PlaybookNode[]> {
    if (element) return [];
    const files = await this.discovery.findRunbooks();
    return files.map((file) => ({ kind: 'runbook', file }));
  }

  getTreeItem(node: PlaybookNode): vscode.TreeItem {
    const { file } = node;
    const item = new vscode.TreeItem(basename(file.relativePath), vscode.TreeItemCollapsibleState.None);
    item.id = file.uri.toString();
    item.resourceUri = file.uri;
    item.iconPath = new vscode.ThemeIcon('book');
    item.description = describeLocation(file);
    item.tooltip = file.uri.fsPath || file.uri.toString();
    item.contextValue = 'runbook';
    item.command = { command: 'vscode.open', title: 'Open Runbook', arguments: [file.uri] };
    return item;
  }
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The folder the runbook lives in, prefixed by the workspace folder's name in a multi-root workspace. */
function describeLocation(file: RunbookFile): string {
  const dir = file.relativePath.includes('/') ? file.relativePath.slice(0, file.relativePath.lastIndexOf('/')) : '';
  const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
  return [multiRoot ? file.folder.name : '', dir].filter(Boolean).join(' · ');
}
