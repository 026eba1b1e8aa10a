import * as vscode from 'vscode';
import { checkOpenable } from '../core/runbook/links';

type Opener = (url: string) => Promise<boolean>;

/**
 * The one place a URL goes to VS Code, as the exact string. Handed a vscode.Uri, VS Code opens
 * `encodeURI(uri.toString(true))`: `%26` comes back as `&` (a Splunk `q=` splits in two), `%2B` as `+`
 * (a space to Grafana and Datadog) and `%23` as `%2523`. The extension host accepts the string form although
 * the type says Uri (microsoft/vscode#85930): ExtHostWindow.openUri keeps a string beside its parsed Uri,
 * MainThreadWindow.$openUri passes that string on when parsing changed nothing, and the opener service opens
 * a string as given (src/vs/workbench/api/common/extHostWindow.ts, src/vs/workbench/api/browser/mainThreadWindow.ts,
 * OpenerService._resolveExternalUriOpenTarget; read in VS Code 1.139.1 as code-server ships it).
 */
const handToVsCode: Opener = async (url) => vscode.env.openExternal(url as unknown as vscode.Uri);

// Module state because every feature opens links through this function; only test suites set it.
let replacement: Opener | undefined;

/** For test suites (the API's `testing` member): receives exactly the string VS Code would get; undefined restores VS Code. */
export function setExternalOpenerForTesting(opener: Opener | undefined): void {
  replacement = opener;
}

/** Opens a URL in the browser or mail client byte for byte as given; anything but http, https and mailto is refused with the reason. */
export async function openExternalLink(url: string): Promise<boolean> {
  const decision = checkOpenable(url);
  if (!decision.ok) {
    void vscode.window.showWarningMessage(decision.reason);
    return false;
  }
  return (replacement ?? handToVsCode)(decision.url);
}
