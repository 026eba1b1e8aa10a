import * as vscode from 'vscode';
import type { IDisposable } from '../../core/lifecycle';
import { PlaybookTreeProvider } from './playbookTreeProvider';
import type { RunbookDiscovery } from './runbookDiscovery';

export const PLAYBOOK_VIEW_ID = 'runbook.playbook';

export function registerPlaybookView(deps: { discovery: RunbookDiscovery }): IDisposable[] {
  const provider = new PlaybookTreeProvider(deps.discovery);
  const view = vscode.window.createTreeView(PLAYBOOK_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  return [
    provider,
    view,
    vscode.commands.registerCommand('runbook.refresh', () => deps.discovery.refresh()),
  ];
}
