import * as vscode from 'vscode';
import { collectDashboards } from '../../core/dashboards/collectDashboards';
import { Disposable } from '../../core/lifecycle';
import type { RunbookDiscovery } from '../playbook/runbookDiscovery';
import type { RunbookModels } from '../playbook/runbookModels';

/** "Open for incident window" above each dashboard link of a runbook. */
export class DashboardCodeLensProvider extends Disposable implements vscode.CodeLensProvider {
  private readonly _onDidChangeCodeLenses = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this._onDidChangeCodeLenses.event;

  constructor(
    private readonly discovery: RunbookDiscovery,
    private readonly models: RunbookModels,
  ) {
    super();
    this._register(models.onDidChange(() => this._onDidChangeCodeLenses.fire()));
    this._register(discovery.onDidChange(() => this._onDidChangeCodeLenses.fire()));
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const runbooks = await this.discovery.findRunbooks();
    if (!runbooks.some((r) => r.uri.toString() === document.uri.toString())) return [];
    const loaded = await this.models.load(document.uri);
    if (!loaded.ok) return [];
    return collectDashboards(loaded.runbook, [])
      .filter((d) => d.line !== undefined && d.line < document.lineCount)
      .map((d) => new vscode.CodeLens(new vscode.Range(d.line ?? 0, 0, d.line ?? 0, 0), { title: `$(dashboard) Open for incident window${d.vendor ? '' : ' (no time window)'}`, command: 'runbook.openDashboard', arguments: [{ url: d.url }] }));
  }
}
