// Runs inside the real extension host of code-server, installed beside the
// packaged extension. The harness sets RUNBOOK_TEST_* in code-server's
// environment; without them this extension does nothing.
import { appendFileSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type Mocha from 'mocha';
import { type BenchReport, EXTENSION_ID, type IntegrationReport, PROGRESS_FILE, type RunnerReport, RunnerEnv, type TestOutcome } from '../report';

export async function activate(): Promise<void> {
  const outDir = process.env[RunnerEnv.outDir];
  if (!outDir) return;
  const mode = process.env[RunnerEnv.mode] === 'bench' ? 'bench' : 'integration';
  let report: RunnerReport;
  try {
    report = mode === 'bench' ? await measureActivation() : await runSuites(outDir);
  } catch (error) {
    report = { kind: 'integration', vscodeVersion: vscode.version, tests: [], fatal: describe(error) };
  }
  mkdirSync(outDir, { recursive: true });
  // Written under a temporary name and renamed, so the harness never reads half a file.
  const file = join(outDir, `${mode}-${process.pid}.json`);
  writeFileSync(`${file}.tmp`, JSON.stringify(report, null, 2));
  renameSync(`${file}.tmp`, file);
}

/** Lets the host finish its own startup work first, so the figure is the extension's cost, not the host's. */
const SETTLE_MS = 2000;

async function measureActivation(): Promise<BenchReport> {
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed`);
  const wasAlreadyActive = extension.isActive;
  const start = performance.now();
  await extension.activate();
  const activationMs = performance.now() - start;
  return { kind: 'bench', vscodeVersion: vscode.version, activationMs, wasAlreadyActive };
}

async function runSuites(outDir: string): Promise<IntegrationReport> {
  const mochaPath = process.env[RunnerEnv.mocha];
  if (!mochaPath) throw new Error(`${RunnerEnv.mocha} is not set`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const MochaCtor = require(mochaPath) as typeof Mocha;
  const grep = process.env[RunnerEnv.grep];
  const mocha = new MochaCtor({ ui: 'bdd', timeout: 30_000, color: false, reporter: 'spec', ...(grep ? { grep } : {}) });
  const suitesDir = join(__dirname, 'suites');
  for (const file of readdirSync(suitesDir).filter((f) => f.endsWith('.test.js')).sort()) {
    mocha.addFile(join(suitesDir, file));
  }
  const tests: TestOutcome[] = [];
  mkdirSync(outDir, { recursive: true });
  // Each test's title as it starts: when the host hangs, the harness can say in which test.
  const progress = join(outDir, PROGRESS_FILE);
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on('test', (t) => appendFileSync(progress, `${new Date().toISOString()} ${t.fullTitle()}\n`));
    runner.on('pass', (t) => tests.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration ?? 0 }));
    runner.on('pending', (t) => tests.push({ title: t.fullTitle(), state: 'pending', durationMs: 0 }));
    runner.on('fail', (t, err) =>
      tests.push({ title: t.fullTitle(), state: 'failed', durationMs: t.duration ?? 0, error: describe(err) }),
    );
  });
  return { kind: 'integration', vscodeVersion: vscode.version, tests };
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
