// The real VS Code used by the tests and the demo: code-server from npm, which
// needs Node 24 (also from npm), plus Debian's Chromium. Cached outside the
// repository, keyed by version, installed on first use.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_VERSION = '24.9.0';
export const CHROMIUM_PATH = '/usr/bin/chromium';
/**
 * Debian packages: Chromium to drive the workbench, an emoji font so headings like "🚨 First Reaction"
 * render in screenshots, and Kerberos headers to build code-server's native modules.
 */
const DEBIAN_PACKAGES = ['chromium', 'fonts-noto-color-emoji', 'libkrb5-dev'];

export interface Toolchain {
  /** The Node 24 binary that runs code-server. */
  readonly node: string;
  /** code-server's entry script, run with `node`. */
  readonly codeServer: string;
  readonly chromium: string;
}

export function cacheRoot(): string {
  return process.env.INCIDENT_RUNBOOK_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'incident-runbook');
}

function toolchainDir(): string {
  return join(cacheRoot(), `code-server-${CODE_SERVER_VERSION}-node-${NODE_VERSION}`);
}

export function ensureToolchain(log: (line: string) => void = console.log): Toolchain {
  ensureDebianPackages(log);
  const dir = toolchainDir();
  const toolchain: Toolchain = {
    node: join(dir, 'node_modules', 'node', 'bin', 'node'),
    codeServer: join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    chromium: CHROMIUM_PATH,
  };
  const marker = join(dir, '.complete');
  if (existsSync(marker) && existsSync(toolchain.node) && existsSync(toolchain.codeServer)) return toolchain;

  log(`Installing code-server ${CODE_SERVER_VERSION} with Node ${NODE_VERSION} into ${dir} (once; about two minutes)…`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'incident-runbook-toolchain', private: true }));
  const npm = (args: string[], env: NodeJS.ProcessEnv) => {
    const result = spawnSync('npm', ['install', '--no-package-lock', '--no-audit', '--no-fund', ...args], {
      cwd: dir,
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (result.status !== 0) {
      throw new Error(`npm install ${args.join(' ')} failed in ${dir}:\n${(result.stderr || result.stdout).slice(-4000)}`);
    }
  };
  const env = withoutNpmVariables(process.env);
  npm([`node@${NODE_VERSION}`], env);
  // code-server's install scripts run with whatever `node` is first on PATH: it must be Node 24.
  env.PATH = `${join(dir, 'node_modules', 'node', 'bin')}:${env.PATH ?? ''}`;
  npm(['--unsafe-perm', `code-server@${CODE_SERVER_VERSION}`], env);
  if (!existsSync(toolchain.codeServer)) throw new Error(`code-server installed but ${toolchain.codeServer} is missing`);
  writeFileSync(marker, new Date().toISOString());
  return toolchain;
}

/**
 * When the harness itself runs under `npm test`, npm's variables point at the
 * Node that runs npm (20); they must not leak into the Node 24 install.
 */
function withoutNpmVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(env).filter(([key]) => !/^npm_/i.test(key) && key !== 'NODE' && key !== 'INIT_CWD'),
  );
}

function ensureDebianPackages(log: (line: string) => void): void {
  const missing = DEBIAN_PACKAGES.filter((pkg) => !isDebianPackageInstalled(pkg));
  if (missing.length === 0) return;
  const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    throw new Error(`The tests need Debian packages that are not installed: ${missing.join(', ')}.\nRun as root:\n  ${command}`);
  }
  log(`Installing Debian packages: ${missing.join(', ')}…`);
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', ...missing], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

function isDebianPackageInstalled(pkg: string): boolean {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.includes('install ok installed');
}
