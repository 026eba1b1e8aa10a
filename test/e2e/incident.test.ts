import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { type Workbench, workbenchPerTest } from './workbench';

const STARTED_HINT = 'Empty for now, "25 minutes ago", or 2026-03-01 14:05';

/** The content frame of the active webview (VS Code nests it in two iframes). */
function webviewFrame(workbench: Workbench): FrameLocator {
  return workbench.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

describe('Incident e2e: a person starts an incident from the form', function () {
  const workbenches = workbenchPerTest();

  it('fills and submits the form, sees the record and the clock, and the clock survives a reload', async () => {
    const workbench = await workbenches.open('sample');
    await workbench.runCommand('Runbook: Start Incident…');
    const form = webviewFrame(workbench);
    await form.locator('vscode-textfield#title input').fill('Parcel tracking 500s');
    await form.locator('vscode-textarea#impact textarea').fill('Customers cannot see where their parcel is');
    await form.locator('vscode-textfield#affected input').fill('12%');
    await form.locator('vscode-checkbox[value="500s"]').click();
    await form.locator('.chip', { hasText: 'Tracking API' }).first().click();
    await form.locator('vscode-textfield#startedAt input').fill('20 minutes ago');
    // The roles come prefilled from the chosen runbook's contacts, and say so; a suggestion still sets one.
    assert.equal(await form.locator('vscode-textfield#coordinator input').inputValue(), 'Priya Raman');
    assert.equal(await form.locator('vscode-textfield#technicalLead input').inputValue(), 'Tomás Ortega');
    await form.locator('#technicalLead-hint', { hasText: "From the runbook's contacts" }).waitFor();
    await form.locator('#coordinator-suggestions .chip', { hasText: 'Priya Raman' }).click();
    await workbench.screenshot('incident-form');
    await form.locator('vscode-button#submit').click();

    await workbench.editorTab('parcel-tracking-500s.md').waitFor();
    const clock = workbench.page.locator('.statusbar-item', { hasText: 'Parcel tracking 500s ·' });
    await clock.waitFor();
    assert.match((await clock.textContent()) ?? '', /Parcel tracking 500s · Investigating · (19|20|21)m/);
    const dir = join(workbench.workspace, 'incidents');
    const [file] = readdirSync(dir);
    assert.ok(file);
    const record = readFileSync(join(dir, file), 'utf8');
    assert.match(record, /\ntitle: Parcel tracking 500s\nstatus: investigating\n/);
    assert.match(record, /\naffected: 12%\n/);
    assert.match(record, /\nerrorTypes:\n {2}- 500s\n/);
    assert.match(record, /\nsystems:\n {2}- Tracking API\n/);
    assert.match(record, /\n {2}coordinator: Priya Raman\n {2}technicalLead: Tomás Ortega\n/);
    assert.match(record, /\nprogress:\n(?: {2}- "\/section:🚨 First Reaction\/section:1\. Collect\/step:\d [^"\n]+"\n){4}/, 'the four Collect items the form answered');
    for (const entry of ['Collected impact: 12% — Customers cannot see where their parcel is', 'Collected error type: 500s', 'Collected systems: Tracking API', 'Collected timeframe: going on for 20m']) {
      assert.ok(record.includes(` — ${entry}`), `timeline entry "${entry}":\n${record}`);
    }
    assert.match(record, /\nseverity: 3\n/, 'the default severity');
    assert.match(record, /\nrunbook: runbooks\/incident-response\.md\n/, `the suggested runbook:\n${record}`);
    await workbench.openViewContainer('Runbook');
    await workbench.page.locator('.sidebar .monaco-list-row', { hasText: 'Parcel tracking 500s' }).first().waitFor();
    await workbench.screenshot('incident-started');

    // The Playbook shows the Collect items the form answered as done.
    await workbench.collapsePane('Incident');
    await workbench.collapsePane('Recent Changes');
    await workbench.expand('Parcel Tracking Incident Response Plan');
    await workbench.expand('First Reaction');
    await workbench.expand('1. Collect');
    await workbench.treeItem('1. Collect').locator('.label-description, .monaco-icon-description-container', { hasText: '4/4' }).first().waitFor();
    for (const label of ['1 Impact:', '2 Error type:', '3 Systems:', '4 Timeframe:']) {
      const box = workbench.treeItem(label).locator('.custom-view-tree-node-item-checkbox');
      await box.waitFor();
      assert.ok(/\bchecked\b/.test((await box.getAttribute('class')) ?? '') || (await box.getAttribute('aria-checked')) === 'true', `${label} is ticked`);
    }
    // The record's end, where the timeline shows the entries after the declaration.
    await workbench.page.locator('.editor-instance .monaco-editor .view-lines').first().click();
    await workbench.page.keyboard.press('Control+End');
    await workbench.page.locator('.editor-instance .view-line', { hasText: 'Collected timeframe' }).waitFor();
    await workbench.screenshot('incident-collect-ticked');

    await workbench.page.reload();
    await workbench.page.locator('.statusbar-item', { hasText: 'Parcel tracking 500s ·' }).waitFor({ timeout: 60_000 });
  });

  it('shows what is wrong in the form, next to the field, and keeps what was typed', async () => {
    const workbench = await workbenches.open('sample');
    await workbench.runCommand('Runbook: Start Incident…');
    const form = webviewFrame(workbench);
    await form.locator('vscode-textfield#affected input').fill('lots');
    await form.locator('vscode-textfield#startedAt input').fill('in two hours');
    await form.locator('vscode-button#submit').click();
    await form.locator('#title-error', { hasText: 'A title is required' }).waitFor();
    await form.locator('#startedAt-error', { hasText: 'is not a start time' }).waitFor();
    await form.locator('#affected-error', { hasText: 'percent' }).waitFor();
    assert.equal(await form.locator('vscode-textfield#startedAt input').inputValue(), 'in two hours');
    await workbench.screenshot('incident-form-errors');
  });

  it('shows the Started hint in full, no field in error before typing, an error on the field typed wrong that clears once fixed', async () => {
    const workbench = await workbenches.open('sample');
    await workbench.runCommand('Runbook: Start Incident…');
    const form = webviewFrame(workbench);
    const started = form.locator('vscode-textfield#startedAt input');
    await started.waitFor();
    assert.equal(await started.getAttribute('placeholder'), STARTED_HINT);
    await form.locator('.chip', { hasText: 'Tracking API' }).first().waitFor();
    await workbench.screenshot('incident-form-untouched');
    assert.equal(await form.locator(':invalid, [invalid], .invalid').count(), 0, 'no field is in error before the first edit');
    for (const helper of await form.locator('vscode-form-helper.error').all()) assert.equal((await helper.textContent())?.trim(), '');

    await started.fill('yesterday-ish');
    await form.locator('#startedAt-error', { hasText: '"yesterday-ish" is not a start time' }).waitFor();
    assert.equal(await form.locator('vscode-textfield#startedAt[invalid]').count(), 1, 'the field shows it is in error');
    assert.equal(await form.locator('#title-error').textContent(), '', 'an untouched field, even an empty required one, is not in error');
    await workbench.screenshot('incident-form-start-error');

    await started.fill('25 minutes ago');
    // Just after midnight, 25 minutes ago is yesterday, and the hint dates it.
    await form.locator('#startedAt-hint', { hasText: /^Started (?:\d{4}-\d{2}-\d{2} )?\d{2}:\d{2} \S+$/ }).waitFor();
    assert.equal(await form.locator('#startedAt-error').textContent(), '');
    assert.equal(await form.locator('[invalid], .invalid').count(), 0, 'fixing the field clears its error');
    await workbench.screenshot('incident-form-start-fixed');
  });

  it('shows names from the settings and the runbook with quotes and angle brackets as text, never as markup', async () => {
    const workbench = await workbenches.open('form-escaping', { 'runbook.systems': ['Identity <SSO>'] });
    await workbench.runCommand('Runbook: Start Incident…');
    const form = webviewFrame(workbench);
    const chips = form.locator('#systems-suggestions .chip');
    await chips.first().waitFor();
    assert.deepEqual(await chips.allTextContents(), ['Identity <SSO>', 'Billing "v2" <b>bold</b> & Co', 'Search'], 'the configured systems first, then the runbook\'s');
    const person = form.locator('#coordinator-suggestions .chip');
    assert.deepEqual(await person.allTextContents(), ['Ada "The Countess" <i>Lovelace</i>']);
    assert.equal(await form.locator('form b, form i').count(), 0, 'no element came from a name');
    await chips.nth(1).click();
    assert.equal(await form.locator('vscode-textfield#systems input').inputValue(), 'Billing "v2" <b>bold</b> & Co');
    await workbench.screenshot('incident-form-escaping');
  });
});

