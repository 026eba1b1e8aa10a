import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { SUPPORT_REPO } from '../fakes/github/sampleData';
import { NORTHWIND_QUEUE, NORTHWIND_SN } from '../fakes/servicenow/northwind';
import { type Workbench, workbenchPerTest } from './workbench';

const SIDEBAR_PX = 300;
const PLAN_TITLE = 'Production Support Plan: Parcel Tracking';
const ENGINEER = 'Sam Becker';
const HAND_OFF_NOTE = 'Watch the DHL webhook after the 14:00 deploy';
/** The plan's dashboards (two Datadog dashboards and the APM traces link): each opens when the shift starts. */
const SHIFT_DASHBOARDS = ['app.datadoghq.com/dashboard/abc-123-xyz/tracking-api-overview', 'app.datadoghq.com/dashboard/lbl-v2-001/label-service', 'app.datadoghq.com/apm/traces'];

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function until(what: string, probe: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** A view pane of the Runbook side bar by its title, and its rows by their exact label. */
class Pane {
  readonly pane: Locator;
  readonly header: Locator;
  constructor(
    private readonly workbench: Workbench,
    readonly title: string,
  ) {
    const { page } = workbench;
    const header = page.locator('.pane-header', { hasText: new RegExp(`^\\s*${escaped(title)}`) });
    this.pane = page.locator('.sidebar .pane', { has: header }).first();
    this.header = this.pane.locator('.pane-header').first();
  }

  async expandPane(): Promise<void> {
    await this.header.waitFor({ timeout: 30_000 });
    if ((await this.header.getAttribute('aria-expanded')) !== 'true') await this.header.click();
    await until(`the ${this.title} view to open`, async () => (await this.header.getAttribute('aria-expanded')) === 'true');
  }

  async collapsePane(): Promise<void> {
    if ((await this.header.getAttribute('aria-expanded')) === 'true') await this.header.click();
  }

  row(label: string | RegExp): Locator {
    const wanted = typeof label === 'string' ? new RegExp(`^\\s*${escaped(label)}\\s*$`) : label;
    return this.pane.locator('.monaco-list-row').filter({ has: this.workbench.page.locator('.label-name', { hasText: wanted }) }).first();
  }

  /** Waits for the row, and for its description to match when one is given. */
  async expect(label: string | RegExp, description?: string | RegExp, timeout = 20_000): Promise<Locator> {
    const row = this.row(label);
    const wanted = description === undefined ? undefined : typeof description === 'string' ? new RegExp(`^\\s*${escaped(description)}\\s*$`) : description;
    const target = wanted ? row.locator('.label-description', { hasText: wanted }) : row;
    await target.waitFor({ timeout }).catch(async (error: unknown) => {
      throw new Error(`the ${this.title} row ${String(label)} does not show ${String(wanted ?? '')}; the view shows:\n${(await this.texts()).join('\n')}\n${String(error)}`);
    });
    return row;
  }

  /** Every row drawn: "label — description" (a check's box as [ ] or [x] in front). */
  async texts(): Promise<string[]> {
    return this.pane.locator('.monaco-list-row').evaluateAll((rows) =>
      rows.map((row) => {
        const box = row.querySelector('.custom-view-tree-node-item-checkbox');
        const mark = box ? (box.classList.contains('checked') || box.getAttribute('aria-checked') === 'true' ? '[x] ' : '[ ] ') : '';
        const indent = '  '.repeat(Math.max(0, Number(row.getAttribute('aria-level') ?? 1) - 1));
        return indent + mark + [row.querySelector('.label-name')?.textContent ?? '', row.querySelector('.label-description')?.textContent ?? ''].filter(Boolean).join(' — ');
      }),
    );
  }

  /** For every row drawn: how many pixels of its label and description fall past the row's clip. 0: drawn whole. */
  async cuts(): Promise<{ label: string; description: string; labelCut: number; descriptionCut: number }[]> {
    // No named functions inside: the test's transpiler would wrap them in a helper the page does not have.
    return this.pane.locator('.monaco-list-row').evaluateAll((rows) =>
      rows.map((row) => {
        const clip = row.querySelector('.monaco-icon-label-container')?.getBoundingClientRect();
        const [labelCut, descriptionCut] = [row.querySelector('.label-name'), row.querySelector('.label-description')].map((el) => {
          if (!el?.textContent || !clip) return 0;
          const range = document.createRange();
          range.selectNodeContents(el);
          return Math.max(0, Math.ceil(range.getBoundingClientRect().right - clip.right));
        });
        return { label: row.querySelector('.label-name')?.textContent ?? '', description: row.querySelector('.label-description')?.textContent ?? '', labelCut: labelCut ?? 0, descriptionCut: descriptionCut ?? 0 };
      }),
    );
  }

  /** Logs what a side bar this wide hides of each row (for the report; the view's layout is src's). */
  async reportCuts(width: number): Promise<void> {
    for (const c of await this.cuts()) {
      if (c.labelCut) console.log(`      (${this.title} at ${width} px: label "${c.label}" cut by ${c.labelCut} px)`);
      if (c.descriptionCut) console.log(`      (${this.title} at ${width} px: "${c.label}" cuts ${c.descriptionCut} px of its description "${c.description}")`);
    }
  }
}

/** F1, the command's title, and Enter once the focused row is that very command (not one whose title contains it). */
async function runPaletteCommand(workbench: Workbench, title: string): Promise<void> {
  const { page } = workbench;
  await page.keyboard.press('F1');
  const widget = page.locator('.quick-input-widget');
  await widget.locator('input').fill(`>${title}`);
  const wanted = new RegExp(`^\\s*${escaped(title)}\\s*$`);
  const row = widget.locator('.monaco-list-row').filter({ has: page.locator('.label-name', { hasText: wanted }) }).first();
  await row.waitFor();
  if ((await row.getAttribute('class'))?.includes('focused')) await page.keyboard.press('Enter');
  else await row.click();
}

/** The quick pick or input box shown, once its title says `title`. */
async function quickInput(workbench: Workbench, title: string | RegExp): Promise<Locator> {
  const widget = workbench.page.locator('.quick-input-widget');
  await widget.locator('.quick-input-title', { hasText: title }).waitFor();
  return widget;
}

/** A row's inline action shows only while the row is hovered, and a tree re-rendered under the pointer hides it again: hover and click, a few times. */
async function clickRowAction(row: Locator, label: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await row.hover();
    try {
      await row.locator(`.action-label[aria-label^="${label}"]`).click({ timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

/** Waits until a notification has slid in: its box stops moving. */
async function settled(element: Locator): Promise<void> {
  let last = '';
  await until('the notification to settle', async () => {
    const box = JSON.stringify(await element.boundingBox());
    const still = box === last;
    last = box;
    if (!still) await new Promise((r) => setTimeout(r, 150));
    return still;
  });
}

/** The Runbook side bar with the other views closed, so the support views have the room. */
async function showRunbook(workbench: Workbench): Promise<void> {
  // The support views have a container of their own: incident work keeps the Runbook side bar as it was.
  await workbench.openViewContainer('Support Shift');
  await workbench.page.locator('.sidebar .pane-header', { hasText: /^\s*Tickets/ }).first().waitFor({ timeout: 30_000 });
}

/** The shift logs written under support/. */
function shiftLogs(workspace: string): string[] {
  const dir = join(workspace, 'support');
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.md')).map((f) => join(dir, f)) : [];
}

describe('Support shift e2e: a person starts a shift, ticks checks, works the ServiceNow queue and hands off', function () {
  const workbenches = workbenchPerTest();

  it('starts the shift from the palette, ticks a check into the log, lists the queue, files a GitHub issue from a ticket and hands off', async () => {
    const workbench = await workbenches.open('sample');
    const { page } = workbench;
    const { github, serviceNow } = workbench;
    assert.ok(github && serviceNow, 'a sample workbench has a fake GitHub and a fake ServiceNow');
    // Links a command opens land in new tabs of the browser (what they load is recorded, then they are closed).
    const loaded: string[] = [];
    page.context().on('request', (request) => request.url().includes('datadoghq.com') && loaded.push(request.url()));
    page.context().on('page', (opened) => void opened.waitForLoadState().then(() => opened.close()).catch(() => undefined));

    // GitHub connected (the fake takes any token), as a person does before filing issues.
    await workbench.runCommand('Runbook: Set GitHub Token…');
    await page.locator('.quick-input-widget input').fill('demo-token');
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });

    await showRunbook(workbench);
    const shift = new Pane(workbench, 'Support Shift');
    const tickets = new Pane(workbench, 'Tickets');
    await tickets.header.waitFor();
    // The container is the support shift's own: both views open in it, so it never looks empty.
    await until('both views to open', async () => (await shift.header.getAttribute('aria-expanded')) === 'true' && (await tickets.header.getAttribute('aria-expanded')) === 'true');
    await shift.pane.locator('.welcome-view-content', { hasText: 'No support shift in progress.' }).waitFor();
    await workbench.screenshot('support-shift-before-start');

    // Start Support Shift: the name (asked once), then VS Code asks before each of the plan's dashboards opens.
    await runPaletteCommand(workbench, 'Runbook: Start Support Shift');
    const name = await quickInput(workbench, 'Start Support Shift');
    await name.locator('input').fill(ENGINEER);
    await workbench.screenshot('support-shift-name-prompt');
    await page.keyboard.press('Enter');
    await name.waitFor({ state: 'hidden' });

    const website = page.locator('.monaco-dialog-box', { hasText: 'open the external website' });
    const asked: string[] = [];
    await until('the shift log to open beside the plan', async () => {
      if (await workbench.editorTab(`-${ENGINEER.toLowerCase().replace(/\s+/g, '-')}.md`).isVisible()) return true;
      if (!(await website.isVisible())) return false;
      const box = await website.elementHandle({ timeout: 1_000 }).catch(() => null);
      if (!box) return false;
      asked.push((await website.locator('.dialog-message-detail').innerText().catch(() => '')).trim());
      if (asked.length <= 2) await workbench.screenshot(`support-shift-start-dashboard-dialog-${asked.length}`);
      await website.locator('.monaco-button', { hasText: /^Open$/ }).first().click();
      // This dialog goes away before the next one is answered.
      await page.waitForFunction((el) => !el.isConnected || !(el as HTMLElement).offsetParent, box, { timeout: 10_000 }).catch(() => undefined);
      await page.bringToFront();
      return false;
    }, 60_000);
    assert.equal(asked.length, SHIFT_DASHBOARDS.length, `VS Code asked once per dashboard: ${asked.join(' | ')}`);
    await until('the dashboards to load in the browser', () => SHIFT_DASHBOARDS.every((d) => loaded.some((url) => url.includes(d))));
    const unnamed = SHIFT_DASHBOARDS.filter((d) => !asked.some((shown) => shown.includes(d.split('/').slice(-1)[0] ?? d)));
    if (unnamed.length) console.log(`      (the "open the external website" dialogs showed ${asked.join(' | ')}; none named ${unnamed.join(', ')}, which opened)`);
    const [log, ...more] = shiftLogs(workbench.workspace);
    assert.ok(log && !more.length, `one shift log under support/: ${shiftLogs(workbench.workspace).join(', ')}`);
    assert.match(log, /\/support\/\d{4}-\d{2}-\d{2}-sam-becker\.md$/);
    const started = readFileSync(log, 'utf8');
    assert.match(started, /^---\n[\s\S]*engineer: Sam Becker\n/);
    assert.ok(started.includes(`Plan: [${PLAN_TITLE}](../runbooks/production-support.md)`), 'the log links the plan');
    assert.match(started, /^- \[ \] Dashboards › Tracking API <!-- check:tracking-api -->$/m);
    await page.locator('.statusbar-item', { hasText: /Shift started: 8 checks; 3 dashboards opened for the last 24 hours/ }).waitFor();

    // The view: today's checks grouped as the plan groups them, each with a box; the shift's count in its header.
    await shift.pane.locator('.pane-header .description', { hasText: /0\/8 done/ }).waitFor();
    await shift.expect('Dashboards', /^\s*0\/2\s*$/);
    await shift.expect('Tracking API');
    await shift.expect('Label Service');
    await shift.expect('PagerDuty');
    const rows = await shift.texts();
    assert.ok(rows.some((r) => /^\s*\[ \] Tracking API$/.test(r)), `the check has a box: ${rows.join(' | ')}`);
    console.log(`      Support Shift rows:\n${rows.map((r) => `        ${r}`).join('\n')}`);
    await page.mouse.move(700, 880);
    await workbench.screenshot('support-shift-checks');
    await shift.reportCuts(Math.round((await page.locator('.part.sidebar').first().boundingBox())?.width ?? 0));

    // Tick "Tracking API" by its box: the log gets [x] (the plan is not touched).
    const check = shift.row('Tracking API');
    await check.locator('.custom-view-tree-node-item-checkbox').first().click();
    await until('the shift log to have Tracking API ticked', () => /^- \[x\] Dashboards › Tracking API\b/m.test(readFileSync(log, 'utf8')));
    assert.match(readFileSync(log, 'utf8'), /^- \[ \] Dashboards › Label Service\b/m, 'only that check');
    assert.ok(!/\[x\]/.test(readFileSync(join(workbench.workspace, 'runbooks', 'production-support.md'), 'utf8')), 'the plan itself is not ticked');
    await shift.expect('Tracking API', /^\s*done\b/);
    await shift.expect('Dashboards', /^\s*1\/2\s*$/);
    await shift.pane.locator('.pane-header .description', { hasText: /1\/8 done/ }).waitFor();
    await page.mouse.move(700, 880);
    await workbench.screenshot('support-shift-ticked');

    // The same view in a 300-px side bar.
    const width = await workbench.setSidebarWidth(SIDEBAR_PX);
    assert.ok(Math.abs(width - SIDEBAR_PX) <= 12, `side bar ${width} px wide`);
    await page.mouse.move(700, 880);
    await workbench.screenshot('support-shift-checks-300px');
    await shift.reportCuts(width);

    // Connect ServiceNow from the palette: user name, then a password box that hides it.
    await runPaletteCommand(workbench, 'Runbook: Connect ServiceNow…');
    const how = await quickInput(workbench, `Connect ServiceNow: ${NORTHWIND_SN.instance}`);
    await how.locator('.monaco-list-row', { hasText: 'OAuth access token' }).waitFor();
    await how.locator('.monaco-list-row', { hasText: 'Username and password' }).first().click();
    const user = await quickInput(workbench, `Connect ServiceNow: ${NORTHWIND_SN.instance} (1/2)`);
    await user.locator('input').fill(NORTHWIND_SN.user);
    await page.keyboard.press('Enter');
    const password = await quickInput(workbench, `Connect ServiceNow: ${NORTHWIND_SN.instance} (2/2)`);
    assert.equal(await password.locator('input').getAttribute('type'), 'password', 'the password is hidden as it is typed');
    await page.keyboard.type(NORTHWIND_SN.password);
    await page.keyboard.press('Enter');
    await password.waitFor({ state: 'hidden' });
    await page.locator('.statusbar-item', { hasText: `Connected to ServiceNow (${NORTHWIND_SN.instance})` }).waitFor();

    // The Tickets view: the queue, P1 on top.
    await shift.collapsePane();
    await tickets.expandPane();
    await tickets.expect(/^\s*7 open tickets\s*$/, /^\s*as of \d{2}:\d{2}/, 30_000);
    const blank = await tickets.expect(/^P1 · Label service returns a blank PDF/, new RegExp(`^\\s*${NORTHWIND_QUEUE.blankLabel.number} · 2 h · New`));
    const webhook = await tickets.expect(/^P3 · Carrier webhook answers 502/, new RegExp(`^\\s*${NORTHWIND_QUEUE.webhook502.number} · 40 min · In Progress`));
    const queue = await tickets.texts();
    console.log(`      Tickets rows:\n${queue.map((r) => `        ${r}`).join('\n')}`);
    assert.ok(queue[1]?.startsWith(`P1 · Label service returns a blank PDF`) && queue[1].includes(NORTHWIND_QUEUE.blankLabel.number), `P1 on top, under the count: ${queue.join(' | ')}`);
    assert.deepEqual(queue.slice(1).map((r) => r.split(' — ')[1]?.split(' · ')[0]?.trim()).sort(), Object.values(NORTHWIND_QUEUE).map((t) => t.number).sort(), 'the seven tickets of the queue');
    assert.ok(await blank.isVisible());
    await page.mouse.move(700, 880);
    await workbench.screenshot('support-tickets');
    await tickets.reportCuts(width);

    // A GitHub issue from INC0010045 by its row's inline action, after the confirmation.
    const webhook502 = NORTHWIND_QUEUE.webhook502;
    await webhook.hover();
    await webhook.locator('.action-label[aria-label^="Create GitHub Issue from Ticket"]').waitFor();
    await workbench.screenshot('support-tickets-row-actions');
    await clickRowAction(webhook, 'Create GitHub Issue from Ticket');
    const confirm = page.locator('.monaco-dialog-box', { hasText: `Create a GitHub issue on ${SUPPORT_REPO} for ${webhook502.number}?` });
    await confirm.waitFor();
    await workbench.screenshot('support-create-issue-confirm');
    assert.equal(github.issues().filter((i) => i.repo === SUPPORT_REPO).length, 0, 'nothing is created before the person confirms');
    await confirm.locator('.monaco-button', { hasText: /^Create Issue$/ }).first().click();
    await confirm.waitFor({ state: 'hidden' });
    await until('the issue on GitHub', () => github.issues().some((i) => i.repo === SUPPORT_REPO));
    const created = github.issues().filter((i) => i.repo === SUPPORT_REPO);
    assert.equal(created.length, 1, 'one issue');
    const issue = created[0];
    assert.ok(issue);
    assert.match(issue.title, /^\[SNOW\] Carrier webhook answers 502/, 'the plan template\'s title prefix');
    assert.ok(issue.labels?.includes('support-ticket'), 'the template\'s label');
    assert.match(issue.body ?? '', new RegExp(`\\[${webhook502.number}\\]\\(https://${escaped(NORTHWIND_SN.instance)}/`), 'the issue links the ticket');
    await until('the work note in ServiceNow', () => serviceNow.journal(webhook502.sysId).some((e) => e.element === 'work_notes'));
    const notes = serviceNow.journal(webhook502.sysId).filter((e) => e.element === 'work_notes');
    assert.equal(notes.length, 1, 'one work note');
    assert.match(notes[0]?.value ?? '', new RegExp(`${escaped(SUPPORT_REPO)}#${issue.number}`), `the work note names the issue: ${notes[0]?.value}`);
    assert.equal(notes[0]?.createdBy, NORTHWIND_SN.user, 'written as the connected user');
    await until('the shift log to list the ticket and its issue', () => readFileSync(log, 'utf8').includes(`${SUPPORT_REPO}#${issue.number}`));
    const said = page.locator('.notifications-toasts .notification-toast', { hasText: `Created ${SUPPORT_REPO}#${issue.number} for ${webhook502.number}` });
    await said.waitFor();
    await said.locator('.monaco-button', { hasText: /^Open Issue$/ }).waitFor();
    await tickets.expect(/^P3 · Carrier webhook answers 502/, new RegExp(`^\\s*parcel-support#${issue.number} open · ${webhook502.number}`));
    await page.mouse.move(700, 880);
    await workbench.screenshot('support-tickets-issue-created');

    // Hand Off Shift…: a note for the next person, then the notification with Copy (Slack is not connected).
    await runPaletteCommand(workbench, 'Runbook: Hand Off Shift…');
    const handOff = await quickInput(workbench, 'Hand Off Shift');
    await page.keyboard.type(HAND_OFF_NOTE);
    await workbench.screenshot('support-hand-off-note');
    await page.keyboard.press('Enter');
    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'Shift handed off' });
    await toast.waitFor();
    assert.ok(await handOff.isHidden());
    const message = (await toast.innerText()).replace(/\s+/g, ' ');
    assert.match(message, /Shift handed off: the summary is in support\/.*sam-becker\.md/);
    await toast.locator('.monaco-button', { hasText: /^Copy$/ }).waitFor();
    assert.equal(await toast.locator('.monaco-button', { hasText: /^Post to/ }).count(), 0, 'no Post without Slack');
    await settled(toast);
    await workbench.screenshot('support-hand-off');
    const text = readFileSync(log, 'utf8');
    assert.ok(text.includes(HAND_OFF_NOTE), 'the note is in the log');
    assert.match(text, /^ended: ['"]?\d{4}-/m, 'the shift ended');
    await toast.locator('.monaco-button', { hasText: /^Copy$/ }).first().click();
    await until('the summary on the clipboard', async () => (await page.evaluate(() => navigator.clipboard.readText())).includes(HAND_OFF_NOTE));
    const summary = await page.evaluate(() => navigator.clipboard.readText());
    console.log(`      Hand-off summary:\n${summary.split('\n').map((l) => `        ${l}`).join('\n')}`);
    assert.ok(summary.includes(webhook502.number), 'the summary lists the ticket worked');
  });

  it('without a connection, the Tickets view says how to connect and offers the queue in the browser', async () => {
    const workbench = await workbenches.open('sample');
    const { page } = workbench;
    const serviceNow = workbench.serviceNow;
    assert.ok(serviceNow);
    await showRunbook(workbench);
    const tickets = new Pane(workbench, 'Tickets');
    await tickets.expandPane();
    await tickets.expect('Connect ServiceNow to list the queue', NORTHWIND_SN.instance);
    await tickets.expect('Open the queue in the browser');
    const rows = await tickets.texts();
    console.log(`      Tickets rows (not connected):\n${rows.map((r) => `        ${r}`).join('\n')}`);
    assert.equal(rows.length, 2, rows.join(' | '));
    assert.equal(serviceNow.requests.length, 0, 'nothing is sent to ServiceNow before connecting');
    await page.mouse.move(700, 880);
    await workbench.screenshot('support-tickets-disconnected');

    // The browser link: VS Code shows the plan's queue link before it opens.
    await tickets.row('Open the queue in the browser').click();
    const website = page.locator('.monaco-dialog-box', { hasText: 'open the external website' });
    await website.waitFor();
    const detail = (await website.locator('.dialog-message-detail').innerText()).trim();
    assert.match(detail, new RegExp(`^https://${escaped(NORTHWIND_SN.instance)}/now/nav/ui/classic/params/target/task_list\\.do`), detail);
    await workbench.screenshot('support-tickets-open-queue-dialog');
    await website.locator('.monaco-button', { hasText: /^Cancel$/ }).first().click();
    await website.waitFor({ state: 'hidden' });
  });
});
