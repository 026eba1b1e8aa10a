import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { IncidentState } from '../../src/core/incident/incident';
import { activateExtension, useBuiltInTemplates, eventually, readText, rejection } from './helpers';

const RUNBOOK = 'samples/incident-response.md';

async function start(title: string, overrides: Record<string, unknown> = {}): Promise<vscode.Uri> {
  const uri = await vscode.commands.executeCommand<vscode.Uri>('runbook.startIncident', {
    title,
    impact: 'Customers cannot see parcel status',
    systems: ['Tracking API'],
    startedAt: new Date(Date.now() - 25 * 60_000).toISOString(),
    severity: 2,
    roles: { coordinator: 'Priya Raman', technicalLead: 'Tomás Ortega' },
    runbook: RUNBOOK,
    ...overrides,
  });
  assert.ok(uri, 'startIncident returns the new record');
  return uri;
}

/** The lines of the Timeline section that start with "- ". */
function timeline(text: string): string[] {
  const lines = text.split('\n');
  const from = lines.indexOf('## Timeline');
  if (from < 0) return [];
  const end = lines.findIndex((l, i) => i > from && l.startsWith('## '));
  return lines.slice(from + 1, end < 0 ? undefined : end).filter((l) => l.startsWith('- '));
}

/** The timeline entries of `after` that `before` does not have. */
function added(before: string, after: string): string[] {
  const old = timeline(before);
  return timeline(after).filter((line) => {
    const i = old.indexOf(line);
    if (i < 0) return true;
    old.splice(i, 1);
    return false;
  });
}

interface Done<T> {
  readonly result: T;
  readonly before: string;
  readonly after: string;
  readonly saves: number;
  readonly dirtyBefore: boolean;
}

/** Runs a command on a record shown in an editor, counting the saves it makes. */
async function run<T>(uri: vscode.Uri, command: string, arg: unknown): Promise<Done<T>> {
  const editor = await vscode.window.showTextDocument(uri);
  const before = editor.document.getText();
  const dirtyBefore = editor.document.isDirty;
  let saves = 0;
  const listener = vscode.workspace.onDidSaveTextDocument((d) => void (d.uri.toString() === uri.toString() && saves++));
  try {
    const result = await vscode.commands.executeCommand<T>(command, arg);
    // The save event comes from the window after the command has returned; a loaded machine takes its time.
    for (const deadline = Date.now() + 3000; saves === 0 && !editor.document.isDirty && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 50));
    return { result, before, after: editor.document.getText(), saves, dirtyBefore };
  } finally {
    listener.dispose();
  }
}

/** One undo step takes the record back to `before`; redo and save put the change back. */
async function assertOneUndoStep(uri: vscode.Uri, before: string): Promise<void> {
  const editor = await vscode.window.showTextDocument(uri);
  const after = editor.document.getText();
  await vscode.commands.executeCommand('undo');
  assert.equal(editor.document.getText(), before, 'one undo restores the record exactly');
  await vscode.commands.executeCommand('redo');
  assert.equal(editor.document.getText(), after);
  await editor.document.save();
}

/** A command that must refuse: the message, with the record unchanged (in the editor and on disk). */
async function refused(uri: vscode.Uri, command: string, arg: unknown): Promise<string> {
  const document = await vscode.workspace.openTextDocument(uri);
  const before = document.getText();
  const onDisk = await readText(uri);
  const message = await rejection(vscode.commands.executeCommand(command, arg));
  assert.equal(document.getText(), before, `${command} changed the record although it refused: ${message}`);
  assert.equal(document.isDirty, false);
  assert.equal(await readText(uri), onDisk);
  return message;
}

describe('Incident lifecycle commands in the real extension host', () => {
  // These suites are about the incident, not its template: the sample runbook's linked templates stay out of their records.
  let restoreTemplates: () => Promise<void>;
  before(async () => (restoreTemplates = await useBuiltInTemplates()));
  after(async () => {
    const { api } = await activateExtension();
    for (let active = await api.getActiveIncident(); active; active = await api.getActiveIncident()) {
      await vscode.commands.executeCommand('runbook.resolveIncident', { uri: active.uri, summary: 'closed by the test suite' });
    }
    await restoreTemplates();
  });

  it('sets the status: front matter and one timeline entry in one edit, returns the state, and the incident shows it', async () => {
    const { api } = await activateExtension();
    const uri = await start('Status stages');
    const done = await run<IncidentState>(uri, 'runbook.setIncidentStatus', { status: 'identified', note: 'bad deploy of the gateway' });
    assert.equal(done.result.status, 'identified');
    assert.equal(done.result.title, 'Status stages');
    assert.match(done.after, /\nstatus: identified\n/);
    assert.deepEqual(
      added(done.before, done.after).map((l) => l.replace(/^- .*? — /, '')),
      ['Identified — bad deploy of the gateway'],
    );
    assert.equal(done.saves, 1, 'one save');
    await assertOneUndoStep(uri, done.before);
    const active = await eventually(async () => {
      const incident = await api.getActiveIncident();
      return incident?.state.status === 'identified' ? incident : undefined;
    }, 'the active incident with its new status');
    assert.equal(active.uri, uri.toString());

    const monitoring = await run<IncidentState>(uri, 'runbook.setIncidentStatus', { status: 'monitoring' });
    assert.deepEqual(added(monitoring.before, monitoring.after).map((l) => l.replace(/^- .*? — /, '')), ['Monitoring'], 'without a note, the stage alone');
  });

  it('declines a false alarm: closed, with resolvedAt and the entry', async () => {
    const { api } = await activateExtension();
    const uri = await start('False alarm');
    const done = await run<IncidentState>(uri, 'runbook.setIncidentStatus', { status: 'declined', note: 'synthetic check misfired' });
    assert.equal(done.result.status, 'declined');
    assert.ok(done.result.resolvedAt);
    assert.match(done.after, /\nstatus: declined\n/);
    assert.match(done.after, /\nresolvedAt: \d{4}-\d{2}-\d{2}T/);
    assert.deepEqual(added(done.before, done.after).map((l) => l.replace(/^- .*? — /, '')), ['Declined — synthetic check misfired']);
    await assertOneUndoStep(uri, done.before);
    await eventually(async () => ((await api.getActiveIncident())?.uri === uri.toString() ? undefined : true), 'the declined incident to be no longer active');
  });

  it('status "resolved" resolves, the note as the summary', async () => {
    const uri = await start('Resolved by status');
    const done = await run<IncidentState>(uri, 'runbook.setIncidentStatus', { status: 'resolved', note: 'Rolled back the release.' });
    assert.equal(done.result.status, 'resolved');
    assert.match(done.after, /## Summary\nRolled back the release\.\n/);
    assert.deepEqual(added(done.before, done.after).map((l) => l.replace(/^- .*? — /, '')), ['Resolved after 25m.']);
    await assertOneUndoStep(uri, done.before);
  });

  it('sets the severity with the entry "Severity 2 → 1 — reason"', async () => {
    const uri = await start('Severity change');
    const done = await run<IncidentState>(uri, 'runbook.setSeverity', { severity: 1, reason: 'all regions' });
    assert.equal(done.result.severity, 1);
    assert.match(done.after, /\nseverity: 1\n/);
    assert.deepEqual(added(done.before, done.after).map((l) => l.replace(/^- .*? — /, '')), ['Severity 2 → 1 — all regions']);
    assert.equal(done.saves, 1);
    await assertOneUndoStep(uri, done.before);
  });

  it('assigns roles by label or key, the runbook\'s contacts\' roles too, saying who it was handed from', async () => {
    const uri = await start('Role handover');
    const handed = await run<IncidentState>(uri, 'runbook.assignRole', { role: 'Technical Lead', name: 'Sam Becker' });
    assert.equal(handed.result.roles.technicalLead, 'Sam Becker');
    assert.match(handed.after, /\n {2}technicalLead: Sam Becker\n/);
    assert.deepEqual(added(handed.before, handed.after).map((l) => l.replace(/^- .*? — /, '')), ['Technical lead: handed from Tomás Ortega to Sam Becker']);
    await assertOneUndoStep(uri, handed.before);

    const owner = await run<IncidentState>(uri, 'runbook.assignRole', { role: 'productOwner', name: 'Grace Liu' });
    assert.equal(owner.result.roles.productOwner, 'Grace Liu');
    assert.deepEqual(added(owner.before, owner.after).map((l) => l.replace(/^- .*? — /, '')), ['Product Owner: Grace Liu']);
  });

  it('resolves at a given time, returns the state, and notes the copied "Resolved" message', async () => {
    const uri = await start('Resolved late');
    const done = await run<IncidentState>(uri, 'runbook.resolveIncident', { summary: 'Fixed by the carrier.', resolvedAt: '10 minutes ago', notify: true });
    assert.equal(done.result.status, 'resolved');
    const minutesAgo = (Date.now() - Date.parse(done.result.resolvedAt ?? '')) / 60_000;
    assert.ok(minutesAgo >= 9.9 && minutesAgo < 12, `resolvedAt ${done.result.resolvedAt} is about 10 minutes ago`);
    assert.match(await vscode.env.clipboard.readText(), /^Resolved: Resolved late\n/);
    const after = (await vscode.workspace.openTextDocument(uri)).getText();
    assert.deepEqual(added(done.before, after).map((l) => l.replace(/^- .*? — /, '')), ['Resolved after 15m.', 'Copied the resolved message']);
    await assertOneUndoStep(uri, done.before);
  });

  it('resolving is one edit: one save, and one undo restores the record', async () => {
    const uri = await start('Resolve undo');
    const done = await run<IncidentState>(uri, 'runbook.resolveIncident', { summary: 'Undo me.' });
    assert.equal(done.saves, 1, `one save (${done.dirtyBefore ? 'the record had unsaved changes before' : 'the record was saved before'})`);
    assert.equal(done.result.status, 'resolved');
    await assertOneUndoStep(uri, done.before);
  });

  it('refuses bad input naming the field, changing nothing', async () => {
    const uri = await start('Bad input');
    assert.match(await refused(uri, 'runbook.setIncidentStatus', { status: 'fixed' }), /^status: "fixed" is not one of investigating, identified, monitoring, resolved, declined$/);
    assert.match(await refused(uri, 'runbook.setIncidentStatus', { status: 'investigating', note: 'again' }), /^status: the incident is already Investigating$/);
    assert.match(await refused(uri, 'runbook.setSeverity', { severity: 5 }), /^severity: 5 is not 1, 2, 3 or 4$/);
    assert.match(await refused(uri, 'runbook.setSeverity', { sev: 1 }), /^sev: not a field of this command; its fields are severity, reason, uri$/);
    assert.match(await refused(uri, 'runbook.setIncidentStatus', { status: 'identified', uri: 'incidents/x.md' }), /^uri: "incidents\/x\.md" is not a URI/);
    assert.match(await refused(uri, 'runbook.assignRole', { role: 'Janitor', name: 'X' }), /^role: "Janitor" is not a role of this incident; use Coordinator, Technical lead, .*Product Owner/);
    assert.match(await refused(uri, 'runbook.assignRole', { role: 'coordinator', name: '  ' }), /^name: /);
    const started = Date.now() - 25 * 60_000;
    assert.match(await refused(uri, 'runbook.resolveIncident', { summary: 'x', resolvedAt: new Date(started - 3_600_000).toISOString() }), /resolvedAt is before the incident started/);
    assert.match(await refused(uri, 'runbook.resolveIncident', { summary: 'x', resolvedAt: new Date(Date.now() + 3_600_000).toISOString() }), /^resolvedAt: .* is in the future/);
    assert.match(await refused(uri, 'runbook.resolveIncident', { summary: 'x', resolvedAt: 'teatime' }), /^resolvedAt: "teatime" is not a time/);
    assert.match(await refused(uri, 'runbook.reopenIncident', { uri: uri.toString() }), /^status: the incident is not closed; it is Investigating$/);
  });

  it('with automatic entries off, changes the front matter and writes no entry', async () => {
    const config = vscode.workspace.getConfiguration('runbook');
    await config.update('timeline.automaticEntries', false, vscode.ConfigurationTarget.Workspace);
    try {
      const uri = await start('Quiet timeline');
      const done = await run<IncidentState>(uri, 'runbook.setSeverity', { severity: 3 });
      assert.match(done.after, /\nseverity: 3\n/);
      assert.deepEqual(added(done.before, done.after), []);
      const status = await run<IncidentState>(uri, 'runbook.setIncidentStatus', { status: 'identified', note: 'x' });
      assert.match(status.after, /\nstatus: identified\n/);
      assert.deepEqual(added(status.before, status.after), []);
    } finally {
      await config.update('timeline.automaticEntries', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('acts on the incident the argument names, not only the current one', async () => {
    const { api } = await activateExtension();
    const other = await start('Other incident');
    const current = await start('Current incident');
    await eventually(async () => ((await api.getActiveIncident())?.uri === current.toString() ? true : undefined), 'the second to be current');
    const before = await readText(current);
    const state = await vscode.commands.executeCommand<IncidentState>('runbook.setSeverity', { uri: other.toString(), severity: 1 });
    assert.equal(state.title, 'Other incident');
    assert.match(await readText(other), /\nseverity: 1\n/);
    assert.equal(await readText(current), before, 'the current incident is untouched');
  });

  it('reopens a resolved incident: investigating, no resolve time, an entry, and it becomes the current incident', async () => {
    const { api } = await activateExtension();
    const reopened = await start('Back again');
    await vscode.commands.executeCommand('runbook.resolveIncident', { uri: reopened.toString(), summary: 'Looked fixed.' });
    const current = await start('Meanwhile');
    await eventually(async () => ((await api.getActiveIncident())?.uri === current.toString() ? true : undefined), 'the newer incident to be current');
    const done = await run<IncidentState>(reopened, 'runbook.reopenIncident', { uri: reopened.toString(), note: 'errors are back' });
    assert.equal(done.result.status, 'investigating');
    assert.equal(done.result.resolvedAt, undefined);
    assert.match(done.after, /\nstatus: investigating\n/);
    assert.match(done.after, /\nresolvedAt: null\n/);
    assert.deepEqual(added(done.before, done.after).map((l) => l.replace(/^- .*? — /, '')), ['Reopened — errors are back']);
    await eventually(async () => ((await api.getActiveIncident())?.uri === reopened.toString() ? true : undefined), 'the reopened incident to be current');
    assert.match(await refused(current, 'runbook.reopenIncident', { note: 'which?' }), /^uri: /);
  });
});
