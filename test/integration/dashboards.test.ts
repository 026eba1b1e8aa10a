import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, captureOpenedLinks, eventually, readText, workspaceFolder } from './helpers';

const uriOf = (path: string) => vscode.Uri.joinPath(workspaceFolder().uri, path);

describe('Dashboards in the real extension host', () => {
  const opened = captureOpenedLinks();

  it('opens every dashboard at a given window and returns the URLs it opened', async () => {
    const from = '2026-03-01T14:05:00.000Z';
    const to = '2026-03-01T15:35:00.000Z';
    const urls = await vscode.commands.executeCommand<string[]>('runbook.openAllDashboards', { from, to, confirmed: true });
    assert.deepEqual(urls, opened);
    const overview = urls.find((u) => u.includes('/dashboard/abc-123-xyz/tracking-api-overview?'));
    assert.equal(overview, `https://app.datadoghq.com/dashboard/abc-123-xyz/tracking-api-overview?fromUser=false&tpl_var_env%5B0%5D=prod&from_ts=${Date.parse(from)}&to_ts=${Date.parse(to)}&live=false`);
    const grafana = urls.find((u) => u.startsWith('https://grafana.example.com/'));
    assert.equal(grafana, `https://grafana.example.com/d/carrier-gw/carrier-gateway?orgId=1&from=${Date.parse(from)}&to=${Date.parse(to)}&var-region=eu-west-1`);
    const traces = urls.find((u) => u.includes('/apm/traces'));
    assert.match(traces ?? '', new RegExp(`&start=${Date.parse(from)}&end=${Date.parse(to)}&paused=true&live=false$`));
  });

  it('opens one dashboard by label at the incident window and records it in the incident', async () => {
    const started = new Date(Date.now() - 40 * 60_000);
    const record = await vscode.commands.executeCommand<vscode.Uri>('runbook.startIncident', { title: 'Dashboards window', startedAt: started.toISOString(), runbook: 'samples/incident-response.md' });
    try {
      const [url] = await vscode.commands.executeCommand<string[]>('runbook.openDashboard', { label: 'Carrier Gateway Latency' });
      const params = new URL(url ?? '').searchParams;
      assert.equal(Number(params.get('from')), started.getTime() - 30 * 60_000, 'start minus the default 30 minutes of padding');
      assert.ok(Math.abs(Number(params.get('to')) - Date.now()) < 60_000, 'until now');
      const text = await eventually(async () => {
        const t = await readText(record);
        return t.includes('carrier-gateway?orgId=1') && t.includes('Opened dashboard for') ? t : undefined;
      }, 'the dashboard and its timeline entry in the record');
      // The window as a person reads it (formatSpan): "13:25 CET to 14:35 CET", with the date on a day that is not today.
      assert.match(text, /## Dashboards\n- \[Carrier Gateway Latency\]\(https:\/\/grafana\.example\.com\/d\/carrier-gw\/carrier-gateway\?orgId=1&from=\d+&to=\d+&var-region=eu-west-1\) — (\d{4}-\d{2}-\d{2} )?\d{2}:\d{2} \S+ to (\d{4}-\d{2}-\d{2} )?\d{2}:\d{2} \S+\n/);
      assert.match(text, /— Opened dashboard for .*: Carrier Gateway Latency\n/);
    } finally {
      await vscode.commands.executeCommand('runbook.resolveIncident', { summary: 'test', postmortem: false });
    }
  });

  it('records the dashboard and its timeline entry in one edit, and no entry with runbook.timeline.automaticEntries off', async () => {
    const started = new Date(Date.now() - 40 * 60_000).toISOString();
    const config = vscode.workspace.getConfiguration('runbook');
    const record = await vscode.commands.executeCommand<vscode.Uri>('runbook.startIncident', { title: 'Dashboards entry', startedAt: started, runbook: 'samples/incident-response.md' });
    try {
      const document = await vscode.workspace.openTextDocument(record);
      const before = document.getText();
      await vscode.commands.executeCommand('runbook.openDashboard', { label: 'Carrier Gateway Latency' });
      assert.match(document.getText(), /— Opened dashboard for .*: Carrier Gateway Latency\n/);
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('undo');
      assert.equal(document.getText(), before, 'one undo removes both the dashboard line and the timeline entry');
      await document.save();
      await config.update('timeline.automaticEntries', false, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('runbook.openDashboard', { label: 'Carrier Gateway Latency' });
      const text = await readText(record);
      assert.match(text, /## Dashboards\n- \[Carrier Gateway Latency\]/);
      assert.doesNotMatch(text, /Opened dashboard for/);
    } finally {
      await config.update('timeline.automaticEntries', undefined, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('runbook.resolveIncident', { summary: 'test', postmortem: false });
    }
  });

  it('opens nothing but http and https', async () => {
    const urls = await vscode.commands.executeCommand<string[]>('runbook.openDashboard', { url: 'javascript:alert(1)', from: '2 hours ago' });
    assert.deepEqual(urls, []);
    assert.deepEqual(opened, []);
  });

  it('puts "Open for incident window" above each dashboard link', async () => {
    const uri = uriOf('samples/incident-response.md');
    await vscode.window.showTextDocument(uri);
    const lenses = await eventually(async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      const ours = found.filter((l) => l.command?.command === 'runbook.openDashboard');
      return ours.length ? ours : undefined;
    }, 'the CodeLenses');
    assert.equal(lenses.length, 3);
    const document = await vscode.workspace.openTextDocument(uri);
    for (const lens of lenses) assert.match(document.lineAt(lens.range.start.line).text, /\]\(https:\/\//);
  });

  it('reports a malformed link as a problem on its line, without failing', async () => {
    const uri = uriOf('runbooks/broken-links.md');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('# Broken links\n\n- [Good](https://example.com)\n- [Bad](http://[::1/dash)\n'));
    await vscode.window.showTextDocument(uri);
    const diagnostics = await eventually(() => {
      const found = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Incident Runbook');
      return found.length ? found : undefined;
    }, 'a Problems entry');
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0]?.range.start.line, 3);
    assert.match(diagnostics[0]?.message ?? '', /Malformed link "http:\/\/\[::1\/dash"/);
  });

  it('leaves no Problems entry for a runbook closed while its scan was pending', async () => {
    const { api } = await activateExtension();
    const uri = uriOf('runbooks/closed-while-scanning.md');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('# Closed while scanning\n\n- [Bad](http://[::1/dash)\n'));
    await vscode.commands.executeCommand('runbook.refresh');
    // Opened as a person opens it (no reference held by this extension host), so closing the editor closes the document.
    await vscode.commands.executeCommand('vscode.open', uri);
    const ours = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Incident Runbook');
    await eventually(() => (ours().length ? true : undefined), 'the Problems entry while it is open');

    const closed = new Promise<void>((resolve) => {
      const listener = vscode.workspace.onDidCloseTextDocument((d) => {
        if (d.uri.toString() !== uri.toString()) return;
        listener.dispose();
        resolve();
      });
    });
    // A new runbook search: every open document is scanned again, and each scan waits for the search.
    await vscode.commands.executeCommand('runbook.refresh');
    let searched = false;
    const search = api.getRunbooks().then(() => {
      searched = true;
    });
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await closed;
    assert.equal(searched, false, 'the scan was still pending when the document closed');
    await search;
    await api.getOutline(uri.toString());
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(ours(), []);
  });
});
