// A person's view of the workbench: click, type, look, take a screenshot.
import { FakeGitHub } from '../fakes/github/fakeGitHub';
import { FakeFlipper } from '../fakes/flipper/fakeFlipper';
import { northwindFlipper } from '../fakes/flipper/northwind';
import { sampleFollowUpIssues, sampleFollowUpRepository, sampleSupportRepository, sampleTemplateFiles } from '../fakes/github/sampleData';
import { FakePagerDuty } from '../fakes/pagerduty/fakePagerDuty';
import { northwindPagerDuty } from '../fakes/pagerduty/northwind';
import type { FakeServiceNow } from '../fakes/servicenow/fakeServiceNow';
import { NORTHWIND_SN, startNorthwindServiceNow } from '../fakes/servicenow/northwind';
import { FakeSlack } from '../fakes/slack/fakeSlack';
import { northwindSlack } from '../fakes/slack/northwind';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser, openWorkbench } from '../harness/browser';
import { type CodeServer, startCodeServer } from '../harness/codeServer';
import { copyFixture } from '../harness/integrationLayer';
import { freshenReleasePlan } from '../harness/sampleDates';
import { onShutdown } from '../harness/processes';
import { EXTENSION_VSIX, REPO_ROOT } from '../harness/packaging';
import { RESULTS_DIR } from '../harness/results';
import { ensureToolchain } from '../harness/toolchain';

export const SCREENSHOT_DIR = join(RESULTS_DIR, 'e2e');

export class Workbench {
  private constructor(
    readonly page: Page,
    readonly workspace: string,
    private readonly server: CodeServer,
    private readonly browser: Browser,
    /** The fake GitHub of a sample workbench (its templates, follow-up repository and issues), for assertions. */
    readonly github: FakeGitHub | undefined,
    /** The fake Slack of a sample workbench (the Northwind workspace of the sample runbook), for assertions. */
    readonly slack: FakeSlack | undefined,
    /** The fake PagerDuty of a sample workbench (the Northwind account, on call from the workbench's start), for assertions. */
    readonly pagerDuty: FakePagerDuty | undefined,
    /** The fake Flipper of a sample workbench (the sample release plan's feature at 5%), for assertions. */
    readonly flipper: FakeFlipper | undefined,
    /** The fake ServiceNow of a sample workbench (the support plan's Northwind instance and its queue of seven tickets), for assertions. */
    readonly serviceNow: FakeServiceNow | undefined,
  ) {}

  /** code-server with the packaged extension, a copy of a fixture folder, and Chromium on it. */
  /** `fixture` names a folder of test/fixtures, or `sample` for the demo workspace. */
  static async open(fixture: string, settings: Record<string, unknown> = {}): Promise<Workbench> {
    const workspace = fixture === 'sample' ? copySample() : copyFixture(fixture);
    const sample = fixture === 'sample';
    // The sample runbook links templates on github.com: without a fake of the test's own, one serves them (and the follow-up repository), so no test reaches GitHub.
    const github = sample && !settings['runbook.github.baseUrl'] ? await new FakeGitHub().start() : undefined;
    github?.setFiles(sampleTemplateFiles());
    github?.setRepositories([sampleFollowUpRepository(), sampleSupportRepository()]);
    github?.setIssues(sampleFollowUpIssues());
    // The sample runbook's Slack channel and PagerDuty service: fakes of the Northwind workspace and account, so a
    // test that connects them reaches neither slack.com nor pagerduty.com. Nothing is connected until a test does.
    const slack = sample && !settings['runbook.slack.apiUrl'] ? northwindSlack(await new FakeSlack().start()) : undefined;
    const pagerDuty = sample && !settings['runbook.pagerduty.apiUrl'] ? northwindPagerDuty(await new FakePagerDuty().start(), new Date()) : undefined;
    const flipper = sample && !settings['runbook.flipper.apiUrl'] ? northwindFlipper(await new FakeFlipper().start()) : undefined;
    // The sample support plan's ServiceNow instance, approved in the user settings (so no test is asked to approve it)
    // and reached here; nothing is connected until a test does.
    const serviceNow = sample && !settings['runbook.servicenow.instances'] ? await startNorthwindServiceNow(new Date()) : undefined;
    const fakes = async () => {
      await serviceNow?.stop();
      await flipper?.stop();
      await github?.stop();
      await slack?.stop();
      await pagerDuty?.stop();
    };
    const userSettings = {
      ...settings,
      ...(github ? { 'runbook.github.baseUrl': github.baseUrl } : {}),
      ...(slack ? { 'runbook.slack.apiUrl': `${slack.baseUrl}/api` } : {}),
      ...(pagerDuty ? { 'runbook.pagerduty.apiUrl': pagerDuty.baseUrl } : {}),
      ...(flipper ? { 'runbook.flipper.apiUrl': flipper.baseUrl } : {}),
      ...(serviceNow ? { 'runbook.servicenow.instances': [{ instance: NORTHWIND_SN.instance, apiUrl: serviceNow.baseUrl }] } : {}),
    };
    let server: CodeServer;
    try {
      server = await startCodeServer({ toolchain: ensureToolchain(), workspace, extensions: [EXTENSION_VSIX], settings: userSettings });
    } catch (error) {
      await fakes();
      throw error;
    }
    let browser: Browser;
    try {
      browser = await launchBrowser();
    } catch (error) {
      await server.stop();
      await fakes();
      throw error;
    }
    try {
      const page = await openWorkbench(browser, server.workbenchUrl);
      const workbench = new Workbench(page, workspace, server, browser, github, slack, pagerDuty, flipper, serviceNow);
      // The entry appears once the extension host has registered the installed extension.
      await workbench.activityBarItem('Runbook').waitFor({ timeout: 60_000 });
      return workbench;
    } catch (error) {
      await browser.close();
      await server.stop();
      await fakes();
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.browser.close();
    await this.server.stop();
    await this.github?.stop();
    await this.slack?.stop();
    await this.pagerDuty?.stop();
    await this.flipper?.stop();
    await this.serviceNow?.stop();
  }

  /** The activity-bar entry of a view container, by its title. */
  activityBarItem(title: string): Locator {
    return this.page.locator(`.activitybar .action-item [aria-label^="${title}"]`).first();
  }

  /** Clicks an activity-bar entry and waits for its side bar to show. */
  async openViewContainer(title: string): Promise<void> {
    await this.activityBarItem(title).click();
    await this.page.locator('.sidebar .composite.title', { hasText: title }).first().waitFor();
  }

  /** Rows of the tree views in the side bar. */
  treeItem(label: string | RegExp): Locator {
    return this.page.locator('.sidebar .monaco-list-row', { hasText: label }).first();
  }

  /** Expands a tree row by clicking its twistie (a click on the label runs the row's command instead). */
  async expand(label: string | RegExp): Promise<void> {
    const row = this.treeItem(label);
    await row.waitFor();
    if ((await row.getAttribute('aria-expanded')) !== 'true') await row.locator('.monaco-tl-twistie').click();
  }

  /** Collapses a view pane of the side bar by clicking its header, leaving the room to the others. */
  async collapsePane(title: string): Promise<void> {
    const header = this.page.locator('.sidebar .pane-header', { hasText: title }).first();
    if ((await header.getAttribute('aria-expanded')) === 'true') await header.click();
  }

  /** Drags the sash between the side bar and the editor until the side bar is `width` pixels wide; returns its width. */
  async setSidebarWidth(width: number): Promise<number> {
    const sidebar = this.page.locator('.part.sidebar').first();
    const box = await sidebar.boundingBox();
    if (!box) throw new Error('the side bar is not shown');
    const edge = box.x + box.width;
    for (const sash of await this.page.locator('.monaco-sash.vertical').all()) {
      const s = await sash.boundingBox();
      if (!s || Math.abs(s.x + s.width / 2 - edge) > 4 || s.height < box.height / 2) continue;
      const y = s.y + s.height / 2;
      await this.page.mouse.move(s.x + s.width / 2, y);
      await this.page.mouse.down();
      await this.page.mouse.move(box.x + width, y, { steps: 8 });
      await this.page.mouse.up();
      break;
    }
    return (await sidebar.boundingBox())?.width ?? 0;
  }

  /** F1, type the command's title, Enter: as a person runs a command. */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`>${title}`);
    await this.page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().waitFor();
    await this.page.keyboard.press('Enter');
  }

  /**
   * Enter on the input box that shows `text`, until it closes. Pressed on the box itself and again while it stays:
   * an Enter typed as one box gives way to the next can be lost (seen in CI), and never reaches an editor.
   */
  async acceptInput(text: string, timeoutMs = 20_000): Promise<void> {
    const box = this.page.locator('.quick-input-widget', { hasText: text });
    await box.waitFor();
    const deadline = Date.now() + timeoutMs;
    while (await box.isVisible()) {
      if (Date.now() > deadline) throw new Error(`the input box "${text}" did not close on Enter`);
      await box.locator('input').press('Enter', { timeout: 2_000 }).catch(() => undefined);
      await this.page.waitForTimeout(250);
    }
  }

  /** An editor tab by file name. */
  editorTab(name: string): Locator {
    return this.page.locator('.tabs-container .tab', { hasText: name }).first();
  }

  async screenshot(name: string): Promise<string> {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const path = join(SCREENSHOT_DIR, `${name}.png`);
    await this.page.screenshot({ path });
    return path;
  }
}

function copySample(): string {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-sample-'));
  cpSync(join(REPO_ROOT, 'sample'), dir, { recursive: true });
  freshenReleasePlan(dir);
  onShutdown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * A workbench per test: `open()` starts one; after each test it is closed, with a
 * screenshot first when the test failed.
 */
export function workbenchPerTest(): { open(fixture: string, settings?: Record<string, unknown>): Promise<Workbench> } {
  let current: Workbench | undefined;
  afterEach(async function () {
    if (current && this.currentTest?.state === 'failed') await current.screenshot(`failed-${this.currentTest.title.replace(/\W+/g, '-')}`);
    await current?.close();
    current = undefined;
  });
  return {
    async open(fixture, settings) {
      current = await Workbench.open(fixture, settings);
      return current;
    },
  };
}
