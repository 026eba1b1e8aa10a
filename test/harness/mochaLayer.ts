// Runs mocha test files in this (tsx) process and returns the counts.
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface MochaCounts {
  passed: number;
  failed: number;
  pending: number;
}

export async function runMochaFiles(dir: string, options: Mocha.MochaOptions = {}): Promise<MochaCounts> {
  // GREP=pattern runs only the matching tests (as the integration layer does).
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', ...options, ...(process.env.GREP ? { grep: process.env.GREP } : {}) });
  for (const file of listTestFiles(dir)) mocha.addFile(file);
  await mocha.loadFilesAsync();
  return new Promise((resolve) => {
    const runner = mocha.run(() => {
      const stats = runner.stats;
      resolve({ passed: stats?.passes ?? 0, failed: stats?.failures ?? 0, pending: stats?.pending ?? 0 });
    });
  });
}

function listTestFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.test.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}
