import * as vscode from 'vscode';
import { nextFreeName } from '../../core/fileNames';
import { type IncidentState, minutesBetween } from '../../core/incident/incident';
import { formatClock } from '../../core/time/formatTime';
import { renderTemplate, sectionLines, templateValues } from '../../core/incident/incidentDocument';
import { type Runbook, type RunbookNode, type SectionNode, walk } from '../../core/runbook/model';
import { CONFIG_SECTION } from '../configuration';
import { exists, insideFolder, readTextFile } from '../workspaceFiles';
import type { IncidentStore } from './incidentStore';

const POST_INCIDENT = /post-?incident|after the incident|clean-?up/i;

/** The runbook's post-incident steps as a checklist to copy into the record. */
export function postIncidentChecklist(runbook: Runbook | undefined): string[] {
  const section = runbook && [...walk(runbook.children)].find((n): n is SectionNode => n.kind === 'section' && POST_INCIDENT.test(n.title));
  const items = section ? section.children.filter((n: RunbookNode) => n.kind === 'step' || n.kind === 'checklist') : [];
  return items.map((n) => `- [ ] ${(n as { text: string }).text}`);
}

/**
 * Marks the incident resolved: status and resolvedAt in the front matter, the
 * summary under Summary, the runbook's post-incident checklist under Post-incident.
 */
export async function resolveIncident(store: IncidentStore, uri: vscode.Uri, summary: string, runbook: Runbook | undefined, now = new Date()): Promise<IncidentState> {
  const state = await store.updateState(uri, (s) => ({ ...s, status: 'resolved', resolvedAt: now.toISOString() }));
  await store.appendToSection(uri, /^summary$/i, 'Summary', [summary.trim() || '_No summary given._']);
  await store.appendToSection(uri, /^timeline$/i, 'Timeline', [`- ${formatClock(now)} — Resolved after ${minutesBetween(state.startedAt, now)} minutes.`]);
  const checklist = postIncidentChecklist(runbook);
  if (checklist.length) await store.appendToSection(uri, /^post-?incident/i, 'Post-incident', checklist);
  return state;
}

export const DEFAULT_POSTMORTEM = `# Post-mortem: {{title}}

- Incident record: {{id}}
- Severity: {{severity}}
- Started: {{startedAt}}
- Resolved: {{resolvedAt}}
- Duration: {{duration}}
- Impact: {{impact}} ({{affected}})
- Systems: {{systems}}

## Summary

## Timeline
{{timeline}}

## Root cause

## What went well

## What went wrong

## Action items
- [ ] 
`;

/** Writes `<id>-postmortem.md` beside the record (never overwriting) and opens it. */
export async function scaffoldPostmortem(uri: vscode.Uri, state: IncidentState, recordText: string): Promise<vscode.Uri> {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const templatePath = vscode.workspace.getConfiguration(CONFIG_SECTION, folder?.uri).get<string>('postmortemTemplate', '');
  let template = DEFAULT_POSTMORTEM;
  if (templatePath && folder) {
    const templateUri = insideFolder(folder, templatePath, 'runbook.postmortemTemplate');
    try {
      template = await readTextFile(templateUri);
    } catch {
      throw new Error(`Setting runbook.postmortemTemplate: cannot read ${templateUri.fsPath || templateUri.toString()}.`);
    }
  }
  const timeline = sectionLines(recordText, /^timeline$/i)?.lines.join('\n').trim() ?? '';
  const resolvedAt = state.resolvedAt ?? new Date().toISOString();
  const values = { ...templateValues(state), resolvedAt, duration: `${minutesBetween(state.startedAt, new Date(resolvedAt))} minutes`, timeline };
  const rendered = renderTemplate(template, values);
  if (!rendered.ok) throw new Error(`Setting runbook.postmortemTemplate: ${rendered.message}`);
  const dir = vscode.Uri.joinPath(uri, '..');
  const target = vscode.Uri.joinPath(dir, await nextFreeName(`${state.id}-postmortem.md`, (name) => exists(vscode.Uri.joinPath(dir, name))));
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(rendered.text));
  await vscode.window.showTextDocument(target, { preview: false });
  return target;
}
