import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { workbenchPerTest } from './workbench';

const NAME = '2026-02-01-0900-label-printer-down';

/** A record pulled from the repository: started 45 minutes ago, the affected users not known yet. */
function record(startedAt: Date): string {
  return [
    '---',
    `id: ${NAME}`,
    'title: Label printer down',
    'status: investigating',
    `startedAt: ${startedAt.toISOString()}`,
    'severity: 2',
    'impact: Warehouses cannot print parcel labels',
    'systems:',
    '  - Label Service',
    'runbook: runbooks/incident-response.md',
    'progress: []',
    '---',
    '# Incident: Label printer down',
    '',
    '## Timeline',
    '',
    '## Notes',
    '',
  ].join('\n');
}

describe('Notification e2e: a person previews, edits and copies the message', function () {
  const workbenches = workbenchPerTest();

  it('sees the unfilled field highlighted, fills it in the text, copies, and sees the confirmation and the timeline entry', async () => {
    const workbench = await workbenches.open('sample');
    const { page } = workbench;
    const dir = join(workbench.workspace, 'incidents');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${NAME}.md`);
    writeFileSync(file, record(new Date(Date.now() - 45 * 60_000)));
    await page.locator('.statusbar-item', { hasText: 'Label printer down ·' }).waitFor({ timeout: 30_000 });

    await workbench.runCommand('Runbook: Copy Notification');
    const panel = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    await panel.locator('#title', { hasText: 'Label printer down' }).waitFor();
    assert.equal(await panel.locator('#severity').textContent(), 'Sev 2');
    assert.equal(await panel.locator('#status').textContent(), 'Investigating');
    assert.equal(await panel.locator('#channel').textContent(), '#parcel-incidents');
    assert.equal(await panel.locator('#record').textContent(), `incidents/${NAME}.md`);
    const mark = panel.locator('#highlights mark');
    await mark.waitFor();
    assert.deepEqual(await mark.allTextContents(), ['⟦xx% (or explicit #)?⟧'], 'the one field nothing could fill is highlighted');
    assert.ok((await mark.boundingBox())?.width, 'the highlight is visible');
    assert.deepEqual(await panel.locator('#unfilled-list .chip').allTextContents(), ['Affected users']);
    assert.equal(await panel.locator('vscode-button#copy-open').textContent(), 'Copy and Open #parcel-incidents');
    await workbench.screenshot('notification-preview');

    // The listed field selects its mark: typing replaces it.
    await panel.locator('#unfilled-list .chip', { hasText: 'Affected users' }).click();
    await page.keyboard.type('12%');
    await panel.locator('#unfilled').waitFor({ state: 'hidden' });
    assert.equal(await mark.count(), 0, 'no mark is left');
    const textarea = panel.locator('textarea#message');
    await textarea.press('Control+End');
    await page.keyboard.type('\nCarrier labels print from the backup station meanwhile.');
    await panel.locator('vscode-button#copy').click();

    await panel.locator('#confirmation', { hasText: /^Notification copied at \d{2}:\d{2} \S+: paste it in #parcel-incidents\. Noted in the record's timeline\.$/ }).waitFor();
    const clipboard = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(clipboard, /Impacted customers %:\s+12%\n/);
    assert.match(clipboard, /Carrier labels print from the backup station meanwhile\.$/);
    // The editor wraps the entry (after midnight its time is dated): its first words are on one line.
    await page.locator('.view-line', { hasText: 'Notification copied:' }).waitFor();
    await page.locator('.statusbar-item', { hasText: 'Notification copied; noted in the timeline of Label printer down' }).waitFor();
    await workbench.screenshot('notification-copied');
    assert.match(readFileSync(file, 'utf8'), /## Timeline\n- (?:\d{4}-\d{2}-\d{2} )?\d{2}:\d{2} \S+ — Notification copied: We're investigating an issue with Parcel Tracking\.\n/);
  });
});
