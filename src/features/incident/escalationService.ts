import * as vscode from 'vscode';
import { type EscalationTimer, escalationTimers } from '../../core/incident/escalation';
import { formatClock } from '../../core/time/formatTime';
import { Disposable } from '../../core/lifecycle';
import type { RunbookModels } from '../playbook/runbookModels';
import { incidentRunbook } from './runbookPath';
import type { IncidentStore } from './incidentStore';

const SNOOZE_MS = 5 * 60_000;

/**
 * Turns the durations of the runbook's escalation steps into timers from the
 * current incident's start; a due timer names its step, with Open Step,
 * Snooze 5 Minutes and Done.
 */
export class EscalationService extends Disposable {
  private timers: ReturnType<typeof setTimeout>[] = [];
  /** Timers already shown (or snoozed) in this session: a reload of the record must not show them again. */
  private readonly shown = new Set<string>();
  private generation = 0;
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
    const runbookUri = incidentRunbook(current);
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
    const generation = ++this.generation;
    const current = await this.store.current();
    const pending = current ? await this.pending() : [];
    // A newer schedule() started while this one awaited: it owns the timers.
    if (generation !== this.generation || this.isDisposed) return;
    this.clear();
    if (!current) return;
    for (const timer of pending) {
      if (this.shown.has(`${current.read.state.id}:${timer.step}`)) continue;
      this.arm(timer, Math.max(0, timer.dueAt.getTime() - Date.now()), current.uri, current.read.state.id);
    }
  }

  private arm(timer: EscalationTimer, delay: number, incident: vscode.Uri, incidentId: string): void {
    // setTimeout's limit is about 24.8 days; escalation steps are minutes or hours.
    this.timers.push(
      setTimeout(() => {
        this.fire(timer, incident, incidentId).catch((error: unknown) => void vscode.window.showErrorMessage(`Escalation timer: ${error instanceof Error ? error.message : String(error)}`));
      }, Math.min(delay, 2 ** 31 - 1)),
    );
  }

  private async fire(timer: EscalationTimer, incident: vscode.Uri, incidentId: string): Promise<void> {
    this.shown.add(`${incidentId}:${timer.step}`);
    const note = timer.fromExample ? ` The runbook leaves the time open (${timer.fromExample}); its example, ${timer.minutes} minutes, is used.` : '';
    const choice = await vscode.window.showWarningMessage(`Escalation step due (${timer.minutes} minutes in): ${timer.step}${note}`, 'Open Step', 'Snooze 5 Minutes', 'Done');
    const current = await this.store.current();
    if (choice === 'Open Step') {
      const runbook = incidentRunbook(current);
      if (runbook) await vscode.commands.executeCommand('runbook.revealLine', runbook, timer.line);
    } else if (choice === 'Snooze 5 Minutes') {
      this.arm(timer, SNOOZE_MS, incident, incidentId);
    } else if (choice === 'Done') {
      await this.state.update(this.handledKey, [...this.state.get<string[]>(this.handledKey, []), `${incidentId}:${timer.step}`]);
      await this.store.appendToSection(incident, /^timeline$/i, 'Timeline', [`- ${formatClock(new Date())} — Escalation step done: ${timer.step}`]);
    }
  }
}
