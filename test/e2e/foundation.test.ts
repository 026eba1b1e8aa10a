import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workbenchPerTest } from './workbench';

describe('Foundation e2e: the Runbook view in a real workbench', function () {
  const workbenches = workbenchPerTest();

  it('shows the runbooks of the workspace when the Runbook icon is clicked', async () => {
    const workbench = await workbenches.open('workspace');
    await workbench.openViewContainer('Runbook');
    // Each runbook shows its title, with its path as the description.
    await workbench.treeItem('Checkout Incident Playbook').waitFor();
    await workbench.treeItem('Q3 Release Plan').waitFor();
    assert.equal(await workbench.treeItem('Weekly meeting notes').count(), 0, 'notes/meeting.md is not a runbook');
    await workbench.expand('Checkout Incident Playbook');
    await workbench.treeItem('First Reaction').waitFor();
    const runbook = workbench.treeItem('Checkout Incident Playbook');
    await runbook.hover();
    await runbook.locator('.action-label[aria-label="Open Runbook"]').click();
    await workbench.editorTab('checkout-incident.md').waitFor();
    await workbench.screenshot('runbook-view');
  });

  it('offers to create a sample runbook in an empty folder, and the button works', async () => {
    const workbench = await workbenches.open('empty-workspace');
    await workbench.openViewContainer('Runbook');
    const button = workbench.page.locator('.sidebar .welcome-view-content a, .sidebar .welcome-view-content .monaco-button', { hasText: 'Create Sample Runbook' }).first();
    await button.waitFor();
    await workbench.screenshot('welcome-view');
    await button.click();
    await workbench.editorTab('incident-response.md').waitFor();
    await workbench.treeItem('Parcel Tracking Incident Response Plan').waitFor();
    const created = join(workbench.workspace, 'runbooks', 'incident-response.md');
    assert.ok(existsSync(created));
    assert.match(readFileSync(created, 'utf8'), /Incident Response Plan/);
    await workbench.screenshot('sample-runbook-created');
  });

  it('runs a Runbook command from the command palette', async () => {
    const workbench = await workbenches.open('workspace');
    await workbench.runCommand('Runbook: Create Sample Runbook');
    await workbench.editorTab('incident-response.md').waitFor();
    assert.ok(existsSync(join(workbench.workspace, 'runbooks', 'incident-response.md')));
    await workbench.openViewContainer('Runbook');
    await workbench.treeItem('Parcel Tracking Incident Response Plan').waitFor();
    await workbench.screenshot('command-palette');
  });

  it('works in Restricted Mode (workspace trust on, folder not trusted)', async () => {
    const workbench = await workbenches.open('workspace', { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' });
    await workbench.page.locator('.statusbar, .monaco-workbench').first().waitFor();
    await workbench.page.getByText('Restricted Mode', { exact: false }).first().waitFor();
    await workbench.openViewContainer('Runbook');
    await workbench.treeItem('Checkout Incident Playbook').waitFor();
    // Starting an incident only writes a Markdown file: it is allowed in Restricted Mode too.
    await workbench.page.locator('.sidebar .welcome-view-content', { hasText: 'No active incident' }).locator('a, .monaco-button', { hasText: 'Start Incident' }).first().waitFor();
    await workbench.screenshot('restricted-mode');
  });
});
