// `npm run test:desktop`: the same integration suites under VS Code Desktop via
// @vscode/test-cli, on machines that can download VS Code (these CI machines
// cannot: there the suites run in code-server, see test/harness/).
import { defineConfig } from '@vscode/test-cli';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function freshWorkspace() {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-desktop-'));
  cpSync('test/fixtures/workspace', dir, { recursive: true });
  return dir;
}

const shared = {
  files: 'out/runner/suites/**/*.test.js',
  mocha: { ui: 'bdd', timeout: 30_000 },
  launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
};

export default defineConfig([
  // The oldest VS Code the manifest accepts, then the current one.
  { label: 'minimum', version: '1.95.0', workspaceFolder: freshWorkspace(), ...shared },
  { label: 'stable', version: 'stable', workspaceFolder: freshWorkspace(), ...shared },
]);
