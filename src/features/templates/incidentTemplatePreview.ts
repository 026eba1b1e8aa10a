import * as vscode from 'vscode';
import type { IncidentState } from '../../core/incident/incident';
import { renderIncidentDocument } from '../../core/incident/incidentDocument';
import { runbookRoles, withDefaultRoles } from '../../core/incident/roles';
import { templateLocation, templateName } from '../../core/templates/templateSource';
import type { RunbookModels } from '../playbook/runbookModels';
import { resolveRunbook } from '../incident/runbookPath';
import { loadIncidentTemplate } from './incidentTemplate';
import type { TemplateLoader } from './templateLoader';
import type { PreviewTemplate } from './templatePreview';

/**
 * What a new incident's record would look like: the template a start would use (same precedence,
 * same fallbacks) filled with an example incident whose every field is known, so `filled` lists
 * what the extension fills and `unfilled` what is left for a person. Nothing is written.
 */
export function incidentTemplatePreview(deps: { readonly templates: TemplateLoader; readonly models: RunbookModels }): PreviewTemplate {
  return async (request) => {
    const runbookUri = resolveRunbook(request.runbook);
    const folder = (runbookUri && vscode.workspace.getWorkspaceFolder(runbookUri)) ?? vscode.workspace.workspaceFolders?.[0];
    if (!folder) throw new Error('Open a folder first: a template is read from a workspace folder, its settings and its runbooks.');
    const model = runbookUri ? await deps.models.load(runbookUri) : undefined;
    const runbook = model?.ok ? model.runbook : undefined;
    const loaded = await loadIncidentTemplate(deps.templates, 'traceability', { folder, ...(runbookUri ? { runbookUri } : {}), ...(runbook ? { runbook } : {}), ...(request.template ? { argument: request.template } : {}) });
    const state = exampleIncident(new Date(), withDefaultRoles({}, runbookRoles(runbook)), runbookUri && vscode.workspace.asRelativePath(runbookUri, false));
    const rendered = renderIncidentDocument(state, loaded.text, 'Incident declared.', { name: templateName(loaded.source) });
    if (!rendered.ok) return { source: templateLocation(loaded.source), text: loaded.text, filled: [], unfilled: [], notes: [...loaded.notes, `${rendered.message.replace(/\.$/, '')}; an incident would start from the built-in template.`] };
    return { source: templateLocation(loaded.source), text: rendered.text, filled: rendered.filled, unfilled: rendered.unfilled, notes: loaded.notes };
  };
}

function exampleIncident(now: Date, roles: IncidentState['roles'], runbook: string | undefined): IncidentState {
  const at = now.toISOString();
  return {
    id: 'preview',
    title: '‹title›',
    status: 'investigating',
    startedAt: at,
    detectedAt: at,
    severity: 2,
    impact: '‹impact›',
    affected: '‹affected›',
    errorTypes: ['‹error types›'],
    systems: ['‹systems›'],
    roles: { coordinator: roles.coordinator ?? '‹coordinator›', technicalLead: roles.technicalLead ?? '‹technical lead›' },
    progress: [],
    ...(runbook ? { runbook } : {}),
  };
}
