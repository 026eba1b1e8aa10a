import * as vscode from 'vscode';
import { recordStepProgress } from '../../core/incident/recordEdits';
import { Disposable } from '../../core/lifecycle';
import { type StepProgress, stepKey } from '../../core/runbook/treeModel';
import { Sequencer } from '../../core/sequencer';
import type { WorkspaceStepProgress } from '../playbook/stepProgress';
import { incidentRunbook } from './runbookPath';
import { changeOrThrow, type IncidentEntry, type IncidentStore } from './incidentStore';
import { announceRecordChange } from './recordFeedback';

/**
 * Step progress belongs to the current incident (kept in its document, so the
 * team sees it) for steps of the incident's runbook; otherwise to the workspace.
 */
export class StepProgressRouter extends Disposable implements StepProgress {
  private current: IncidentEntry | undefined;
  private readonly reads = new Sequencer<'current'>();
  private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this._onDidChange.event;

  constructor(
    private readonly workspace: WorkspaceStepProgress,
    private readonly store: IncidentStore,
  ) {
    super();
    this._register(store.onDidChange(() => void this.refresh()));
  }

  /** Reads the current incident again; a read that finishes after a newer one is dropped. */
  async refresh(): Promise<void> {
    await this.reads.run(
      'current',
      () => this.store.current(),
      (current) => {
        this.current = current;
        this._onDidChange.fire();
      },
    );
  }

  isDone(stepId: string, rootId: string): boolean {
    const incident = incidentFor(this.current, rootId);
    return incident ? incident.progress.includes(stepKey(stepId, rootId)) : this.workspace.isDone(stepId);
  }

  /** Records the step in the incident's record (its progress and a timeline entry, in one edit), or in the workspace. */
  async set(stepId: string, rootId: string, label: string, done: boolean): Promise<void> {
    const current = await this.store.current();
    const incident = incidentFor(current, rootId);
    if (!incident || !current) {
      await this.workspace.set(stepId, done);
      this._onDidChange.fire();
      return;
    }
    const key = stepKey(stepId, rootId);
    const { line } = await this.store.edit(current.uri, (text) => changeOrThrow(current.uri, recordStepProgress(text, { key, done, label, now: new Date() })));
    // Read the record again now rather than after the store's debounce, so the tree shows the box at once.
    this.store.reload();
    await this.refresh();
    await announceRecordChange(current.uri, line, `${done ? 'Done' : 'Reopened'}, in the record of ${incident.title}: ${label}`);
  }
}

function incidentFor(entry: IncidentEntry | undefined, rootId: string) {
  const read = entry?.read;
  if (!read?.ok) return undefined;
  return incidentRunbook(entry)?.toString() === rootId ? read.state : undefined;
}
