// `npm test`: lint, type-check, then the unit, package, integration and e2e
// layers, each in its own process. Prints each layer's counts and ends with
// one line `N passed, N failed` over all of them. Fails when anything failed
// or when a layer ran no test.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { packageExtension, packageRunner, REPO_ROOT } from './packaging';
import { isLayerGreen, type LayerResult, readLayerResult, writeLayerResult } from './results';

const TEST_LAYERS = ['unit', 'package', 'integration', 'e2e'] as const;

function banner(title: string): void {
  console.log(`\n━━━ ${title} ${'━'.repeat(Math.max(0, 60 - title.length))}`);
}

/** A check that is a single command (lint, type-check): one test that passes when the command exits 0. */
function runCheck(layer: string, command: string, args: string[]): LayerResult {
  banner(layer);
  const start = Date.now();
  const { status } = spawnSync(command, args, { cwd: REPO_ROOT, stdio: 'inherit' });
  const ok = status === 0;
  const result = { layer, passed: ok ? 1 : 0, failed: ok ? 0 : 1, pending: 0, durationMs: Date.now() - start };
  console.log(ok ? `${layer}: clean` : `${layer}: FAILED`);
  writeLayerResult(result);
  return result;
}

function runTestLayer(layer: string): LayerResult {
  banner(layer);
  const start = Date.now();
  spawnSync(process.execPath, [...process.execArgv, join(__dirname, 'runLayer.ts'), layer], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
    env: { ...process.env, RUNBOOK_SKIP_PACKAGE: '1' },
  });
  return (
    readLayerResult(layer) ?? { layer, passed: 0, failed: 0, pending: 0, durationMs: Date.now() - start, error: 'the layer wrote no result' }
  );
}

function main(): void {
  const bin = (name: string) => join(REPO_ROOT, 'node_modules', '.bin', name);
  const results: LayerResult[] = [runCheck('lint', bin('eslint'), ['.']), runCheck('typecheck', bin('tsc'), ['--noEmit', '-p', '.'])];

  banner('build and package');
  let packaged = true;
  try {
    packageExtension();
    packageRunner();
  } catch (error) {
    packaged = false;
    console.error(`Packaging failed: ${String(error)}`);
  }
  for (const layer of TEST_LAYERS) {
    results.push(
      packaged || layer === 'unit'
        ? runTestLayer(layer)
        : { layer, passed: 0, failed: 0, pending: 0, durationMs: 0, error: 'not run: packaging failed' },
    );
  }

  banner('summary');
  for (const r of results) {
    const note = r.error ? `  ERROR: ${r.error.split('\n')[0]}` : r.passed === 0 ? '  ERROR: ran no test' : '';
    console.log(`${r.layer.padEnd(12)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(4)} failed ${String(r.pending).padStart(3)} skipped  ${(r.durationMs / 1000).toFixed(1).padStart(6)} s${note}`);
  }
  const passed = results.reduce((n, r) => n + r.passed, 0);
  // A layer that could not run, or ran nothing, counts as one failure so the line never hides it.
  const failed = results.reduce((n, r) => n + r.failed + (isLayerGreen(r) || r.failed > 0 ? 0 : 1), 0);
  const skipped = results.reduce((n, r) => n + r.pending, 0);
  const green = results.every(isLayerGreen);
  console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exit(green ? 0 : 1);
}

main();
