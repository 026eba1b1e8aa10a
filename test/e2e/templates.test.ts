import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Locator } from 'playwright-core';
import { type Workbench, workbenchPerTest } from './workbench';

const SIDEBAR_PX = 300;
const LINK = 'https://github.com/northwind-example/handbook/blob/main/templates/incident-traceability.md';

/** The content frame of the active webview (VS Code nests it in two iframes). */
function webviewFrame(workbench: Workbench): FrameLocator {
  return workbench.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

/** How many pixels of `text`, in the row's description, the row's ellipsis cuts off (0: drawn whole; -1: not found). */
async function cutOff(row: Locator, text: string): Promise<number> {
  return row.evaluate((element, wanted) => {
    const description = element.querySelector('.label-description');
    const clip = element.querySelector('.monaco-icon-label-container')?.getBoundingClientRect();
    const node = description?.firstChild;
    const at = node?.textContent?.indexOf(wanted) ?? -1;
    if (!node || !clip || at < 0) return -1;
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + wanted.length);
    return Math.max(0, Math.ceil(range.getBoundingClientRect().right - clip.right));
  }, text);
}

describe('Templates e2e: a person sees the template the runbook links, and changes it for one incident', function () {
  const workbenches = workbenchPerTest();

  it('shows "Template: incident-traceability.md" on the Track row of a 300-px side bar, with the link in its tooltip', async () => {
    const workbench = await workbenches.open('sample');
    await workbench.openViewContainer('Runbook');
    const width = await workbench.setSidebarWidth(SIDEBAR_PX);
    assert.ok(Math.abs(width - SIDEBAR_PX) <= 12, `side bar ${width} px wide`);
    await workbench.collapsePane('Incident');
    await workbench.collapsePane('Recent Changes');
    await workbench.expand('Parcel Tracking Incident Response Plan');
    const track = workbench.treeItem('3. Track');
    await track.locator('.label-description', { hasText: 'Template: incident-traceability.md' }).waitFor();
    // The template leads the description, so a narrow side bar cuts the progress count, never "Template:" and the name's start.
    assert.equal(await cutOff(track, 'Template: incident'), 0, '"Template:" and the start of the name are drawn');
    console.log(`      (at ${width} px, the Track row cuts ${await cutOff(track, 'Template: incident-traceability.md')} px of "Template: incident-traceability.md"; the tooltip has it whole)`);
    await track.hover();
    const hover = workbench.page.locator('.monaco-hover', { hasText: 'Template of new incident records: incident-traceability.md' }).first();
    await hover.waitFor();
    assert.ok((await hover.innerText()).includes(LINK), 'the link as written');
    await workbench.screenshot('templates-track-row-300px');

    await workbench.page.mouse.move(0, 0);
    const post = workbench.treeItem(/^Post-incident/);
    await post.scrollIntoViewIfNeeded();
    await post.locator('.label-description', { hasText: 'Template: postmortem.md' }).waitFor();
    assert.equal(await cutOff(post, 'Template: post'), 0, '"Template:" and the start of the name are drawn');
    console.log(`      (the Post-incident row cuts ${await cutOff(post, 'Template: postmortem.md')} px of "Template: postmortem.md")`);
    await workbench.screenshot('templates-post-incident-row-300px');
  });

  it('prefills the form with the runbook\'s template, previews what it fills, and takes another one until reset', async () => {
    const workbench = await workbenches.open('sample');
    await workbench.runCommand('Runbook: Start Incident…');
    const form = webviewFrame(workbench);
    const template = form.locator('vscode-textfield#template input');
    await form.locator('#template-hint', { hasText: "From the runbook's link" }).waitFor();
    assert.equal(await template.inputValue(), LINK);
    const preview = form.locator('#template-preview');
    await preview.filter({ hasText: /^Fills: / }).waitFor();
    assert.equal(await form.locator('vscode-button#template-reset[disabled]').count(), 1, 'nothing to reset yet');
    await form.locator('vscode-textfield#template').scrollIntoViewIfNeeded();
    await workbench.screenshot('templates-form-default');

    await template.fill('templates/our-record.md');
    await form.locator('#template-hint', { hasText: 'Yours, for this incident only' }).waitFor();
    await form.locator('#template-notes li').first().waitFor();
    assert.equal(await form.locator('vscode-button#template-reset[disabled]').count(), 0, 'Reset is offered');
    await workbench.screenshot('templates-form-changed');

    await form.locator('vscode-button#template-reset').click();
    await form.locator('#template-hint', { hasText: "From the runbook's link" }).waitFor();
    assert.equal(await template.inputValue(), LINK);
  });

  it('starts an incident from the form with the linked template and shows the record filled from it', async () => {
    const workbench = await workbenches.open('sample');
    await workbench.runCommand('Runbook: Start Incident…');
    const form = webviewFrame(workbench);
    await form.locator('#template-preview').filter({ hasText: /^Fills: / }).waitFor();
    await form.locator('vscode-textfield#title input').fill('Labels fail to print');
    await form.locator('vscode-textarea#impact textarea').fill('Warehouses cannot print shipping labels');
    await form.locator('vscode-button#submit').click();
    await workbench.editorTab('labels-fail-to-print.md').waitFor();
    const [file] = readdirSync(join(workbench.workspace, 'incidents'));
    assert.ok(file);
    const record = readFileSync(join(workbench.workspace, 'incidents', file), 'utf8');
    assert.match(record, /\ntemplate:\n {2}source: https:\/\/github\.com\/northwind-example\/handbook\/blob\/main\/templates\/incident-traceability\.md\n {2}sha: [0-9a-f]{40}\n/);
    assert.match(record, /\n# Parcel Tracking – Incident Investigation\n/, 'the team\'s template, not the built-in one');
    assert.match(record, /\n\*\*Incident title:\*\* Labels fail to print\n/);
    assert.match(record, /\n- \*\*Incident Commander:\*\* Priya Raman\n/);
    assert.match(record, /\n\| Customer impact \| Warehouses cannot print shipping labels \|\n/);
    assert.match(record, /\n- \*\*Carrier ticket:\*\* TBD\n/, 'what the incident does not know stays for a person');
    assert.match(record, /## 📅 Timeline of events\n- \d{2}:\d{2} \S+ — Incident declared/);
    await workbench.page.locator('.monaco-editor .view-line', { hasText: 'Incident title:' }).first().waitFor();
    await workbench.screenshot('templates-record-from-team-template');
  });
});

