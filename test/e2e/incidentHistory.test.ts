import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { generatedRecord, generatedTitle } from '../fakes/incidentRecords';
import { workbenchPerTest } from './workbench';

const SIDEBAR_PX = 300;

function activeRecord(startedAt: Date): string {
  const id = 'parcel-lookups-failing';
  const clock = startedAt.toISOString().slice(11, 16);
  return `---\nid: ${id}\ntitle: Parcel lookups failing\nstatus: identified\nstartedAt: ${startedAt.toISOString()}\ndetectedAt: ${startedAt.toISOString()}\nseverity: 2\nimpact: Customers cannot track parcels\naffected: 12%\nsystems:\n  - Tracking API\nroles:\n  coordinator: Priya Raman\n  technicalLead: Tomás Ortega\n  communicationsLead: Ada Lovelace\nrunbook: runbooks/incident-response.md\nprogress: []\n---\n# Incident: Parcel lookups failing\n\n## Summary\n\n## Timeline\n- ${clock} UTC — Declared\n\n## Post-incident\n`;
}

async function isChecked(row: Locator): Promise<boolean> {
  const box = row.locator('.custom-view-tree-node-item-checkbox').first();
  const aria = await box.getAttribute('aria-checked');
  return aria === 'true' || /\bchecked\b/.test((await box.getAttribute('class')) ?? '');
}

async function until(what: string, probe: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

describe('Incident history e2e: a resolved incident stays in the view with its ticks', function () {
  const workbenches = workbenchPerTest();

  it('resolves an incident, shows it under Resolved with duration and severity, and selecting it shows its ticks in the Playbook', async () => {
    const workbench = await workbenches.open('sample');
    const { page } = workbench;
    const dir = join(workbench.workspace, 'incidents');
    mkdirSync(dir, { recursive: true });
    const newest = new Date(Date.now() - 2 * 24 * 60 * 60_000);
    for (let i = 0; i < 40; i++) {
      const record = generatedRecord(i, newest);
      writeFileSync(join(dir, record.name), record.text);
    }
    const file = join(dir, 'parcel-lookups-failing.md');
    writeFileSync(file, activeRecord(new Date(Date.now() - 65 * 60_000)));
    await page.locator('.statusbar-item', { hasText: 'Parcel lookups failing ·' }).waitFor({ timeout: 30_000 });

    await workbench.openViewContainer('Runbook');
    const width = await workbench.setSidebarWidth(SIDEBAR_PX);
    assert.ok(Math.abs(width - SIDEBAR_PX) <= 12, `side bar ${width} px wide`);
    await workbench.collapsePane('Recent Changes');

    // The active incident: its stage first, roles by their runbook names.
    const incident = workbench.treeItem('Parcel lookups failing');
    await incident.waitFor();
    assert.match(await incident.innerText(), /Identified · Sev 2 · 1h 0\dm/);
    await workbench.treeItem('Communications lead').waitFor();
    await workbench.screenshot('incident-history-active-300px');

    // Tick a step of the incident's runbook in the Playbook.
    await workbench.expand('Parcel Tracking Incident Response Plan');
    await workbench.expand('First Reaction');
    await workbench.expand('2. Notify');
    const step = workbench.treeItem(/^2\.2 /);
    await step.waitFor();
    await step.locator('.custom-view-tree-node-item-checkbox').first().click();
    await until('the tick in the record', async () => /\nprogress:\n {2}- /.test(readFileSync(file, 'utf8')));
    await until('the box checked', () => isChecked(step));

    // Resolve from the Incident view's title button.
    const header = page.locator('.sidebar .pane-header', { hasText: 'Incident' }).first();
    await header.hover();
    await header.locator('.action-label[aria-label^="Resolve Incident"]').click();
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill('Rolled back the tracking deploy');
    await page.keyboard.press('Enter');
    // Then when it was resolved: Enter for now.
    await workbench.acceptInput('When was it resolved?');
    await page.locator('.notifications-toasts .notification-toast', { hasText: 'Parcel lookups failing is resolved' }).waitFor({ timeout: 30_000 });
    await workbench.runCommand('Notifications: Clear All Notifications');
    assert.match(readFileSync(file, 'utf8'), /\nstatus: resolved\n/);

    // Under Resolved, selected (pinned) and expanded, with duration, severity and day; the tick stays.
    await workbench.collapsePane('Playbook');
    const resolved = workbench.treeItem(/^Resolved/);
    await resolved.waitFor();
    assert.equal(await resolved.getAttribute('aria-expanded'), 'true', 'Resolved opens to show the incident just resolved');
    await until('the resolved row', async () => /Sev 2 · 1h 0\dm · \d{4}-\d{2}-\d{2}/.test(await incident.innerText()));
    assert.equal(await incident.locator('.custom-view-tree-node-item-icon.codicon-pinned').count(), 1, 'marked as the selected incident');
    await workbench.screenshot('incident-history-resolved-300px');
    await page.locator('.sidebar .pane-header', { hasText: 'Playbook' }).first().click();
    await until('the tick still shown after resolving', () => isChecked(step));

    // Selecting another closed incident shows its ticks (none); selecting this one again brings them back.
    const other = workbench.treeItem(new RegExp(`${generatedTitle(1)}(?!\\d)`));
    await clickRowAction(other, 'Select Incident');
    await until('the other incident\'s ticks', async () => !(await isChecked(step)));
    await clickRowAction(incident, 'Select Incident');
    await until('this incident\'s tick again', () => isChecked(step));
    await workbench.screenshot('incident-history-selected-ticks-300px');
  });
});

/** A row's inline action shows only while the row is hovered, and a tree re-rendered under the pointer hides it again: hover and click, a few times. */
async function clickRowAction(row: Locator, label: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await row.hover();
    try {
      await row.locator(`.action-label[aria-label^="${label}"]`).click({ timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}
