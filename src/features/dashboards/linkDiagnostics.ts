import * as vscode from 'vscode';
import { malformedLinks } from '../../core/dashboards/collectDashboards';
import { Disposable } from '../../core/lifecycle';
import { Sequencer } from '../../core/sequencer';
import type { RunbookDiscovery } from '../playbook/runbookDiscovery';
import type { RunbookModels } from '../playbook/runbookModels';

/** A malformed link in an open runbook becomes a Problems entry on its line. */
export class LinkDiagnostics extends Disposable {
  private readonly collection = this._register(vscode.languages.createDiagnosticCollection('runbook'));
  /** Newer scans of a document win; closing it makes every pending scan stale. */
  private readonly scans = new Sequencer<string>();

  constructor(
    private readonly discovery: RunbookDiscovery,
    private readonly models: RunbookModels,
  ) {
    super();
    this._register(vscode.workspace.onDidOpenTextDocument((d) => void this.check(d)));
    this._register(
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.scans.forget(d.uri.toString());
        this.collection.delete(d.uri);
      }),
    );
    this._register(models.onDidChange((uris) => uris.forEach((uri) => void this.checkUri(uri))));
    this._register(discovery.onDidChange(() => vscode.workspace.textDocuments.forEach((d) => void this.check(d))));
    vscode.workspace.textDocuments.forEach((d) => void this.check(d));
  }

  private async checkUri(uri: vscode.Uri): Promise<void> {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (document) await this.check(document);
  }

  private async check(document: vscode.TextDocument): Promise<void> {
    await this.scans.run(
      document.uri.toString(),
      () => this.scan(document),
      (diagnostics) => (diagnostics ? this.collection.set(document.uri, diagnostics) : this.collection.delete(document.uri)),
    );
  }

  /** The document's Problems entries, or undefined when it is not a runbook that loads. */
  private async scan(document: vscode.TextDocument): Promise<vscode.Diagnostic[] | undefined> {
    if (document.languageId !== 'markdown') return undefined;
    const isRunbook = (await this.discovery.findRunbooks()).some((r) => r.uri.toString() === document.uri.toString());
    const loaded = isRunbook ? await this.models.load(document.uri) : undefined;
    if (!loaded?.ok) return undefined;
    return malformedLinks(loaded.runbook)
      .filter((p) => p.line < document.lineCount)
      .map((p) => {
        const line = document.lineAt(p.line);
        const at = line.text.indexOf(p.url);
        const range = at >= 0 ? new vscode.Range(p.line, at, p.line, at + p.url.length) : line.range;
        const diagnostic = new vscode.Diagnostic(range, p.message, vscode.DiagnosticSeverity.Warning);
        diagnostic.source = 'Incident Runbook';
        return diagnostic;
      });
  }
}
