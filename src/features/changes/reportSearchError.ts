import * as vscode from 'vscode';
import { GitHubError } from './githubClient';

/**
 * The one message for a failed search, with the action that may help. Not
 * awaited by the search, which resolves with the reason: a command that
 * rejected would make the workbench show a second notification.
 */
export async function reportSearchError(error: unknown, actions: { readonly retry: () => Promise<unknown>; readonly signIn: () => Promise<unknown> }): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof GitHubError && error.kind === 'auth') {
    const choice = await vscode.window.showErrorMessage(message, 'Sign In', 'Set Token…');
    if (choice === 'Sign In') await actions.signIn();
    if (choice === 'Set Token…') await vscode.commands.executeCommand('runbook.setGitHubToken');
  } else if (error instanceof GitHubError && (error.kind === 'network' || error.kind === 'server')) {
    if ((await vscode.window.showErrorMessage(message, 'Retry')) === 'Retry') await actions.retry();
  } else {
    await vscode.window.showErrorMessage(message);
  }
}
