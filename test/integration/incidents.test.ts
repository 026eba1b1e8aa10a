import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { IncidentState } from '../../src/core/incident/incident';
import { activateExtension, useBuiltInTemplates, eventually, readText, rejection, workspaceFolder } from './helpers';

const RUNBOOK = 'samples/incident-response.md';
const uriOf = (path: string) => vscode.Uri.joinPath(workspaceFolder().uri, path);

async function start(overrides: Record<string, unknown> = {}): Promise<vscode.Uri> {
  const uri = await vscode.commands.executeCommand<vscode.Uri>('runbook.startIncident', {
    title: 'Parcel tracking 500s',
    impact: 'Customers cannot see parcel status',
    affected: '12%',
    errorTypes: ['500s', 'timeouts'],
    systems: ['Tracking API', 'Carrier Gateway'],
    startedAt: new Date(Date.now() - 25 * 60_000).toISOString(),
    severity: 2,
    roles: { coordinator: 'Priya Raman', technicalLead: 'Tomás Ortega' },
    runbook: RUNBOOK,
    ...overrides,
  });
  assert.ok(uri, 'startIncident returns the new document');
  return uri;
}

describe('Incidents in the real extension host', () => {
  // These suites are about the incident, not its template: the sample runbook's linked templates stay out of their records.
  let restoreTemplates: () => Promise<void>;
  before(async () => (restoreTemplates = await useBuiltInTemplates()));
  // Later suites expect no active incident: resolve whatever a failed test left open.
  after(async () => {
    const { api } = await activateExtension();
    for (let active = await api.getActiveIncident(); active; active = await api.getActiveIncident()) {
      await vscode.commands.executeCommand('runbook.switchIncident', { uri: active.uri });
      await vscode.commands.executeCommand('runbook.resolveIncident', { summary: 'closed by the test suite', postmortem: false });
    }
    await restoreTemplates();
  });

  it('starts from an argument object: the record has the front matter and sections, and is current', async () => {
    const { api } = await activateExtension();
    const uri = await start();
    assert.match(uri.path, /\/incidents\/\d{4}-\d{2}-\d{2}-\d{4}-parcel-tracking-500s\.md$/);
    const text = await readText(uri);
    assert.match(text, /^---\nid: \d{4}-\d{2}-\d{2}-\d{4}-parcel-tracking-500s\ntitle: Parcel tracking 500s\nstatus: investigating\n/);
    assert.match(text, /\nseverity: 2\n/);
    assert.match(text, /\nrunbook: samples\/incident-response\.md\n/);
    for (const section of ['Summary', 'Impact', 'Timeline', 'Recent Changes', 'Dashboards', 'Debugging Details', 'Post-incident']) assert.match(text, new RegExp(`^## ${section}$`, 'm'));
    assert.match(text, /## Timeline\n- (?:\d{4}-\d{2}-\d{2} )?\d{2}:\d{2} \S+ — Incident declared; it started at \d{4}-\d{2}-\d{2} \d{2}:\d{2} \S+, coordinated by Priya Raman\.\n/);
    const active = await eventually(() => api.getActiveIncident(), 'the active incident');
    assert.equal(active.uri, uri.toString());
    assert.equal(active.state.affected, '12%');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString(), 'the record opens');
  });

  it('never overwrites: the same title and minute gets -2', async () => {
    const startedAt = '2026-01-05T10:00:00.000Z';
    const first = await start({ title: 'Same name', startedAt });
    const second = await start({ title: 'Same name', startedAt });
    assert.match(first.path, /2026-01-05-1000-same-name\.md$/);
    assert.match(second.path, /2026-01-05-1000-same-name-2\.md$/);
    await vscode.commands.executeCommand('runbook.resolveIncident', { summary: 'test', postmortem: false });
    await vscode.commands.executeCommand('runbook.switchIncident', { uri: first.toString() });
    await vscode.commands.executeCommand('runbook.resolveIncident', { summary: 'test', postmortem: false });
  });

  it('two simultaneous starts give two records, the second -2, neither overwritten', async () => {
    const startedAt = '2026-01-06T09:00:00.000Z';
    const uris = await Promise.all([start({ title: 'Started twice', startedAt }), start({ title: 'Started twice', startedAt })]);
    const names = uris.map((u) => u.path.slice(u.path.lastIndexOf('/') + 1)).sort();
    assert.deepEqual(names, ['2026-01-06-0900-started-twice-2.md', '2026-01-06-0900-started-twice.md']);
    for (const uri of uris) {
      const id = uri.path.slice(uri.path.lastIndexOf('/') + 1).replace(/\.md$/, '');
      assert.match(await readText(uri), new RegExp(`^---\nid: ${id}\n`), `${id} keeps its own record`);
      await vscode.commands.executeCommand('runbook.switchIncident', { uri: uri.toString() });
      await vscode.commands.executeCommand('runbook.resolveIncident', { summary: 'test', postmortem: false });
    }
  });

  it('resolving is one edit: one save, and one undo restores the record exactly', async () => {
    const uri = await start({ title: 'Undo resolve' });
    const editor = await vscode.window.showTextDocument(uri);
    const before = editor.document.getText();
    let saves = 0;
    const listener = vscode.workspace.onDidSaveTextDocument((d) => void (d.uri.toString() === uri.toString() && saves++));
    try {
      await vscode.commands.executeCommand('runbook.resolveIncident', { summary: 'Undo me.', postmortem: false });
    } finally {
      listener.dispose();
    }
    assert.equal(saves, 1);
    assert.match(editor.document.getText(), /\nstatus: resolved\n[\s\S]*## Summary\nUndo me\.\n/);
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), before);
    await vscode.commands.executeCommand('redo');
    await editor.document.save();
    assert.match(await readText(uri), /\nstatus: resolved\n/);
  });

  it('adding a timeline entry reveals the record without taking the focus from the editor in use', async () => {
    const uri = await start({ title: 'Reveal' });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const runbook = await vscode.window.showTextDocument(uriOf(RUNBOOK));
    await vscode.commands.executeCommand('runbook.addTimelineEntry', { text: 'Checked the gateway logs' });
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), runbook.document.uri.toString(), 'the focus stays in the runbook');
    const record = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    assert.ok(record, 'the record is shown');
    const line = record.document.getText().split('\n').findIndex((l) => l.endsWith('— Checked the gateway logs'));
    // The editor reports its visible ranges once laid out.
    await eventually(() => (record.visibleRanges.some((r) => r.start.line <= line && line <= r.end.line) ? true : undefined), `line ${line + 1} in view`, 5000).catch((error: Error) => assert.fail(`${error.message}; visible: ${JSON.stringify(record.visibleRanges)}`));
    await vscode.commands.executeCommand('runbook.resolveIncident', { summary: 'test', postmortem: false });
  });

  it('dates the timeline entries written on a later day than the start', async () => {
    const startedAt = new Date(Date.now() - 50 * 60 * 60_000);
    const uri = await start({ title: 'Two days long', startedAt: startedAt.toISOString() });
    const entry = await vscode.commands.executeCommand<string>('runbook.addTimelineEntry', { text: 'Still investigating' });
    assert.match(entry, /^- \d{4}-\d{2}-\d{2} \d{2}:\d{2} \S+ — Still investigating$/);
    const text = await readText(uri);
    // Declared now, two days after the start: that entry is dated too.
    assert.match(text, /## Timeline\n- \d{4}-\d{2}-\d{2} \d{2}:\d{2} \S+ — Incident declared; it started at \d{4}-\d{2}-\d{2} \d{2}:\d{2} \S+, coordinated by Priya Raman\.\n(?:- \d{4}-\d{2}-\d{2} \d{2}:\d{2} \S+ — Collected [^\n]+\n){4}- \d{4}-\d{2}-\d{2} \d{2}:\d{2} \S+ — Still investigating\n/);
    await vscode.commands.executeCommand('runbook.resolveIncident', { summary: 'test', postmortem: false });
  });

  it('appends 100 timeline entries in order, keeping unsaved edits in the open editor', async () => {
    const uri = await start({ title: 'Timeline load' });
    const editor = await vscode.window.showTextDocument(uri);
    await editor.edit((b) => b.insert(new vscode.Position(editor.document.lineCount, 0), '\nUnsaved debugging note\n'));
    await Promise.all(Array.from({ length: 100 }, (_, i) => vscode.commands.executeCommand('runbook.addTimelineEntry', { text: `entry ${i}` })));
    const text = editor.document.getText();
    const entries = [...text.matchAll(/^- (?:\d{4}-\d{2}-\d{2} )?\d{2}:\d{2} \S+ — entry (\d+)$/gm)].map((m) => Number(m[1]));
    assert.deepEqual(entries, Array.from({ length: 100 }, (_, i) => i));
    assert.match(text, /Unsaved debugging note\n$/);
    assert.equal(editor.document.isDirty, true);
    await editor.document.save();
    await vscode.commands.executeCommand('runbook.resolveIncident', { summary: 'load test', postmortem: false });
  });

  it('reads the state from the document: a record pulled from the repository becomes the incident', async () => {
    const { api } = await activateExtension();
    const pulled = uriOf('incidents/2026-02-01-0900-pulled-by-a-teammate.md');
    const text = '---\nid: 2026-02-01-0900-pulled-by-a-teammate\ntitle: Pulled by a teammate\nstatus: active\nstartedAt: 2026-02-01T09:00:00.000Z\nseverity: 1\nprogress: []\n---\n# Incident: Pulled by a teammate\n\n## Timeline\n';
    await vscode.workspace.fs.writeFile(pulled, new TextEncoder().encode(text));
    await eventually(async () => {
      await vscode.commands.executeCommand('runbook.switchIncident', { uri: pulled.toString() });
      const active = await api.getActiveIncident();
      return active?.state.title === 'Pulled by a teammate' ? active : undefined;
    }, 'the pulled incident');
    await vscode.commands.executeCommand('runbook.resolveIncident', { summary: 'done', postmortem: false });
  });

  it('records runbook steps checked during the incident in the record, with a timeline entry', async () => {
    const { api } = await activateExtension();
    const uri = await start({ title: 'Step progress' });
    const outline = await api.getOutline(uriOf(RUNBOOK).toString());
    assert.ok(Array.isArray(outline));
    const flat = (rows: typeof outline): typeof outline => rows.flatMap((r) => [r, ...flat(r.children)]);
    const step = flat(outline).find((r) => r.label.startsWith('2.2 '));
    assert.ok(step);
    let saves = 0;
    const listener = vscode.workspace.onDidSaveTextDocument((d) => void (d.uri.toString() === uri.toString() && saves++));
    const document = await vscode.workspace.openTextDocument(uri);
    const before = document.getText();
    try {
      assert.equal(await vscode.commands.executeCommand('runbook.setItemChecked', { uri: uriOf(RUNBOOK).toString(), line: step.line, checked: true }), true);
    } finally {
      listener.dispose();
    }
    assert.equal(saves, 1, 'ticking a step is one edit, saved once');
    const record = await readText(uri);
    assert.match(record, /\nprogress:\n(?: {2}- .*\n)* {2}- "?\/section:🚨 First Reaction\/section:2\. Notify\/step:2\.2 Coordinator/);
    assert.match(record, /— Done: 2\.2 Coordinator/);
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), before, 'one undo removes both the progress key and the timeline entry');
    await vscode.commands.executeCommand('redo');
    await document.save();
    const after = await api.getOutline(uriOf(RUNBOOK).toString());
    assert.ok(Array.isArray(after));
    assert.equal(flat(after).find((r) => r.label.startsWith('2.2 '))?.checked, true);

    // Unchecking one of several keys that share a prefix must leave a readable record.
    const other = flat(outline).find((r) => r.label.startsWith('2.1 '));
    assert.ok(other);
    await vscode.commands.executeCommand('runbook.setItemChecked', { uri: uriOf(RUNBOOK).toString(), line: other.line, checked: true });
    await vscode.commands.executeCommand('runbook.setItemChecked', { uri: uriOf(RUNBOOK).toString(), line: step.line, checked: false });
    const active = await api.getActiveIncident();
    assert.equal(active?.uri, uri.toString());
    const notify = active?.state.progress.filter((key) => key.includes('/section:2. Notify/')) ?? [];
    assert.equal(notify.length, 1);
    assert.match(notify[0] ?? '', /step:2\.1 Coordinator/);
    assert.match(await readText(uri), /— Reopened: 2\.2 Coordinator/);
  });

  it('fills the notification from the runbook template', async () => {
    const text = await vscode.commands.executeCommand<string>('runbook.copyNotification', { preview: false });
    assert.match(text, /Impacted customers %:\s+12%\n/);
    assert.match(text, /Impacted systems:\s+Tracking API, Carrier Gateway\n/);
    assert.match(text, /Issue has been going on for \d+ minutes\./);
    assert.equal(await vscode.env.clipboard.readText(), text);
  });

  it('resolves: status, resolvedAt, summary and the post-incident checklist', async () => {
    const { api } = await activateExtension();
    const current = await api.getActiveIncident();
    assert.ok(current);
    await vscode.commands.executeCommand('runbook.resolveIncident', { summary: 'Rolled back the carrier gateway release.', postmortem: false });
    const text = await readText(vscode.Uri.parse(current.uri));
    assert.match(text, /\nstatus: resolved\n/);
    assert.match(text, /\nresolvedAt: \d{4}-\d{2}-\d{2}T/);
    assert.match(text, /## Summary\nRolled back the carrier gateway release\.\n\n## Impact/);
    assert.match(text, /## Post-incident\n- \[ \] Remove maintenance windows opened for the incident\n- \[ \] Tell the affected groups that the incident is resolved\n- \[ \] For high-impact incidents, write a post-mortem from \[the template\]\(https:\/\/github\.com\/northwind-example\/handbook\/blob\/main\/templates\/postmortem\.md\)\n/);
  });

  it('scaffolds a post-mortem with the summary, impact, timeline, duration and post-incident checklist', async () => {
    const record = await start({ title: 'Postmortem source' });
    const state = await vscode.commands.executeCommand<IncidentState>('runbook.resolveIncident', { summary: 'Fixed.', postmortem: true });
    assert.equal(state.status, 'resolved', 'the command returns the resolved state');
    const postmortem = vscode.Uri.joinPath(record, '..', `${state.id}-postmortem.md`);
    assert.match(postmortem.path, /-postmortem-source-postmortem\.md$/);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), postmortem.toString(), 'the post-mortem opens');
    const text = await readText(postmortem);
    assert.match(text, /^# Post-mortem: Postmortem source/);
    assert.match(text, /- Started: \d{4}-\d{2}-\d{2} \d{2}:\d{2} \S+\n/);
    assert.match(text, /- Duration: \d+m\n/);
    assert.match(text, /- Impact: Customers cannot see parcel status \(12%\)\n/);
    assert.match(text, /## Summary\nFixed\.\n/);
    assert.match(text, /## Timeline\n- (?:\d{4}-\d{2}-\d{2} )?\d{2}:\d{2} \S+ — Incident declared/);
    assert.match(text, /— Resolved after \d+m\.\n/);
    assert.match(text, /- \[ \] For high-impact incidents, write a post-mortem from \[the template\]\(https:\/\/github\.com\//);
  });

  it('a second post-mortem (-postmortem-2.md) is not read as a broken incident', async () => {
    const { api } = await activateExtension();
    const record = await start({ title: 'Reviewed twice' });
    const first = vscode.Uri.joinPath(record, '..', record.path.slice(record.path.lastIndexOf('/') + 1).replace(/\.md$/, '-postmortem.md'));
    await vscode.workspace.fs.writeFile(first, new TextEncoder().encode('# Post-mortem written by hand\n'));
    const state = await vscode.commands.executeCommand<IncidentState>('runbook.resolveIncident', { summary: 'Fixed.', postmortem: true });
    const second = vscode.Uri.joinPath(record, '..', `${state.id}-postmortem-2.md`);
    assert.match(await readText(second), /^# Post-mortem: Reviewed twice/);
    assert.equal(await readText(first), '# Post-mortem written by hand\n', 'the first is never overwritten');
    // A record written after the post-mortem: once the view lists it, the folder was read with the post-mortem in it.
    const marker = uriOf('incidents/2026-02-03-1000-after-the-review.md');
    await vscode.workspace.fs.writeFile(marker, new TextEncoder().encode('---\nid: 2026-02-03-1000-after-the-review\ntitle: After the review\nstatus: active\nstartedAt: 2026-02-03T10:00:00.000Z\nprogress: []\n---\n# Incident: After the review\n\n## Timeline\n'));
    const labels = await eventually(async () => {
      const rows = (await api.testing.getIncidentView()).map((r) => r.label);
      return rows.includes('After the review') ? rows : undefined;
    }, 'the view after the post-mortem');
    assert.ok(!labels.some((l) => l.startsWith('Cannot read')), labels.join('\n'));
    await vscode.commands.executeCommand('runbook.switchIncident', { uri: marker.toString() });
    await vscode.commands.executeCommand('runbook.resolveIncident', { summary: 'test', postmortem: false });
  });

  // One failure, one message: the command rejects without a message of its own, and the rejection says what failed.
  it('refuses bad input with a message that names the field', async () => {
    const future = await rejection(vscode.commands.executeCommand('runbook.startIncident', { title: 'x', startedAt: new Date(Date.now() + 3_600_000).toISOString() }));
    assert.match(future, /^Cannot start the incident: startedAt: .* is in the future/);
    const garbage = await rejection(vscode.commands.executeCommand('runbook.startIncident', { title: 'x', startedAt: 'last tuesday-ish' }));
    assert.match(garbage, /startedAt: "last tuesday-ish" is not a start time/);
    const untitled = await rejection(vscode.commands.executeCommand('runbook.startIncident', { severity: 9 }));
    assert.match(untitled, /^Cannot start the incident: title: A title is required/);
    assert.match(untitled, /severity: Severity must be 1, 2, 3 or 4/);
  });

  it('starts from the built-in template when the configured one has an unknown placeholder, and says why in the first entry', async () => {
    const config = vscode.workspace.getConfiguration('runbook');
    await vscode.workspace.fs.writeFile(uriOf('templates/record.md'), new TextEncoder().encode('# {{title}} owned by {{owner}}\n## Timeline\n'));
    await config.update('traceabilityTemplate', 'templates/record.md', vscode.ConfigurationTarget.Workspace);
    try {
      const record = await start({ title: 'Templated' });
      const text = await readText(record);
      assert.match(text, /\n# Incident: Templated\n/, 'the built-in template');
      assert.doesNotMatch(text, /\ntemplate:/, 'no team template is recorded');
      assert.match(text, /## Timeline\n- .* — Incident declared; .*Template record\.md has an unknown placeholder \{\{owner\}\}\. Valid names: id, title, .*; started from the built-in template\.\n/);
      await vscode.commands.executeCommand('runbook.resolveIncident', { summary: 'test', postmortem: false });
    } finally {
      await config.update('traceabilityTemplate', 'built-in', vscode.ConfigurationTarget.Workspace);
    }
  });

  it('names the path when the incidents folder cannot be written', async () => {
    const config = vscode.workspace.getConfiguration('runbook');
    await vscode.workspace.fs.writeFile(uriOf('not-a-folder'), new TextEncoder().encode('a file where the folder should be'));
    await config.update('incidentsFolder', 'not-a-folder', vscode.ConfigurationTarget.Workspace);
    try {
      const message = await rejection(vscode.commands.executeCommand('runbook.startIncident', { title: 'Unwritable' }));
      assert.match(message, /Cannot write the incident document to .*not-a-folder/);
    } finally {
      await config.update('incidentsFolder', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('repairs a record whose front matter was broken by hand, keeping every line', async () => {
    const { api } = await activateExtension();
    const uri = uriOf('incidents/2026-02-02-1130-hand-edited.md');
    const broken = '---\nid: 2026-02-02-1130-hand-edited\ntitle: [oops\nstatus: active\n---\n# Incident: Hand edited\n\n## Timeline\n- 11:30 UTC — my own note\n';
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(broken));
    assert.equal(await vscode.commands.executeCommand('runbook.repairIncident', uri), true);
    await vscode.commands.executeCommand('runbook.switchIncident', { uri: uri.toString() });
    const text = await readText(uri);
    for (const line of broken.split('\n').filter((l) => l && l !== '---')) assert.ok(text.includes(line), `lost: ${line}`);
    assert.match(text, /^---\nid: 2026-02-02-1130-hand-edited\ntitle: Hand edited\nstatus: investigating\nstartedAt: 2026-02-02T11:30:00\.000Z\n/);
    await eventually(async () => ((await api.getActiveIncident())?.uri === uri.toString() ? true : undefined), 'the repaired incident');
    await vscode.commands.executeCommand('runbook.resolveIncident', { summary: 'repaired', postmortem: false });
  });

  it('ticks the Collect items the start answers, each with a timeline entry, and the Playbook shows them checked', async () => {
    const { api } = await activateExtension();
    const uri = await start({ title: 'Collect answers', systems: ['Tracking API'] });
    const record = await readText(uri);
    const keys = record.match(/\nprogress:\n((?: {2}- .*\n)+)/)?.[1]?.trim().split('\n') ?? [];
    assert.deepEqual(keys.map((k) => /step:(\d) /.exec(k)?.[1]), ['1', '2', '3', '4'], `four Collect keys:\n${record}`);
    assert.ok(keys.every((k) => k.includes('/section:1. Collect/')));
    const timeline = record.slice(record.indexOf('## Timeline\n')).split('\n').slice(1, 6).map((l) => l.replace(/^- .*? — /, ''));
    assert.match(timeline[0] ?? '', /^Incident declared/);
    assert.deepEqual(timeline.slice(1, 4), ['Collected impact: 12% — Customers cannot see parcel status', 'Collected error type: 500s, timeouts', 'Collected systems: Tracking API']);
    assert.match(timeline[4] ?? '', /^Collected timeframe: going on for 25m \(since (?:\d{4}-\d{2}-\d{2} )?\d{2}:\d{2} \S+\)$/);
    const checked = await eventually(async () => {
      const outline = await api.getOutline(uriOf(RUNBOOK).toString());
      assert.ok(Array.isArray(outline));
      const flat = (rows: typeof outline): typeof outline => rows.flatMap((r) => [r, ...flat(r.children)]);
      const labels = flat(outline).filter((r) => r.checked).map((r) => r.label);
      return labels.length === 4 ? labels : undefined;
    }, 'the four Collect items checked in the Playbook');
    assert.deepEqual(checked.map((l) => l.split(':')[0]), ['1 Impact', '2 Error type', '3 Systems', '4 Timeframe']);
    await vscode.commands.executeCommand('runbook.resolveIncident', { summary: 'test', postmortem: false });
  });

  it('ticks without entries when automatic entries are off, and leaves a start of "now" and missing answers unticked', async () => {
    const config = vscode.workspace.getConfiguration('runbook');
    await config.update('timeline.automaticEntries', false, vscode.ConfigurationTarget.Workspace);
    try {
      const uri = await start({ title: 'Quiet collect', impact: '', affected: '', startedAt: '', errorTypes: [] });
      const state = (await (await activateExtension()).api.getActiveIncident())?.state;
      assert.deepEqual(state?.progress.map((k) => /step:(\d) /.exec(k)?.[1]), ['3'], 'only Systems was answered');
      assert.doesNotMatch(await readText(uri), /Collected/);
      await vscode.commands.executeCommand('runbook.resolveIncident', { summary: 'test', postmortem: false });
    } finally {
      await config.update('timeline.automaticEntries', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('takes Coordinator and Technical lead from the runbook\'s contacts when the argument names none, and none for a role given empty', async () => {
    const { api } = await activateExtension();
    await start({ title: 'Default roles', roles: undefined });
    assert.deepEqual((await api.getActiveIncident())?.state.roles, { coordinator: 'Priya Raman', technicalLead: 'Tomás Ortega' });
    await vscode.commands.executeCommand('runbook.resolveIncident', { summary: 'test', postmortem: false });
    const uri = await start({ title: 'Cleared coordinator', roles: { coordinator: '' } });
    assert.deepEqual((await api.getActiveIncident())?.state.roles, { technicalLead: 'Tomás Ortega' });
    assert.match(await readText(uri), /Incident declared; it started at [^,]+\.\n/, 'no coordinator in the declaration');
    await vscode.commands.executeCommand('runbook.resolveIncident', { summary: 'test', postmortem: false });
  });
});
