import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { workbenchPerTest } from './workbench';

const RECORD = '---\nid: 2026-02-01-0900-pulled-record\ntitle: Pulled record\nstatus: active\nstartedAt: 2026-02-01T09:00:00.000Z\nseverity: 3\nprogress: []\n---\n# Incident: Pulled record\n\n## Timeline\n- 09:00 UTC — Declared\n\n## Notes\n';

describe('Incident record e2e: actions say what they wrote', function () {
  const workbenches = workbenchPerTest();

  it('offers Add Timeline Entry only during an incident; its keybinding adds the entry, says so and shows it', async () => {
    const workbench = await workbenches.open('sample');
    const { page } = workbench;
    const palette = async (query: string) => {
      await page.keyboard.press('F1');
      await page.locator('.quick-input-widget input').fill(`>${query}`);
      await page.locator('.quick-input-widget .monaco-list-row').first().waitFor();
      const rows = await page.locator('.quick-input-widget .monaco-list-row').allTextContents();
      await page.keyboard.press('Escape');
      return rows;
    };
    assert.ok(!(await palette('Runbook: Add Timeline Entry')).some((r) => r.includes('Runbook: Add Timeline Entry')), 'hidden without an incident');

    // A record pulled from the repository makes its incident active.
    const dir = join(workbench.workspace, 'incidents');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, '2026-02-01-0900-pulled-record.md');
    writeFileSync(file, RECORD);
    await page.locator('.statusbar-item', { hasText: 'Pulled record ·' }).waitFor({ timeout: 30_000 });
    assert.ok((await palette('Runbook: Add Timeline Entry')).some((r) => r.includes('Runbook: Add Timeline Entry')), 'offered during the incident');

    await page.keyboard.press('Control+Alt+Shift+T');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill('Checked the carrier gateway');
    await page.keyboard.press('Enter');
    await page.locator('.statusbar-item', { hasText: 'Added to the timeline of Pulled record' }).waitFor();
    await workbench.editorTab('2026-02-01-0900-pulled-record.md').waitFor();
    await page.locator('.view-line', { hasText: 'Checked the carrier gateway' }).waitFor();
    await workbench.screenshot('incident-timeline-entry-added');
    assert.match(readFileSync(file, 'utf8'), /\n- 09:00 UTC — Declared\n- \d{4}-\d{2}-\d{2} \d{2}:\d{2} \S+ — Checked the carrier gateway\n\n## Notes\n/);
  });

  it('resolves from the Incident view\'s button and offers the post-mortem, as from the palette', async () => {
    const workbench = await workbenches.open('sample');
    const { page } = workbench;
    const dir = join(workbench.workspace, 'incidents');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, '2026-02-01-0900-pulled-record.md');
    writeFileSync(file, RECORD);
    await page.locator('.statusbar-item', { hasText: 'Pulled record ·' }).waitFor({ timeout: 30_000 });
    await workbench.openViewContainer('Runbook');
    await workbench.collapsePane('Playbook');
    const header = page.locator('.sidebar .pane-header', { hasText: 'Incident' }).first();
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    await header.hover();
    await header.locator('.action-label[aria-label^="Resolve Incident"]').click();
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill('Rolled back the label service');
    await page.keyboard.press('Enter');
    // Then when it was resolved: Enter for now.
    await workbench.acceptInput('When was it resolved?');
    const offer = page.locator('.notifications-toasts .notification-toast', { hasText: 'Pulled record is resolved' });
    await offer.waitFor({ timeout: 30_000 });
    await workbench.screenshot('incident-resolved-from-view');
    assert.equal(await offer.locator('.monaco-button', { hasText: 'Create Post-mortem' }).count(), 1, 'the post-mortem is offered');
    assert.match(readFileSync(file, 'utf8'), /status: resolved/);
  });
});
