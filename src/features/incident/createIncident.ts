import * as vscode from 'vscode';
import { folderSettings } from '../settings';
import { answeredCollectSteps } from '../../core/incident/collectAnswers';
import { type IncidentInput, type IncidentState, incidentFileName, validateIncidentInput } from '../../core/incident/incident';
import { declaration, renderIncidentDocument } from '../../core/incident/incidentDocument';
import { runbookRoles } from '../../core/incident/roles';
import { rolesAtStart } from '../../core/incident/rolesAtStart';
import type { RunbookModels } from '../playbook/runbookModels';
import { chooseIncidentTemplate } from '../templates/incidentTemplate';
import type { TemplateLoader } from '../templates/templateLoader';
import { incidentsDir, type IncidentStore } from './incidentStore';
import { resolveRunbook } from './runbookPath';

/** Raised for input a person must fix; the message names the fields. */
export class IncidentInputError extends Error {
  constructor(readonly fields: readonly { field: string; message: string }[]) {
    super(fields.map((f) => `${f.field}: ${f.message}`).join(' '));
  }
}

export interface CreateOptions {
  readonly store: IncidentStore;
  /** Where the runbook's contacts (the default roles) and its Collect step come from. */
  readonly models: RunbookModels;
  readonly now?: Date;
  /** How the incident was detected, for the first timeline entry. */
  readonly detection?: string;
  readonly templates: TemplateLoader;
}

/**
 * Validates the input, creates `<incidents>/<YYYY-MM-DD-HHmm>-<slug>.md` (never
 * overwriting: `-2`, `-3`…, even for two starts at once), makes it the current incident and opens it beside
 * the runbook. Roles not mentioned default to the runbook's contacts; the Collect items the answers fill are
 * done in the new record, each with its timeline entry (unless `runbook.timeline.automaticEntries` is off:
 * then only the ticks). Returns the document's URI, or undefined if the user must first open a folder.
 */
export async function createIncident(input: IncidentInput, options: CreateOptions): Promise<vscode.Uri | undefined> {
  const now = options.now ?? new Date();
  const validated = validateIncidentInput(input, now);
  if (!validated.ok) throw new IncidentInputError(validated.errors);
  const runbookUri = resolveRunbook(validated.value.runbook);
  const folder = (runbookUri && vscode.workspace.getWorkspaceFolder(runbookUri)) ?? (await pickFolder());
  if (!folder) return undefined;
  const dir = incidentsDir(folder);
  const loaded = runbookUri ? await options.models.load(runbookUri) : undefined;
  const runbook = loaded?.ok ? loaded.runbook : undefined;
  const { template: chosenTemplate, ...incident } = { ...validated.value, roles: rolesAtStart(input.roles, validated.value.roles, runbookRoles(runbook)) };
  const collected = runbook && runbookUri ? answeredCollectSteps(runbook, runbookUri.toString(), incident) : [];
  const entries = folderSettings(folder).timelineAutomaticEntries ? collected.map((c) => c.text) : [];
  const template = await chooseIncidentTemplate(options.templates, 'traceability', { folder, ...(runbookUri ? { runbookUri } : {}), ...(runbook ? { runbook } : {}), ...(chosenTemplate ? { argument: chosenTemplate } : {}) });
  const recordFor = (fileName: string) => {
    const state: IncidentState = {
      ...incident,
      id: fileName.replace(/\.md$/, ''),
      status: 'investigating',
      progress: collected.map((c) => c.key),
      // Relative to the record's own folder, so every teammate resolves it the same way.
      ...(runbookUri ? { runbook: vscode.workspace.asRelativePath(runbookUri, false) } : {}),
      ...(template.used ? { template: template.used } : {}),
    };
    const detection = [options.detection ?? declaration(state), ...template.notes].join(' ');
    return renderIncidentDocument(state, template.text, detection, { more: entries, name: template.name });
  };
  const fileName = incidentFileName(validated.value.startedAt, validated.value.title);
  const check = recordFor(fileName);
  if (!check.ok) throw new Error(check.message);
  if (template.notes.length) void vscode.window.showWarningMessage(`"${incident.title}" started from ${template.name}. ${template.notes.join(' ')}`);
  let target: vscode.Uri;
  try {
    // The template rendered above, so it renders for any name.
    target = await options.store.create(dir, fileName, (name) => (recordFor(name) as { text: string }).text);
  } catch (error) {
    throw new Error(`Cannot write the incident document to ${dir.fsPath || dir.toString()}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  await options.store.setCurrent(target);
  await vscode.window.showTextDocument(target, { viewColumn: runbookIsVisible(runbookUri) ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active, preview: false });
  return target;
}

function runbookIsVisible(uri: vscode.Uri | undefined): boolean {
  return !!uri && vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === uri.toString());
}

async function pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 1) return folders[0];
  if (folders.length > 1) return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Which folder keeps the incident record?' });
  const open = 'Open Folder…';
  const choice = await vscode.window.showErrorMessage('An incident is recorded in a workspace folder, and none is open.', open);
  if (choice === open) await vscode.commands.executeCommand('workbench.action.files.openFolder');
  return undefined;
}
