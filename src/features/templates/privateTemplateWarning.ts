import * as vscode from 'vscode';
import { canSignInToGitHub } from '../changes/githubClient';

export type WarningNotifier = (message: string, actions: readonly string[]) => Promise<string | undefined>;

const SIGN_IN = 'Sign In to GitHub';
const SET_TOKEN = 'Set GitHub Token…';

/**
 * A template GitHub would not show without credentials: say so, and offer to sign in (where VS Code has a
 * GitHub sign-in) or to set a token, then fetch it again so the next incident uses it.
 */
export async function warnPrivateTemplate(
  message: string,
  retry: (interactive: boolean) => Promise<void>,
  notifier: WarningNotifier = (text, actions) => Promise.resolve(vscode.window.showWarningMessage(text, ...actions)),
): Promise<void> {
  // Where there is a GitHub sign-in it may still not work (code-server in a browser): the token is always offered too.
  const actions = (await canSignInToGitHub()) ? [SIGN_IN, SET_TOKEN] : [SET_TOKEN];
  const choice = await notifier(message, actions);
  if (choice === SIGN_IN) await retry(true);
  if (choice === SET_TOKEN && (await vscode.commands.executeCommand<boolean>('runbook.setGitHubToken'))) await retry(false);
}
