import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { OutlineRow } from '../../src/api';
import { activateExtension, eventually, readText, workspaceFolder } from './helpers';

const uriOf = (path: string) => vscode.Uri.joinPath(workspaceFolder().uri, path);

async function outline(path: string): Promise<OutlineRow[]> {
  const { api } = await activateExtension();
  const rows = await api.getOutline(uriOf(path).toString());
  if (!Array.isArray(rows)) throw new Error(`outline of ${path}: ${rows.error}`);
  return rows;
}

function flatten(rows: readonly OutlineRow[]): OutlineRow[] {
  return rows.flatMap((r) => [r, ...flatten(r.children)]);
}

function find(rows: readonly OutlineRow[], label: RegExp): OutlineRow {
  const row = flatten(rows).find((r) => label.test(r.label));
  assert.ok(row, `no row matching ${label}`);
  return row;
}

describe('Playbook tree: the sample runbooks in the real extension host', () => {
  it('summarises every sample runbook through getRunbooks()', async () => {
    const { api } = await activateExtension();
    const runbooks = await api.getRunbooks();
    const incident = runbooks.find((r) => r.path === 'samples/incident-response.md');
    assert.equal(incident?.title, 'Parcel Tracking Incident Response Plan');
    assert.ok(incident?.sections?.includes('🚨 First Reaction'));
    assert.equal(incident?.contacts, 5);
    assert.equal(incident?.codeBlocks, 1);
    assert.equal(incident?.links?.dashboard, 3);
    const release = runbooks.find((r) => r.path === 'samples/release-plan.md');
    assert.deepEqual(release?.checklist, { checked: 3, total: 14 });
  });

  it('shows sections, steps with durations, links with hosts, code and contacts', async () => {
    const rows = await outline('samples/incident-response.md');
    const reaction = find(rows, /First Reaction/);
    assert.equal(reaction.kind, 'section');
    assert.equal(reaction.icon, 'bookmark');
    // Done counts come from the selected incident, which earlier suites may have left with ticks.
    assert.match(reaction.description ?? '', /^\d+\/\d+$/);
    const notify = find(rows, /^2\.1 /);
    assert.equal(notify.checked, false);
    const grafana = find(rows, /Carrier Gateway Latency/);
    assert.deepEqual([grafana.kind, grafana.icon, grafana.description], ['link', 'graph', 'Grafana · grafana.example.com']);
    assert.equal(find(rows, /^@tracking-oncall/).kind, 'code');
    const coordinator = find(rows, /^Coordinator: Priya Raman/);
    assert.deepEqual([coordinator.kind, coordinator.description], ['contact', '@priya']);
    const triage = find(rows, /^Initial triage/);
    assert.match(triage.description ?? '', /⚠ \[Timeframe, e\.g\., 15 minutes\]/);
  });

  it('checking a checklist item writes [x] into the file, and undo takes it back', async () => {
    const uri = uriOf('samples/release-plan.md');
    const before = await readText(uri);
    const line = before.split('\n').findIndex((l) => l.startsWith('[ ] Request production credentials'));
    assert.ok(line > 0);
    assert.equal(await vscode.commands.executeCommand('runbook.setItemChecked', { uri: uri.toString(), line, checked: true }), true);
    assert.equal((await readText(uri)).split('\n')[line], '[x] Request production credentials for the new label printer API');
    const row = find(await outline('samples/release-plan.md'), /^Request production credentials/);
    assert.equal(row.checked, true);

    const editor = await vscode.window.showTextDocument(uri);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.lineAt(line).text, '[ ] Request production credentials for the new label printer API');
    await editor.document.save();
    assert.equal(await readText(uri), before);
  });

  it('keeps the editor\'s unsaved changes when an item is checked', async () => {
    const uri = uriOf('samples/release-plan.md');
    const editor = await vscode.window.showTextDocument(uri);
    await editor.edit((b) => b.insert(new vscode.Position(editor.document.lineCount, 0), 'Unsaved note\n'));
    assert.equal(editor.document.isDirty, true);
    const line = editor.document.getText().split('\n').findIndex((l) => l.startsWith('[ ] Review sign-off'));
    assert.equal(await vscode.commands.executeCommand('runbook.setItemChecked', { uri: uri.toString(), line, checked: true }), true);
    assert.equal(editor.document.lineAt(line).text, '[x] Review sign-off');
    assert.match(editor.document.getText(), /Unsaved note\n$/);
    assert.equal(editor.document.isDirty, true, 'a document with unsaved changes is left for the user to save');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('records progress of playbook steps without touching the file', async () => {
    const uri = uriOf('samples/incident-response.md');
    const before = await readText(uri);
    const step = find(await outline('samples/incident-response.md'), /^2\.2 /);
    assert.equal(await vscode.commands.executeCommand('runbook.setItemChecked', { uri: uri.toString(), line: step.line, checked: true }), true);
    assert.equal(find(await outline('samples/incident-response.md'), /^2\.2 /).checked, true);
    assert.equal(await readText(uri), before);
    await vscode.commands.executeCommand('runbook.setItemChecked', { uri: uri.toString(), line: step.line, checked: false });
  });

  it("a support plan's steps have no ticks of their own (they are ticked per shift), and ticking one changes nothing", async () => {
    const uri = uriOf('samples/production-support.md');
    const rows = await outline('samples/production-support.md');
    const check = find(rows, /^Check the daily bot post/);
    assert.equal(check.checked, undefined);
    assert.deepEqual(flatten(rows).filter((r) => r.checked !== undefined).map((r) => r.label), [], 'no row of the plan has a box');
    const before = await readText(uri);
    assert.equal(await vscode.commands.executeCommand('runbook.setItemChecked', { uri: uri.toString(), line: check.line, checked: true }), false);
    assert.equal(find(await outline('samples/production-support.md'), /^Check the daily bot post/).checked, undefined);
    assert.equal(await readText(uri), before);
  });

  it('goes to the next unchecked step in the active runbook', async () => {
    const uri = uriOf('samples/release-plan.md');
    await vscode.window.showTextDocument(uri);
    const next = await vscode.commands.executeCommand<{ label: string; line: number }>('runbook.goToNextUncheckedStep');
    assert.equal(next?.label, 'Finish the pre-launch checklist');
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), uri.toString());
    assert.equal(editor?.selection.active.line, next?.line);
  });

  it('refuses to open command:, file:, javascript: and vscode: links', async () => {
    for (const url of ['command:workbench.action.quit', 'file:///etc/passwd', 'javascript:alert(1)', 'vscode://settings']) {
      assert.equal(await vscode.commands.executeCommand('runbook.openLink', { url }), false, url);
    }
  });

  it('shows an error instead of a tree for a file that is not UTF-8', async () => {
    const { api } = await activateExtension();
    const uri = uriOf('runbooks/corrupt.md');
    await vscode.workspace.fs.writeFile(uri, Uint8Array.from([0x23, 0x20, 0xff, 0xfe, 0xc3, 0x28, 0x0a]));
    const entry = await eventually(async () => (await api.getRunbooks()).find((r) => r.path === 'runbooks/corrupt.md'), 'the corrupt runbook');
    assert.equal(entry.error, 'the file is not valid UTF-8 text');
    assert.deepEqual(await api.getOutline(uri.toString()), { error: 'the file is not valid UTF-8 text' });
    await vscode.workspace.fs.delete(uri);
  });

  it('adds any Markdown file with Open as Runbook, and removes it again', async () => {
    const { api } = await activateExtension();
    const uri = uriOf('notes/meeting.md');
    assert.equal(await vscode.commands.executeCommand('runbook.openAsRunbook', uri), true);
    assert.ok((await api.getRunbooks()).some((r) => r.path === 'notes/meeting.md'));
    assert.equal(await vscode.commands.executeCommand('runbook.removeFromRunbooks', uri), true);
    assert.ok(!(await api.getRunbooks()).some((r) => r.path === 'notes/meeting.md'));
  });
});
