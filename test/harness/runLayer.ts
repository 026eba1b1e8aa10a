// Runs one test layer and records its counts: `tsx test/harness/runLayer.ts unit|package|integration|e2e`.
// Set RUNBOOK_SKIP_PACKAGE=1 to reuse the .vsix files built by a previous step (runAll does).
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runIntegrationLayer } from './integrationLayer';
import { type MochaCounts, runMochaFiles } from './mochaLayer';
import { EXTENSION_VSIX, packageExtension, packageRunner, REPO_ROOT, RUNNER_VSIX } from './packaging';
import { shutdownAll } from './processes';
import { type LayerResult, RESULTS_DIR, writeLayerResult } from './results';
import { ensureToolchain } from './toolchain';

const SCREENSHOT_DIR = join(RESULTS_DIR, 'e2e');
const LAYERS = ['unit', 'package', 'integration', 'e2e'] as const;
type Layer = (typeof LAYERS)[number];

function vsixFiles(withRunner: boolean): string[] {
  const reuse = process.env.RUNBOOK_SKIP_PACKAGE === '1' && existsSync(EXTENSION_VSIX) && (!withRunner || existsSync(RUNNER_VSIX));
  if (reuse) return withRunner ? [EXTENSION_VSIX, RUNNER_VSIX] : [EXTENSION_VSIX];
  return withRunner ? [packageExtension(), packageRunner()] : [packageExtension()];
}

async function runLayer(layer: Layer): Promise<MochaCounts> {
  switch (layer) {
    case 'unit':
      return runMochaFiles(join(REPO_ROOT, 'test', 'unit'), { timeout: 20_000 });
    case 'package':
      vsixFiles(false);
      return runMochaFiles(join(REPO_ROOT, 'test', 'package'), { timeout: 60_000 });
    case 'integration':
      return runIntegrationLayer(ensureToolchain(), vsixFiles(true));
    case 'e2e':
      rmSync(SCREENSHOT_DIR, { recursive: true, force: true });
      ensureToolchain();
      vsixFiles(false);
      return runMochaFiles(join(REPO_ROOT, 'test', 'e2e'), { timeout: 180_000, slow: 20_000 });
  }
}

async function main(): Promise<void> {
  const layer = process.argv[2] as Layer;
  if (!LAYERS.includes(layer)) {
    console.error(`usage: runLayer.ts ${LAYERS.join('|')}`);
    process.exit(2);
  }
  const start = Date.now();
  let result: LayerResult;
  try {
    const counts = await runLayer(layer);
    result = { layer, ...counts, durationMs: Date.now() - start };
  } catch (error) {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    result = { layer, passed: 0, failed: 0, pending: 0, durationMs: Date.now() - start, error: String(error) };
  }
  await shutdownAll();
  writeLayerResult(result);
  console.log(`${layer}: ${result.passed} passed, ${result.failed} failed${result.pending ? `, ${result.pending} skipped` : ''}`);
  process.exit(result.error || result.failed > 0 || result.passed === 0 ? 1 : 0);
}

void main();
