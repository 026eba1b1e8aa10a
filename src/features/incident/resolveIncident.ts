import * as vscode from 'vscode';
import { folderSettings } from '../settings';
import { type IncidentState } from '../../core/incident/incident';
import { DEFAULT_POSTMORTEM, postmortemFileName, renderPostmortem } from '../../core/incident/postmortem';
import { readIncident } from '../../core/incident/frontMatter';
import { resolveRecord } from '../../core/incident/recordEdits';
import type { TimelineEntry } from '../../core/incident/timeline';
import { entryOnly } from '../../core/incident/incidentActions';
import { templateName } from '../../core/templates/templateSource';
import type { RunbookModels } from '../playbook/runbookModels';
import { chooseIncidentTemplate } from '../templates/incidentTemplate';
import type { TemplateLoader } from '../templates/templateLoader';
import { recordAction } from './recordAction';
import { resolveRunbook } from './runbookPath';
import { changeOrThrow, type IncidentStore } from './incidentStore';

export interface ResolveOptions {
  readonly summary: string;
  /** The runbook's post-incident checklist, as Markdown lines. */
  readonly checklist: readonly string[];
  /** When it was resolved, if not now: after the start, not in the future. */
  readonly resolvedAt?: Date;
  readonly now?: Date;
  /** More entries of the same action, in the same edit (they follow runbook.timeline.automaticEntries). */
  readonly moreEntries?: readonly TimelineEntry[];
}

/**
 * Marks the incident resolved in one edit of its record: status and resolvedAt
 * in the front matter, the summary under Summary, a timeline entry (always: it
 * bounds the timeline), and the runbook's post-incident checklist under Post-incident.
 * A time before the start or in the future, or an incident already closed, is refused
 * with a message naming the field; nothing is then changed.
 */
export async function resolveIncident(store: IncidentStore, uri: vscode.Uri, options: ResolveOptions): Promise<{ state: IncidentState; line: number }> {
  const now = options.now ?? new Date();
  const result = await store.edit(uri, (text) => {
    const moreEntries = folderSettings(uri).timelineAutomaticEntries ? (options.moreEntries ?? []) : [];
    const change = resolveRecord(text, { summary: options.summary, checklist: options.checklist, now, moreEntries, ...(options.resolvedAt ? { resolvedAt: options.resolvedAt } : {}) });
    // A readable record refused the resolve itself (its time, or already closed): that refusal names the field.
    if (!change.ok && readIncident(text).ok) throw new Error(change.error);
    return changeOrThrow(uri, change);
  });
  store.reload(uri);
  return result;
}

export interface PostmortemDeps {
  readonly store: IncidentStore;
  readonly models: RunbookModels;
  readonly templates: TemplateLoader;
}

/**
 * Writes `<id>-postmortem.md` beside the record (never overwriting) from the post-mortem template
 * (the setting's, the one the incident's runbook links, else the built-in one), notes it in the
 * record's timeline with the template used, and opens it.
 */
export async function scaffoldPostmortem(deps: PostmortemDeps, uri: vscode.Uri, state: IncidentState, recordText: string): Promise<vscode.Uri> {
  const { text, name, notes } = await postmortemText(deps, uri, state, recordText);
  const target = await deps.store.create(vscode.Uri.joinPath(uri, '..'), postmortemFileName(state.id), () => text);
  const path = vscode.workspace.asRelativePath(target, false);
  const entry = `Post-mortem started from ${name}: ${path}${notes.length ? `. ${notes.join(' ')}` : ''}`;
  await recordAction(deps.store, uri, (current) => entryOnly(current, entry, new Date()), () => `Created the post-mortem ${path} from ${name}`);
  if (notes.length) void vscode.window.showWarningMessage(`The post-mortem started from ${name}. ${notes.join(' ')}`);
  await vscode.window.showTextDocument(target, { preview: false });
  return target;
}

async function postmortemText(deps: PostmortemDeps, uri: vscode.Uri, state: IncidentState, recordText: string): Promise<{ text: string; name: string; notes: readonly string[] }> {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const runbookUri = resolveRunbook(state.runbook, folder);
  const model = runbookUri ? await deps.models.load(runbookUri) : undefined;
  const template = folder
    ? await chooseIncidentTemplate(deps.templates, 'postmortem', { folder, ...(runbookUri ? { runbookUri } : {}), ...(model?.ok ? { runbook: model.runbook } : {}) })
    : { text: DEFAULT_POSTMORTEM, name: templateName({ kind: 'builtin' }), notes: [] };
  const rendered = renderPostmortem(template.text, state, recordText, new Date(), { name: template.name });
  if (!rendered.ok) throw new Error(rendered.message);
  return { text: rendered.text, name: template.name, notes: template.notes };
}
