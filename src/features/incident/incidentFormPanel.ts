import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { ERROR_TYPES, type IncidentInput } from '../../core/incident/incident';
import { Disposable } from '../../core/lifecycle';
import { walk } from '../../core/runbook/model';
import type { FormSuggestions, FormValues, FromWebview, ToWebview } from '../../../webview/incidentForm/messages';
import type { RunbookDiscovery } from '../playbook/runbookDiscovery';
import type { RunbookModels } from '../playbook/runbookModels';
import { IncidentInputError } from './createIncident';

const VIEW_TYPE = 'runbook.startIncidentForm';

/** The "Start Incident" webview form: the Collect step as fields, validated by the same code as the command's argument. */
export class IncidentFormPanel extends Disposable {
  private panel: vscode.WebviewPanel | undefined;
  /** A second Submit while the first is being written is ignored, so two records cannot race for one name. */
  private submitting = false;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly discovery: RunbookDiscovery,
    private readonly models: RunbookModels,
    private readonly start: (input: IncidentInput) => Promise<vscode.Uri | undefined>,
  ) {
    super();
    this._register({ dispose: () => this.panel?.dispose() });
  }

  show(): void {
    if (this.panel) {
      this.panel.reveal();
      return;
    }
    const roots = [vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(this.extensionUri, 'media')];
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, 'Start Incident', vscode.ViewColumn.Active, { enableScripts: true, localResourceRoots: roots });
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'runbook.svg');
    panel.webview.html = this.html(panel.webview);
    this.panel = panel;
    const listener = panel.webview.onDidReceiveMessage((message: unknown) => {
      this.onMessage(panel, message).catch((error: unknown) => void vscode.window.showErrorMessage(`Start Incident: ${error instanceof Error ? error.message : String(error)}`));
    });
    panel.onDidDispose(() => {
      listener.dispose();
      this.panel = undefined;
    });
  }

  private async onMessage(panel: vscode.WebviewPanel, message: unknown): Promise<void> {
    if (!isFromWebview(message)) return;
    const post = (m: ToWebview) => void panel.webview.postMessage(m);
    if (message.type === 'ready') post({ type: 'init', ...(await this.suggestions()) });
    else if (message.type === 'cancel') panel.dispose();
    else if (!this.submitting) {
      this.submitting = true;
      try {
        const uri = await this.start(toInput(message.values));
        if (!uri) return;
        post({ type: 'started', path: vscode.workspace.asRelativePath(uri) });
        panel.dispose();
      } catch (error) {
        if (error instanceof IncidentInputError) post({ type: 'errors', errors: error.fields });
        else void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
      } finally {
        this.submitting = false;
      }
    }
  }

  /** Runbooks to pick from, and systems and people named in them. */
  private async suggestions(): Promise<{ suggestions: FormSuggestions; defaults: Partial<FormValues> }> {
    const files = await this.discovery.findRunbooks();
    const systems = new Set<string>();
    const people = new Set<string>();
    for (const file of files) {
      const loaded = await this.models.load(file.uri);
      if (!loaded.ok) continue;
      for (const node of walk(loaded.runbook.children)) {
        if (node.kind === 'link' && node.linkKind === 'dashboard') systems.add(node.label);
        if (node.kind === 'contact' && node.name) people.add(node.name);
        if (node.kind === 'step' && /system/i.test(node.text)) {
          for (const list of node.text.matchAll(/\(([^()]+)\)/g)) (list[1] ?? '').split(/,\s*/).filter((s) => s.length < 40).forEach((s) => systems.add(s.trim()));
        }
      }
    }
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    const preferred = files.find((f) => f.uri.toString() === active) ?? files.find((f) => /incident|playbook|runbook/i.test(f.relativePath)) ?? files[0];
    const runbooks = files.map((f) => ({ label: f.relativePath, value: vscode.workspace.asRelativePath(f.uri) }));
    return {
      suggestions: { runbooks, systems: [...systems], people: [...people], errorTypes: ERROR_TYPES },
      defaults: { severity: '3', startedAt: '', ...(preferred ? { runbook: vscode.workspace.asRelativePath(preferred.uri) } : {}) },
    };
  }

  private html(webview: vscode.Webview): string {
    const nonce = randomBytes(16).toString('base64');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview', 'incidentForm.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'incidentForm.css'));
    const csp = `default-src 'none'; img-src ${webview.cspSource}; font-src ${webview.cspSource}; style-src ${webview.cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}';`;
    const text = (id: string, label: string, placeholder: string, extra = '') => `
      <vscode-form-group variant="vertical" id="${id}-group">
        <vscode-label for="${id}">${label}</vscode-label>
        <vscode-textfield id="${id}" name="${id}" placeholder="${placeholder}" ${extra}></vscode-textfield>
        <div class="chips" id="${id}-suggestions"></div>
        <vscode-form-helper class="error" id="${id}-error"></vscode-form-helper>
      </vscode-form-group>`;
    return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${csp}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link rel="stylesheet" href="${style}" nonce="${nonce}">
  <title>Start Incident</title>
</head>
<body>
  <h1>Start Incident</h1>
  <p class="lead">Collect what the team needs to triage. The record is created in the repository, where everyone sees it.</p>
  <form id="incident-form" novalidate>
    ${text('title', 'Title', 'Checkout 500s', 'required')}
    <vscode-form-group variant="vertical" id="impact-group">
      <vscode-label for="impact">Impact</vscode-label>
      <vscode-textarea id="impact" name="impact" rows="2" placeholder="Who is affected, and how?"></vscode-textarea>
      <vscode-form-helper class="error" id="impact-error"></vscode-form-helper>
    </vscode-form-group>
    <div class="row">
      ${text('affected', 'Affected users', '12% or 340 users')}
      <vscode-form-group variant="vertical" id="severity-group">
        <vscode-label for="severity">Severity</vscode-label>
        <vscode-single-select id="severity" name="severity">
          <vscode-option value="1">1: critical</vscode-option>
          <vscode-option value="2">2: major</vscode-option>
          <vscode-option value="3" selected>3: minor</vscode-option>
          <vscode-option value="4">4: low</vscode-option>
        </vscode-single-select>
        <vscode-form-helper class="error" id="severity-error"></vscode-form-helper>
      </vscode-form-group>
    </div>
    <vscode-form-group variant="vertical" id="errorTypes-group">
      <vscode-label>Error types</vscode-label>
      <vscode-checkbox-group id="errorTypes"></vscode-checkbox-group>
      <vscode-form-helper class="error" id="errorTypes-error"></vscode-form-helper>
    </vscode-form-group>
    ${text('systems', 'Systems involved', 'Comma-separated; suggestions below')}
    ${text('startedAt', 'Started', 'Empty for now, "25 minutes ago", or 2026-03-01T14:05')}
    <div class="row">
      ${text('coordinator', 'Coordinator', 'Name')}
      ${text('technicalLead', 'Technical lead', 'Name')}
    </div>
    <vscode-form-group variant="vertical" id="runbook-group">
      <vscode-label for="runbook">Runbook</vscode-label>
      <vscode-single-select id="runbook" name="runbook"></vscode-single-select>
      <vscode-form-helper class="error" id="runbook-error"></vscode-form-helper>
    </vscode-form-group>
    <div class="actions">
      <vscode-button id="submit">Start Incident</vscode-button>
      <vscode-button id="cancel" secondary>Cancel</vscode-button>
    </div>
    <div id="status" role="status"></div>
  </form>
  <script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
  }
}

function isFromWebview(message: unknown): message is FromWebview {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as { type?: unknown; values?: unknown };
  if (m.type === 'ready' || m.type === 'cancel') return true;
  return m.type === 'submit' && typeof m.values === 'object' && m.values !== null;
}

function toInput(values: FormValues): IncidentInput {
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  return {
    title: text(values.title),
    impact: text(values.impact),
    affected: text(values.affected),
    errorTypes: Array.isArray(values.errorTypes) ? values.errorTypes.filter((t): t is string => typeof t === 'string') : [],
    systems: text(values.systems),
    startedAt: text(values.startedAt),
    severity: text(values.severity),
    roles: { coordinator: text(values.coordinator), technicalLead: text(values.technicalLead) },
    runbook: text(values.runbook) || undefined,
  };
}
