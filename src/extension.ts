import type * as vscode from 'vscode';
import { createApi, type RunbookApi } from './api';
import { registerPlaybookView } from './features/playbook/registerPlaybookView';
import { RunbookDiscovery } from './features/playbook/runbookDiscovery';
import { RunbookModels } from './features/playbook/runbookModels';
import { WorkspaceStepProgress } from './features/playbook/stepProgress';
import { registerSampleRunbook } from './features/sampleRunbook/registerSampleRunbook';

export function activate(context: vscode.ExtensionContext): RunbookApi {
  const discovery = new RunbookDiscovery(context.workspaceState);
  const models = new RunbookModels();
  const progress = new WorkspaceStepProgress(context.workspaceState);
  context.subscriptions.push(
    discovery,
    models,
    ...registerPlaybookView({ discovery, models, progress }),
    ...registerSampleRunbook({ discovery }),
  );
  return createApi({ discovery, models, progress });
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}
