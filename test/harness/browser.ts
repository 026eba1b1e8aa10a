// Debian's Chromium driven by playwright-core (never a downloaded browser).
import { type Browser, chromium, type Page } from 'playwright-core';
import { onShutdown } from './processes';
import { CHROMIUM_PATH } from './toolchain';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  const unregister = onShutdown(() => browser.close());
  browser.once('disconnected', unregister);
  return browser;
}

/** Opens the workbench and waits until it is interactive (the activity bar is drawn). */
export async function openWorkbench(browser: Browser, url: string): Promise<Page> {
  // The extension host's clipboard is the browser's: grant it, as a person's browser would after a prompt.
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
  await page.locator('.activitybar').first().waitFor({ timeout: 90_000 });
  return page;
}
