import * as assert from 'node:assert/strict';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../harness/packaging';
import { type Workbench, workbenchPerTest } from './workbench';

const RECORD = 'incidents/2026-10-12-0930-tracking-pages-stale.md';
const POSTMORTEM = 'incidents/2026-10-12-0930-tracking-pages-stale-postmortem.md';

async function until(what: string, probe: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** "Set GitHub Token…" from the palette, as a person connects GitHub (the fake takes any token). */
async function setToken(workbench: Workbench): Promise<void> {
  await workbench.runCommand('Runbook: Set GitHub Token…');
  const input = workbench.page.locator('.quick-input-widget input');
  await input.fill('demo-token');
  await workbench.page.keyboard.press('Enter');
}

async function openFile(workbench: Workbench, name: string): Promise<void> {
  await workbench.runCommand('Go to File');
  const input = workbench.page.locator('.quick-input-widget input');
  await input.fill(name);
  await workbench.page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first().waitFor();
  await workbench.page.keyboard.press('Enter');
  await workbench.editorTab(name).waitFor();
}

describe('Follow-ups e2e: action items become GitHub issues, linked and tracked', function () {
  const workbenches = workbenchPerTest();

  it('from the post-mortem, creates issues for its action items after one confirmation and sees them linked; the Incident view tracks them', async () => {
    const workbench = await workbenches.open('sample');
    const { page } = workbench;
    cpSync(join(REPO_ROOT, 'test', 'fixtures', 'follow-ups'), workbench.workspace, { recursive: true });
    await setToken(workbench);

    await openFile(workbench, '2026-10-12-0930-tracking-pages-stale-postmortem.md');
    const createAll = page.locator('.codelens-decoration a', { hasText: 'Create Issues for 2 Action Items' });
    await createAll.waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('.codelens-decoration a', { hasText: /^\s*Create issue\s*$/ }).count(), 2, 'one "Create issue" above each open item, none above the done one');
    await workbench.screenshot('follow-ups-postmortem-action-items');

    await createAll.click();
    const dialog = page.locator('.monaco-dialog-box', { hasText: 'Create 2 issues in northwind-example/parcel-tracking?' });
    await dialog.waitFor();
    const detail = (await dialog.locator('.dialog-message-detail').textContent()) ?? '';
    assert.match(detail, /• Make the carrier gateway's timeouts a per-carrier setting/);
    assert.match(detail, /• Add DPD's answer times to the carrier dashboard/);
    await workbench.screenshot('follow-ups-confirm');
    await dialog.locator('.monaco-button', { hasText: 'Create 2 Issues' }).click();

    const postmortem = join(workbench.workspace, POSTMORTEM);
    await until('the action items linked in the post-mortem', () => readFileSync(postmortem, 'utf8').includes('[northwind-example/parcel-tracking#105]'));
    const linked = readFileSync(postmortem, 'utf8');
    assert.match(linked, /\n- \[ \] \[northwind-example\/parcel-tracking#104\]\(https:\/\/github\.com\/northwind-example\/parcel-tracking\/issues\/104\) Make the carrier gateway's timeouts a per-carrier setting\n- \[ \] \[northwind-example\/parcel-tracking#105\]\(https:\/\/github\.com\/northwind-example\/parcel-tracking\/issues\/105\) Add DPD's answer times to the carrier dashboard\n- \[x\] Roll back the retry timeout change\n/);
    assert.deepEqual(workbench.github?.issues().filter((i) => i.number >= 104).map((i) => i.title), ["[Follow-up] Make the carrier gateway's timeouts a per-carrier setting", "[Follow-up] Add DPD's answer times to the carrier dashboard"]);
    await page.locator('.codelens-decoration a', { hasText: '#104 open · unassigned · northwind-example/parcel-tracking' }).first().waitFor();
    await workbench.screenshot('follow-ups-postmortem-linked');

    const record = readFileSync(join(workbench.workspace, RECORD), 'utf8');
    assert.match(record, /\n- \[ \] \[northwind-example\/parcel-tracking#104\]\(https:\/\/github\.com\/northwind-example\/parcel-tracking\/issues\/104\) Make the carrier gateway's timeouts a per-carrier setting\n/, 'the record\'s line says what the item says');
    assert.match(record, /— Follow-up created: \[northwind-example\/parcel-tracking#105\]/);

    // The Incident view: the resolved incident's open follow-ups, the oldest (over 30 days) first; #102 is closed, so its line is ticked.
    await workbench.openViewContainer('Runbook');
    await workbench.collapsePane('Playbook');
    await workbench.collapsePane('Recent Changes');
    const header = page.locator('.sidebar .pane-header', { hasText: 'Incident' }).first();
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    await workbench.expand('Open follow-ups');
    const oldest = workbench.treeItem('#101 Add an alert on carrier gateway timeouts');
    await oldest.waitFor();
    assert.match((await oldest.textContent()) ?? '', /^4[45]d · #101 Add an alert on carrier gateway timeouts\s*Tracking pages stale for DPD parcels/, 'the age leads, the incident follows');
    await workbench.treeItem('#103 Write the missing contract test for label printing').waitFor();
    await workbench.treeItem("#104 Make the carrier gateway's timeouts a per-carrier setting").waitFor();
    const rows = await page.locator('.sidebar .monaco-list-row').allTextContents();
    const order = ['#101 ', '#103 ', '#104 '].map((label) => rows.findIndex((r) => r.includes(label)));
    assert.deepEqual([...order].sort((a, b) => a - b), order, `oldest first: ${rows.join(' | ')}`);
    assert.ok(!rows.some((r) => r.includes('#102 ')), 'a closed follow-up is not open');
    await until('the closed #102 ticked in the record', () => /- \[x\] \[northwind-example\/parcel-tracking#102\]/.test(readFileSync(join(workbench.workspace, RECORD), 'utf8')));
    assert.match(readFileSync(join(workbench.workspace, RECORD), 'utf8'), /— Follow-up closed: \[northwind-example\/parcel-tracking#102\]\(https:\/\/github\.com\/northwind-example\/parcel-tracking\/issues\/102\) Roll back the retry timeout change\n/);
    await workbench.screenshot('follow-ups-incident-view');
  });

  it("an action item's Create issue opens a draft to review; Create Issue on the draft sends it and links the item", async () => {
    const workbench = await workbenches.open('sample');
    const { page } = workbench;
    cpSync(join(REPO_ROOT, 'test', 'fixtures', 'follow-ups'), workbench.workspace, { recursive: true });
    await setToken(workbench);
    await openFile(workbench, '2026-10-12-0930-tracking-pages-stale-postmortem.md');
    await page.locator('.codelens-decoration a', { hasText: /^\s*Create issue\s*$/ }).first().click();

    const tab = page.locator('.tabs-container .tab', { hasText: 'Untitled' }).first();
    await tab.waitFor();
    const send = page.locator('.codelens-decoration a', { hasText: 'Create Issue on northwind-example/parcel-tracking' });
    await send.waitFor();
    await page.locator('.codelens-decoration a', { hasText: 'Open Prefilled on GitHub' }).waitFor();
    await page.locator('.view-line', { hasText: "[Follow-up] Make the carrier gateway's timeouts a per-carrier setting" }).first().waitFor();
    await page.locator('.view-line', { hasText: '**Incident:** Tracking pages stale for DPD parcels' }).waitFor();
    assert.equal(workbench.github?.issues().length, 3, 'nothing is sent while the person reviews');
    await page.locator('.view-line', { hasText: 'record: incidents/2026-10-12-0930-tracking-pages-stale.md' }).waitFor();
    await workbench.screenshot('follow-ups-draft');

    await send.click();
    // The pointer leaves the lens, so no hover is left over the editor for the screenshot.
    await page.mouse.move(600, 650);
    const postmortem = join(workbench.workspace, POSTMORTEM);
    await until('the item linked', () => readFileSync(postmortem, 'utf8').includes("- [ ] [northwind-example/parcel-tracking#104](https://github.com/northwind-example/parcel-tracking/issues/104) Make the carrier gateway's timeouts a per-carrier setting\n"));
    await page.locator('.notification-toast', { hasText: "Created northwind-example/parcel-tracking#104: Make the carrier gateway's timeouts a per-carrier setting" }).waitFor();
    await until('the sent draft closed', async () => (await page.locator('.tabs-container .tab', { hasText: 'Untitled' }).count()) === 0);
    // The post-mortem's lenses follow: the linked item shows its issue's state, the other still offers Create issue.
    const postmortemEditor = page.locator('.editor-group-container', { has: page.locator('.tab.active', { hasText: 'postmortem.md' }) }).first();
    await postmortemEditor.locator('.codelens-decoration a', { hasText: '#104 open · unassigned · northwind-example/parcel-tracking' }).waitFor();
    assert.equal(await postmortemEditor.locator('.codelens-decoration a', { hasText: /^\s*Create issue\s*$/ }).count(), 1, 'only the item left offers Create issue');

    const created = workbench.github?.issues().find((i) => i.number === 104);
    assert.match(created?.body ?? '', /^\*\*Incident record:\*\* incidents\/2026-10-12-0930-tracking-pages-stale\.md$/m);
    await workbench.screenshot('follow-ups-draft-sent');
  });
});
