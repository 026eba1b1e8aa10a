// Starts a real VS Code (code-server) on a free loopback port with a fresh
// user-data dir, installs .vsix files into it, and stops it cleanly.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onShutdown, spawnTracked, stopProcess } from './processes';
import type { Toolchain } from './toolchain';

/** Settings that keep the workbench quiet and predictable for tests; overridable per run. */
export const QUIET_SETTINGS: Readonly<Record<string, unknown>> = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'git.enabled': false,
};

export interface CodeServerOptions {
  readonly toolchain: Toolchain;
  /** The folder the workbench opens. */
  readonly workspace: string;
  /** .vsix files to install before starting. */
  readonly extensions: readonly string[];
  /** User settings, merged over QUIET_SETTINGS. */
  readonly settings?: Readonly<Record<string, unknown>>;
  /** Extra environment for code-server and so for its extension hosts. */
  readonly env?: Readonly<Record<string, string>>;
  /** A fixed port (the demo); otherwise a free one. */
  readonly port?: number;
}

export interface CodeServer {
  readonly baseUrl: string;
  /** The workbench URL with the workspace folder open. */
  readonly workbenchUrl: string;
  readonly userDataDir: string;
  /** Everything code-server printed so far, for error messages. */
  output(): string;
  stop(): Promise<void>;
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const root = mkdtempSync(join(tmpdir(), 'runbook-code-server-'));
  const userDataDir = join(root, 'user-data');
  const extensionsDir = join(root, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...QUIET_SETTINGS, ...options.settings }, null, 2),
  );
  const dirs = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  installExtensions(options.toolchain, dirs, options.extensions);

  const port = options.port ?? (await freePort());
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawnTracked(
    options.toolchain.node,
    [
      options.toolchain.codeServer,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      ...dirs,
      options.workspace,
    ],
    { env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    unregister();
    await stopProcess(child);
    rmSync(root, { recursive: true, force: true });
  };
  const unregister = onShutdown(stop);

  try {
    await waitFor(() => output.includes('HTTP server listening on'), 60_000, () => child.exitCode !== null);
  } catch (error) {
    await stop();
    throw new Error(`code-server did not start: ${(error as Error).message}\n${output.slice(-3000)}`, { cause: error });
  }
  return {
    baseUrl,
    workbenchUrl: `${baseUrl}/?folder=${encodeURIComponent(options.workspace)}`,
    userDataDir,
    output: () => output,
    stop,
  };
}

function installExtensions(toolchain: Toolchain, dirs: string[], vsixFiles: readonly string[]): void {
  if (vsixFiles.length === 0) return;
  const args = [toolchain.codeServer, ...dirs, ...vsixFiles.flatMap((f) => ['--install-extension', f])];
  const result = spawnSync(toolchain.node, args, { encoding: 'utf8', timeout: 120_000 });
  const text = `${result.stdout}${result.stderr}`;
  const installed = (text.match(/was successfully installed/g) ?? []).length;
  if (result.status !== 0 || installed !== vsixFiles.length) {
    throw new Error(`Installing ${vsixFiles.join(', ')} into code-server failed:\n${text.slice(-3000)}`);
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(condition: () => boolean, timeoutMs: number, failed: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (failed()) throw new Error('the process exited');
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
