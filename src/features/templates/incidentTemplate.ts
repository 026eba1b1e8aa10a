import type * as vscode from 'vscode';
import { type TemplateUsed } from '../../core/incident/incident';
import { DEFAULT_TEMPLATE } from '../../core/incident/incidentDocument';
import { DEFAULT_POSTMORTEM } from '../../core/incident/postmortem';
import type { Runbook } from '../../core/runbook/model';
import { fillTemplate } from '../../core/templates/fillTemplate';
import { runbookTemplates } from '../../core/templates/runbookTemplates';
import { type TemplateKind, templateLocation, templateName } from '../../core/templates/templateSource';
import type { LoadedTemplate, TemplateLoader } from './templateLoader';

export interface TemplateRequest {
  readonly folder: vscode.WorkspaceFolder;
  readonly runbookUri?: vscode.Uri;
  readonly runbook?: Runbook;
  readonly argument?: string;
}

/**
 * The template a record (`traceability`) or a post-mortem starts from: the argument, the folder's
 * setting, the template the runbook links, or the built-in one, each giving way to the next when it
 * cannot be used (the reasons are in `notes`).
 */
export function loadIncidentTemplate(templates: TemplateLoader, kind: TemplateKind, options: TemplateRequest): Promise<LoadedTemplate> {
  const runbookLink = options.runbook ? runbookTemplates(options.runbook)[kind]?.href : undefined;
  return templates.load(kind, {
    folder: options.folder,
    ...(options.runbookUri ? { runbookUri: options.runbookUri } : {}),
    ...(options.argument ? { argument: options.argument } : {}),
    ...(runbookLink ? { runbookLink } : {}),
  });
}

/** A template ready to fill: its text, its name for messages, what the record notes of it. */
export interface ChosenTemplate {
  readonly text: string;
  readonly name: string;
  /** Recorded in the record's front matter; none for the built-in template. */
  readonly used?: TemplateUsed;
  /** Why an earlier template in the order of precedence was not used, for the timeline entry. */
  readonly notes: readonly string[];
}

/** `loadIncidentTemplate`, where a template that cannot be filled (an unknown placeholder) gives way to the built-in one too. */
export async function chooseIncidentTemplate(templates: TemplateLoader, kind: TemplateKind, options: TemplateRequest): Promise<ChosenTemplate> {
  const loaded = await loadIncidentTemplate(templates, kind, options);
  const builtin = { text: kind === 'traceability' ? DEFAULT_TEMPLATE : DEFAULT_POSTMORTEM, name: templateName({ kind: 'builtin' }) };
  if (loaded.origin === 'builtin') return { ...builtin, notes: loaded.notes };
  const name = templateName(loaded.source);
  const probe = fillTemplate(loaded.text, {}, { kind, name });
  if (!probe.ok) return { ...builtin, notes: [...loaded.notes, `${probe.message.replace(/\.$/, '')}; started from the built-in template.`] };
  return { text: loaded.text, name, used: { source: templateLocation(loaded.source), ...(loaded.sha ? { sha: loaded.sha } : {}) }, notes: loaded.notes };
}
