import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { NORTHWIND_FROM, NORTHWIND_PD, TRACKING_SERVICE_ID } from '../fakes/pagerduty/northwind';
import { NORTHWIND_GROUPS, PARCEL_CHANNEL_ID } from '../fakes/slack/northwind';
import { type Workbench, workbenchPerTest } from './workbench';
import { NORTHWIND_TOKEN } from '../fakes/slack/northwind';

const RUNBOOK = 'Parcel Tracking Incident Response Plan';

/** The id of the record `writeRecord` writes for `title`. */
function recordId(title: string): string {
  return `2026-02-01-0900-${title.toLowerCase().replace(/\W+/g, '-')}`;
}

/**
 * A record pulled from the repository, started `minutesAgo` minutes ago on the sample runbook. Written as the
 * workbench opens (as the other e2e tests do): the record is then there when the extension first lists incidents/.
 */
function writeRecord(workbench: Workbench, title: string, minutesAgo: number): string {
  const id = recordId(title);
  const dir = join(workbench.workspace, 'incidents');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${id}.md`);
  const startedAt = new Date(Date.now() - minutesAgo * 60_000).toISOString();
  writeFileSync(file, ['---', `id: ${id}`, `title: ${title}`, 'status: investigating', `startedAt: ${startedAt}`, 'severity: 2', 'impact: Customers see no parcel states', 'systems:', '  - Tracking API', 'runbook: runbooks/incident-response.md', 'progress: []', '---', `# Incident: ${title}`, '', '## Timeline', '', '## Notes', ''].join('\n'));
  return file;
}

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

/** Answers the input box titled `title` by typing, as a person does; a secret's box must hide what is typed. */
async function answerInputBox(workbench: Workbench, title: string, answer: string, options: { secret?: boolean } = {}): Promise<void> {
  const widget = workbench.page.locator('.quick-input-widget');
  await widget.locator('.quick-input-title', { hasText: title }).waitFor();
  assert.equal(await widget.locator('input').getAttribute('type'), options.secret ? 'password' : 'text', `what is typed in "${title}" is ${options.secret ? 'hidden' : 'shown'}`);
  await widget.locator('input').fill('');
  await workbench.page.keyboard.type(answer);
  await workbench.page.keyboard.press('Enter');
  await widget.waitFor({ state: 'hidden' });
}

/** Whether any part of a tree row's label (its name, its description) is cut off with an ellipsis. */
function isCut(row: Locator): Promise<boolean> {
  return row.evaluate((el) => [...el.querySelectorAll('.monaco-icon-label-container, .monaco-icon-name-container, .label-name, .label-description')].some((part) => part.scrollWidth > part.clientWidth + 1));
}

describe('Slack e2e: a person connects Slack and posts the notification from its preview', function () {
  const workbenches = workbenchPerTest();

  it('connects in the input box, sees the Post button and who it notifies, confirms in the modal, and sees the permalink and the entry', async () => {
    const workbench = await workbenches.open('sample');
    const { page } = workbench;
    const slack = workbench.slack;
    assert.ok(slack, 'a sample workbench has a fake Slack');
    const file = writeRecord(workbench, 'Label printer down', 45);
    await page.locator('.statusbar-item', { hasText: 'Label printer down ·' }).waitFor({ timeout: 30_000 });

    await workbench.runCommand('Runbook: Connect Slack…');
    // Something that is not a Slack token is refused in the box, before anything is sent.
    const box = page.locator('.quick-input-widget');
    await box.locator('.quick-input-title', { hasText: 'Connect Slack' }).waitFor();
    await page.keyboard.type('not-a-slack-token');
    await box.locator('.quick-input-message', { hasText: 'A Slack token starts with xoxb-, xoxp- or another xox?- prefix.' }).waitFor();
    await page.keyboard.press('Enter');
    assert.ok(await box.isVisible(), 'the box stays open on a refused token');
    await answerInputBox(workbench, 'Connect Slack', NORTHWIND_TOKEN, { secret: true });
    await page.locator('.notification-toast', { hasText: 'Connected to the Northwind Slack workspace: notifications and updates can be posted from here.' }).waitFor();
    assert.deepEqual(slack.requests.map((r) => [r.method, r.authorization]), [['auth.test', `Bearer ${NORTHWIND_TOKEN}`]]);

    await workbench.runCommand('Runbook: Copy Notification');
    const panel = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    await panel.locator('#title', { hasText: 'Label printer down' }).waitFor();
    const post = panel.locator('vscode-button#post', { hasText: 'Post to #parcel-incidents' });
    await post.waitFor();
    const mentions = panel.locator('#mentions');
    await mentions.waitFor();
    assert.equal(await mentions.textContent(), 'Notifies @tracking-oncall, @support-leads');
    // The one field nothing could fill: the person types it in before posting.
    await panel.locator('#unfilled-list .chip', { hasText: 'Affected users' }).click();
    await page.keyboard.type('12%');
    await panel.locator('#unfilled').waitFor({ state: 'hidden' });
    await workbench.screenshot('slack-preview-before-post');

    await post.click();
    const dialog = page.locator('.monaco-dialog-box', { hasText: 'Post the notification to #parcel-incidents (Northwind)?' });
    await dialog.waitFor();
    assert.match(await dialog.locator('.dialog-message-detail').innerText(), /^Notifies @tracking-oncall, @support-leads\.$/);
    assert.equal(slack.messages().length, 0, 'nothing is posted before the person confirms');
    await workbench.screenshot('slack-post-confirm');
    await dialog.locator('.monaco-button', { hasText: /^Post$/ }).click();
    await dialog.waitFor({ state: 'hidden' });

    await until('the post in Slack', () => slack.messages().length > 0);
    const posts = slack.requests.filter((r) => r.method === 'chat.postMessage');
    assert.equal(posts.length, 1, 'one chat.postMessage');
    const [message] = slack.messages();
    assert.equal(message?.channel, PARCEL_CHANNEL_ID);
    assert.equal(message?.thread_ts, undefined, 'the notification starts the thread');
    assert.match(message?.text ?? '', new RegExp(`^<!subteam\\^${NORTHWIND_GROUPS.trackingOncall}> <!subteam\\^${NORTHWIND_GROUPS.supportLeads}>\\n\\nWe're investigating an issue with Parcel Tracking\\.\\n`), 'the groups are mentions that notify');
    assert.match(message?.text ?? '', /Impacted customers %:\s+12%\n/, 'the person\'s edit is what was posted');
    const ts = message?.ts ?? '';
    const permalink = `https://northwind.slack.com/archives/${PARCEL_CHANNEL_ID}/p${ts.replace('.', '')}`;

    // The record is written and shown; the preview then says where the post is.
    await until('the slack: thread in the record', () => readFileSync(file, 'utf8').includes('\nslack:\n'));
    const text = readFileSync(file, 'utf8');
    assert.ok(text.includes(`\nslack:\n  channel: ${PARCEL_CHANNEL_ID}\n  ts: "${ts}"\n  permalink: ${permalink}\n`), text);
    assert.match(text, new RegExp(`## Timeline\\n- (?:\\d{4}-\\d{2}-\\d{2} )?\\d{2}:\\d{2} \\S+ — Posted the notification to #parcel-incidents: \\[We're investigating an issue with Parcel Tracking\\.\\]\\(${escaped(permalink)}\\)\\n`));
    // The editor wraps the entry: its first words are on one line.
    await page.locator('.view-line', { hasText: 'Posted the notification to' }).waitFor();
    const confirmation = panel.locator('#confirmation', { hasText: /^Posted at / });
    await confirmation.waitFor();
    assert.match((await confirmation.textContent()) ?? '', new RegExp(`^Posted at \\d{2}:\\d{2} \\S+ to Slack: ${escaped(permalink)}\\. Noted in the record's timeline\\.$`));
    await panel.locator('#slack-line a', { hasText: 'Open the Slack thread' }).waitFor();
    await panel.locator('vscode-button#post').waitFor({ state: 'hidden' });
    await workbench.screenshot('slack-posted');
  });
});

describe('PagerDuty e2e: a person connects PagerDuty, sees who is on call and pages from the incident', function () {
  const workbenches = workbenchPerTest();

  it('connects in the input box, sees "On call now" in a 300-px Playbook, pages from the Incident view after one email prompt and a confirmation', async () => {
    const workbench = await workbenches.open('sample');
    const { page } = workbench;
    const pagerDuty = workbench.pagerDuty;
    assert.ok(pagerDuty, 'a sample workbench has a fake PagerDuty');
    const title = 'Tracking pages time out';
    const file = writeRecord(workbench, title, 10);
    await page.locator('.statusbar-item', { hasText: `${title} ·` }).waitFor({ timeout: 30_000 });

    // Before connecting, the Points of Contact say what connecting adds.
    await workbench.openViewContainer('Runbook');
    await workbench.collapsePane('Incident');
    await workbench.collapsePane('Recent Changes');
    const width = await workbench.setSidebarWidth(300);
    assert.ok(Math.abs(width - 300) <= 2, `the side bar is ${width} px wide`);
    await workbench.expand(RUNBOOK);
    await workbench.expand('Points of Contact');
    await workbench.treeItem('Connect PagerDuty to see who is on call').waitFor();

    await workbench.runCommand('Runbook: Connect PagerDuty…');
    await answerInputBox(workbench, 'Connect PagerDuty', NORTHWIND_PD.key, { secret: true });
    await page.locator('.notification-toast', { hasText: 'PagerDuty connected: the views show who is on call' }).waitFor();

    const group = workbench.treeItem('On call now');
    await group.waitFor();
    const sam = workbench.treeItem('L1 Sam Becker');
    await sam.waitFor({ timeout: 30_000 });
    assert.match((await sam.locator('.label-description').textContent()) ?? '', /^until (?:[A-Z][a-z]{2} )?\d{2}:\d{2} \S+$/, 'the level-1 shift ends in five hours: its time, with the weekday when that is tomorrow');
    assert.equal(await workbench.treeItem('L2 Tomás Ortega').locator('.label-description').textContent(), 'always on call');
    await workbench.treeItem('L3 Priya Raman').waitFor();
    assert.match((await group.locator('.label-description').textContent()) ?? '', /^as of \d{2}:\d{2} \S+$/);
    // "On call now" is the section's first row.
    const rows = await page.locator('.sidebar .monaco-list-row .label-name').allTextContents();
    assert.equal(rows[rows.indexOf('📞 Points of Contact') + 1], 'On call now', rows.join(' | '));
    await page.mouse.move(10, 700);
    await workbench.screenshot('pagerduty-on-call-playbook');
    assert.equal(await isCut(sam), false, 'the L1 row and its "until" fit in a 300-px side bar');
    assert.equal(await isCut(group), false, "the group row and its time fit in a 300-px side bar");
    assert.ok(pagerDuty.requests.some((r) => r.path === `/services/${TRACKING_SERVICE_ID}`), 'the runbook\'s service was looked up');

    await workbench.collapsePane('Playbook');
    const header = page.locator('.sidebar .pane-header', { hasText: 'Incident' }).first();
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    await workbench.treeItem(title).waitFor();
    const incidentGroup = page.locator('.sidebar .pane', { has: page.locator('.pane-header', { hasText: 'Incident' }) }).locator('.monaco-list-row', { hasText: 'On call now' }).first();
    await incidentGroup.waitFor();
    await workbench.treeItem('L1 Sam Becker').waitFor();
    await incidentGroup.hover();
    await incidentGroup.locator('.action-label[aria-label^="Page via PagerDuty"]').click();

    await answerInputBox(workbench, 'Page via PagerDuty: your PagerDuty email', NORTHWIND_FROM);
    const dialog = page.locator('.monaco-dialog-box', { hasText: 'Page via PagerDuty: Level 1 of Parcel Tracking escalation: Sam Becker?' });
    await dialog.waitFor();
    assert.match(await dialog.locator('.dialog-message-detail').innerText(), /^Opens a PagerDuty incident "Tracking pages time out" on Parcel Tracking API, which pages: Level 1 of Parcel Tracking escalation: Sam Becker\./);
    assert.equal(pagerDuty.incidents().length, 0, 'nobody is paged before the person confirms');
    await workbench.screenshot('pagerduty-page-confirm');
    await dialog.locator('.monaco-button', { hasText: /^Page$/ }).click();
    await dialog.waitFor({ state: 'hidden' });

    await until('the PagerDuty incident', () => pagerDuty.incidents().length > 0);
    const incidents = pagerDuty.incidents();
    assert.equal(incidents.length, 1, 'one PagerDuty incident');
    assert.equal(incidents[0]?.incidentKey, recordId(title), 'its incident_key is the record id');
    assert.equal(incidents[0]?.from, NORTHWIND_FROM, 'From is the email the person typed');
    const url = `https://northwind.pagerduty.com/incidents/${incidents[0]?.id}`;
    await page.locator('.notification-toast', { hasText: `Paged via PagerDuty: ${url}` }).waitFor();
    await until('the pagerduty: link in the record', () => readFileSync(file, 'utf8').includes('\npagerduty:\n'));
    const text = readFileSync(file, 'utf8');
    assert.ok(text.includes(`\npagerduty:\n  incident: ${incidents[0]?.id}\n  url: ${url}\n  number: ${incidents[0]?.number}\n`), text);
    assert.ok(text.includes(` — Paged via PagerDuty: [incident #${incidents[0]?.number}](${url}) — Level 1 of Parcel Tracking escalation: Sam Becker\n`), text);
    await page.locator('.view-line', { hasText: 'Paged via PagerDuty:' }).waitFor();
    await page.mouse.move(10, 700);
    await workbench.screenshot('pagerduty-paged');
  });
});
