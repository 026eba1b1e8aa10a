import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Fault, FakeGitHub } from '../fakes/github/fakeGitHub';
import { samplePullRequests, sampleTemplateFiles } from '../fakes/github/sampleData';
import { workbenchPerTest } from './workbench';

describe('Recent changes e2e: search merged PRs and put them in the record', function () {
  const workbenches = workbenchPerTest();
  const github = new FakeGitHub();
  before(async () => {
    await github.start();
  });
  beforeEach(() => {
    github.setPullRequests(samplePullRequests());
    github.setFiles(sampleTemplateFiles());
  });
  after(() => github.stop());

  it('a person searches during an incident, sees the risky PR first among the suspects, inserts it at the top of the table with a timeline entry', async () => {
    const workbench = await workbenches.open('sample', { 'runbook.github.baseUrl': github.baseUrl });
    const { page } = workbench;
    // The demo's data: #4242, labelled risky, merged 40 minutes before the incident's start; one older revert.
    const now = new Date();
    github.setPullRequests(samplePullRequests(now));
    const record = join(workbench.workspace, 'incidents', '2026-03-01-1405-tracking-timeouts.md');
    mkdirSync(join(workbench.workspace, 'incidents'), { recursive: true });
    writeFileSync(record, `---\nid: 2026-03-01-1405-tracking-timeouts\ntitle: Tracking timeouts\nstatus: investigating\nstartedAt: ${now.toISOString()}\nseverity: 3\nsystems:\n  - Tracking API\nrunbook: runbooks/incident-response.md\nprogress: []\n---\n# Incident: Tracking timeouts\n\n## Timeline\n\n## Recent Changes\n`);
    await page.locator('.statusbar-item', { hasText: 'Tracking timeouts ·' }).waitFor({ timeout: 60_000 });

    await workbench.runCommand('Runbook: Search Merged Pull Requests…');
    await workbench.treeItem('northwind-example/parcel-tracking').waitFor({ timeout: 60_000 });
    await workbench.collapsePane('Playbook');
    const risky = workbench.treeItem('#4242 Carrier gateway: lower the retry timeout to 2s');
    await risky.waitFor();
    // The Recent Changes rows, top to bottom (after the note on searching anonymously): the Suspects group, its two suspects, then the rest by repository.
    const pane = page.locator('.sidebar .pane', { has: page.locator('.pane-header', { hasText: 'Recent Changes' }) });
    const rows = pane.locator('.monaco-list-row');
    const labels = async () => (await rows.locator('.label-name').allInnerTexts()).filter((l) => !l.startsWith('Searching anonymously')).slice(0, 4);
    assert.deepEqual(await labels(), ['Suspects', '#4242 Carrier gateway: lower the retry timeout to 2s', '#4151 Revert "Batch the sorting-queue writes"', 'northwind-example/parcel-tracking']);
    assert.match((await risky.textContent()) ?? '', /−40m · carrier-gateway · risky · tortega/);
    assert.equal(await risky.locator('.codicon-warning').count(), 1, 'marked with the warning icon');
    await risky.hover();
    await page.locator('.monaco-hover', { hasText: 'Suspect: merged 40m before the start, label risky' }).first().waitFor();
    await workbench.screenshot('recent-changes-suspects-first');

    await workbench.runCommand('Runbook: Insert Recent Changes into Incident');
    const deadline = Date.now() + 20_000;
    const inserted = (t: string) => /\| Suspect \| Merged at \| Pull request \| Title \| Author \| Labels \|\n\| --- \| --- \| --- \| --- \| --- \| --- \|\n\| ⚠ merged 40m before the start, label risky \| [^|]+ \(−40m\) \| \[northwind-example\/parcel-tracking#4242\]\(https:\/\/github\.com\/northwind-example\/parcel-tracking\/pull\/4242\) \| Carrier gateway: lower the retry timeout to 2s \| tortega \| carrier-gateway, risky \|\n\| ⚠ label revert \|/.test(t);
    while (!inserted(readFileSync(record, 'utf8'))) {
      assert.ok(Date.now() < deadline, `no table with the suspect first in the record:\n${readFileSync(record, 'utf8')}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const text = readFileSync(record, 'utf8');
    assert.match(text, /## Timeline\n- \d\d:\d\d \S+ — Inserted 29 merged PRs \(\d{4}-\d\d-\d\d \d\d:\d\d \S+ to \d{4}-\d\d-\d\d \d\d:\d\d \S+\), 2 suspects\n/);
    assert.match(text, /: 29 merged pull requests, 2 suspects\._/);
    await page.locator('.statusbar-item', { hasText: 'Inserted 29 merged PRs, 2 suspects into "Tracking timeouts"' }).waitFor();
    // The record, shown beside, at the table: the suspect's row is on screen.
    await page.locator('.editor-instance .view-line', { hasText: 'merged 40m before the start, label risky' }).first().waitFor();
    await workbench.screenshot('recent-changes-inserted');
    assert.ok(github.requests.length > 0);
    assert.ok(github.requests.every((r) => r.authorization === undefined), 'no token configured, so none is sent');
  });

  it('checks the custom window where it is typed: a bad From is reported on From, and can be fixed there', async () => {
    const workbench = await workbenches.open('sample', { 'runbook.github.baseUrl': github.baseUrl });
    const { page } = workbench;
    await workbench.runCommand('Runbook: Search Merged Pull Requests…');
    const input = page.locator('.quick-input-widget input');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Custom…' }).waitFor();
    await input.fill('Custom');
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'From (1/2)' }).waitFor();
    await input.fill('yesterday');
    const message = page.locator('.quick-input-widget .quick-input-message');
    await message.filter({ hasText: 'From: "yesterday" is not a date' }).waitFor();
    await workbench.screenshot('custom-window-bad-from');
    // Enter on a bad From keeps the box open with the message: the person fixes it there, not with Escape.
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'From (1/2)' }).waitFor();
    const threeHoursAgo = new Date(Date.now() - 3 * 3_600_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    await input.fill(`${threeHoursAgo.getFullYear()}-${pad(threeHoursAgo.getMonth() + 1)}-${pad(threeHoursAgo.getDate())}T${pad(threeHoursAgo.getHours())}:${pad(threeHoursAgo.getMinutes())}`);
    await message.filter({ hasNotText: 'is not a date' }).waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'To (2/2)' }).waitFor();
    await input.fill('2000-01-01');
    await message.filter({ hasText: 'To: 2000-01-01 00:00' }).filter({ hasText: 'is not after From' }).waitFor();
    await workbench.screenshot('custom-window-to-before-from');
    await input.fill('');
    await page.keyboard.press('Enter');
    await workbench.treeItem('#4242 Carrier gateway: lower the retry timeout to 2s').waitFor({ timeout: 60_000 });
    await workbench.screenshot('custom-window-results');
  });

  it('shows one notification for one failure when the search runs from the palette', async () => {
    const workbench = await workbenches.open('sample', { 'runbook.github.baseUrl': github.baseUrl });
    const { page } = workbench;
    github.injectFaults(...Array<Fault>(4).fill({ kind: 'status', status: 502 }));
    await workbench.runCommand('Runbook: Search Merged Pull Requests…');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Last 24 hours' }).waitFor();
    await page.locator('.quick-input-widget input').fill('Last 24 hours');
    await page.keyboard.press('Enter');
    const toasts = page.locator('.notifications-toasts .notification-toast');
    await toasts.filter({ hasText: 'GitHub failed (502)' }).waitFor({ timeout: 60_000 });
    // The search's progress toast closes once the command has settled; a rejected command would have opened its error dialog by then.
    await toasts.filter({ hasText: 'Searching merged PRs' }).waitFor({ state: 'detached', timeout: 30_000 });
    await workbench.treeItem(/Partial: GitHub failed \(502\)/).waitFor();
    await workbench.screenshot('one-failure-one-message');
    // Every message the person sees: the toasts, and the dialog the palette opens for a command that rejected.
    const dialogs = await page.locator('.monaco-dialog-box').allInnerTexts();
    assert.deepEqual([...(await toasts.locator('.notification-list-item-message').allInnerTexts()), ...dialogs], ['GitHub failed (502); try again.']);
  });
});
