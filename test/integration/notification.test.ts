import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, captureOpenedLinks, eventually, readText, rejection } from './helpers';

const CHANNEL_URL = 'https://northwind.slack.com/archives/C0PARCEL01';
const HEADLINE = "We're investigating an issue with Parcel Tracking.";

async function start(overrides: Record<string, unknown> = {}): Promise<vscode.Uri> {
  const uri = await vscode.commands.executeCommand<vscode.Uri>('runbook.startIncident', {
    title: 'Label printer down',
    impact: 'Warehouses cannot print parcel labels',
    affected: '30%',
    systems: ['Label Service'],
    startedAt: new Date(Date.now() - 45 * 60_000).toISOString(),
    severity: 2,
    roles: { coordinator: 'Priya Raman' },
    runbook: 'samples/incident-response.md',
    ...overrides,
  });
  assert.ok(uri);
  return uri;
}

/** The entries this extension wrote about copied messages. */
const copiedEntries = (text: string) => text.split('\n').filter((l) => / — (?:Notification|Update) copied/.test(l));

describe('Notification in the real extension host', () => {
  const opened = captureOpenedLinks();

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const { api } = await activateExtension();
    for (let active = await api.getActiveIncident(); active; active = await api.getActiveIncident()) {
      await vscode.commands.executeCommand('runbook.switchIncident', { uri: active.uri });
      await vscode.commands.executeCommand('runbook.resolveIncident', { summary: 'closed by the notification suite', postmortem: false });
    }
  });

  it('preview: false copies the filled message and notes its first line in the timeline: one edit, one save, one undo', async () => {
    const uri = await start();
    const editor = await vscode.window.showTextDocument(uri);
    const before = editor.document.getText();
    let saves = 0;
    const listener = vscode.workspace.onDidSaveTextDocument((d) => void (d.uri.toString() === uri.toString() && saves++));
    let text: string;
    try {
      text = await vscode.commands.executeCommand<string>('runbook.copyNotification', { preview: false });
    } finally {
      listener.dispose();
    }
    assert.match(text, /Impacted customers %:\s+30%\n/);
    assert.equal(await vscode.env.clipboard.readText(), text);
    assert.equal(saves, 1, 'one save');
    const after = editor.document.getText();
    assert.deepEqual(copiedEntries(after).map((l) => l.replace(/^- .*? — /, '')), [`Notification copied: ${HEADLINE}`]);
    assert.equal(after.split('\n').length, before.split('\n').length + 1, 'one line added, nothing else');
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), before, 'one undo removes the entry');
    await vscode.commands.executeCommand('redo');
    await editor.document.save();
  });

  it('the update carries the status stage, and its entry says so', async () => {
    const { api } = await activateExtension();
    const uri = await start();
    const document = await vscode.workspace.openTextDocument(uri);
    const line = document.getText().split('\n').findIndex((l) => l.startsWith('status: '));
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, document.lineAt(line).range, 'status: identified');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await document.save();
    await eventually(async () => ((await api.getActiveIncident())?.state.status === 'identified' ? true : undefined), 'the identified incident');
    const text = await vscode.commands.executeCommand<string>('runbook.copyNotification', { preview: false, variant: 'update' });
    const lines = text.split('\n');
    assert.match(lines[0] ?? '', /^Update — Identified \(4[5-7]m in\): Label printer down$/);
    assert.equal(lines[1], 'Latest: ⟦the cause, and the fix under way?⟧');
    assert.equal(lines[2], 'Impact: Warehouses cannot print parcel labels, 30% affected');
    assert.equal(lines[3], 'Systems: Label Service');
    assert.equal(await vscode.env.clipboard.readText(), text);
    const entries = copiedEntries(await readText(uri));
    assert.equal(entries.length, 1);
    assert.match(entries[0] ?? '', / — Update copied: Update — Identified \(\d+m in\): Label printer down$/);
  });

  it('refuses a wrong variant or preview, naming the field, and changes nothing', async () => {
    const uri = await start();
    const before = await readText(uri);
    assert.match(await rejection(vscode.commands.executeCommand('runbook.copyNotification', { preview: false, variant: 'followup' })), /^variant: "followup" is not one of first, update$/);
    assert.match(await rejection(vscode.commands.executeCommand('runbook.copyNotification', { preview: 'no' })), /^preview: "no" is not true or false$/);
    assert.equal(await readText(uri), before);
  });

  it('writes no entry when runbook.timeline.automaticEntries is off, and still copies', async () => {
    const config = vscode.workspace.getConfiguration('runbook');
    await config.update('timeline.automaticEntries', false, vscode.ConfigurationTarget.Workspace);
    try {
      const uri = await start();
      const before = await readText(uri);
      const text = await vscode.commands.executeCommand<string>('runbook.copyNotification', { preview: false });
      assert.equal(await vscode.env.clipboard.readText(), text);
      assert.equal(await readText(uri), before);
    } finally {
      await config.update('timeline.automaticEntries', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('opens the preview with the incident, the channel and what is still to fill in, without copying', async () => {
    const { api } = await activateExtension();
    const uri = await start({ affected: '' });
    await vscode.env.clipboard.writeText('untouched');
    const text = await vscode.commands.executeCommand<string>('runbook.copyNotification');
    assert.match(text, /Impacted customers %:\s+⟦xx% \(or explicit #\)\?⟧\n/);
    const state = api.testing.notificationPanel.state();
    assert.ok(state, 'the panel is open');
    assert.equal(state.view.text, text);
    assert.equal(state.view.title, 'Label printer down');
    assert.equal(state.view.severity, 'Sev 2');
    assert.equal(state.view.status, 'Investigating');
    assert.equal(state.view.channel, '#parcel-incidents');
    assert.equal(state.view.record, vscode.workspace.asRelativePath(uri));
    assert.deepEqual(state.view.marks, [{ mark: '⟦xx% (or explicit #)?⟧', label: 'Affected users' }]);
    assert.equal(state.view.edited, false);
    assert.equal(await vscode.env.clipboard.readText(), 'untouched', 'the preview copies nothing');
    assert.equal(copiedEntries(await readText(uri)).length, 0, 'nor notes anything');
  });

  it('Copy in the panel copies the edited text and notes its first line; the edits survive a refresh until copied', async () => {
    const { api } = await activateExtension();
    const uri = await start();
    const panel = api.testing.notificationPanel;
    const filled = await vscode.commands.executeCommand<string>('runbook.copyNotification');
    const edited = filled.replace(HEADLINE, 'Label printing is down in three warehouses.');
    await panel.receive({ type: 'edit', variant: 'first', text: edited });
    // Running the command again shows the incident as it is now, keeping the unsent edits.
    assert.equal(await vscode.commands.executeCommand<string>('runbook.copyNotification'), edited);
    assert.equal(panel.state()?.view.edited, true);

    await panel.receive({ type: 'copy', variant: 'first', text: edited, openChannel: false });
    assert.equal(await vscode.env.clipboard.readText(), edited);
    const entries = copiedEntries(await readText(uri));
    assert.deepEqual(entries.map((l) => l.replace(/^- .*? — /, '')), ['Notification copied: Label printing is down in three warehouses.']);
    assert.deepEqual(opened, [], 'Copy opens nothing');
    // Copied, the edits are sent: the next run fills the message afresh.
    assert.equal(await vscode.commands.executeCommand<string>('runbook.copyNotification'), filled);
  });

  it('Copy and Open copies, notes, and opens the channel; the Update switch fills the update', async () => {
    const { api } = await activateExtension();
    const uri = await start();
    const panel = api.testing.notificationPanel;
    await vscode.commands.executeCommand('runbook.copyNotification');
    await panel.receive({ type: 'variant', variant: 'update' });
    const view = panel.state()?.view;
    assert.equal(view?.variant, 'update');
    assert.match(view?.text ?? '', /^Update — Investigating \(\d+m in\): Label printer down\nLatest: ⟦what was checked, what is tried next\?⟧\n/);
    assert.deepEqual(view?.marks.map((m) => m.label), ['Latest news']);
    const update = (view?.text ?? '').replace('⟦what was checked, what is tried next?⟧', 'rolled back the label service');
    await panel.receive({ type: 'copy', variant: 'update', text: update, openChannel: true });
    assert.equal(await vscode.env.clipboard.readText(), update);
    assert.deepEqual(opened, [CHANNEL_URL]);
    assert.equal(copiedEntries(await readText(uri)).length, 1);
    // A message of the wrong shape is ignored.
    await panel.receive({ type: 'copy', variant: 'update', text: 42, openChannel: false });
    assert.equal(await vscode.env.clipboard.readText(), update);
  });
});
