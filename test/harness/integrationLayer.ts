// The integration layer: the suites in test/integration run inside the real
// extension host of code-server, next to the packaged extension, and report back.
import { FakeGitHub } from '../fakes/github/fakeGitHub';
import { sampleTemplateFiles } from '../fakes/github/sampleData';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, openWorkbench } from './browser';
import { startCodeServer } from './codeServer';
import type { MochaCounts } from './mochaLayer';
import { MOCHA_PATH, REPO_ROOT } from './packaging';
import { onShutdown } from './processes';
import { type IntegrationReport, PROGRESS_FILE, type RunnerMode, type RunnerReport, RunnerEnv } from './report';
import type { Toolchain } from './toolchain';

/** A run that starts no test for this long is stuck (a test times out after 30 s); a slow machine's run may take long in all. */
const STALL_TIMEOUT_MS = 5 * 60_000;
const REPORT_TIMEOUT_MS = 40 * 60_000;

/** A fresh copy of a fixture folder in a temp dir, removed at shutdown: tests may write to it. */
export function copyFixture(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `runbook-${name}-`));
  cpSync(join(REPO_ROOT, 'test', 'fixtures', name), dir, { recursive: true });
  onShutdown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Starts code-server with the runner installed, opens one window, and returns the runner's report. */
export async function runInHost<T extends RunnerReport>(options: {
  toolchain: Toolchain;
  vsixFiles: readonly string[];
  workspace: string;
  mode: RunnerMode;
  windows?: number;
  settings?: Record<string, unknown>;
}): Promise<T[]> {
  const outDir = mkdtempSync(join(tmpdir(), 'runbook-report-'));
  const server = await startCodeServer({
    toolchain: options.toolchain,
    workspace: options.workspace,
    extensions: options.vsixFiles,
    ...(options.settings ? { settings: options.settings } : {}),
    env: {
      [RunnerEnv.outDir]: outDir,
      [RunnerEnv.mode]: options.mode,
      [RunnerEnv.mocha]: MOCHA_PATH,
      ...(process.env.GREP ? { [RunnerEnv.grep]: process.env.GREP } : {}),
    },
  });
  const browser = await launchBrowser();
  try {
    const reports: T[] = [];
    for (let i = 0; i < (options.windows ?? 1); i++) {
      // A new page is a new window, and each window gets a fresh extension host.
      const page = await openWorkbench(browser, server.workbenchUrl);
      reports.push(await waitForReport<T>(outDir, options.mode, reports.length + 1, server.output));
      await page.close();
    }
    return reports;
  } finally {
    await browser.close();
    await server.stop();
    rmSync(outDir, { recursive: true, force: true });
  }
}

async function waitForReport<T>(outDir: string, mode: RunnerMode, count: number, serverOutput: () => string): Promise<T> {
  const started = Date.now();
  const progress = join(outDir, PROGRESS_FILE);
  let lastProgress = { size: -1, at: started };
  for (;;) {
    const files = existsSync(outDir) ? readdirSync(outDir).filter((f) => f.startsWith(`${mode}-`) && f.endsWith('.json')).sort() : [];
    if (files.length >= count) {
      const newest = files.map((f) => join(outDir, f)).slice(-1)[0] as string;
      return JSON.parse(readFileSync(newest, 'utf8')) as T;
    }
    const size = existsSync(progress) ? statSync(progress).size : 0;
    if (size !== lastProgress.size) lastProgress = { size, at: Date.now() };
    const stalled = Date.now() - lastProgress.at > STALL_TIMEOUT_MS;
    if (stalled || Date.now() - started > REPORT_TIMEOUT_MS) {
      const last = size ? readFileSync(progress, 'utf8').trim().split('\n').slice(-3).join('\n') : '(no test started)';
      const why = stalled ? `no test started for ${STALL_TIMEOUT_MS / 1000} s` : `no report after ${REPORT_TIMEOUT_MS / 1000} s`;
      throw new Error(`No ${mode} report from the extension host: ${why}. The last tests started:\n${last}\n${serverOutput().slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function runIntegrationLayer(toolchain: Toolchain, vsixFiles: readonly string[]): Promise<MochaCounts> {
  const workspace = copyFixture('workspace');
  // The demo's runbooks too, so the suites check the tree of the documents users see first.
  cpSync(join(REPO_ROOT, 'sample', 'runbooks'), join(workspace, 'samples'), { recursive: true });
  // The sample runbook links templates on github.com: a fake serves them, so no suite reaches GitHub.
  const github = await new FakeGitHub().start();
  github.setFiles(sampleTemplateFiles());
  let report: IntegrationReport | undefined;
  try {
    [report] = await runInHost<IntegrationReport>({ toolchain, vsixFiles, workspace, mode: 'integration', settings: { 'runbook.github.baseUrl': github.baseUrl } });
  } finally {
    await github.stop();
  }
  if (!report) throw new Error('no integration report');
  printReport(report);
  if (report.fatal) throw new Error(`The integration run failed before its tests: ${report.fatal}`);
  const count = (state: string) => report.tests.filter((t) => t.state === state).length;
  return { passed: count('passed'), failed: count('failed'), pending: count('pending') };
}

function printReport(report: IntegrationReport): void {
  console.log(`  in the extension host of VS Code ${report.vscodeVersion} (code-server)`);
  for (const test of report.tests) {
    const mark = test.state === 'passed' ? '✔' : test.state === 'failed' ? '✘' : '-';
    console.log(`  ${mark} ${test.title} (${Math.round(test.durationMs)} ms)`);
    if (test.error) console.log(test.error.replace(/^/gm, '      '));
  }
}
