import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { IncidentViewRow, OutlineRow } from '../../src/api';
import { GENERATED_TITLE, generatedRecord, generatedTitle } from '../fakes/incidentRecords';
import { activateExtension, eventually, readText, workspaceFolder } from './helpers';

const RUNBOOK = 'samples/incident-response.md';
const COUNT = 2000;
const uriOf = (path: string) => vscode.Uri.joinPath(workspaceFolder().uri, path);
const generated: vscode.Uri[] = [];

function flat<T extends { children: T[] }>(rows: readonly T[]): T[] {
  return rows.flatMap((r) => [r, ...flat(r.children)]);
}

async function generatedListed(): Promise<number> {
  const { api } = await activateExtension();
  return (await api.listIncidents()).filter((i) => GENERATED_TITLE.test(i.state.title)).length;
}

async function view(): Promise<IncidentViewRow[]> {
  const { api } = await activateExtension();
  return api.testing.getIncidentView();
}

describe('Incident history: 2,000 records in the real extension host', () => {
  before(async function () {
    this.timeout(120_000);
    await activateExtension();
    // Years of records, written as a pull would bring them: straight to disk, not through the extension.
    const dir = uriOf('incidents').fsPath;
    mkdirSync(dir, { recursive: true });
    const newest = new Date(Date.now() - 24 * 60 * 60_000);
    for (let i = 0; i < COUNT; i++) {
      const record = generatedRecord(i, newest);
      writeFileSync(join(dir, record.name), record.text);
      generated.push(uriOf(`incidents/${record.name}`));
    }
    await eventually(async () => ((await generatedListed()) === COUNT ? true : undefined), `the ${COUNT} records listed`, 60_000);
  });

  after(async function () {
    this.timeout(60_000);
    const { api } = await activateExtension();
    for (let active = await api.getActiveIncident(); active; active = await api.getActiveIncident()) {
      await vscode.commands.executeCommand('runbook.switchIncident', { uri: active.uri });
      await vscode.commands.executeCommand('runbook.resolveIncident', { summary: 'closed by the test suite', postmortem: false });
    }
    for (const uri of generated) rmSync(uri.fsPath, { force: true });
    await eventually(async () => ((await generatedListed()) === 0 ? true : undefined), 'the generated records gone', 30_000);
  });

  it('lists the active incident first (marked current, with its stage), then Resolved: the most recent closed ones, older ones by year; listIncidents returns every record', async function () {
    this.timeout(60_000);
    const { api } = await activateExtension();
    const uri = await vscode.commands.executeCommand<vscode.Uri>('runbook.startIncident', { title: 'History active', severity: 2, startedAt: new Date(Date.now() - 23 * 60_000).toISOString(), roles: { coordinator: 'Priya Raman' }, runbook: RUNBOOK });
    // A role the runbook's contacts define, as a teammate's edit on disk would add it.
    writeFileSync(uri.fsPath, (await readText(uri)).replace('roles:\n  coordinator: Priya Raman\n', 'roles:\n  coordinator: Priya Raman\n  communicationsLead: Ada Lovelace\n'));
    const rows = await eventually(async () => {
      const r = await view();
      return r[0]?.label === 'History active' && r[0].children.some((d) => d.label === 'Communications lead') ? r : undefined;
    }, 'the active incident first, with its roles');
    const [active] = rows;
    assert.equal(active?.contextValue, 'incident.current');
    assert.match(active?.description ?? '', /^Investigating · Sev 2 · 2\dm$/);
    const details = active?.children.map((r) => [r.label, r.description]) ?? [];
    assert.deepEqual(details.filter(([label]) => label === 'Coordinator' || label === 'Communications lead'), [
      ['Coordinator', 'Priya Raman'],
      ['Communications lead', 'Ada Lovelace'],
    ]);
    const resolved = rows.at(-1);
    assert.equal(resolved?.label, 'Resolved');
    assert.ok(Number(resolved?.description) >= COUNT, `Resolved counts every closed record: ${resolved?.description}`);
    const recent = resolved?.children.filter((r) => r.contextValue === 'incident.closed') ?? [];
    assert.equal(recent.length, 25, 'the 25 most recent, not 2,000 rows');
    const years = resolved?.children.filter((r) => /^\d{4}$/.test(r.label)) ?? [];
    assert.ok(years.length >= 2, `older records grouped by year: ${years.map((y) => y.label).join(', ')}`);
    const generatedRows = flat(resolved?.children ?? []).filter((r) => GENERATED_TITLE.test(r.label));
    assert.equal(generatedRows.length, COUNT);
    const declined = generatedRows.find((r) => r.label === generatedTitle(9));
    assert.match(declined?.description ?? '', /^Declined · Sev 2 · \d+(?:m|h \d{2}m) · \d{4}-\d{2}-\d{2}$/);
    assert.match(generatedRows.find((r) => r.label === generatedTitle(0))?.description ?? '', /^Sev 1 · 15m · \d{4}-\d{2}-\d{2}$/);

    const listed = await api.listIncidents();
    assert.equal(listed.filter((i) => GENERATED_TITLE.test(i.state.title)).length, COUNT);
    assert.equal(listed.find((i) => i.uri === uri.toString())?.state.status, 'investigating');
    assert.equal((await api.getActiveIncident())?.state.status, 'investigating');
  });

  it('after one record is edited (by the extension or on disk), no other record is read again', async function () {
    this.timeout(60_000);
    const { api } = await activateExtension();
    const active = await api.getActiveIncident();
    assert.ok(active);
    await view();
    const before = api.testing.getIncidentRecordReads();
    assert.ok(generated.every((u) => (before[u.toString()] ?? 0) >= 1), 'every record was read once to list it');

    await vscode.commands.executeCommand('runbook.addTimelineEntry', { text: 'Checked the history' });
    const onDisk = generated[1234] as vscode.Uri;
    writeFileSync(onDisk.fsPath, (await readText(onDisk)).replace(/\nseverity: \d\n/, '\nseverity: 1\n'));
    await eventually(async () => ((await api.listIncidents()).find((i) => i.uri === onDisk.toString())?.state.severity === 1 ? true : undefined), 'the record changed on disk read again');
    await view();

    const after = api.testing.getIncidentRecordReads();
    const readAgain = Object.keys(after).filter((uri) => after[uri] !== before[uri]);
    assert.deepEqual(readAgain.sort(), [active.uri, onDisk.toString()].sort(), 'only the two edited records are read again');
  });

  it('a resolved incident stays selected: shown under Resolved, expanded, with its ticks in the Playbook', async function () {
    this.timeout(60_000);
    const { api } = await activateExtension();
    const uri = await vscode.commands.executeCommand<vscode.Uri>('runbook.startIncident', { title: 'History ticks', severity: 3, startedAt: new Date(Date.now() - 65 * 60_000).toISOString(), runbook: RUNBOOK });
    const runbook = uriOf(RUNBOOK).toString();
    const outline = async () => {
      const rows = await api.getOutline(runbook);
      assert.ok(Array.isArray(rows));
      return flat<OutlineRow>(rows);
    };
    const step = (await outline()).find((r) => r.label.startsWith('2.2 '));
    assert.ok(step);
    assert.equal(await vscode.commands.executeCommand('runbook.setItemChecked', { uri: runbook, line: step.line, checked: true }), true);
    await vscode.commands.executeCommand('runbook.resolveIncident', { summary: 'Fixed by the history test.', postmortem: false });
    assert.match(await readText(uri), /\nstatus: resolved\n/);

    await eventually(async () => ((await api.getActiveIncident())?.uri === uri.toString() ? undefined : true), 'no longer the active incident');
    const checked = async (want: boolean) => ((await outline()).find((r) => r.line === step.line)?.checked === want ? true : undefined);
    // Another incident is still active: the Playbook follows it, as the status bar and every command do.
    await eventually(() => checked(false), 'the ticks of the incident still active');
    // Selected on purpose, the resolved one shows its tick again.
    await vscode.commands.executeCommand('runbook.switchIncident', { uri: uri.toString() });
    await eventually(() => checked(true), 'its tick shown once selected');

    const resolved = (await view()).at(-1);
    assert.equal(resolved?.label, 'Resolved');
    const row = resolved?.children.find((r) => r.label === 'History ticks');
    assert.equal(row?.contextValue, 'incident.closed');
    assert.equal(row?.icon, 'pinned', 'marked selected');
    assert.match(row?.description ?? '', /^Sev 3 · 1h 0\dm · \d{4}-\d{2}-\d{2}$/);
    assert.ok(row?.children.some((r) => r.label === 'Timeline'), 'expanded with its details');

    // Selecting another closed incident shows its ticks (none); selecting this one again brings them back.
    await vscode.commands.executeCommand('runbook.switchIncident', { uri: (generated[3] as vscode.Uri).toString() });
    await eventually(() => checked(false), 'another closed incident selected: its ticks (none)');
    await vscode.commands.executeCommand('runbook.switchIncident', { uri: uri.toString() });
    await eventually(() => checked(true), 'this one selected again: its tick');

    // A box ticked while a closed incident is selected is recorded in it: what the Playbook shows is what is written.
    assert.equal(await vscode.commands.executeCommand('runbook.setItemChecked', { uri: runbook, line: step.line, checked: false }), true);
    await eventually(() => checked(false), 'the untick shown');
    const record = await readText(uri);
    assert.doesNotMatch(record, /\n {2}- "[^"\n]*step:2\.2 /, 'the untick removed the step from progress');
    assert.match(record, /\nstatus: resolved\n/, 'still resolved');
    assert.match(record, /— Reopened: 2\.2 Coordinator/);
  });

  it('selecting no incident brings back the workspace\'s own ticks', async function () {
    this.timeout(60_000);
    const { api } = await activateExtension();
    for (let active = await api.getActiveIncident(); active; active = await api.getActiveIncident()) {
      await vscode.commands.executeCommand('runbook.switchIncident', { uri: active.uri });
      await vscode.commands.executeCommand('runbook.resolveIncident', { summary: 'closed before selecting none', postmortem: false });
    }
    const ticks = (await api.listIncidents()).find((i) => i.state.title === 'History ticks');
    assert.ok(ticks, 'the resolved incident of the previous test');
    const runbook = uriOf(RUNBOOK).toString();
    const timeframe = async (want: boolean) => {
      const rows = await api.getOutline(runbook);
      assert.ok(Array.isArray(rows));
      return flat<OutlineRow>(rows).find((r) => r.label.includes('Timeframe: Roughly'))?.checked === want ? true : undefined;
    };
    await vscode.commands.executeCommand('runbook.switchIncident', { uri: ticks.uri });
    await eventually(() => timeframe(true), 'the resolved incident\'s Collect tick');
    assert.equal(await vscode.commands.executeCommand('runbook.switchIncident', { uri: null }), null);
    await eventually(() => timeframe(false), 'the workspace\'s own ticks (none) once no incident is selected');
    assert.equal(await api.getActiveIncident(), undefined);
  });
});
