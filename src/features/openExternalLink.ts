import * as vscode from 'vscode';
import { checkOpenable } from '../core/runbook/links';

/** Opens a URL in the browser or mail client; anything but http, https and mailto is refused with the reason. */
export async function openExternalLink(url: string, opener: (uri: vscode.Uri) => Thenable<boolean> = vscode.env.openExternal): Promise<boolean> {
  const decision = checkOpenable(url);
  if (!decision.ok) {
    void vscode.window.showWarningMessage(decision.reason);
    return false;
  }
  return opener(vscode.Uri.parse(decision.url, true));
}
