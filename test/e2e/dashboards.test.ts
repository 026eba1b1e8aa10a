import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { workbenchPerTest } from './workbench';

describe('Dashboards e2e: open a dashboard at the incident window', function () {
  const workbenches = workbenchPerTest();

  it('lists the dashboards in the quick pick; choosing one records it in the incident record', async () => {
    const workbench = await workbenches.open('sample');
    // An incident a teammate started: its record arrives with the repository.
    const started = new Date(Date.now() - 45 * 60_000).toISOString();
    const record = join(workbench.workspace, 'incidents', '2026-03-01-1405-label-printing-down.md');
    mkdirSync(join(workbench.workspace, 'incidents'), { recursive: true });
    writeFileSync(record, `---\nid: 2026-03-01-1405-label-printing-down\ntitle: Label printing down\nstatus: active\nstartedAt: ${started}\nseverity: 2\nrunbook: runbooks/incident-response.md\nprogress: []\n---\n# Incident: Label printing down\n\n## Timeline\n- 14:05 UTC — Detected by the label error alert\n\n## Dashboards\n`);
    await workbench.page.locator('.statusbar-item', { hasText: 'Label printing down ·' }).waitFor({ timeout: 60_000 });

    await workbench.runCommand('Runbook: Open Dashboard…');
    const picker = workbench.page.locator('.quick-input-widget');
    for (const label of ['Open all', 'Tracking API Overview', 'Carrier Gateway Latency', 'Tracking Errors in Sentry']) {
      await picker.locator('.monaco-list-row', { hasText: label }).first().waitFor();
    }
    await workbench.screenshot('dashboards-quick-pick');
    await picker.locator('.monaco-list-row', { hasText: 'Carrier Gateway Latency' }).first().click();
    await workbench.page.keyboard.press('Enter');

    // VS Code asks before an extension opens an external website; a person says Open.
    const dialog = workbench.page.locator('.monaco-dialog-box');
    await dialog.waitFor();
    await dialog.locator('.monaco-button', { hasText: /^Open$/ }).first().click();

    const deadline = Date.now() + 20_000;
    const recorded = (t: string) => t.includes('[Carrier Gateway Latency](<https://grafana.example.com/d/carrier-gw/carrier-gateway?orgId=1&from=') && / — Opened dashboard for .*: Carrier Gateway Latency\n/.test(t);
    while (!recorded(readFileSync(record, 'utf8'))) {
      assert.ok(Date.now() < deadline, `the record did not get the dashboard:\n${readFileSync(record, 'utf8')}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const text = readFileSync(record, 'utf8');
    const from = Number(/&from=(\d+)&/.exec(text)?.[1]);
    assert.equal(from, Date.parse(started) - 30 * 60_000, 'the window starts 30 minutes before the incident');
    assert.match(text, /— Opened dashboard for .*: Carrier Gateway Latency\n/);
    await workbench.page.bringToFront();
    await workbench.screenshot('dashboards-recorded');
  });
});
