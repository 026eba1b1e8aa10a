// Every process the harness starts is tracked here and stopped on exit, on
// failure and on Ctrl-C, so no code-server or Chromium is left behind.
import { type ChildProcess, spawn, type SpawnOptions } from 'node:child_process';

const running = new Set<ChildProcess>();
const cleanups = new Set<() => Promise<void> | void>();
let hooksInstalled = false;

/** Starts a process in its own process group, so stopping it also stops its children. */
export function spawnTracked(command: string, args: readonly string[], options: SpawnOptions = {}): ChildProcess {
  installHooks();
  const child = spawn(command, args, { ...options, detached: true });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

/** Registers work to do at shutdown (closing a browser, removing a temp dir); returns an unregister function. */
export function onShutdown(cleanup: () => Promise<void> | void): () => void {
  installHooks();
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

export async function stopProcess(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  killGroup(child, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

export async function shutdownAll(): Promise<void> {
  const pending = [...cleanups].map(async (cleanup) => {
    try {
      await cleanup();
    } catch {
      // Best effort: the processes below are stopped regardless.
    }
  });
  cleanups.clear();
  await Promise.all(pending);
  await Promise.all([...running].map((child) => stopProcess(child)));
}

function installHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      void shutdownAll().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    });
  }
  // Last resort if the process exits without awaiting shutdownAll(): synchronous kills only.
  process.once('exit', () => {
    for (const child of running) killGroup(child, 'SIGKILL');
  });
}
