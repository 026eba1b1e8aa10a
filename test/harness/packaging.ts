// Builds the two .vsix files the real VS Code installs: the extension itself
// (exactly what users get) and the test runner that executes suites in its host.
import { execFileSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..', '..');
export const EXTENSION_VSIX = join(REPO_ROOT, 'dist-package', 'incident-runbook.vsix');
const RUNNER_DIR = join(REPO_ROOT, 'out', 'runner');
export const RUNNER_VSIX = join(REPO_ROOT, 'out', 'incident-runbook-test-runner.vsix');

function run(command: string, args: string[], cwd = REPO_ROOT): void {
  execFileSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
}

/** `npm run package`: the production build and the .vsix users install. */
export function packageExtension(): string {
  run('npm', ['run', '--silent', 'package']);
  return EXTENSION_VSIX;
}

export function packageRunner(): string {
  run(process.execPath, ['scripts/build.mjs', '--tests']);
  for (const file of ['package.json', '.vscodeignore']) {
    copyFileSync(join(__dirname, 'runner-extension', file), join(RUNNER_DIR, file));
  }
  run(
    join(REPO_ROOT, 'node_modules', '.bin', 'vsce'),
    ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', RUNNER_VSIX],
    RUNNER_DIR,
  );
  return RUNNER_VSIX;
}

export const MOCHA_PATH = join(REPO_ROOT, 'node_modules', 'mocha');
