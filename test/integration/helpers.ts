import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RunbookApi } from '../../src/api';
import { EXTENSION_ID } from '../harness/report';

export async function activateExtension(): Promise<{ extension: vscode.Extension<RunbookApi>; api: RunbookApi }> {
  const extension = vscode.extensions.getExtension<RunbookApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed in this extension host`);
  const api = await extension.activate();
  return { extension, api };
}

export function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the integration suites need a workspace folder');
  return folder;
}

export async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** Polls until `probe` returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The message a command failed with; fails the test if it succeeded. */
export async function rejection(promise: Thenable<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  assert.fail('expected the command to fail');
}

/**
 * Inside a describe: the exact strings the extension hands to VS Code to open, captured
 * instead of opening a browser for the suite's tests (emptied before each test).
 */
export function captureOpenedLinks(): string[] {
  const handed: string[] = [];
  before(async () => {
    const { api } = await activateExtension();
    api.testing.setExternalOpener(async (url) => {
      handed.push(url);
      return true;
    });
  });
  after(async () => {
    const { api } = await activateExtension();
    api.testing.setExternalOpener(undefined);
  });
  beforeEach(() => handed.splice(0));
  return handed;
}

const TEMPLATE_SETTINGS = ['traceabilityTemplate', 'postmortemTemplate'] as const;

/**
 * For suites about the incident itself, not its templates: records and post-mortems start from the
 * built-in templates, whatever the runbook links (the folder's settings win over the link). Returns
 * what puts the settings back.
 */
export async function useBuiltInTemplates(): Promise<() => Promise<void>> {
  const config = vscode.workspace.getConfiguration('runbook');
  const before = TEMPLATE_SETTINGS.map((key) => config.inspect<string>(key)?.workspaceValue);
  for (const key of TEMPLATE_SETTINGS) await config.update(key, 'built-in', vscode.ConfigurationTarget.Workspace);
  return async () => {
    for (const [i, key] of TEMPLATE_SETTINGS.entries()) await config.update(key, before[i], vscode.ConfigurationTarget.Workspace);
  };
}

/** Resolves every active incident, so the next test starts with none (its records stay, resolved). */
export async function resolveActiveIncidents(summary: string): Promise<void> {
  const { api } = await activateExtension();
  for (let active = await api.getActiveIncident(); active; active = await api.getActiveIncident()) {
    await vscode.commands.executeCommand('runbook.switchIncident', { uri: active.uri });
    await vscode.commands.executeCommand('runbook.resolveIncident', { summary, postmortem: false });
  }
}

/**
 * Runs `body` while the workspace folder's `.vscode/settings.json` also holds `settings` (written to the file, as a
 * cloned repository would: application-scoped keys cannot be set through the API there), then puts the file back.
 */
export async function withWorkspaceSettings(settings: Record<string, unknown>, body: () => Promise<void>): Promise<void> {
  const config = () => vscode.workspace.getConfiguration('runbook');
  const file = vscode.Uri.joinPath(workspaceFolder().uri, '.vscode', 'settings.json');
  const before = await readText(file).catch(() => undefined);
  // A marker the API can read tells when VS Code has taken the file in.
  const marker = 1000 + Math.floor(Math.random() * 1000);
  const merged = { ...(before ? (JSON.parse(before) as Record<string, unknown>) : {}), ...settings, 'runbook.github.lookbackHours': marker };
  await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(JSON.stringify(merged)));
  try {
    await eventually(() => (config().inspect('github.lookbackHours')?.workspaceValue === marker ? true : undefined), 'the workspace settings read');
    await body();
  } finally {
    if (before === undefined) await vscode.workspace.fs.delete(file);
    else await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(before));
    await eventually(() => (config().inspect('github.lookbackHours')?.workspaceValue !== marker ? true : undefined), 'the workspace settings restored');
  }
}
