import * as vscode from 'vscode';
import { type EscalationTimer, escalationTimers } from '../../core/incident/escalation';
import { formatClock } from '../../core/incident/incident';
import { Disposable } from '../../core/lifecycle';
import type { RunbookModels } from '../playbook/runbookModels';
import { resolveRunbook } from './createIncident';
import type { IncidentStore } from './incidentStore';

const SNOOZE_MS = 5 * 60_000;

/**
 * Turns the durations of the runbook's escalation steps into timers from the
 * current incident's start; a due timer names its step, with Open Step,
 * Snooze 5 Minutes and Done.
 */
export class EscalationService extends Disposable {
  private timers: ReturnType<typeof setTimeout>[] = [];
  /** Timers answered with Done, per incident, so a reload does not ask again. */
  private readonly handledKey = 'runbook.escalationsDone';

  constructor(
    private readonly store: IncidentStore,
    private readonly models: RunbookModels,
    private readonly state: vscode.Memento,
  ) {
    super();
    this._register(store.onDidChange(() => void this.schedule()));
    this._register({ dispose: () => this.clear() });
    void this.schedule();
  }

  /** The timers of the current incident, with when each is due. */
  async pending(): Promise<Array<EscalationTimer & { dueAt: Date }>> {
    const current = await this.store.current();
    const runbookUri = resolveRunbook(current?.read.state.runbook);
    if (!current || !runbookUri) return [];
    const loaded = await this.models.load(runbookUri);
    if (!loaded.ok) return [];
    const start = new Date(current.read.state.startedAt).getTime();
    const done = this.state.get<string[]>(this.handledKey, []);
    return escalationTimers(loaded.runbook)
      .filter((t) => !done.includes(`${current.read.state.id}:${t.step}`))
      .map((t) => ({ ...t, dueAt: new Date(start + t.minutes * 60_000) }));
  }

  private clear(): void {
    this.timers.forEach(clearTimeout);
    this.timers = [];
  }

  private async schedule(): Promise<void> {
    this.clear();
    const current = await this.store.current();
    if (!current || this.isDisposed) return;
    for (const timer of await this.pending()) {
      this.arm(timer, Math.max(0, timer.dueAt.getTime() - Date.now()), current.uri, current.read.state.id);
    }
  }

  private arm(timer: EscalationTimer, delay: number, incident: vscode.Uri, incidentId: string): void {
    // setTimeout's limit is about 24.8 days; escalation steps are minutes or hours.
    this.timers.push(setTimeout(() => void this.fire(timer, incident, incidentId), Math.min(delay, 2 ** 31 - 1)));
  }

  private async fire(timer: EscalationTimer, incident: vscode.Uri, incidentId: string): Promise<void> {
    const note = timer.fromExample ? ` The runbook leaves the time open (${timer.fromExample}); its example, ${timer.minutes} minutes, is used.` : '';
    const choice = await vscode.window.showWarningMessage(`Escalation step due (${timer.minutes} minutes in): ${timer.step}${note}`, 'Open Step', 'Snooze 5 Minutes', 'Done');
    const current = await this.store.current();
    if (choice === 'Open Step') {
      const runbook = resolveRunbook(current?.read.state.runbook);
      if (runbook) await vscode.commands.executeCommand('runbook.revealLine', runbook, timer.line);
    } else if (choice === 'Snooze 5 Minutes') {
      this.arm(timer, SNOOZE_MS, incident, incidentId);
    } else if (choice === 'Done') {
      await this.state.update(this.handledKey, [...this.state.get<string[]>(this.handledKey, []), `${incidentId}:${timer.step}`]);
      await this.store.appendToSection(incident, /^timeline$/i, 'Timeline', [`- ${formatClock(new Date())} — Escalation step done: ${timer.step}`]);
    }
  }
}
