import type * as vscode from 'vscode';
import type { IncidentState } from '../../core/incident/incident';
import { changeIncident, type IncidentAction } from '../../core/incident/recordEdits';
import { folderSettings } from '../settings';
import { changeOrThrow, type IncidentStore } from './incidentStore';
import { announceRecordChange } from './recordFeedback';

export interface RecordedAction {
  readonly state: IncidentState;
  /** The line the action wrote first (its section lines, else its timeline entry). */
  readonly line: number;
}

/**
 * Applies one action to an incident's record as one edit (front matter, other
 * sections and timeline entries together: one undo step), reads the record again so
 * every view shows it at once, and says what it did. Without `runbook.timeline.automaticEntries`
 * the entries are left out. Throws, naming the problem, when the action or the record refuses; nothing is then changed.
 */
export async function recordAction(store: IncidentStore, uri: vscode.Uri, update: (state: IncidentState) => IncidentAction | { readonly error: string }, message: (state: IncidentState) => string): Promise<RecordedAction> {
  const automatic = folderSettings(uri).timelineAutomaticEntries;
  const { state, line } = await store.edit(uri, (text) => {
    let refusal: string | undefined;
    const change = changeIncident(text, (current) => {
      const action = update(current);
      if ('error' in action) refusal = action.error;
      return 'error' in action || automatic ? action : { ...action, entries: [] };
    });
    // The action's own refusal names the field; a record that cannot be read gets the repair advice.
    if (refusal !== undefined) throw new Error(refusal);
    return changeOrThrow(uri, change);
  });
  store.reload(uri);
  await announceRecordChange(uri, line, message(state));
  return { state, line };
}
