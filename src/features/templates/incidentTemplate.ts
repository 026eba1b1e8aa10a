import type * as vscode from 'vscode';
import type { Runbook } from '../../core/runbook/model';
import { runbookTemplates } from '../../core/templates/runbookTemplates';
import type { TemplateKind } from '../../core/templates/templateSource';
import type { LoadedTemplate, TemplateLoader } from './templateLoader';

/**
 * The template a record (`traceability`) or a post-mortem starts from: the argument, the folder's
 * setting, the template the runbook links, or the built-in one, each giving way to the next when it
 * cannot be used (the reasons are in `notes`).
 */
export function loadIncidentTemplate(templates: TemplateLoader, kind: TemplateKind, options: { readonly folder: vscode.WorkspaceFolder; readonly runbookUri?: vscode.Uri; readonly runbook?: Runbook; readonly argument?: string }): Promise<LoadedTemplate> {
  const runbookLink = options.runbook ? runbookTemplates(options.runbook)[kind]?.href : undefined;
  return templates.load(kind, {
    folder: options.folder,
    ...(options.runbookUri ? { runbookUri: options.runbookUri } : {}),
    ...(options.argument ? { argument: options.argument } : {}),
    ...(runbookLink ? { runbookLink } : {}),
  });
}
