import * as vscode from 'vscode';
import { normalizeEdits, offsetAfterEdits, type TextEdit } from '../../core/incident/textEdits';
import { announceRecordChange } from '../incident/recordFeedback';
import { applyEdit } from '../workspaceFiles';
import type { LoadedPlan } from './releasePlans';

/** A rollout action refused: nothing was written, and the message says why. */
export class RolloutError extends Error {}

export function planChangedError(loaded: LoadedPlan): RolloutError {
  return new RolloutError(`${vscode.workspace.asRelativePath(loaded.uri)} changed since it was read: nothing was written. Run the action again on the plan as it is now.`);
}

/**
 * Writes one action's edits into the plan as one WorkspaceEdit (one undo step; saved unless the person had unsaved
 * changes), only if the document is still the text the action was worked out on; then says what it did and shows the line.
 */
export async function writePlan(loaded: LoadedPlan, edits: readonly TextEdit[], focusLine: number, message: string): Promise<void> {
  const document = await vscode.workspace.openTextDocument(loaded.uri);
  if (document.getText() !== loaded.text) throw planChangedError(loaded);
  const sorted = normalizeEdits(edits);
  if (sorted.length) {
    const edit = new vscode.WorkspaceEdit();
    for (const e of sorted) edit.replace(loaded.uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.text);
    if (!(await applyEdit(document, edit))) throw new RolloutError(`VS Code did not apply the change to ${vscode.workspace.asRelativePath(loaded.uri)}: nothing was written.`);
  }
  const lineStart = lineOffset(loaded.text, focusLine);
  const focus = document.positionAt(offsetAfterEdits(sorted, lineStart)).line;
  await announceRecordChange(loaded.uri, focus, message);
}

function lineOffset(text: string, line: number): number {
  let at = 0;
  for (let i = 0; i < line && at >= 0; i++) at = text.indexOf('\n', at) + 1 || text.length;
  return at;
}
