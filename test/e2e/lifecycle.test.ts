import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Workbench, workbenchPerTest } from './workbench';

const TITLE = 'Parcel tracking 500s';

/** A record started 8 minutes ago (before the first escalation is due), as a teammate's pull brings it. */
function record(): string {
  const started = new Date(Date.now() - 8 * 60_000).toISOString();
  return `---\nid: 2026-02-01-0900-parcel-tracking-500s\ntitle: ${TITLE}\nstatus: investigating\nstartedAt: ${started}\nseverity: 3\nroles:\n  coordinator: Priya Raman\nrunbook: runbooks/incident-response.md\nprogress: []\n---\n# Incident: ${TITLE}\n\n## Timeline\n- Declared\n\n## Notes\n`;
}

/** Writes the record, waits for the incident clock, and shows the Incident view with its current incident row. */
async function withIncident(workbench: Workbench): Promise<string> {
  const dir = join(workbench.workspace, 'incidents');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, '2026-02-01-0900-parcel-tracking-500s.md');
  writeFileSync(file, record());
  const { page } = workbench;
  await page.locator('.statusbar-item', { hasText: `${TITLE} · Investigating ·` }).waitFor({ timeout: 30_000 });
  await workbench.openViewContainer('Runbook');
  await workbench.collapsePane('Playbook');
  // The sidebar's rows are virtualised: room for the Incident view's timeline.
  await workbench.collapsePane('Recent Changes');
  const header = page.locator('.sidebar .pane-header', { hasText: 'Incident' }).first();
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  await workbench.treeItem(TITLE).waitFor();
  return file;
}

describe('Lifecycle e2e: a person moves the incident through its stages from the Incident view', function () {
  const workbenches = workbenchPerTest();

  it('sets the status from the row\'s inline action: stage, note, and the status bar, record and view show it', async () => {
    const workbench = await workbenches.open('sample');
    const { page } = workbench;
    const file = await withIncident(workbench);

    const row = workbench.treeItem(TITLE);
    await row.hover();
    await row.locator('.action-label[aria-label^="Set Incident Status"]').click();
    const picker = page.locator('.quick-input-widget');
    await picker.locator('.monaco-list-row', { hasText: 'Identified' }).waitFor();
    const stages = await picker.locator('.monaco-list-row').allTextContents();
    assert.equal(stages.length, 5, stages.join('\n'));
    assert.match(stages[0] ?? '', /Investigating.*current/, 'the current stage is marked');
    await workbench.screenshot('lifecycle-status-pick');
    await picker.locator('.monaco-list-row', { hasText: 'Identified' }).click();

    await picker.locator('.quick-input-message', { hasText: 'What is the cause?' }).waitFor();
    await picker.locator('input').fill('Bad deploy of the carrier gateway');
    await workbench.screenshot('lifecycle-status-note');
    await page.keyboard.press('Enter');

    const clock = page.locator('.statusbar-item', { hasText: `${TITLE} · Identified ·` });
    await clock.waitFor();
    assert.match((await clock.textContent()) ?? '', /Parcel tracking 500s · Identified · [89]m/);
    await workbench.expand('Timeline');
    await workbench.treeItem('Identified — Bad deploy of the carrier gateway').waitFor();
    await page.locator('.view-line', { hasText: 'Identified — Bad deploy of the carrier gateway' }).waitFor();
    await workbench.screenshot('lifecycle-status-identified');

    const text = readFileSync(file, 'utf8');
    assert.match(text, /\nstatus: identified\n/);
    assert.match(text, /\n- Declared\n- \d{2}:\d{2} \S+ — Identified — Bad deploy of the carrier gateway\n\n## Notes\n/);
  });

  it('sets the severity and assigns a role from the row\'s context menu', async () => {
    const workbench = await workbenches.open('sample');
    const { page } = workbench;
    const file = await withIncident(workbench);
    const picker = page.locator('.quick-input-widget');
    // Tried again until the picker shows.
    const contextMenu = async (action: string) => {
      for (let attempt = 1; ; attempt++) {
        await workbench.treeItem(TITLE).click({ button: 'right' });
        // Chosen with the keyboard, as the menu's own focus handling expects; a mouse click right after it opened can be swallowed.
        const item = page.locator('.context-view .action-item', { hasText: action }).first();
        try {
          // A menu that did not open (the row re-rendered under the pointer) is tried again, not waited on.
          await item.hover({ timeout: 5_000 });
          await page.keyboard.press('Enter');
          await picker.locator('.monaco-list-row').first().waitFor({ timeout: 5_000 });
          return;
        } catch (error) {
          if (attempt === 3) throw error;
          await page.keyboard.press('Escape');
        }
      }
    };

    await contextMenu('Set Incident Severity');
    await picker.locator('.monaco-list-row', { hasText: 'Sev 1' }).click();
    await picker.locator('input').fill('All carriers affected');
    await page.keyboard.press('Enter');
    await page.locator('.statusbar-item', { hasText: `${TITLE} is Sev 1` }).waitFor();

    await contextMenu('Assign Incident Role');
    const roles = picker.locator('.monaco-list-row');
    await roles.first().waitFor();
    const listed = await roles.allTextContents();
    assert.match(listed[0] ?? '', /Coordinator.*Priya Raman/, 'who holds each role');
    assert.match(listed[1] ?? '', /Technical lead.*unassigned · runbook: Tomás Ortega/);
    await workbench.screenshot('lifecycle-role-pick');
    await roles.nth(1).click();
    const name = picker.locator('input');
    await picker.locator('.quick-input-message', { hasText: 'Who is the Technical lead?' }).waitFor();
    assert.equal(await name.inputValue(), 'Tomás Ortega', 'the runbook\'s contact for the role, ready to accept');
    await page.keyboard.press('Enter');
    await workbench.treeItem('Technical lead: Tomás Ortega').waitFor();
    await workbench.screenshot('lifecycle-role-assigned');

    const text = readFileSync(file, 'utf8');
    assert.match(text, /\nseverity: 1\n/);
    assert.match(text, /\n {2}technicalLead: Tomás Ortega\n/);
    assert.match(text, /— Severity 3 → 1 — All carriers affected\n- \d{2}:\d{2} \S+ — Technical lead: Tomás Ortega\n/);
  });
});
