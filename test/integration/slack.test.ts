import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { FakeSlack } from '../fakes/slack/fakeSlack';
import { NORTHWIND_GROUPS, NORTHWIND_TOKEN, northwindSlack, PARCEL_CHANNEL_ID } from '../fakes/slack/northwind';
import { activateExtension, eventually, readText, rejection, resolveActiveIncidents, withWorkspaceSettings, workspaceFolder } from './helpers';

type Posted = { channel: string; ts: string; permalink: string };

const OTHER_WORKSPACE_RUNBOOK = `# Acme checkout incidents

## Notify
1. Post in [#checkout](https://acme.slack.com/archives/C0ACMECHK1):
\`\`\`
We're investigating an issue with checkout.
\`\`\`
`;

describe('Slack: the notification and its updates posted to the incident thread', function () {
  this.timeout(60_000);
  const slack = new FakeSlack();
  const other = new FakeSlack();
  const config = () => vscode.workspace.getConfiguration('runbook');
  const created: vscode.Uri[] = [];
  let seq = 0;

  async function start(runbook = 'samples/incident-response.md'): Promise<vscode.Uri> {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('runbook.startIncident', {
      title: `Label printer down ${++seq}`,
      impact: 'Warehouses cannot print parcel labels',
      affected: '30%',
      systems: ['Label Service'],
      startedAt: new Date(Date.now() - 20 * 60_000).toISOString(),
      severity: 2,
      runbook,
    });
    created.push(uri);
    return uri;
  }

  const posts = () => slack.requests.filter((r) => r.method === 'chat.postMessage');

  before(async () => {
    await slack.start();
    await other.start();
    northwindSlack(slack);
    northwindSlack(other);
    await config().update('slack.apiUrl', `${slack.baseUrl}/api`, vscode.ConfigurationTarget.Global);
    await activateExtension();
  });
  beforeEach(() => {
    slack.clear();
    other.clear();
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await resolveActiveIncidents('closed by the Slack suite');
  });
  after(async () => {
    await vscode.commands.executeCommand('runbook.disconnectSlack');
    await config().update('slack.apiUrl', undefined, vscode.ConfigurationTarget.Global);
    for (const uri of created) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    await slack.stop();
    await other.stop();
  });

  it('connects with auth.test, keeps a token Slack accepts, and refuses one it does not without keeping it', async () => {
    assert.deepEqual(await vscode.commands.executeCommand('runbook.connectSlack', { token: 'not-a-slack-token' }), { ok: false, error: 'Could not check the Slack token: Slack refused the token (invalid_auth). Run "Runbook: Connect Slack…" with a valid token.' });
    assert.deepEqual(await vscode.commands.executeCommand('runbook.connectSlack', { token: NORTHWIND_TOKEN }), { ok: true, team: 'Northwind' });
    assert.deepEqual(slack.requests.map((r) => [r.method, r.authorization]), [['auth.test', 'Bearer not-a-slack-token'], ['auth.test', `Bearer ${NORTHWIND_TOKEN}`]]);
    assert.match(await rejection(vscode.commands.executeCommand('runbook.connectSlack', { token: '' })), /^token: /);
    assert.match(await rejection(vscode.commands.executeCommand('runbook.connectSlack', { token: NORTHWIND_TOKEN, channel: 'x' })), /^channel: not a field of this command/);
  });

  it('posts the notification with mentions resolved, and keeps the thread and permalink in the record: one edit', async () => {
    await vscode.commands.executeCommand('runbook.connectSlack', { token: NORTHWIND_TOKEN });
    const uri = await start();
    const text = '@tracking-oncall @support-leads @nobody-here\n\nWe\'re investigating an issue with Parcel Tracking <label printer> & scanners.';
    const before = await readText(uri);
    const posted = await vscode.commands.executeCommand<Posted>('runbook.postNotification', { text });
    assert.equal(posted.channel, PARCEL_CHANNEL_ID);
    assert.match(posted.ts, /^\d{10}\.\d{6}$/);
    assert.equal(posted.permalink, `https://northwind.slack.com/archives/${PARCEL_CHANNEL_ID}/p${posted.ts.replace('.', '')}`);
    const [message] = slack.messages();
    assert.equal(message?.text, `<!subteam^${NORTHWIND_GROUPS.trackingOncall}> <!subteam^${NORTHWIND_GROUPS.supportLeads}> @nobody-here\n\nWe're investigating an issue with Parcel Tracking &lt;label printer&gt; &amp; scanners.`, 'groups resolved, the unknown mention left as text, the rest escaped');
    assert.equal(message?.thread_ts, undefined, 'the first message starts the thread');
    assert.equal(posts()[0]?.params.unfurl_links, 'false');
    // users.list took every page before posting.
    assert.equal(slack.requests.filter((r) => r.method === 'users.list').length, 2);

    const after = await readText(uri);
    assert.match(after, new RegExp(`\\nslack:\\n  channel: ${PARCEL_CHANNEL_ID}\\n  ts: "${posted.ts.replace('.', '\\.')}"\\n  permalink: ${posted.permalink.replace(/[.?]/g, '\\$&')}\\n`));
    const entries = after.split('\n').filter((l) => l.includes('Posted the notification'));
    assert.deepEqual(entries.map((l) => l.replace(/^- .*? — /, '')), [`Posted the notification to #parcel-incidents: [We're investigating an issue with Parcel Tracking \\<label printer\\> & scanners.](${posted.permalink})`]);
    const { api } = await activateExtension();
    assert.deepEqual((await api.getActiveIncident())?.state.slack, { channel: PARCEL_CHANNEL_ID, ts: posted.ts, permalink: posted.permalink });
    assert.equal(after.split('\n').length - before.split('\n').length, 5, 'the slack: map and one entry, in one edit');

    // The thread exists: a second first message is refused, naming the thread.
    assert.match(await rejection(vscode.commands.executeCommand('runbook.postNotification', { text: 'again' })), /^The notification was already posted \(https:\/\/northwind\.slack\.com\/.*\); post updates into its thread/);
    assert.equal(slack.messages().length, 1);
  });

  it('posts an update into the thread (thread_ts), with its own entry and permalink', async () => {
    await vscode.commands.executeCommand('runbook.connectSlack', { token: NORTHWIND_TOKEN });
    const uri = await start();
    assert.match(await rejection(vscode.commands.executeCommand('runbook.postUpdate', { text: 'Too early' })), /^The incident has no Slack thread yet: post the notification first/);
    const first = await vscode.commands.executeCommand<Posted>('runbook.postNotification', { text: 'We are investigating.' });
    const update = await vscode.commands.executeCommand<Posted>('runbook.postUpdate', { text: 'Identified: the label service lost its database.' });
    const reply = slack.messages()[1];
    assert.equal(reply?.thread_ts, first.ts);
    assert.equal(update.permalink, `https://northwind.slack.com/archives/${PARCEL_CHANNEL_ID}/p${update.ts.replace('.', '')}?thread_ts=${first.ts}&cid=${PARCEL_CHANNEL_ID}`);
    const text = await readText(uri);
    assert.match(text, /— Posted an update to #parcel-incidents: \[Identified: the label service lost its database\.\]\(https:\/\/northwind\.slack\.com\/archives\/C0PARCEL01\/p\d{16}\?thread_ts=\d+\.\d+&cid=C0PARCEL01\)\n/);
    assert.match(text, new RegExp(`\\n  ts: "${first.ts.replace('.', '\\.')}"\\n`), 'the thread stays the first message');
  });

  it('waits out a 429 with Retry-After once and posts; a second 429 in a row is reported and the record is unchanged', async () => {
    await vscode.commands.executeCommand('runbook.connectSlack', { token: NORTHWIND_TOKEN });
    const uri = await start();
    slack.injectFaults({ kind: 'ratelimited', retryAfterSeconds: 1, method: 'chat.postMessage' });
    const started = Date.now();
    const posted = await vscode.commands.executeCommand<Posted>('runbook.postNotification', { text: 'We are investigating.' });
    assert.ok(Date.now() - started >= 1000, 'Retry-After was waited out');
    assert.equal(posts().length, 2, 'one retry');
    assert.ok(posted.ts);

    const second = await start();
    const before = await readText(second);
    slack.injectFaults(...[1, 2, 3].map(() => ({ kind: 'ratelimited' as const, retryAfterSeconds: 1, method: 'chat.postMessage' })));
    const message = await rejection(vscode.commands.executeCommand('runbook.postNotification', { text: 'We are investigating.', uri: second.toString() }));
    assert.match(message, /^Could not post the notification: Slack is rate limiting this token .* try again in 1 s\.$/);
    assert.equal(await readText(second), before, 'nothing recorded');
    assert.ok(uri);
  });

  it('names not_in_channel, channel_not_found and invalid_auth, and changes nothing', async () => {
    await vscode.commands.executeCommand('runbook.connectSlack', { token: NORTHWIND_TOKEN });
    const uri = await start();
    const before = await readText(uri);
    for (const [error, expected] of [
      ['not_in_channel', /the Slack app is not a member of #parcel-incidents\. Invite it there/],
      ['channel_not_found', /Slack knows no channel #parcel-incidents for this token/],
      ['invalid_auth', /Slack refused the token \(invalid_auth\)\. Run "Runbook: Connect Slack…"/],
    ] as const) {
      slack.injectFaults({ kind: 'error', error, method: 'chat.postMessage' });
      assert.match(await rejection(vscode.commands.executeCommand('runbook.postNotification', { text: 'We are investigating.' })), expected);
    }
    assert.equal(await readText(uri), before);
    assert.equal(slack.messages().length, 0);
  });

  it('refuses a runbook channel in another workspace than the token\'s, before posting anything', async () => {
    await vscode.commands.executeCommand('runbook.connectSlack', { token: NORTHWIND_TOKEN });
    const runbook = vscode.Uri.joinPath(workspaceFolder().uri, 'runbooks', 'acme-checkout-runbook.md');
    await vscode.workspace.fs.writeFile(runbook, new TextEncoder().encode(OTHER_WORKSPACE_RUNBOOK));
    created.push(runbook);
    await start('runbooks/acme-checkout-runbook.md');
    const message = await rejection(vscode.commands.executeCommand('runbook.postNotification', { text: 'We are investigating.' }));
    assert.match(message, /acme/);
    assert.match(message, /Northwind/);
    assert.equal(posts().length, 0);
  });

  it('never sends the token to a host named by a runbook or a workspace setting', async () => {
    await vscode.commands.executeCommand('runbook.connectSlack', { token: NORTHWIND_TOKEN });
    await start();
    await withWorkspaceSettings({ 'runbook.slack.apiUrl': `${other.baseUrl}/api` }, async () => {
      await vscode.commands.executeCommand('runbook.postNotification', { text: 'We are investigating.' });
      assert.equal(other.requests.length, 0, 'nothing went to the workspace-configured host');
      assert.ok(posts().every((r) => r.authorization === `Bearer ${NORTHWIND_TOKEN}`));
      assert.equal(posts().length, 1);
    });
  });

  it('without a token, Post Notification copies the text, notes it, and returns undefined', async () => {
    await vscode.commands.executeCommand('runbook.disconnectSlack');
    const uri = await start();
    const result = await vscode.commands.executeCommand('runbook.postNotification', { text: 'We are investigating (copied).' });
    assert.equal(result, undefined);
    assert.equal(await vscode.env.clipboard.readText(), 'We are investigating (copied).');
    assert.match(await readText(uri), /— Notification copied: We are investigating \(copied\)\.\n/);
    assert.equal(slack.requests.length, 0);
  });

  it('the preview lists the mentions that notify and those Slack does not know, and follows the edits', async () => {
    await vscode.commands.executeCommand('runbook.connectSlack', { token: NORTHWIND_TOKEN });
    const uri = await start();
    const { api } = await activateExtension();
    await vscode.commands.executeCommand('runbook.copyNotification', { preview: true });
    const panel = api.testing.notificationPanel;
    const view = await eventually(() => panel.state()?.view.slack, 'the Slack part of the preview');
    assert.deepEqual(view, { notifies: ['@tracking-oncall', '@support-leads'], unresolved: [], action: 'Post to #parcel-incidents' });
    const edited = `${panel.state()?.view.text ?? ''}\ncc @grace @nobody`;
    await panel.receive({ type: 'edit', variant: 'first', text: edited });
    assert.deepEqual(panel.state()?.view.slack, { notifies: ['@tracking-oncall', '@support-leads', '@grace'], unresolved: ['@nobody'], action: 'Post to #parcel-incidents' });
    // Posting from the panel asks in a modal dialog, which a suite cannot answer: the e2e tests click it.
    assert.ok(uri);
  });
});
