import * as vscode from 'vscode';
import { parseTemplateLink } from '../../core/templates/templateSource';
import { clip } from '../../core/text';
import { argumentObject } from '../incident/incidentArgument';
import type { RunbookDiscovery, RunbookFile } from '../playbook/runbookDiscovery';

/** What a new incident's record would be generated from, filled, without creating anything. */
export interface TemplatePreview {
  /** Where the template came from: `templateLocation` (the URL or path as written, or "built-in"). */
  readonly source: string;
  /** The filled template. */
  readonly text: string;
  /** The template's fields the incident fills, as the template writes them ("Start time"). */
  readonly filled: readonly string[];
  /** The template's fields left for a person. */
  readonly unfilled: readonly string[];
  /** Why an earlier source was skipped, a cached copy's age, a problem with the template. */
  readonly notes: readonly string[];
}

/**
 * The traceability template the incident would use: `template` (a URL or workspace path) overrides the
 * precedence (the setting, then the runbook's link, then the built-in one). `runbook` as `runbook.startIncident` takes it.
 */
export type PreviewTemplate = (request: { readonly runbook?: string; readonly template?: string }) => Promise<TemplatePreview>;

const FIELDS = ['runbook', 'template'];

/**
 * `runbook.previewTemplate`: with `{ runbook, template? }` returns the preview (automation, the form);
 * from the palette opens the filled template as an untitled Markdown document beside the runbook.
 */
export function registerTemplatePreview(deps: { readonly preview: PreviewTemplate; readonly discovery: RunbookDiscovery }): vscode.Disposable {
  return vscode.commands.registerCommand('runbook.previewTemplate', async (input?: unknown) => {
    const arg = argumentObject(input, FIELDS);
    if (arg) {
      for (const field of FIELDS) if (arg[field] !== undefined && typeof arg[field] !== 'string') throw new Error(`${field}: must be text (a path or a URL)`);
      const { runbook, template } = arg as { runbook?: string; template?: string };
      if (template?.trim() && !parseTemplateLink(template)) throw new Error(`template: "${template.trim()}" is not a template: give an http(s) URL or a workspace path`);
      return deps.preview({ ...(runbook?.trim() ? { runbook: runbook.trim() } : {}), ...(template?.trim() ? { template: template.trim() } : {}) });
    }
    return showPreview(deps);
  });
}

async function showPreview(deps: { readonly preview: PreviewTemplate; readonly discovery: RunbookDiscovery }): Promise<TemplatePreview | undefined> {
  const runbook = await chooseRunbook(deps.discovery);
  if (runbook === null) return undefined;
  const preview = await deps.preview(runbook ? { runbook: vscode.workspace.asRelativePath(runbook.uri) } : {});
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: preview.text });
  const beside = runbook && vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === runbook.uri.toString());
  await vscode.window.showTextDocument(document, { viewColumn: beside ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active, preview: true });
  const left = preview.unfilled.length ? `; left for you: ${clip(preview.unfilled.join(', '), 80)}` : '';
  const said = `Preview of ${preview.source}: fills ${preview.filled.length} field${preview.filled.length === 1 ? '' : 's'}${left}. Nothing was created.`;
  if (preview.notes.length) void vscode.window.showWarningMessage(`${said} ${preview.notes.join(' ')}`);
  else vscode.window.setStatusBarMessage(`$(eye) ${said}`, 8000);
  return preview;
}

/** The active editor's runbook, the only one, or the one the person picks; undefined: none in the workspace; null: cancelled. */
async function chooseRunbook(discovery: RunbookDiscovery): Promise<RunbookFile | undefined | null> {
  const files = await discovery.findRunbooks();
  const active = vscode.window.activeTextEditor?.document.uri.toString();
  const current = files.find((f) => f.uri.toString() === active);
  if (current || files.length <= 1) return current ?? files[0];
  const pick = await vscode.window.showQuickPick(
    files.map((file) => ({ label: file.relativePath, description: file.folder.name, file })),
    { title: 'Preview Incident Template', placeHolder: 'Which runbook? Its linked template is filled as a new incident would fill it.' },
  );
  return pick ? pick.file : null;
}
