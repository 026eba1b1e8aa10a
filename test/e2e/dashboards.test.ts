import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { workbenchPerTest } from './workbench';

/** An incident a teammate started 45 minutes ago: its record arrives with the repository. */
function writeIncident(workspace: string): { record: string; started: string } {
  const started = new Date(Date.now() - 45 * 60_000).toISOString();
  const record = join(workspace, 'incidents', '2026-03-01-1405-label-printing-down.md');
  mkdirSync(join(workspace, 'incidents'), { recursive: true });
  writeFileSync(record, `---\nid: 2026-03-01-1405-label-printing-down\ntitle: Label printing down\nstatus: active\nstartedAt: ${started}\nseverity: 2\nrunbook: runbooks/incident-response.md\nprogress: []\n---\n# Incident: Label printing down\n\n## Timeline\n- 14:05 UTC — Detected by the label error alert\n\n## Dashboards\n`);
  return { record, started };
}

/** A Splunk search whose query holds `&`, `+`, `#` and quotes, escaped: VS Code must get these bytes unchanged. */
const SPLUNK = 'https://splunk.example.com/en-US/app/search/search?q=search%20index%3Dweb%20%22a%26b%2Bc%23d%22&earliest=-24h&latest=now';
const MORE_DASHBOARDS = [
  { label: 'Checkout Errors in Splunk', url: SPLUNK },
  { label: 'Checkout Latency', url: 'https://grafana.example.com/d/checkout/checkout-latency?orgId=1&from=now-6h&to=now' },
];

describe('Dashboards e2e: open a dashboard at the incident window', function () {
  const workbenches = workbenchPerTest();

  it('asks before opening all five dashboards, naming the window, and opens each link byte for byte', async () => {
    const workbench = await workbenches.open('sample', { 'runbook.dashboards.links': MORE_DASHBOARDS });
    const { record, started } = writeIncident(workbench.workspace);
    const page = workbench.page;
    await page.locator('.statusbar-item', { hasText: 'Label printing down ·' }).waitFor({ timeout: 60_000 });
    const dialog = page.locator('.monaco-dialog-box');
    const time = String.raw`(\d{4}-\d{2}-\d{2} )?\d{2}:\d{2} \S+`;

    // What a responder did in the field test: F1, "Open Dashboard", Enter. The palette's first match is Open All.
    await page.keyboard.press('F1');
    const palette = page.locator('.quick-input-widget');
    await palette.locator('input').fill('>Open Dashboard');
    await palette.locator('.monaco-list-row', { hasText: 'Open Dashboard…' }).first().waitFor();
    assert.match(await palette.locator('.monaco-list-row.focused').first().innerText(), /Open All Dashboards for Incident Window/);
    await workbench.screenshot('dashboards-palette-open-dashboard');
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /Open 5 dashboards in the browser\?/);
    assert.match(await dialog.innerText(), new RegExp(`Each opens at the window ${time} to ${time}: Tracking API Overview, Carrier Gateway Latency, Tracking Errors in Sentry, Checkout Errors in Splunk, Checkout Latency\\.`));
    await workbench.screenshot('dashboards-open-all-asks');
    await dialog.locator('.monaco-button', { hasText: /^Cancel$/ }).first().click();
    await dialog.waitFor({ state: 'hidden' });

    // Cancelled: the next dialog is this command's question again, not a website opening.
    await workbench.runCommand('Open All Dashboards for Incident Window');
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /Open 5 dashboards in the browser\?/);
    await dialog.locator('.monaco-button', { hasText: /^Open 5 Dashboards$/ }).first().click();

    // VS Code asks before each website opens and shows the exact link; Copy puts that link on the clipboard.
    const shown: string[] = [];
    const website = page.locator('.monaco-dialog-box', { hasText: 'open the external website' });
    for (let i = 0; i < 5; i++) {
      // The next website's dialog replaces the previous one in place: wait for its link to change.
      await page.waitForFunction((previous) => {
        const detail = document.querySelector('.monaco-dialog-box .dialog-message-detail');
        return detail?.closest('.monaco-dialog-box')?.textContent?.includes('open the external website') && detail.textContent?.trim() !== previous;
      }, shown[i - 1] ?? '');
      const detail = (await website.locator('.dialog-message-detail').innerText()).trim();
      shown.push(detail);
      if (detail.startsWith('https://splunk.example.com/')) {
        if (i === 3) await workbench.screenshot('dashboards-website-dialog');
        await website.locator('.monaco-button', { hasText: /^Copy$/ }).first().click();
      } else {
        await website.locator('.monaco-button', { hasText: /^Open$/ }).first().click();
      }
      await page.bringToFront();
    }
    await website.waitFor({ state: 'hidden' });
    const earliest = Math.floor((Date.parse(started) - 30 * 60_000) / 1000);
    const splunk = new RegExp(`^${SPLUNK.replace(/[.?]/g, '\\$&').replace('earliest=-24h&latest=now', `earliest=${earliest}&latest=\\d+`)}$`);
    assert.match(shown[3] ?? '', splunk, 'the dialog shows the rewritten link exactly');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), shown[3], 'and Copy copies exactly that');

    // Four opened (Copy opens nothing): the status bar says what was added to the record.
    await page.locator('.statusbar-item', { hasText: 'Added 4 dashboards and a timeline entry to "Label printing down"' }).waitFor();
    const text = readFileSync(record, 'utf8');
    assert.match(text, new RegExp(`— Opened dashboards for ${time} to ${time}: Tracking API Overview, Carrier Gateway Latency, Tracking Errors in Sentry, Checkout Latency\n`));
    assert.ok(!text.includes('splunk.example.com'), 'the copied link was not opened, so it is not recorded');
    await workbench.screenshot('dashboards-opened-status');
  });

  it('lists the dashboards in the quick pick; choosing one records it in the incident record', async () => {
    const workbench = await workbenches.open('sample');
    const { record, started } = writeIncident(workbench.workspace);
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
    const recorded = (t: string) => t.includes('[Carrier Gateway Latency](https://grafana.example.com/d/carrier-gw/carrier-gateway?orgId=1&from=') && / — Opened dashboard for .*: Carrier Gateway Latency\n/.test(t);
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

  it('without an incident, the Custom… window is checked where it is typed: no empty or future From, To after From', async () => {
    const workbench = await workbenches.open('sample');
    const { page } = workbench;
    await workbench.runCommand('Runbook: Open Dashboard…');
    const picker = page.locator('.quick-input-widget');
    const input = picker.locator('input');
    await picker.locator('.monaco-list-row', { hasText: 'Carrier Gateway Latency' }).first().click();
    await page.keyboard.press('Enter');
    await picker.locator('.quick-input-title', { hasText: 'which window?' }).waitFor();
    await picker.locator('.monaco-list-row', { hasText: 'Custom…' }).waitFor();
    await input.fill('Custom');
    await page.keyboard.press('Enter');
    await picker.locator('.quick-input-title', { hasText: 'From (1/2)' }).waitFor();
    const message = picker.locator('.quick-input-message');
    await input.fill('');
    await message.filter({ hasText: 'From: empty' }).waitFor();
    await workbench.screenshot('dashboards-custom-window-empty-from');
    // Enter on an empty From keeps the box open with the message, rather than a To box no date could satisfy.
    await page.keyboard.press('Enter');
    await picker.locator('.quick-input-title', { hasText: 'From (1/2)' }).waitFor();
    await input.fill('2999-01-01');
    await message.filter({ hasText: 'is in the future' }).waitFor();
    await workbench.screenshot('dashboards-custom-window-future-from');
    const from = new Date(Date.now() - 2 * 3_600_000);
    from.setSeconds(0, 0);
    const pad = (n: number) => String(n).padStart(2, '0');
    await input.fill(`${from.getFullYear()}-${pad(from.getMonth() + 1)}-${pad(from.getDate())}T${pad(from.getHours())}:${pad(from.getMinutes())}`);
    await message.filter({ hasNotText: 'From:' }).waitFor();
    await page.keyboard.press('Enter');
    await picker.locator('.quick-input-title', { hasText: 'To (2/2)' }).waitFor();
    await input.fill('2000-01-01');
    await message.filter({ hasText: 'is not after From' }).waitFor();
    await workbench.screenshot('dashboards-custom-window-to-before-from');
    await input.fill('');
    await page.keyboard.press('Enter');
    // VS Code shows the exact link before it opens: the dashboard at the typed window.
    const website = page.locator('.monaco-dialog-box', { hasText: 'open the external website' });
    await website.waitFor({ timeout: 30_000 });
    const link = (await website.locator('.dialog-message-detail').innerText()).trim();
    assert.match(link, new RegExp(`^https://grafana\\.example\\.com/d/carrier-gw/carrier-gateway\\?orgId=1&from=${from.getTime()}&to=\\d+&var-region=eu-west-1$`));
    await workbench.screenshot('dashboards-custom-window-link');
    await website.locator('.monaco-button', { hasText: /^Cancel$/ }).first().click();
  });
});
