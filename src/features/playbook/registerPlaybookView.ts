import * as vscode from 'vscode';
import type { IDisposable } from '../../core/lifecycle';
import { setChecklistItem } from './checklistEdits';
import { registerPlaybookCommands } from './playbookCommands';
import { type PlaybookElement, PlaybookTreeProvider } from './playbookTreeProvider';
import type { RunbookDiscovery } from './runbookDiscovery';
import type { RunbookModels } from './runbookModels';
import type { StepProgressRouter } from '../incident/stepProgressRouter';
import type { OnCallSource } from '../pagerduty/pagerDuty';

const PLAYBOOK_VIEW_ID = 'runbook.playbook';

export function registerPlaybookView(deps: { discovery: RunbookDiscovery; models: RunbookModels; progress: StepProgressRouter; onCall: OnCallSource }): IDisposable[] {
  const provider = new PlaybookTreeProvider(deps.discovery, deps.models, deps.progress, deps.onCall);
  const view = vscode.window.createTreeView(PLAYBOOK_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true, manageCheckboxStateManually: true });
  return [
    provider,
    view,
    view.onDidChangeCheckboxState((e) => {
      onCheckboxes(e.items, deps, provider).catch((error: unknown) => {
        provider.refresh();
        void vscode.window.showErrorMessage(`Could not record the change: ${error instanceof Error ? error.message : String(error)}`);
      });
    }),
    vscode.commands.registerCommand('runbook.refresh', () => {
      deps.discovery.refresh();
    }),
    vscode.commands.registerCommand('runbook.setItemChecked', async (arg?: { uri?: string | vscode.Uri; line?: number; checked?: boolean }) => {
      const uri = typeof arg?.uri === 'string' ? vscode.Uri.parse(arg.uri, true) : arg?.uri;
      if (!uri || typeof arg?.line !== 'number') throw new Error('runbook.setItemChecked needs { uri, line, checked }');
      const element = await provider.rowAtLine(uri, arg.line);
      if (!element) {
        const root = await provider.rootFor(uri);
        const why = root?.type === 'runbook' && root.supportPlan ? ': it is a support plan, whose checks are ticked per shift (Runbook: Start Support Shift)' : '';
        void vscode.window.showWarningMessage(`No step or checklist item to tick on line ${arg.line + 1} of ${vscode.workspace.asRelativePath(uri)}${why}.`);
        return false;
      }
      return onCheckboxes([[element, arg.checked === false ? vscode.TreeItemCheckboxState.Unchecked : vscode.TreeItemCheckboxState.Checked]], deps, provider);
    }),
    ...registerPlaybookCommands({ discovery: deps.discovery, provider, view }),
  ];
}

/** Checklist items write the file; steps record progress. Either way the tree is redrawn from the source of truth. */
async function onCheckboxes(
  items: ReadonlyArray<[PlaybookElement, vscode.TreeItemCheckboxState]>,
  deps: { models: RunbookModels; progress: StepProgressRouter },
  provider: PlaybookTreeProvider,
): Promise<boolean> {
  let allApplied = true;
  for (const [element, state] of items) {
    if (element.type !== 'row') continue;
    const checked = state === vscode.TreeItemCheckboxState.Checked;
    const { source } = element.row;
    if (source.kind === 'checklist') {
      allApplied = (await setChecklistItem(element.file.uri, source, checked)) && allApplied;
      deps.models.invalidate(element.file.uri);
    } else if (source.kind === 'step') {
      await deps.progress.set(element.row.id, element.file.uri.toString(), element.row.label, checked);
    }
  }
  provider.refresh();
  return allApplied;
}
