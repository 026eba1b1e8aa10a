import * as vscode from 'vscode';
import { isActive, STATUS_LABELS } from '../../core/incident/incident';
import { recordStepProgress } from '../../core/incident/recordEdits';
import { Disposable } from '../../core/lifecycle';
import { type StepProgress, stepKey } from '../../core/runbook/treeModel';
import { Sequencer } from '../../core/sequencer';
import type { WorkspaceStepProgress } from '../playbook/stepProgress';
import { folderSettings } from '../settings';
import { incidentRunbook } from './runbookPath';
import { changeOrThrow, type IncidentEntry, type IncidentStore } from './incidentStore';
import { announceRecordChange } from './recordFeedback';

/**
 * Step progress belongs to the selected incident (kept in its record, so the
 * team sees it) for steps of the incident's runbook; otherwise to the workspace.
 * The selected incident may be resolved or declined: its ticks stay visible, and a
 * box ticked then is recorded in it too (what the Playbook shows is what is written),
 * and the message says the incident is closed.
 */
export class StepProgressRouter extends Disposable implements StepProgress {
  private selected: IncidentEntry | undefined;
  private readonly reads = new Sequencer<'selected'>();
  private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this._onDidChange.event;

  constructor(
    private readonly workspace: WorkspaceStepProgress,
    private readonly store: IncidentStore,
  ) {
    super();
    this._register(store.onDidChange(() => void this.refresh()));
  }

  /** Reads the selected incident again; a read that finishes after a newer one is dropped. */
  async refresh(): Promise<void> {
    await this.reads.run(
      'selected',
      () => this.store.selected(),
      (selected) => {
        this.selected = selected;
        this._onDidChange.fire();
      },
    );
  }

  isDone(stepId: string, rootId: string): boolean {
    const incident = incidentFor(this.selected, rootId);
    return incident ? incident.progress.includes(stepKey(stepId, rootId)) : this.workspace.isDone(stepId);
  }

  /**
   * Records the step in the incident's record (its progress and, unless
   * `runbook.timeline.automaticEntries` is off, a timeline entry: one edit), or in the workspace.
   */
  async set(stepId: string, rootId: string, label: string, done: boolean): Promise<void> {
    const selected = await this.store.selected();
    const incident = incidentFor(selected, rootId);
    if (!incident || !selected) {
      await this.workspace.set(stepId, done);
      this._onDidChange.fire();
      return;
    }
    const key = stepKey(stepId, rootId);
    const entry = folderSettings(selected.uri).timelineAutomaticEntries;
    const { line } = await this.store.edit(selected.uri, (text) => changeOrThrow(selected.uri, recordStepProgress(text, { key, done, label, now: new Date(), entry })));
    // Read the record again now rather than after the store's debounce, so the tree shows the box at once.
    this.store.reload(selected.uri);
    await this.refresh();
    const closed = isActive(incident) ? '' : ` (${STATUS_LABELS[incident.status].toLowerCase()})`;
    await announceRecordChange(selected.uri, line, `${done ? 'Done' : 'Reopened'}, in the record of ${incident.title}${closed}: ${label}`);
  }
}

function incidentFor(entry: IncidentEntry | undefined, rootId: string) {
  const read = entry?.read;
  if (!read?.ok) return undefined;
  return incidentRunbook(entry)?.toString() === rootId ? read.state : undefined;
}
