import * as vscode from 'vscode';
import { formatElapsed, minutesBetween } from '../../core/incident/incident';
import { Disposable } from '../../core/lifecycle';
import { Sequencer } from '../../core/sequencer';
import { formatTime } from '../../core/time/formatTime';
import type { IncidentEntry, IncidentStore } from './incidentStore';

const TICK_MS = 30_000;

/** `$(flame) Travel Pay 500s · 23m` while an incident is active; a click opens its document. */
export class IncidentStatusBar extends Disposable {
  private readonly item = this._register(vscode.window.createStatusBarItem('runbook.incidentClock', vscode.StatusBarAlignment.Left, 100));
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly reads = new Sequencer<'current'>();

  constructor(private readonly store: IncidentStore) {
    super();
    this.item.name = 'Incident clock';
    this._register(store.onDidChange(() => void this.update()));
    this._register({ dispose: () => clearInterval(this.timer) });
    void this.update();
  }

  /** Reads the current incident; a read that finishes after a newer one is dropped. */
  private async update(): Promise<void> {
    await this.reads.run('current', () => this.store.current(), (current) => this.show(current));
  }

  private show(current: (IncidentEntry & { read: { ok: true } }) | undefined): void {
    clearInterval(this.timer);
    this.timer = undefined;
    if (!current || this.isDisposed) {
      this.item.hide();
      return;
    }
    const render = () => {
      const { state } = current.read;
      this.item.text = `$(flame) ${state.title} · ${formatElapsed(minutesBetween(state.startedAt, new Date()))}`;
      this.item.tooltip = new vscode.MarkdownString().appendText(`${state.title}: Sev ${state.severity}, started ${formatTime(new Date(state.startedAt))}. Click to open the incident record.`);
    };
    render();
    this.item.command = { command: 'vscode.open', title: 'Open Incident Record', arguments: [current.uri] };
    this.item.backgroundColor = current.read.state.severity <= 2 ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.show();
    this.timer = setInterval(render, TICK_MS);
  }
}
