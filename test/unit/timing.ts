// What the hostile-input timing tests share. They bound a ratio, not a time: milliseconds depend on the machine
// and on what else it is doing, so a bar in ms fails on a slow CI runner or lets quadratic code through on a fast
// laptop. Input eight times the size takes about eight times as long when the work is linear and up to sixty-four
// times when a loop or pattern is quadratic. The bar, three times the linear growth, leaves room for a noisy
// machine and its garbage collector.
import * as assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';

export const GROWTH = 8;
export const MAX_RATIO = 24;

/** The fastest of `runs` runs of `run`, in ms, after one warm-up run (so the JIT is measured less than the work). */
export function fastest(run: () => unknown, runs = 5): number {
  run();
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    run();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

export interface Growth {
  /** The time at GROWTH × n over the time at n: about GROWTH when linear. */
  ratio: number;
  /** The fastest time at n, in ms. */
  small: number;
  /** The fastest time at GROWTH × n, in ms. */
  large: number;
}

/**
 * How much longer `work` takes on `make(GROWTH * n)` than on `make(n)`, each the fastest of `runs` runs. Under
 * `floorMs` the clock's resolution is the measure, so the small time is taken as at least that.
 */
export function growth<T>(make: (n: number) => T, work: (input: T) => unknown, n: number, { runs = 5, floorMs = 0.05 } = {}): Growth {
  const smallInput = make(n);
  const largeInput = make(GROWTH * n);
  const small = fastest(() => work(smallInput), runs);
  const large = fastest(() => work(largeInput), runs);
  return { ratio: large / Math.max(small, floorMs), small, large };
}

/** Fails unless the growth is under MAX_RATIO, saying the ratio and both times. */
export function assertLinear(found: Growth): void {
  assert.ok(found.ratio < MAX_RATIO, `${found.ratio.toFixed(1)}× (${found.small.toFixed(2)} ms, then ${found.large.toFixed(2)} ms)`);
}
