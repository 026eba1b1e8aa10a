import * as vscode from 'vscode';

export type Opener = (url: string) => Promise<boolean>;

/**
 * Where dashboard URLs go: the browser, through VS Code. Replaceable (through
 * the API's `testing` member) so a test suite can capture URLs instead.
 */
export class ExternalOpener {
  private override: Opener | undefined;

  set(opener: Opener | undefined): void {
    this.override = opener;
  }

  open(url: string): Promise<boolean> {
    return this.override ? this.override(url) : Promise.resolve(vscode.env.openExternal(vscode.Uri.parse(url, true)));
  }
}
