// Per-layer counts, written by each layer and summed by runAll.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './packaging';

export const RESULTS_DIR = join(REPO_ROOT, 'test-results');

export interface LayerResult {
  readonly layer: string;
  readonly passed: number;
  readonly failed: number;
  readonly pending: number;
  readonly durationMs: number;
  /** Why the layer could not run its tests, if it could not. */
  readonly error?: string;
}

function resultFile(layer: string): string {
  return join(RESULTS_DIR, 'layers', `${layer}.json`);
}

export function writeLayerResult(result: LayerResult): void {
  mkdirSync(join(RESULTS_DIR, 'layers'), { recursive: true });
  writeFileSync(resultFile(result.layer), JSON.stringify(result, null, 2));
}

export function readLayerResult(layer: string): LayerResult | undefined {
  try {
    return JSON.parse(readFileSync(resultFile(layer), 'utf8')) as LayerResult;
  } catch {
    return undefined;
  }
}

export function isLayerGreen(result: LayerResult): boolean {
  return !result.error && result.failed === 0 && result.passed > 0;
}
