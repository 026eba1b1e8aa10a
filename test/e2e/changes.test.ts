import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeGitHub } from '../fakes/github/fakeGitHub';
import { samplePullRequests } from '../fakes/github/sampleData';
import { workbenchPerTest } from './workbench';

describe('Recent changes e2e: search merged PRs and put them in the record', function () {
  const workbenches = workbenchPerTest();
  const github = new FakeGitHub();
  before(async () => {
    await github.start();
    github.setPullRequests(samplePullRequests());
  });
  after(() => github.stop());

  it('runs the search from the palette, shows the results tree, inserts the table', async () => {
    const workbench = await workbenches.open('sample', { 'runbook.github.baseUrl': github.baseUrl });
    const started = new Date(Date.now() - 30 * 60_000).toISOString();
    const record = join(workbench.workspace, 'incidents', '2026-03-01-1405-tracking-timeouts.md');
    mkdirSync(join(workbench.workspace, 'incidents'), { recursive: true });
    writeFileSync(record, `---\nid: 2026-03-01-1405-tracking-timeouts\ntitle: Tracking timeouts\nstatus: active\nstartedAt: ${started}\nseverity: 3\nrunbook: runbooks/incident-response.md\nprogress: []\n---\n# Incident: Tracking timeouts\n\n## Timeline\n\n## Recent Changes\n`);
    await workbench.page.locator('.statusbar-item', { hasText: 'Tracking timeouts ·' }).waitFor({ timeout: 60_000 });

    await workbench.runCommand('Runbook: Search Merged Pull Requests…');
    await workbench.treeItem('northwind-example/parcel-tracking').waitFor({ timeout: 60_000 });
    const risky = workbench.treeItem('#4242 Carrier gateway: lower the retry timeout to 2s');
    await risky.waitFor();
    // Merged 55 minutes ago, the incident started 30 minutes ago: 25 minutes before its start.
    assert.match((await risky.textContent()) ?? '', /tortega · −2[456]m · carrier-gateway · risky/);
    await workbench.screenshot('recent-changes');

    await workbench.runCommand('Runbook: Insert Recent Changes into Incident');
    const deadline = Date.now() + 20_000;
    while (!/\| \[northwind-example\/parcel-tracking#4242\]\(https:\/\/github\.com\/northwind-example\/parcel-tracking\/pull\/4242\) \| Carrier gateway: lower the retry timeout to 2s \| tortega \|/.test(readFileSync(record, 'utf8'))) {
      assert.ok(Date.now() < deadline, `no table in the record:\n${readFileSync(record, 'utf8')}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(github.requests.length > 0);
    assert.ok(github.requests.every((r) => r.authorization === undefined), 'no token configured, so none is sent');
  });
});
