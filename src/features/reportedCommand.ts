import * as vscode from 'vscode';

/**
 * A command's handler as both callers need it: an argument form (automation) rejects with the reason, which the
 * caller reads; from the palette or a view's row the reason is shown, and a person's cancel is no error.
 */
export async function reported(run: (arg?: unknown) => Promise<unknown>, arg: unknown): Promise<unknown> {
  try {
    return await run(arg);
  } catch (error) {
    const fromAutomation = typeof arg === 'object' && arg !== null && !(arg instanceof vscode.Uri) && !('type' in arg) && Object.keys(arg).length > 0;
    if (error instanceof vscode.CancellationError && !fromAutomation) return undefined;
    if (fromAutomation || !(error instanceof Error)) throw error;
    void vscode.window.showErrorMessage(error.message);
    return undefined;
  }
}
