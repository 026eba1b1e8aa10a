import * as vscode from 'vscode';

/**
 * The "Incident Runbook" log (Output view, and Developer: Set Log Level…). What the
 * extension would otherwise swallow goes here: unreadable records, discovery caps,
 * parse warnings, GitHub requests with status and timing. Never a token.
 */
export type Log = Pick<vscode.LogOutputChannel, 'trace' | 'debug' | 'info' | 'warn' | 'error'>;

export function createLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel('Incident Runbook', { log: true });
}
