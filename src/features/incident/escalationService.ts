import * as vscode from 'vscode';
import { type DueTimer, dueTimers, escalationMessage, escalationTimers, splitDue } from '../../core/incident/escalation';
import { Disposable } from '../../core/lifecycle';
import type { RunbookModels } from '../playbook/runbookModels';
import { incidentRunbook } from './runbookPath';
import { folderSettings } from '../settings';
import { recordAction } from './recordAction';
import type { IncidentStore } from './incidentStore';

const SNOOZE_MS = 5 * 60_000;
/** setTimeout's limit, about 24.8 days; escalation steps are minutes or hours. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/** Shows an escalation notification and answers with the action chosen (undefined: dismissed). */
export type EscalationNotifier = (message: string, actions: readonly string[]) => Thenable<string | undefined>;

const showWarning: EscalationNotifier = (message, actions) => vscode.window.showWarningMessage(message, ...actions);

/** The pending timers of the current incident, with what a notification needs to act on them. */
export interface PendingEscalations {
  readonly incident: vscode.Uri;
  readonly incidentId: string;
  /** The incident's start (ISO), the day its timeline entries are read against. */
  readonly startedAt: string;
  readonly runbook: vscode.Uri;
  readonly timers: readonly DueTimer[];
}

/**
 * Turns the durations of the runbook's escalation steps into timers from the
 * current incident's start. Steps already due when the incident is seen (a
 * backdated start) make one summary notification; each later step (or steps
 * due at the same minute) makes one, with Open Step, Snooze 5 Minutes and Done.
 */
export class EscalationService extends Disposable {
  private timers: ReturnType<typeof setTimeout>[] = [];
  /** Snoozes outlive a reschedule: the step was shown, so scheduling alone would never show it again. */
  private readonly snoozes = new Set<ReturnType<typeof setTimeout>>();
  /** Timers already shown (or snoozed) in this session: a reload of the record must not show them again. */
  private readonly shown = new Set<string>();
  private generation = 0;
  private scheduled: Promise<void> = Promise.resolve();
  private notifier: EscalationNotifier = showWarning;
  /** Timers answered with Done, per incident, so a reload does not ask again. */
  private readonly handledKey = 'runbook.escalationsDone';

  constructor(
    private readonly store: IncidentStore,
    private readonly models: RunbookModels,
    private readonly state: vscode.Memento,
  ) {
    super();
    this._register(store.onDidChange(() => this.schedule()));
    this._register({
      dispose: () => {
        this.clear();
        this.snoozes.forEach(clearTimeout);
      },
    });
    this.schedule();
  }

  /** The current incident's timers not yet answered with Done, with when each is due. */
  async pending(): Promise<PendingEscalations | undefined> {
    const current = await this.store.current();
    const runbook = incidentRunbook(current);
    if (!current || !runbook) return undefined;
    const loaded = await this.models.load(runbook);
    if (!loaded.ok) return undefined;
    const incidentId = current.read.state.id;
    const done = this.state.get<string[]>(this.handledKey, []);
    const timers = dueTimers(escalationTimers(loaded.runbook), new Date(current.read.state.startedAt)).filter((t) => !done.includes(timerKey(incidentId, t)));
    return { incident: current.uri, incidentId, startedAt: current.read.state.startedAt, runbook, timers };
  }

  /** Resolves once the latest change of incident has been scheduled (and anything already due notified). */
  whenScheduled(): Promise<void> {
    return this.scheduled;
  }

  /** For test suites: where notifications go (undefined: VS Code's warning notification). */
  setNotifier(notifier: EscalationNotifier | undefined): void {
    this.notifier = notifier ?? showWarning;
  }

  private clear(): void {
    this.timers.forEach(clearTimeout);
    this.timers = [];
  }

  private schedule(): void {
    this.scheduled = this.reschedule().catch((error: unknown) => void vscode.window.showErrorMessage(`Escalation timers: ${error instanceof Error ? error.message : String(error)}`));
  }

  private async reschedule(): Promise<void> {
    const generation = ++this.generation;
    const pending = await this.pending();
    // A newer schedule() started while this one awaited: it owns the timers.
    if (generation !== this.generation || this.isDisposed) return;
    this.clear();
    if (!pending) return;
    const now = new Date();
    const unseen = pending.timers.filter((t) => !this.shown.has(timerKey(pending.incidentId, t)));
    const { due, ahead } = splitDue(unseen, now);
    if (due.length) this.notify(due, pending);
    for (const group of byDueTime(ahead)) {
      const delay = (group[0]?.dueAt.getTime() ?? now.getTime()) - now.getTime();
      this.timers.push(setTimeout(() => this.notify(group, pending), Math.min(delay, MAX_DELAY_MS)));
    }
  }

  private notify(timers: readonly DueTimer[], pending: PendingEscalations): void {
    timers.forEach((t) => this.shown.add(timerKey(pending.incidentId, t)));
    this.answer(timers, pending).catch((error: unknown) => void vscode.window.showErrorMessage(`Escalation timer: ${error instanceof Error ? error.message : String(error)}`));
  }

  private async answer(timers: readonly DueTimer[], pending: PendingEscalations): Promise<void> {
    const open = timers.length === 1 ? 'Open Step' : 'Open First Step';
    const choice = await this.notifier(escalationMessage(timers, { now: new Date() }), [open, 'Snooze 5 Minutes', 'Done']);
    if (choice === open) {
      await vscode.commands.executeCommand('runbook.revealLine', pending.runbook, timers[0]?.line ?? 0);
    } else if (choice === 'Snooze 5 Minutes') {
      const snooze = setTimeout(() => {
        this.snoozes.delete(snooze);
        this.notify(timers, pending);
      }, SNOOZE_MS);
      this.snoozes.add(snooze);
    } else if (choice === 'Done') {
      await this.state.update(this.handledKey, [...this.state.get<string[]>(this.handledKey, []), ...timers.map((t) => timerKey(pending.incidentId, t))]);
      const now = new Date();
      if (folderSettings(pending.incident).timelineAutomaticEntries) await recordAction(this.store, pending.incident, (state) => ({ state, entries: timers.map((t) => ({ at: now, text: `Escalation step done: ${t.step}` })) }), () => `Escalation done: ${timers.length === 1 ? 'one step' : `${timers.length} steps`} noted in the timeline`);
    }
  }
}

function timerKey(incidentId: string, timer: DueTimer): string {
  return `${incidentId}:${timer.step}`;
}

/** Timers due at the same minute make one notification. */
function byDueTime(timers: readonly DueTimer[]): DueTimer[][] {
  const groups = new Map<number, DueTimer[]>();
  for (const timer of timers) {
    const at = Math.floor(timer.dueAt.getTime() / 60_000);
    groups.set(at, [...(groups.get(at) ?? []), timer]);
  }
  return [...groups.values()];
}
