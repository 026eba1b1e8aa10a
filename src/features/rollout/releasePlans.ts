import type * as vscode from 'vscode';
import { parseReleasePlan, type ReleasePlan } from '../../core/rollout/releasePlan';
import { textRevision } from '../../core/text';
import { RunbookSubset } from '../playbook/runbookSubset';
import { readCurrentText } from '../workspaceFiles';

/** A release plan as read: its text (the open document's, unsaved edits included), the model, and a fingerprint. */
export interface LoadedPlan {
  readonly uri: vscode.Uri;
  readonly text: string;
  readonly plan: ReleasePlan;
  /** Changes whenever the text does: an action refuses to write into a plan edited since it was read. */
  readonly revision: string;
}

/** The workspace's release plans: the discovered runbooks whose text reads as one, re-read when they change. */
export class ReleasePlans extends RunbookSubset<LoadedPlan> {
  /** The plan in `uri` read now (not from the cache): what an action acts on. Undefined when it is not a release plan. */
  async get(uri: vscode.Uri): Promise<LoadedPlan | undefined> {
    const text = await readCurrentText(uri);
    const plan = parseReleasePlan(text);
    return plan && { uri, text, plan, revision: textRevision(text) };
  }

  protected readOne(uri: vscode.Uri): Promise<LoadedPlan | undefined> {
    return this.get(uri);
  }
}
