import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { folderSettings } from '../settings';
import { ERROR_TYPES, type IncidentInput, parseStartTime, validateIncidentInput } from '../../core/incident/incident';
import { runbookRoles } from '../../core/incident/roles';
import { systemSuggestions } from '../../core/incident/systemSuggestions';
import { Disposable } from '../../core/lifecycle';
import { type Runbook, walk } from '../../core/runbook/model';
import { Sequencer } from '../../core/sequencer';
import { runbookTemplates } from '../../core/templates/runbookTemplates';
import { templateCandidates } from '../../core/templates/templateSource';
import { formatTime } from '../../core/time/formatTime';
import type { FormSuggestions, FormValues, FromWebview, RoleDefaults, TemplateDefault, ToWebview } from '../../../webview/incidentForm/messages';
import { incidentFormPage } from '../../../webview/incidentForm/page';
import type { RunbookDiscovery, RunbookFile } from '../playbook/runbookDiscovery';
import type { RunbookModels } from '../playbook/runbookModels';
import type { PreviewTemplate } from '../templates/templatePreview';
import { IncidentInputError } from './createIncident';

const VIEW_TYPE = 'runbook.startIncidentForm';

/** The "Start Incident" webview form: the Collect step as fields, validated by the same code as the command's argument. */
export class IncidentFormPanel extends Disposable {
  private panel: vscode.WebviewPanel | undefined;
  /** A second Submit while the first is being written is ignored, so two records cannot race for one name. */
  private submitting = false;
  /** Each runbook's default template (by the form's runbook value; '' without one): a submitted template equal to it is not an override. */
  private templateDefaults = new Map<string, string>();
  /** Only the newest preview reaches the form. */
  private readonly previews = new Sequencer<'preview'>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly discovery: RunbookDiscovery,
    private readonly models: RunbookModels,
    private readonly start: (input: IncidentInput) => Promise<vscode.Uri | undefined>,
    private readonly preview: PreviewTemplate,
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
    else if (message.type === 'validate') post(validation(this.toInput(message.values)));
    else if (message.type === 'preview') await this.sendPreview(message.runbook, message.template, post);
    else if (message.type === 'cancel') panel.dispose();
    else if (!this.submitting) {
      this.submitting = true;
      try {
        const uri = await this.start(this.toInput(message.values));
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

  /** The person's values as the command's input; the template only when changed from the runbook's default, so the precedence applies otherwise. */
  private toInput(values: FormValues): IncidentInput {
    const template = this.chosenTemplate(values.runbook, values.template);
    return { ...toInput(values), ...(template ? { template } : {}) };
  }

  private chosenTemplate(runbook: unknown, template: unknown): string | undefined {
    const value = typeof template === 'string' ? template.trim() : '';
    return value && value !== this.templateDefaults.get(typeof runbook === 'string' ? runbook : '') ? value : undefined;
  }

  private async sendPreview(runbook: string, template: string, post: (m: ToWebview) => void): Promise<void> {
    const chosen = this.chosenTemplate(runbook, template);
    await this.previews.run(
      'preview',
      () => this.preview({ ...(runbook ? { runbook } : {}), ...(chosen ? { template: chosen } : {}) }).catch((error: unknown) => ({
        source: chosen ?? '',
        text: '',
        filled: [],
        unfilled: [],
        notes: [`Cannot preview the template: ${error instanceof Error ? error.message : String(error)}`],
      })),
      (preview) => post({ type: 'templatePreview', preview }),
    );
  }

  /** Runbooks to pick from; systems (configured, then named by the runbooks, the preferred one first) and people named in them. */
  private async suggestions(): Promise<{ suggestions: FormSuggestions; defaults: Partial<FormValues> }> {
    const files = await this.discovery.findRunbooks();
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    const preferred = files.find((f) => f.uri.toString() === active) ?? files.find((f) => /incident|playbook|runbook/i.test(f.relativePath)) ?? files[0];
    const runbooks: Runbook[] = [];
    const roles = new Map<RunbookFile, RoleDefaults>();
    const templates = new Map<RunbookFile, TemplateDefault>();
    const people = new Set<string>();
    for (const file of preferred ? [preferred, ...files.filter((f) => f !== preferred)] : files) {
      const loaded = await this.models.load(file.uri);
      if (!loaded.ok) continue;
      runbooks.push(loaded.runbook);
      roles.set(file, roleDefaults(loaded.runbook));
      templates.set(file, templateDefault(file.folder, runbookTemplates(loaded.runbook).traceability?.href));
      for (const node of walk(loaded.runbook.children)) if (node.kind === 'contact' && node.name) people.add(node.name);
    }
    const systems = systemSuggestions(runbooks, folderSettings(preferred?.folder).systems);
    const options = files.map((f) => ({ label: f.relativePath, value: vscode.workspace.asRelativePath(f.uri), roles: roles.get(f) ?? {}, template: templates.get(f) ?? templateDefault(f.folder, undefined) }));
    const withoutRunbook = templateDefault(preferred?.folder ?? vscode.workspace.workspaceFolders?.[0], undefined);
    this.templateDefaults = new Map([['', withoutRunbook.value], ...options.map((o) => [o.value, o.template.value] as const)]);
    return {
      suggestions: { runbooks: options, template: withoutRunbook, systems, people: [...people], errorTypes: ERROR_TYPES },
      defaults: { severity: '3', startedAt: '', coordinator: '', technicalLead: '', ...(preferred ? { runbook: vscode.workspace.asRelativePath(preferred.uri), ...roles.get(preferred) } : {}) },
    };
  }

  private html(webview: vscode.Webview): string {
    return incidentFormPage({
      nonce: randomBytes(16).toString('base64'),
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview', 'incidentForm.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'incidentForm.css')).toString(),
    });
  }
}

/** The runbook's Coordinator and Technical lead contacts. */
function roleDefaults(runbook: Runbook): RoleDefaults {
  const contact = (key: string) => runbookRoles(runbook).find((r) => r.key === key)?.contact;
  const coordinator = contact('coordinator');
  const technicalLead = contact('technicalLead');
  return { ...(coordinator ? { coordinator } : {}), ...(technicalLead ? { technicalLead } : {}) };
}

/** What a new incident of this runbook uses unless the person changes it: the folder's setting, else the runbook's link, else the built-in template. */
function templateDefault(folder: vscode.WorkspaceFolder | undefined, runbookLink: string | undefined): TemplateDefault {
  const [first] = templateCandidates({ setting: folderSettings(folder).traceabilityTemplate, ...(runbookLink ? { runbookLink } : {}) });
  return first ? { value: first.written, origin: first.origin === 'argument' ? 'setting' : first.origin } : { value: 'built-in', origin: 'builtin' };
}

function isFromWebview(message: unknown): message is FromWebview {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as { type?: unknown; values?: unknown; runbook?: unknown; template?: unknown };
  if (m.type === 'ready' || m.type === 'cancel') return true;
  if (m.type === 'preview') return typeof m.runbook === 'string' && typeof m.template === 'string';
  return (m.type === 'submit' || m.type === 'validate') && typeof m.values === 'object' && m.values !== null;
}

/** The errors of the values as they stand (the form shows those of the fields edited so far), and when the incident started, as understood. */
function validation(input: IncidentInput): ToWebview {
  const now = new Date();
  const validated = validateIncidentInput(input, now);
  const start = typeof input.startedAt === 'string' && input.startedAt.trim() ? parseStartTime(input.startedAt, now) : undefined;
  return {
    type: 'validation',
    errors: validated.ok ? [] : validated.errors,
    hints: start?.ok ? [{ field: 'startedAt', message: `Started ${formatTime(start.date, { now })}` }] : [],
  };
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
