import * as vscode from 'vscode';
import { formatElapsed, type IncidentState, minutesBetween, roleLabel, STATUS_LABELS } from '../../core/incident/incident';
import { Disposable } from '../../core/lifecycle';
import { Sequencer } from '../../core/sequencer';
import { clip } from '../../core/text';
import { formatTime } from '../../core/time/formatTime';
import type { IncidentEntry, IncidentStore } from './incidentStore';

const TICK_MS = 30_000;
/** The status bar is shared with every other extension: the title gives way to the stage and the clock. */
const TITLE_CHARS = 28;

/** `$(flame) Travel Pay 500s · Identified · 23m` while an incident is active; a click opens its document. */
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
      const elapsed = formatElapsed(minutesBetween(state.startedAt, new Date()));
      this.item.text = `$(flame) ${clip(state.title, TITLE_CHARS)} · ${STATUS_LABELS[state.status]} · ${elapsed}`;
      this.item.tooltip = tooltip(state, elapsed);
    };
    render();
    this.item.command = { command: 'vscode.open', title: 'Open Incident Record', arguments: [current.uri] };
    this.item.backgroundColor = current.read.state.severity <= 2 ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.show();
    this.timer = setInterval(render, TICK_MS);
  }
}

/** The title in full, the stage and severity, when it started, and who holds each role. */
function tooltip(state: IncidentState, elapsed: string): vscode.MarkdownString {
  const lines = [
    state.title,
    `${STATUS_LABELS[state.status]} · Sev ${state.severity} · started ${formatTime(new Date(state.startedAt))} (${elapsed} ago)`,
    ...Object.entries(state.roles).flatMap(([key, name]) => (name ? [`${roleLabel(key)}: ${name}`] : [])),
    'Click to open the incident record.',
  ];
  const tip = new vscode.MarkdownString();
  lines.forEach((line, i) => (i ? tip.appendMarkdown('\n\n') : tip).appendText(line));
  return tip;
}
