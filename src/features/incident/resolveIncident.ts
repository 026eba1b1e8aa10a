import * as vscode from 'vscode';
import { folderSettings } from '../settings';
import { type IncidentState } from '../../core/incident/incident';
import { DEFAULT_POSTMORTEM, postmortemFileName, renderPostmortem } from '../../core/incident/postmortem';
import { readIncident } from '../../core/incident/frontMatter';
import { resolveRecord } from '../../core/incident/recordEdits';
import type { TimelineEntry } from '../../core/incident/timeline';
import { insideFolder, readTextFile } from '../workspaceFiles';
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

/** Writes `<id>-postmortem.md` beside the record (never overwriting) and opens it. */
export async function scaffoldPostmortem(store: IncidentStore, uri: vscode.Uri, state: IncidentState, recordText: string): Promise<vscode.Uri> {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const templatePath = folderSettings(folder ?? uri).postmortemTemplate;
  let template = DEFAULT_POSTMORTEM;
  if (templatePath && folder) {
    const templateUri = insideFolder(folder, templatePath, 'runbook.postmortemTemplate');
    try {
      template = await readTextFile(templateUri);
    } catch {
      throw new Error(`Setting runbook.postmortemTemplate: cannot read ${templateUri.fsPath || templateUri.toString()}.`);
    }
  }
  const rendered = renderPostmortem(template, state, recordText, new Date(), { name: 'runbook.postmortemTemplate' });
  if (!rendered.ok) throw new Error(`Setting runbook.postmortemTemplate: ${rendered.message}`);
  const target = await store.create(vscode.Uri.joinPath(uri, '..'), postmortemFileName(state.id), () => rendered.text);
  await vscode.window.showTextDocument(target, { preview: false });
  return target;
}
