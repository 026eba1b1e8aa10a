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

/** The seed whose file name starts with `prefix`; the current suite is skipped with a message when it is absent. */
export function requireSeed(context: Mocha.Context, prefix: string, what = `seed ${prefix}*.txt`): { name: string; text: string } {
  const seed = requireSeeds(context).find((s) => s.name.startsWith(prefix));
  if (!seed) {
    console.log(`      (skipped: no ${what} among the seed runbooks)`);
    context.skip();
  }
  return seed;
}
