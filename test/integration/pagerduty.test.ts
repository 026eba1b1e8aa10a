import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { FakePagerDuty } from '../fakes/pagerduty/fakePagerDuty';
import { NORTHWIND_FROM, NORTHWIND_PD, NORTHWIND_PD_USERS, northwindPagerDuty, TRACKING_POLICY, TRACKING_SERVICE_ID } from '../fakes/pagerduty/northwind';
import { activateExtension, eventually, readText, rejection, resolveActiveIncidents, withWorkspaceSettings } from './helpers';

type OnCall = { level: number; name: string; email?: string; until?: string };
type Paged = { id: string; url: string; existing?: boolean };

describe('PagerDuty: who is on call, and paging from the incident', function () {
  this.timeout(60_000);
  const pagerDuty = new FakePagerDuty();
  const other = new FakePagerDuty();
  const config = () => vscode.workspace.getConfiguration('runbook');
  const created: vscode.Uri[] = [];
  let now: Date;
  let seq = 0;

  async function start(): Promise<vscode.Uri> {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('runbook.startIncident', {
      title: `Tracking pages time out ${++seq}`,
      impact: 'Customers see no parcel states',
      systems: ['Tracking API'],
      severity: 1,
      runbook: 'samples/incident-response.md',
    });
    created.push(uri);
    return uri;
  }

  const incidentPosts = () => pagerDuty.requests.filter((r) => r.method === 'POST' && r.path === '/incidents');

  before(async () => {
    await pagerDuty.start();
    await other.start();
    await config().update('pagerduty.apiUrl', pagerDuty.baseUrl, vscode.ConfigurationTarget.Global);
    await activateExtension();
  });
  beforeEach(() => {
    now = new Date();
    pagerDuty.reset();
    other.reset();
    northwindPagerDuty(pagerDuty, now);
    northwindPagerDuty(other, now);
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await resolveActiveIncidents('closed by the PagerDuty suite');
  });
  after(async () => {
    await vscode.commands.executeCommand('runbook.disconnectPagerDuty');
    await config().update('pagerduty.apiUrl', undefined, vscode.ConfigurationTarget.Global);
    await config().update('pagerduty.fromEmail', undefined, vscode.ConfigurationTarget.Global);
    for (const uri of created) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    await pagerDuty.stop();
    await other.stop();
  });

  it('connects with a key PagerDuty accepts (and keeps the From email), and refuses one it does not', async () => {
    const refused = await vscode.commands.executeCommand<{ ok: boolean; error?: string }>('runbook.connectPagerDuty', { token: 'not-a-key' });
    assert.equal(refused.ok, false);
    assert.match(refused.error ?? '', /^Could not check the PagerDuty key: The PagerDuty API key was refused \(401\)\./);
    assert.deepEqual(await vscode.commands.executeCommand('runbook.connectPagerDuty', { token: NORTHWIND_PD.key, fromEmail: NORTHWIND_FROM }), { ok: true });
    assert.equal(config().inspect('pagerduty.fromEmail')?.globalValue, NORTHWIND_FROM);
    assert.deepEqual(pagerDuty.requests.map((r) => [r.method, r.path, r.authorization]), [['GET', '/abilities', 'Token token=not-a-key'], ['GET', '/abilities', `Token token=${NORTHWIND_PD.key}`]]);
    assert.match(await rejection(vscode.commands.executeCommand('runbook.connectPagerDuty', { token: NORTHWIND_PD.key, fromEmail: 'priya' })), /^fromEmail: "priya" is not an email address/);
  });

  it('looks up who is on call: the runbook\'s service, its escalation policy, then /oncalls, per level', async () => {
    await vscode.commands.executeCommand('runbook.connectPagerDuty', { token: NORTHWIND_PD.key });
    pagerDuty.requests.splice(0);
    const rows = await vscode.commands.executeCommand<OnCall[]>('runbook.getOnCall', { runbook: 'samples/incident-response.md' });
    const { sam, tomas, priya } = NORTHWIND_PD_USERS;
    assert.deepEqual(rows, [
      { level: 1, name: sam.name, email: sam.email, until: new Date(now.getTime() + 5 * 3_600_000).toISOString() },
      { level: 2, name: tomas.name, email: tomas.email },
      { level: 3, name: priya.name, email: priya.email },
    ]);
    assert.deepEqual(pagerDuty.requests.map((r) => r.path), [`/services/${TRACKING_SERVICE_ID}`, '/oncalls']);
    assert.deepEqual(pagerDuty.requests[1]?.query['escalation_policy_ids[]'], [TRACKING_POLICY.id]);
    assert.match(await rejection(vscode.commands.executeCommand('runbook.getOnCall', { runbook: 7 })), /^runbook: /);
  });

  it('shows "On call now" in the Incident view for the current incident', async () => {
    await vscode.commands.executeCommand('runbook.connectPagerDuty', { token: NORTHWIND_PD.key });
    await start();
    const { api } = await activateExtension();
    const group = await eventually(async () => {
      const rows = (await api.testing.getIncidentView()).flatMap((r) => r.children);
      const found = rows.find((r) => r.label === 'On call now');
      return found?.children[0]?.label.startsWith('L1') ? found : undefined;
    }, 'the on-call rows');
    assert.deepEqual(group.children.map((r) => r.label), ['L1 Sam Becker', 'L2 Tomás Ortega', 'L3 Priya Raman']);
    assert.match(group.children[0]?.description ?? '', /^until /);
    assert.equal(group.children[1]?.description, 'always on call');
    assert.equal(group.contextValue, 'onCall.group');
  });

  it('pages with the record id as incident_key, From, urgency and a body linking the record; paging again opens no second incident', async () => {
    await vscode.commands.executeCommand('runbook.connectPagerDuty', { token: NORTHWIND_PD.key, fromEmail: NORTHWIND_FROM });
    const uri = await start();
    const { api } = await activateExtension();
    const id = (await api.getActiveIncident())?.state.id;
    const paged = await vscode.commands.executeCommand<Paged>('runbook.page', { message: 'Tracking pages time out for every carrier' });
    assert.match(paged.url, /^https:\/\/northwind\.pagerduty\.com\/incidents\/\w+$/);
    const [post] = incidentPosts();
    assert.equal(post?.from, NORTHWIND_FROM);
    const body = post?.body as { incident: { incident_key: string; urgency: string; service: { id: string }; title: string; body: { details: string } } };
    assert.equal(body.incident.incident_key, id);
    assert.equal(body.incident.urgency, 'high');
    assert.equal(body.incident.service.id, TRACKING_SERVICE_ID);
    assert.match(body.incident.body.details, /^Tracking pages time out for every carrier\n\nSeverity: Sev 1\nRecord: /);
    const text = await readText(uri);
    assert.match(text, new RegExp(`\\npagerduty:\\n  incident: ${paged.id}\\n  url: ${paged.url.replace(/[.]/g, '\\.')}\\n`));
    assert.match(text, /— Paged via PagerDuty: \[incident #\d+\]\(https:\/\/northwind\.pagerduty\.com\/incidents\/\w+\) — Level 1 of Parcel Tracking escalation: Sam Becker\n/);

    const again = await vscode.commands.executeCommand<Paged>('runbook.page', { message: 'Paged by the suite' });
    assert.equal(pagerDuty.incidents().length, 1, 'one PagerDuty incident for one record');
    assert.deepEqual(again, { id: paged.id, url: paged.url, existing: true });
    assert.match(await readText(uri), /— PagerDuty already had an open incident for this record: https:\/\/northwind\.pagerduty\.com\/incidents\/\w+ \(nobody paged again\)\n/);
  });

  it('pages one chosen person instead of the escalation policy', async () => {
    await vscode.commands.executeCommand('runbook.connectPagerDuty', { token: NORTHWIND_PD.key, fromEmail: NORTHWIND_FROM });
    const uri = await start();
    await vscode.commands.executeCommand<Paged>('runbook.page', { target: { userId: NORTHWIND_PD_USERS.tomas.id } });
    const body = incidentPosts()[0]?.body as { incident: { assignments?: { assignee: { id: string } }[]; escalation_policy?: unknown } };
    assert.deepEqual(body.incident.assignments, [{ assignee: { id: NORTHWIND_PD_USERS.tomas.id, type: 'user_reference' } }]);
    assert.equal(body.incident.escalation_policy, undefined);
    assert.match(await readText(uri), /— Paged via PagerDuty: \[incident #\d+\]\([^)]+\) — Tomás Ortega only\n/);
  });

  it('names 401, 403, 404 and 429 and changes nothing in the record; a short 429 is waited out', async () => {
    await vscode.commands.executeCommand('runbook.connectPagerDuty', { token: NORTHWIND_PD.key, fromEmail: NORTHWIND_FROM });
    const uri = await start();
    const { api } = await activateExtension();
    await eventually(async () => ((await api.testing.getIncidentView()).flatMap((r) => r.children).find((r) => r.label === 'On call now')?.children[0]?.label.startsWith('L1') ? true : undefined), 'the on-call rows');
    const before = await readText(uri);
    const cases = [
      [401, /The PagerDuty API key was refused \(401\)/],
      [403, /PagerDuty refused the key permission \(403\)\. Paging needs a REST API key with write access/],
      [404, /PagerDuty does not know the service PTRACK1 \(404\)/],
      [429, /PagerDuty is limiting how often it is asked \(429\)\. Try again in 2 minutes/],
    ] as const;
    for (const [status, expected] of cases) {
      pagerDuty.injectFaults({ kind: 'status', status, method: 'POST', path: '/incidents', ...(status === 429 ? { retryAfterSeconds: 120 } : {}) });
      const message = await rejection(vscode.commands.executeCommand('runbook.page', { message: 'Paged by the suite' }));
      assert.match(message, /^Could not page: /);
      assert.match(message, expected);
    }
    assert.equal(await readText(uri), before, 'the record is unchanged');
    assert.equal(pagerDuty.incidents().length, 0);

    pagerDuty.injectFaults({ kind: 'status', status: 429, method: 'POST', path: '/incidents', retryAfterSeconds: 1 });
    await vscode.commands.executeCommand<Paged>('runbook.page', { message: 'Paged by the suite' });
    assert.equal(pagerDuty.incidents().length, 1, 'paged after waiting out the short limit');
  });

  it('refuses to page without a From email, naming the setting', async () => {
    await vscode.commands.executeCommand('runbook.connectPagerDuty', { token: NORTHWIND_PD.key });
    await config().update('pagerduty.fromEmail', undefined, vscode.ConfigurationTarget.Global);
    await start();
    assert.match(await rejection(vscode.commands.executeCommand('runbook.page', { message: 'Paged by the suite' })), /^fromEmail: PagerDuty needs the email of the PagerDuty user paging .* runbook\.pagerduty\.fromEmail/);
    assert.equal(incidentPosts().length, 0);
  });

  it('never sends the key to a host named by a workspace setting', async () => {
    await vscode.commands.executeCommand('runbook.connectPagerDuty', { token: NORTHWIND_PD.key, fromEmail: NORTHWIND_FROM });
    await start();
    await withWorkspaceSettings({ 'runbook.pagerduty.apiUrl': other.baseUrl }, async () => {
      other.requests.splice(0);
      await vscode.commands.executeCommand('runbook.getOnCall', { runbook: 'samples/incident-response.md' });
      await vscode.commands.executeCommand('runbook.page', { message: 'Paged by the suite' });
      assert.equal(other.requests.length, 0, 'nothing went to the workspace-configured host');
      assert.equal(incidentPosts().length, 1);
    });
  });

  it('without a key, getOnCall and page return undefined after saying what connecting adds', async () => {
    await vscode.commands.executeCommand('runbook.disconnectPagerDuty');
    await start();
    assert.equal(await vscode.commands.executeCommand('runbook.getOnCall', { runbook: 'samples/incident-response.md' }), undefined);
    assert.equal(await vscode.commands.executeCommand('runbook.page', { message: 'Paged by the suite' }), undefined);
    assert.equal(pagerDuty.requests.length, 0);
    const { api } = await activateExtension();
    const rows = (await api.testing.getIncidentView()).flatMap((r) => r.children).find((r) => r.label === 'On call now');
    assert.deepEqual(rows?.children.map((r) => r.label), ['Connect PagerDuty to see who is on call', 'Open in PagerDuty']);
  });
});
