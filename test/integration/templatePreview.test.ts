import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { OutlineRow } from '../../src/api';
import { activateExtension, rejection, workspaceFolder } from './helpers';

const RUNBOOK = 'samples/incident-response.md';
const uriOf = (path: string) => vscode.Uri.joinPath(workspaceFolder().uri, path);

function flatten(rows: readonly OutlineRow[]): OutlineRow[] {
  return rows.flatMap((r) => [r, ...flatten(r.children)]);
}

async function row(label: string): Promise<OutlineRow> {
  const { api } = await activateExtension();
  const rows = await api.getOutline(uriOf(RUNBOOK).toString());
  if (!Array.isArray(rows)) throw new Error(`outline of ${RUNBOOK}: ${rows.error}`);
  const found = flatten(rows).find((r) => r.label === label);
  assert.ok(found, `no row ${label}`);
  return found;
}

async function incidentFiles(): Promise<string[]> {
  try {
    return (await vscode.workspace.fs.readDirectory(uriOf('incidents'))).map(([name]) => name).sort();
  } catch {
    return [];
  }
}

describe('Templates: the preview command and the Playbook rows in the real extension host', () => {
  it('refuses an argument it does not know, or of the wrong type, naming the field', async () => {
    await activateExtension();
    assert.equal(await rejection(vscode.commands.executeCommand('runbook.previewTemplate', { runbook: RUNBOOK, colour: 'red' })), 'colour: not a field of this command; its fields are runbook, template');
    assert.equal(await rejection(vscode.commands.executeCommand('runbook.previewTemplate', { runbook: 7 })), 'runbook: must be text (a path or a URL)');
    assert.equal(await rejection(vscode.commands.executeCommand('runbook.previewTemplate', { runbook: RUNBOOK, template: ['a.md'] })), 'template: must be text (a path or a URL)');
    assert.equal(
      await rejection(vscode.commands.executeCommand('runbook.previewTemplate', { runbook: RUNBOOK, template: 'javascript:alert(1)' })),
      'template: "javascript:alert(1)" is not a template: give an http(s) URL or a workspace path',
    );
  });

  it('returns the source, the filled text and the fields filled and left, creating nothing', async () => {
    const before = await incidentFiles();
    const preview = await vscode.commands.executeCommand<Record<string, unknown>>('runbook.previewTemplate', { runbook: RUNBOOK });
    assert.deepEqual(Object.keys(preview).sort(), ['filled', 'notes', 'source', 'text', 'unfilled']);
    assert.equal(typeof preview.source, 'string');
    assert.ok(typeof preview.text === 'string' && preview.text.length > 0, 'a filled text');
    for (const list of [preview.filled, preview.unfilled, preview.notes]) assert.ok(Array.isArray(list) && list.every((s) => typeof s === 'string'));
    assert.ok((preview.filled as string[]).length > 0, 'the incident fills some of the template');
    assert.deepEqual(await incidentFiles(), before, 'no record was created');
  });

  it('from the palette opens the filled template as an untitled Markdown document', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.window.showTextDocument(uriOf(RUNBOOK));
    const preview = await vscode.commands.executeCommand<{ text: string }>('runbook.previewTemplate');
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'an editor shows the preview');
    assert.equal(editor.document.isUntitled, true);
    assert.equal(editor.document.languageId, 'markdown');
    assert.equal(editor.document.getText(), preview.text);
    assert.equal(editor.viewColumn, vscode.ViewColumn.Two, 'beside the runbook');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('names the linked template on the Track and Post-incident rows, also when the setting overrides it', async () => {
    assert.match((await row('3. Track')).description ?? '', /^Template: incident-traceability\.md · \d+\/1$/);
    assert.match((await row('Post-incident')).description ?? '', /^Template: postmortem\.md · \d+\/4$/);
    const config = vscode.workspace.getConfiguration('runbook');
    await config.update('traceabilityTemplate', 'templates/our-record.md', vscode.ConfigurationTarget.Workspace);
    try {
      assert.match((await row('3. Track')).description ?? '', /^Template: incident-traceability\.md · /, "the runbook's link stays on the row");
    } finally {
      await config.update('traceabilityTemplate', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
