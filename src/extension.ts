import type * as vscode from 'vscode';
import { createApi, type RunbookApi } from './api';
import { RunbookDiscovery } from './features/playbook/runbookDiscovery';
import { registerPlaybookView } from './features/playbook/registerPlaybookView';
import { registerSampleRunbook } from './features/sampleRunbook/registerSampleRunbook';

export function activate(context: vscode.ExtensionContext): RunbookApi {
  const discovery = new RunbookDiscovery();
  context.subscriptions.push(
    discovery,
    ...registerPlaybookView({ discovery }),
    ...registerSampleRunbook({ discovery }),
  );
  return createApi({ discovery });
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}
