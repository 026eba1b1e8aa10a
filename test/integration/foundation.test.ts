import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, eventually, exists, readText, workspaceFolder } from './helpers';

describe('Foundation: the packaged extension in the real extension host', () => {
  it('activates and returns API version 1', async () => {
    const { extension, api } = await activateExtension();
    assert.equal(extension.isActive, true);
    assert.equal(api.apiVersion, 1);
  });

  it('registers every command its manifest contributes, all in the Runbook category', async () => {
    const { extension } = await activateExtension();
    const contributed = (extension.packageJSON as { contributes: { commands: { command: string; category: string }[] } }).contributes.commands;
    assert.ok(contributed.length > 0);
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((c) => !registered.has(c.command)).map((c) => c.command);
    assert.deepEqual(missing, [], 'contributed but not registered');
    assert.deepEqual(contributed.filter((c) => c.category !== 'Runbook').map((c) => c.command), []);
  });

  it('finds runbooks by the default patterns, case-insensitively, and ignores other Markdown', async () => {
    const { api } = await activateExtension();
    const paths = (await api.getRunbooks()).map((r) => r.path);
    assert.ok(paths.includes('runbooks/checkout-incident.md'), paths.join(', '));
    assert.ok(paths.includes('docs/Release-Plan-Q3.md'), paths.join(', '));
    assert.ok(!paths.includes('notes/meeting.md'), paths.join(', '));
  });

  it('creates the sample runbook without ever overwriting an existing file', async () => {
    const { api } = await activateExtension();
    const dir = vscode.Uri.joinPath(workspaceFolder().uri, 'runbooks');
    const first = await vscode.commands.executeCommand<vscode.Uri>('runbook.createSampleRunbook');
    assert.ok(first, 'the command returns the new file');
    assert.equal(first.toString(), vscode.Uri.joinPath(dir, 'incident-response.md').toString());
    const original = await readText(first);
    assert.match(original, /^# .*Incident Response Plan/m);

    await vscode.workspace.fs.writeFile(first, new TextEncoder().encode('# My own edits\n'));
    const second = await vscode.commands.executeCommand<vscode.Uri>('runbook.createSampleRunbook');
    assert.equal(second?.toString(), vscode.Uri.joinPath(dir, 'incident-response-2.md').toString());
    assert.equal(await readText(first), '# My own edits\n', 'the existing file is untouched');
    assert.ok(await exists(second));

    await eventually(async () => ((await api.getRunbooks()).some((r) => r.path === 'runbooks/incident-response-2.md') ? true : undefined), 'the new runbook in getRunbooks()');
  });

  it('notices a runbook created outside the extension', async () => {
    const { api } = await activateExtension();
    const uri = vscode.Uri.joinPath(workspaceFolder().uri, 'playbooks', 'database-failover.md');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('# Database failover\n'));
    await eventually(async () => ((await api.getRunbooks()).some((r) => r.path === 'playbooks/database-failover.md') ? true : undefined), 'the created runbook');
    await vscode.workspace.fs.delete(uri);
    await eventually(async () => ((await api.getRunbooks()).some((r) => r.path === 'playbooks/database-failover.md') ? undefined : true), 'the deleted runbook to disappear');
  });
});
