import * as vscode from 'vscode';
import { Disposable } from '../../core/lifecycle';
import type { RunbookDiscovery } from './runbookDiscovery';
import type { RunbookModels } from './runbookModels';

const REFRESH_DELAY_MS = 200;

/**
 * The discovered runbooks that read as one kind of document (release plans, support plans), re-read when any
 * runbook changes: every runbook is listened to, so one edited into that kind appears without a reload.
 */
export abstract class RunbookSubset<T> extends Disposable {
  private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this._onDidChange.event;
  private cached: Promise<T[]> | undefined;
  private known = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    protected readonly discovery: RunbookDiscovery,
    models: RunbookModels,
  ) {
    super();
    this._register(discovery.onDidChange(() => this.changed()));
    this._register(models.onDidChange((uris) => uris.some((u) => this.known.has(u.toString())) && this.changed()));
    this._register(vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length && this.known.has(e.document.uri.toString()) && this.changed()));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => this.known.has(d.uri.toString()) && this.changed()));
    this._register({ dispose: () => clearTimeout(this.timer) });
  }

  all(): Promise<T[]> {
    this.cached ??= this.read();
    return this.cached;
  }

  /** The runbook in `uri` as this kind, read now; undefined when it is not one. */
  protected abstract readOne(uri: vscode.Uri): Promise<T | undefined>;

  private async read(): Promise<T[]> {
    const files = await this.discovery.findRunbooks();
    this.known = new Set(files.map((f) => f.uri.toString()));
    const read = await Promise.all(files.map((f) => this.readOne(f.uri).catch(() => undefined)));
    return read.filter((r): r is Awaited<T> => r !== undefined);
  }

  private changed(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.cached = undefined;
      this._onDidChange.fire();
    }, REFRESH_DELAY_MS);
  }
}
