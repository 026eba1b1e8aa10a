// What the rollout unit tests share: the seed release plan and a plan read or the test failed.
import * as assert from 'node:assert/strict';
import { parseReleasePlan, type ReleasePlan } from '../../src/core/rollout/releasePlan';
import { requireSeed } from './seeds';

/** The seed release plan (shared/seeds/002_…), or the suite is skipped with the helper's message. */
export function seedPlanText(context: Mocha.Context): string {
  return requireSeed(context, '002_', 'seed release plan 002_*.txt').text;
}

export function parsed(text: string): ReleasePlan {
  const plan = parseReleasePlan(text);
  assert.ok(plan, 'read as a release plan');
  return plan;
}
