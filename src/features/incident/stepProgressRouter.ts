import * as vscode from 'vscode';
import { formatClock } from '../../core/time/formatTime';
import { Disposable } from '../../core/lifecycle';
import { type StepProgress, stepKey } from '../../core/runbook/treeModel';
import type { WorkspaceStepProgress } from '../playbook/stepProgress';
import { incidentRunbook } from './runbookPath';
import type { IncidentEntry, IncidentStore } from './incidentStore';

/**
 * Step progress belongs to the current incident (kept in its document, so the
 * team sees it) for steps of the incident's runbook; otherwise to the workspace.
 */
export class StepProgressRouter extends Disposable implements StepProgress {
  private current: IncidentEntry | undefined;
  private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this._onDidChange.event;

  constructor(
    private readonly workspace: WorkspaceStepProgress,
    private readonly store: IncidentStore,
  ) {
    super();
    this._register(store.onDidChange(() => void this.refresh()));
  }

  async refresh(): Promise<void> {
    this.current = await this.store.current();
    this._onDidChange.fire();
  }

  isDone(stepId: string, rootId: string): boolean {
    const incident = this.incidentFor(rootId);
    return incident ? incident.progress.includes(stepKey(stepId, rootId)) : this.workspace.isDone(stepId);
  }

  async set(stepId: string, rootId: string, label: string, done: boolean): Promise<void> {
    this.current = await this.store.current();
    const incident = this.incidentFor(rootId);
    if (!incident || !this.current) {
      await this.workspace.set(stepId, done);
      this._onDidChange.fire();
      return;
    }
    const key = stepKey(stepId, rootId);
    const uri = this.current.uri;
    await this.store.updateState(uri, (s) => ({ ...s, progress: done ? [...s.progress.filter((k) => k !== key), key] : s.progress.filter((k) => k !== key) }));
    await this.store.appendToSection(uri, /^timeline$/i, 'Timeline', [`- ${formatClock(new Date())} — ${done ? 'Done' : 'Reopened'}: ${label}`]);
    // Read the record again now rather than after the store's debounce, so the tree shows the box at once.
    this.store.reload();
    await this.refresh();
  }

  private incidentFor(rootId: string) {
    const read = this.current?.read;
    if (!read?.ok) return undefined;
    const runbook = incidentRunbook(this.current);
    return runbook?.toString() === rootId ? read.state : undefined;
  }
}
