import * as vscode from 'vscode';
import type { IDisposable } from '../core/lifecycle';
import { affects } from './settings';

/**
 * What every service client listens to: its secret stored or deleted, or the user setting that names its host
 * changed (application scope: where the secret may go). `changed` runs on either.
 */
export function onConnectionChange(secrets: vscode.SecretStorage, tokenKey: string, hostSetting: string, changed: () => void): IDisposable[] {
  return [secrets.onDidChange((e) => e.key === tokenKey && changed()), vscode.workspace.onDidChangeConfiguration((e) => affects(e, hostSetting) && changed())];
}

/** A response's body: JSON when it parses, else its text (an HTML error page, a proxy's message); undefined when empty. */
export async function readAnswerBody(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return text;
  }
}

/** Why a request got no answer, in a few words: the timeout, or the network's error code. */
export function networkReason(error: unknown, timeoutMs: number): string {
  const e = error as { name?: unknown; message?: unknown; cause?: { code?: unknown } };
  if (e.name === 'TimeoutError') return `no answer in ${timeoutMs / 1000} s`;
  return typeof e.cause?.code === 'string' ? e.cause.code : String(e.message ?? error);
}
