// The real runbooks in ../shared/seeds/ (beside the project), when present.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const SEEDS_DIR = resolve(__dirname, '..', '..', '..', 'shared', 'seeds');

export function readSeeds(): { name: string; text: string }[] {
  if (!existsSync(SEEDS_DIR)) return [];
  return readdirSync(SEEDS_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(SEEDS_DIR, name), 'utf8') }));
}

/** Skips the current suite with a message when the seeds are absent. */
export function requireSeeds(context: Mocha.Context): { name: string; text: string }[] {
  const seeds = readSeeds();
  if (seeds.length === 0) {
    console.log(`      (skipped: no seed runbooks at ${SEEDS_DIR})`);
    context.skip();
  }
  return seeds;
}
