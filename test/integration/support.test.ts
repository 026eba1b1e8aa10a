import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TreeRow } from '../../src/features/treeRows';
import { FakeGitHub } from '../fakes/github/fakeGitHub';
import { sampleSupportRepository, SUPPORT_REPO, SUPPORT_TEMPLATE } from '../fakes/github/sampleData';
import { FakeServiceNow } from '../fakes/servicenow/fakeServiceNow';
import { NORTHWIND_QUEUE, NORTHWIND_SN, northwindServiceNow, SUPPORT_GROUP } from '../fakes/servicenow/northwind';
import { FakeSlack } from '../fakes/slack/fakeSlack';
import { NORTHWIND_TOKEN, northwindSlack, SUPPORT_CHANNEL_ID } from '../fakes/slack/northwind';
import { activateExtension, captureOpenedLinks, eventually, readText, rejection, resolveActiveIncidents, withWorkspaceSettings, workspaceFolder } from './helpers';

type Listed = { number: string; sysId: string; table: string; shortDescription: string; priority: string; state: string; openedAt: string; url: string };

const PLAN = 'samples/production-support.md';
const EVIL = 'evil-instance.service-now.com';

describe('Support shift: daily checks, the ServiceNow queue, ticket to GitHub issue to resolved, the hand-off', function () {
  this.timeout(90_000);
  const serviceNow = new FakeServiceNow();
  const intruder = new FakeServiceNow();
  const github = new FakeGitHub();
  const slack = new FakeSlack();
  const config = () => vscode.workspace.getConfiguration('runbook');
  const opened = captureOpenedLinks();
  let harnessGitHub: string | undefined;
  let logUri: vscode.Uri | undefined;

  const approve = (entries: unknown[]) => config().update('servicenow.instances', entries, vscode.ConfigurationTarget.Global);
  const northwind = () => ({ instance: NORTHWIND_SN.instance, apiUrl: serviceNow.baseUrl });
  const connect = () => vscode.commands.executeCommand<boolean>('runbook.connectServiceNow', { instance: NORTHWIND_SN.instance, username: NORTHWIND_SN.user, password: NORTHWIND_SN.password });
  const list = () => vscode.commands.executeCommand<Listed[]>('runbook.listTickets', { plan: PLAN });

  before(async () => {
    await serviceNow.start();
    await intruder.start();
    await github.start();
    northwindSlack(await slack.start());
    await config().update('slack.apiUrl', `${slack.baseUrl}/api`, vscode.ConfigurationTarget.Global);
    harnessGitHub = config().inspect<string>('github.baseUrl')?.globalValue;
    await config().update('github.baseUrl', github.baseUrl, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('runbook.setGitHubToken', 'token-for-the-fake');
    await activateExtension();
  });
  beforeEach(async () => {
    northwindServiceNow(serviceNow, new Date());
    serviceNow.requests.splice(0);
    intruder.requests.splice(0);
    github.setRepositories([sampleSupportRepository()]);
    github.setFiles([{ ...SUPPORT_TEMPLATE }]);
    await approve([northwind()]);
  });
  after(async () => {
    await vscode.commands.executeCommand('runbook.disconnectServiceNow');
    await approve([]);
    await config().update('github.baseUrl', harnessGitHub, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('runbook.disconnectSlack');
    await config().update('slack.apiUrl', undefined, vscode.ConfigurationTarget.Global);
    await slack.stop();
    for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await serviceNow.stop();
    await intruder.stop();
    await github.stop();
  });

  it('sends credentials only to an instance in the user settings: a workspace setting or a runbook link never approves one', async () => {
    await withWorkspaceSettings({ 'runbook.servicenow.instances': [{ instance: EVIL, apiUrl: intruder.baseUrl }] }, async () => {
      const message = await rejection(vscode.commands.executeCommand('runbook.connectServiceNow', { instance: EVIL, username: NORTHWIND_SN.user, password: NORTHWIND_SN.password }));
      assert.match(message, /evil-instance\.service-now\.com is not in your runbook\.servicenow\.instances user setting/);
    });
    await approve([]);
    const unapproved = await rejection(list());
    assert.match(unapproved, /northwind\.service-now\.com is not in your runbook\.servicenow\.instances user setting/);
    assert.equal(intruder.requests.length, 0, 'nothing reached the host the workspace setting named');
    assert.equal(serviceNow.requests.length, 0, 'nothing reached the instance before it was approved');
  });

  it('connects with basic credentials (a wrong password is refused and not kept) and lists the queue the plan links', async () => {
    const wrong = await rejection(vscode.commands.executeCommand('runbook.connectServiceNow', { instance: NORTHWIND_SN.instance, username: NORTHWIND_SN.user, password: 'not-the-password' }));
    assert.match(wrong, /401|credentials/i);
    assert.match(await rejection(list()), /not connected/);
    assert.equal(await connect(), true);
    const tickets = await list();
    assert.deepEqual(tickets.map((t) => t.number).sort(), Object.values(NORTHWIND_QUEUE).map((t) => t.number).sort(), 'the queue: active, not resolved, the group\'s');
    const report = tickets.find((t) => t.number === NORTHWIND_QUEUE.delayedReport.number);
    assert.equal(report?.table, 'sc_task', 'the record\'s own class, for writing to it');
    assert.equal(report?.sysId, NORTHWIND_QUEUE.delayedReport.sysId);
    assert.match(report?.url ?? '', /^https:\/\/northwind\.service-now\.com\/nav_to\.do\?uri=/, 'links go to the instance, not the API address');
    assert.ok(tickets.every((t) => !Number.isNaN(Date.parse(t.openedAt))), 'openedAt is a date');
    const page = serviceNow.requests.find((r) => r.path.startsWith('/api/now/table/task'));
    assert.equal(page?.query.sysparm_query, `assignment_group=${SUPPORT_GROUP.sys_id}^active=true^state!=6^ORDERBYsys_created_on^ORDERBYsys_id`, 'the link\'s query as written, in a stable order for paging');
    assert.equal(page?.authScheme, 'Basic');
  });

  it('pages past 100 tickets, waits out a 429, and lists the rest of the queue', async () => {
    await connect();
    const many = Array.from({ length: 130 }, (_, i) => ({
      sys_id: `c${String(i).padStart(31, '0')}`,
      sys_class_name: 'incident',
      number: `INC09${String(i).padStart(5, '0')}`,
      active: 'true',
      state: '2',
      priority: '3',
      assignment_group: SUPPORT_GROUP.sys_id,
      short_description: `Ticket ${i}`,
      opened_at: '2026-11-30 08:00:00',
    }));
    serviceNow.setRecords(many);
    serviceNow.requests.splice(0);
    serviceNow.rateLimitNext(1, 1);
    const tickets = await list();
    assert.equal(tickets.length, 130);
    assert.equal(new Set(tickets.map((t) => t.number)).size, 130, 'no ticket twice');
    const pages = serviceNow.requests.filter((r) => r.path.startsWith('/api/now/table/task'));
    assert.deepEqual(pages.map((r) => [r.status, r.query.sysparm_offset]), [[429, '0'], [200, '0'], [200, '100']]);
  });

  it('starts a shift from the plan: a log in support/ with today\'s checks, the dashboards opened since the last shift', async () => {
    const uri = await vscode.commands.executeCommand<string>('runbook.startSupportShift', { plan: PLAN, engineer: 'Sam Becker' });
    logUri = vscode.Uri.parse(uri, true);
    assert.match(logUri.path, /\/support\/\d{4}-\d{2}-\d{2}-sam-becker(?:-\d+)?\.md$/);
    const text = await readText(logUri);
    assert.match(text, /^---\n[\s\S]*engineer: Sam Becker/);
    assert.match(text, /- \[ \] .*Tracking API/);
    const plan = await readText(vscode.Uri.joinPath(workspaceFolder().uri, PLAN));
    assert.ok(!/\[x\]/i.test(plan), 'the plan itself is not ticked');
    const dashboards = opened.filter((u) => u.includes('datadoghq.com/dashboard'));
    assert.ok(dashboards.length >= 2, `the plan's dashboards were opened: ${opened.join(', ')}`);
    const label = dashboards.find((u) => u.includes('label-service')) ?? '';
    const from = Number(/from_ts=(\d+)/.exec(label)?.[1]);
    assert.ok(Math.abs(Date.now() - 24 * 3600_000 - from) < 10 * 60_000, `opened at the last 24 hours (no earlier shift): ${label}`);
    const { api } = await activateExtension();
    const flat = (rows: readonly TreeRow[]): TreeRow[] => rows.flatMap((r) => [r, ...flat(r.children)]);
    const rows = await eventually(async () => {
      const all = flat(await api.testing.getShiftView());
      return all.some((r) => r.label === 'Tracking API') ? all : undefined;
    }, 'the Support Shift view lists the checks');
    assert.ok(rows.some((r) => r.checked === false), 'checks have a box');
    assert.equal(await vscode.commands.executeCommand('runbook.startSupportShift', { plan: PLAN, engineer: 'Sam Becker' }), uri, 'a second start goes on with the shift in progress');
  });

  it('ticks a check in the shift log, one edit, with the time', async () => {
    assert.ok(logUri);
    await vscode.commands.executeCommand('runbook.tickShiftCheck', { check: 'Tracking API', done: true });
    const text = await readText(logUri);
    assert.match(text, /- \[x\] .*Tracking API.*\d{2}:\d{2}/);
  });

  it('notes an incident started during the shift in its log', async () => {
    assert.ok(logUri);
    const title = 'Label PDFs blank during the shift';
    await vscode.commands.executeCommand('runbook.startIncident', { title, impact: 'Oversize labels print blank', severity: 3, runbook: 'samples/incident-response.md' });
    try {
      await eventually(async () => ((await readText(logUri as vscode.Uri)).includes(title) ? true : undefined), 'the incident in the shift log');
    } finally {
      await resolveActiveIncidents('closed by the support suite');
    }
  });

  it('creates the GitHub issue from a ticket with the plan\'s template, writes it into the work notes and the shift log, once', async () => {
    assert.ok(logUri);
    await connect();
    const ticket = NORTHWIND_QUEUE.webhook502;
    const created = await vscode.commands.executeCommand<{ number: number; url: string }>('runbook.createIssueFromTicket', { number: ticket.number });
    const issue = github.issues().find((i) => i.number === created.number && i.repo === SUPPORT_REPO);
    assert.ok(issue, 'created in the template\'s repository');
    assert.match(issue.title, /^\[SNOW\] Carrier webhook answers 502/, 'the template\'s title prefix');
    assert.ok(issue.labels?.includes('support-ticket'), 'the template\'s label');
    assert.match(issue.body ?? '', new RegExp(`\\[${ticket.number}\\]\\(https://northwind\\.service-now\\.com/`), 'links back to the ticket');
    assert.match(issue.body ?? '', /\*\*Priority:\*\* 3 - Moderate/);
    const notes = serviceNow.journal(ticket.sysId).filter((e) => e.element === 'work_notes');
    assert.equal(notes.length, 1);
    assert.ok(notes[0]?.value.includes(created.url), 'the work note has the issue\'s link');
    assert.equal(serviceNow.requests.find((r) => r.method === 'PATCH')?.path, `/api/now/table/incident/${ticket.sysId}`, 'written to the record\'s own table');
    assert.ok((await readText(logUri)).includes(created.url), 'the shift log has the issue');
    const again = await vscode.commands.executeCommand<{ number: number }>('runbook.createIssueFromTicket', { number: ticket.number });
    assert.equal(again.number, created.number, 'a second run links the same issue');
    assert.equal(github.issues().filter((i) => i.repo === SUPPORT_REPO).length, 1, 'no duplicate');
    github.setIssues(github.issues().map((i) => (i.number === created.number ? { ...i, state: 'closed', closedAt: new Date().toISOString() } : i)));
    const { api } = await activateExtension();
    // Refresh asks GitHub again; an answer already on its way when the issue closed may still say open, so ask until it says closed.
    await eventually(async () => {
      await vscode.commands.executeCommand('runbook.refreshTickets');
      await new Promise((r) => setTimeout(r, 500));
      return (await api.testing.getTicketsView()).some((r) => r.description?.includes(`fix merged · ${ticket.number}`) && r.contextValue === 'ticket.fixed') ? true : undefined;
    }, 'the ticket marked "fix merged" once its issue is closed', 30_000);
  });

  it('resolves a ticket: ServiceNow\'s refusal is shown in its words and changes nothing; with the close fields it is Resolved', async () => {
    assert.ok(logUri);
    await connect();
    const ticket = NORTHWIND_QUEUE.webhook502;
    const refused = await rejection(vscode.commands.executeCommand('runbook.resolveTicket', { number: ticket.number }));
    assert.match(refused, /Data Policy Exception/);
    assert.match(refused, /Resolution code/);
    assert.equal(serviceNow.record(ticket.sysId)?.state, '2', 'the ticket did not change');
    const state = await vscode.commands.executeCommand<{ state: string; stateValue: string }>('runbook.resolveTicket', { number: ticket.number, closeCode: 'Solution provided', closeNotes: 'Fixed by the webhook retry change' });
    assert.equal(state.stateValue, '6');
    assert.equal(serviceNow.record(ticket.sysId)?.close_code, 'Solution provided');
    const task = NORTHWIND_QUEUE.delayedReport;
    const unknown = await rejection(vscode.commands.executeCommand('runbook.resolveTicket', { number: task.number }));
    assert.match(unknown, /sc_task/);
    assert.equal(serviceNow.record(task.sysId)?.state, '2', 'a table whose resolved state is not known is never guessed');
  });

  it('hands off: the summary in the log (checks done and not, tickets, notes), the shift ended', async () => {
    assert.ok(logUri);
    await vscode.commands.executeCommand('runbook.connectSlack', { token: NORTHWIND_TOKEN });
    const summary = await vscode.commands.executeCommand<string>('runbook.handOffShift', { notes: 'Watch the DHL webhook after the 14:00 deploy', post: true });
    const posted = slack.messages().filter((m) => m.channel === SUPPORT_CHANNEL_ID);
    assert.equal(posted.length, 1, 'posted to the plan\'s support channel');
    assert.ok(posted[0]?.text.includes('Watch the DHL webhook'));
    assert.match(summary, /Watch the DHL webhook/);
    assert.match(summary, /INC0010045/);
    const text = await readText(logUri);
    assert.match(text, /ended: ['"]?\d{4}-/);
    assert.ok(text.includes('Watch the DHL webhook'), 'the summary is in the log');
    assert.match(await rejection(vscode.commands.executeCommand('runbook.handOffShift', { notes: 'again' })), /No shift in progress/);
    const next = await vscode.commands.executeCommand<string>('runbook.startSupportShift', { plan: PLAN, engineer: 'Sam Becker', openDashboards: false });
    assert.notEqual(next, logUri.toString(), 'the next shift gets its own log, never the handed-off one');
    await vscode.commands.executeCommand('runbook.handOffShift', { notes: '' });
  });
});
