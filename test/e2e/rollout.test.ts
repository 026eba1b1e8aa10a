import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { LABEL_SERVICE_FEATURE, NORTHWIND_FLIPPER } from '../fakes/flipper/northwind';
import { sampleFollowUpIssues, sampleRolloutIssues } from '../fakes/github/sampleData';
import { type Workbench, workbenchPerTest } from './workbench';

const PLAN = 'Label Service v2 Release Plan';
const SIDEBAR_PX = 300;
const DAY = 86_400_000;
const CRITERIA = [
  'Label print success rate stays above 99.5%',
  'Sentry errors remain constant across batches',
  'Carrier API latency p95 stays under 800 ms',
  'No new support tickets about labels',
];
const NOTE = 'p95 at 910 ms during the 14:00 label peak';
/** A date as the plan is written with it: "2026-12-02 14:05 UTC+01:00" (UTC on these machines). */
const STAMP = '\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC(?:[+-]\\d{2}:\\d{2})?';

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

/** When the sample's live stage started: three days ago, on the hour (test/harness/sampleDates.ts). */
function liveStageStart(now = new Date()): Date {
  return new Date(Math.floor((now.getTime() - 3 * DAY) / 3_600_000) * 3_600_000);
}

/** The Rollout pane of the Runbook side bar, and its rows by their exact label. */
class RolloutView {
  readonly pane: Locator;
  constructor(private readonly workbench: Workbench) {
    this.pane = workbench.page.locator('.sidebar .pane', { has: workbench.page.locator('.pane-header', { hasText: /^\s*Rollout/ }) }).first();
  }

  /** Opens the Runbook container and leaves the side bar to the Rollout view, which shows once the extension has found the plan. */
  async show(): Promise<void> {
    const { page } = this.workbench;
    await this.workbench.openViewContainer('Runbook');
    const header = page.locator('.sidebar .pane-header', { hasText: /^\s*Rollout/ }).first();
    await header.waitFor({ timeout: 30_000 });
    await this.workbench.collapsePane('Playbook');
    await this.workbench.collapsePane('Incident');
    await this.workbench.collapsePane('Recent Changes');
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  }

  row(label: string): Locator {
    return this.pane.locator('.monaco-list-row').filter({ has: this.workbench.page.locator('.label-name', { hasText: new RegExp(`^\\s*${escaped(label)}\\s*$`) }) }).first();
  }

  /** Waits until the row shows `description` (exactly, or matching). */
  async expect(label: string, description: string | RegExp, timeout = 20_000): Promise<Locator> {
    const row = this.row(label);
    const wanted = typeof description === 'string' ? new RegExp(`^\\s*${escaped(description)}\\s*$`) : description;
    await row.locator('.label-description', { hasText: wanted }).waitFor({ timeout }).catch(async (error: unknown) => {
      throw new Error(`the Rollout row "${label}" does not show ${String(wanted)}; the view shows:\n${(await this.texts()).join('\n')}\n${String(error)}`);
    });
    return row;
  }

  /** Every row drawn: "label — description". */
  async texts(): Promise<string[]> {
    return this.pane.locator('.monaco-list-row').evaluateAll((rows) =>
      rows.map((row) => [row.querySelector('.label-name')?.textContent ?? '', row.querySelector('.label-description')?.textContent ?? ''].filter(Boolean).join(' — ')),
    );
  }

  /**
   * For every row drawn: how many pixels of its label and of its description fall past the row's clip (the
   * label container the ellipsis is drawn in). 0: drawn whole.
   */
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
}

/** The quick pick or input box shown, once its title says `title`. */
async function quickInput(workbench: Workbench, title: string | RegExp): Promise<Locator> {
  const widget = workbench.page.locator('.quick-input-widget');
  await widget.locator('.quick-input-title', { hasText: title }).waitFor();
  return widget;
}

/**
 * The rows of the quick pick shown: label, description, and the row's text with its detail line.
 * A row's separator element is left out: the list reuses rows, and one used by the command palette
 * keeps its hidden "similar commands" separator text.
 */
async function pickRows(widget: Locator): Promise<{ label: string; description: string; text: string }[]> {
  return widget.locator('.monaco-list-row').evaluateAll((rows) =>
    rows.map((row) => {
      const shown = row.cloneNode(true) as Element;
      shown.querySelectorAll('.quick-input-list-separator').forEach((separator) => separator.remove());
      return { label: (row.querySelector('.label-name')?.textContent ?? '').trim(), description: (row.querySelector('.label-description')?.textContent ?? '').trim(), text: (shown.textContent ?? '').trim() };
    }),
  );
}

async function clickPick(widget: Locator, label: string): Promise<void> {
  const row = widget.locator('.monaco-list-row').filter({ has: widget.page().locator('.label-name', { hasText: new RegExp(`^\\s*${escaped(label)}\\s*$`) }) }).first();
  await row.click();
}

describe('Rollout e2e: a person runs the release plan from the Rollout view', function () {
  const workbenches = workbenchPerTest();

  it('advances a stage through the go/no-go check and the plan changes', async () => {
    const workbench = await workbenches.open('sample');
    const { page } = workbench;
    const flipper = workbench.flipper;
    assert.ok(flipper, 'a sample workbench has a fake Flipper');
    const file = join(workbench.workspace, 'runbooks', 'release-plan.md');
    const before = readFileSync(file, 'utf8');

    const view = new RolloutView(workbench);
    await view.show();
    // The one plan of the workspace names the view; its rows are the view's.
    await view.pane.locator('.pane-header .description', { hasText: PLAN }).waitFor();
    await view.expect('Set Flipper to 5%', LABEL_SERVICE_FEATURE);
    await view.expect('Stage A · targeted', 'done · 3 results');
    await view.expect('Stage B · 1%', 'done · 3 results');
    await view.expect('Stage C · 5%', 'live · 3 of 7 days');
    await view.expect('Stage D · 25%', 'next');
    await view.expect('Stage E · 50%', 'upcoming');
    await view.expect('Stage F · 100%', 'upcoming');
    await view.expect('Success criteria', '4');
    await view.expect('Rollback criteria', /^\s*\d+\s*$/);
    const rows = await view.texts();
    const order = ['Stage A', 'Stage B', 'Stage C', 'Stage D', 'Stage E', 'Stage F', 'Success criteria', 'Rollback criteria'].map((label) => rows.findIndex((r) => r.startsWith(label)));
    assert.deepEqual([...order].sort((a, b) => a - b), order, `the stages in the plan's order, then the criteria: ${rows.join(' | ')}`);
    assert.equal(rows[0], `Set Flipper to 5% — ${LABEL_SERVICE_FEATURE}`, `the flag leads the plan's rows: ${rows.join(' | ')}`);

    // Connecting Flipper as a person does: the palette, the token pasted into a box that hides it.
    await workbench.runCommand('Runbook: Connect Flipper…');
    const box = await quickInput(workbench, 'Connect Flipper');
    assert.equal(await box.locator('input').getAttribute('type'), 'password', 'the token is hidden as it is typed');
    assert.match((await box.locator('.quick-input-message').textContent()) ?? '', new RegExp(`${escaped(flipper.baseUrl)}`), 'the box says where the token goes');
    await page.keyboard.type(NORTHWIND_FLIPPER.token);
    await page.keyboard.press('Enter');
    await box.waitFor({ state: 'hidden' });
    await page.locator('.statusbar-item', { hasText: 'Connected to Flipper (3 features)' }).waitFor();
    await view.expect('Flipper: 5%', new RegExp(`^\\s*${LABEL_SERVICE_FEATURE} · read \\d{2}:\\d{2}\\s*$`));
    assert.ok(flipper.requests.some((r) => r.method === 'GET' && r.hasAuthorization), 'Flipper was asked with the token');

    // The inline Start action of the next stage.
    const next = view.row('Stage D · 25%');
    await next.hover();
    await next.locator('.action-label[aria-label^="Start Next Rollout Stage"]').click();

    const answers = ['Held', 'Held', 'Not held', 'Skip'] as const;
    for (const [index, answer] of answers.entries()) {
      const title = `Go/no-go for Stage C · 5%: criterion ${index + 1} of 4`;
      const pick = await quickInput(workbench, title);
      await pick.locator('.monaco-list-row', { hasText: 'Not held' }).waitFor();
      assert.equal(await pick.locator('input').getAttribute('placeholder'), CRITERIA[index], `criterion ${index + 1} is the placeholder`);
      assert.deepEqual((await pickRows(pick)).map((r) => r.label), ['Held', 'Not held', 'Skip']);
      await clickPick(pick, answer);
      if (answer === 'Held') continue;
      // The optional note: typed for the criterion not held, left empty for the skipped one.
      await pick.locator('.quick-input-message', { hasText: answer === 'Not held' ? 'what was seen' : 'why it was not checked' }).waitFor();
      assert.match((await pick.locator('.quick-input-title').textContent()) ?? '', new RegExp(escaped(title)));
      await pick.locator('input').fill('');
      if (answer === 'Not held') await page.keyboard.type(NOTE);
      await page.keyboard.press('Enter');
    }

    const decision = await quickInput(workbench, /^\s*Go\/no-go for Stage C · 5%\s*$/);
    await decision.locator('.monaco-list-row', { hasText: 'Go: start Stage D · 25%' }).waitFor();
    const choices = await pickRows(decision);
    assert.deepEqual(choices.map((c) => c.label), ['No-go: stay on Stage C · 5%', 'Go: start Stage D · 25%'], 'a criterion not held puts No-go first');
    const goWarnings = choices[1]?.text ?? '';
    assert.ok(goWarnings.endsWith('no results yet · timebox at 3 of 7 days · 1 not held'), goWarnings);
    assert.equal(await decision.locator('input').getAttribute('placeholder'), '2 held, 1 not held, 1 skipped');
    assert.equal(readFileSync(file, 'utf8'), before, 'nothing is written before the person decides');
    assert.equal(flipper.feature(LABEL_SERVICE_FEATURE)?.percentageOfActors, 5, 'Flipper is not touched before the person decides');
    await workbench.screenshot('rollout-go-no-go');
    await clickPick(decision, 'Go: start Stage D · 25%');
    await decision.waitFor({ state: 'hidden' });

    const written = () => readFileSync(file, 'utf8');
    await until('the plan to say Stage D started', () => /\n {4}\[x\] 25%\n/.test(written()) && /Flipper: 25% \(confirmed /.test(written()) && written().includes(`Not held: ${CRITERIA[2]}`), 30_000);
    const after = written();
    const date = new RegExp(`### Stage D: High traffic\\n#### Planning\\nDate: (${STAMP})\\n`).exec(after)?.[1];
    assert.ok(date, `Stage D's Date is written:\n${after}`);
    const confirmed = /\nFlipper: 25% \(confirmed (\d{2}:\d{2} UTC\S*)\)\n/.exec(after)?.[1];
    assert.equal(confirmed, date.slice(11), 'Flipper was set and read back at the start');
    // One edit, and only it: the overview's box, the answers under Stage C's Results, Stage D's Date and Flipper line.
    const expected = before
      .replace('\n    [ ] 25%\n', '\n    [x] 25%\n')
      .replace(
        '- Support tickets:\n- Rollbacks:\n\n### Stage D: High traffic\n#### Planning\nDate:\n',
        [
          '- Support tickets:',
          '- Rollbacks:',
          `- Go/no-go ${date}: Go to Stage D: High traffic (25%)`,
          `    - Held: ${CRITERIA[0]}`,
          `    - Held: ${CRITERIA[1]}`,
          `    - Not held: ${CRITERIA[2]} (${NOTE})`,
          `    - Skipped: ${CRITERIA[3]}`,
          '    - Went ahead although the Results of "Stage C: Moderate ramp up" are empty',
          '    - Went ahead although its timebox is not over: 3 of 7 days',
          '    - Went ahead although 1 criterion was not held',
          '',
          '### Stage D: High traffic',
          '#### Planning',
          `Date: ${date}`,
          '',
        ].join('\n'),
      )
      .replace('do you expect this to be): 25%\n', `do you expect this to be): 25%\nFlipper: 25% (confirmed ${confirmed})\n`);
    assert.notEqual(expected, before);
    assert.equal(after, expected);

    assert.equal(flipper.feature(LABEL_SERVICE_FEATURE)?.percentageOfActors, 25);
    const posts = flipper.requests.filter((r) => r.method === 'POST');
    assert.deepEqual(posts.map((r) => [r.path, r.body]), [[`/flipper/api/features/${LABEL_SERVICE_FEATURE}/percentage_of_actors`, { percentage: '25' }]], 'one change in Flipper');

    // What the person sees: the status bar says what was written, the plan opens at Stage D, the view follows.
    await page.locator('.statusbar-item', { hasText: `Started "Stage D: High traffic" (25%) at ${date.slice(11)}` }).waitFor();
    await workbench.editorTab('release-plan.md').waitFor();
    await view.expect('Stage D · 25%', 'live · 0 of 7 days');
    await view.expect('Stage C · 5%', 'done · no results');
    await view.expect('Stage E · 50%', 'next');
    await view.expect('Flipper: 25%', new RegExp(`^\\s*${LABEL_SERVICE_FEATURE} · read \\d{2}:\\d{2}\\s*$`));
    assert.equal(await view.row('Stage D · 25%').getAttribute('aria-expanded'), 'true', 'the stage that went live is open');
    await page.mouse.move(700, 880);
    await workbench.screenshot('rollout-stage-advanced');
  });

  it('the Rollout view at a glance in a 300-px side bar', async () => {
    const workbench = await workbenches.open('sample');
    const { page } = workbench;
    // The sample plan's tracking issues, for this test only (the follow-ups tests count the repository's issues).
    workbench.github?.setIssues([...sampleFollowUpIssues(), ...sampleRolloutIssues()]);
    // GitHub connected (the fake takes any token), so the tracking issue shows its state.
    await workbench.runCommand('Runbook: Set GitHub Token…');
    await page.locator('.quick-input-widget input').fill('demo-token');
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });

    const view = new RolloutView(workbench);
    await view.show();
    const width = await workbench.setSidebarWidth(SIDEBAR_PX);
    assert.ok(Math.abs(width - SIDEBAR_PX) <= 12, `side bar ${width} px wide`);
    // The pointer leaves the sash it dragged, so the screenshot shows no drag highlight.
    await page.mouse.move(700, 880);
    const started = liveStageStart();
    const live = await view.expect('Stage C · 5%', 'live · 3 of 7 days');
    assert.equal(await live.getAttribute('aria-expanded'), 'true', 'the live stage is open');
    // The live stage's rows, in the plan's order.
    await view.expect('Started', new RegExp(`^\\s*${escaped(started.toISOString().slice(0, 10))} ${escaped(started.toISOString().slice(11, 16))} UTC\\s*$`));
    await view.expect('Timebox', '7 days');
    await view.expect('Tracking #122', 'open · glau');
    for (const field of ['Label print success rate', 'New Sentry Errors', 'Support tickets', 'Rollbacks']) await view.expect(field, '—');
    await view.pane.locator('.pane-header .description', { hasText: PLAN }).waitFor();
    await view.expect('Stage D · 25%', 'next');
    await view.expect('Success criteria', '4');
    const rows = await view.texts();
    const liveAt = rows.findIndex((r) => r.startsWith('Stage C · 5%'));
    assert.deepEqual(rows.slice(liveAt + 1, liveAt + 8).map((r) => r.split(' — ')[0]), ['Started', 'Timebox', 'Tracking #122', 'Label print success rate', 'New Sentry Errors', 'Support tickets', 'Rollbacks'], rows.join(' | '));
    assert.ok(rows[liveAt + 8]?.startsWith('Stage D · 25%'), rows.join(' | '));

    await page.mouse.move(700, 880);
    await workbench.screenshot('rollout-view-300px');
    const cuts = await view.cuts();
    for (const c of cuts) if (c.descriptionCut) console.log(`      (at ${width} px, "${c.label}" cuts ${c.descriptionCut} px of its description "${c.description}")`);
    // Every label whole; and where the rollout stands (the plan's live percentage, the flag, each stage's state) whole too.
    // The flag's row may lose the end of its description (the feature's name, also in its tooltip): its label says what to do.
    const glance = (label: string) => label.startsWith('Stage ');
    const cut = [
      ...cuts.filter((c) => c.labelCut).map((c) => `label "${c.label}" (${c.labelCut} px cut)`),
      ...cuts.filter((c) => glance(c.label) && c.descriptionCut).map((c) => `"${c.label}": description "${c.description}" (${c.descriptionCut} px cut)`),
    ];
    assert.deepEqual(cut, [], `at ${width} px, drawn whole`);
  });
});
