import * as vscode from 'vscode';
import type { IDisposable } from '../../core/lifecycle';
import { setChecklistItem } from './checklistEdits';
import { registerPlaybookCommands } from './playbookCommands';
import { type PlaybookElement, PlaybookTreeProvider } from './playbookTreeProvider';
import type { RunbookDiscovery } from './runbookDiscovery';
import type { RunbookModels } from './runbookModels';
import type { WorkspaceStepProgress } from './stepProgress';

export const PLAYBOOK_VIEW_ID = 'runbook.playbook';

export function registerPlaybookView(deps: { discovery: RunbookDiscovery; models: RunbookModels; progress: WorkspaceStepProgress }): IDisposable[] {
  const provider = new PlaybookTreeProvider(deps.discovery, deps.models, deps.progress);
  const view = vscode.window.createTreeView(PLAYBOOK_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true, manageCheckboxStateManually: true });
  return [
    provider,
    view,
    view.onDidChangeCheckboxState((e) => onCheckboxes(e.items, deps, provider)),
    vscode.commands.registerCommand('runbook.refresh', () => {
      deps.discovery.refresh();
    }),
    ...registerPlaybookCommands({ discovery: deps.discovery, provider, view }),
  ];
}

/** Checklist items write the file; steps record progress. Either way the tree is redrawn from the source of truth. */
async function onCheckboxes(
  items: ReadonlyArray<[PlaybookElement, vscode.TreeItemCheckboxState]>,
  deps: { models: RunbookModels; progress: WorkspaceStepProgress },
  provider: PlaybookTreeProvider,
): Promise<void> {
  for (const [element, state] of items) {
    if (element.type !== 'row') continue;
    const checked = state === vscode.TreeItemCheckboxState.Checked;
    const { source } = element.row;
    if (source.kind === 'checklist') {
      await setChecklistItem(element.file.uri, source, checked);
      deps.models.invalidate(element.file.uri);
    } else if (source.kind === 'step') {
      await deps.progress.set(element.row.id, checked);
    }
  }
  provider.refresh();
}
