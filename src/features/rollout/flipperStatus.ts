import * as vscode from 'vscode';
import type { FlipperFeatureState } from '../../core/flipper/flipperFeature';
import { Disposable } from '../../core/lifecycle';
import type { FlipperClient } from './flipperClient';

export type FlagStatus =
  | { readonly state: 'disconnected' }
  | { readonly state: 'reading' }
  | { readonly state: 'failed'; readonly error: string }
  | { readonly state: 'read'; readonly feature: FlipperFeatureState; readonly at: Date };

/** What Flipper says of the plans' features, for the view: read once when shown, again on Refresh or after a change. */
export class FlipperStatus extends Disposable {
  private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this._onDidChange.event;
  private connected = false;
  private readonly known = new Map<string, FlagStatus>();

  constructor(private readonly client: FlipperClient) {
    super();
    void this.update();
    this._register(client.onDidChange(() => void this.update()));
  }

  peek(feature: string): FlagStatus {
    if (!this.connected) return { state: 'disconnected' };
    const known = this.known.get(feature);
    if (known) return known;
    this.known.set(feature, { state: 'reading' });
    void this.client.feature(feature).then(
      (state) => this.set(feature, { state: 'read', feature: state, at: new Date() }),
      (error: unknown) => this.set(feature, { state: 'failed', error: error instanceof Error ? error.message : String(error) }),
    );
    return { state: 'reading' };
  }

  /** What a stage action just set and read back. */
  set(feature: string, status: FlagStatus): void {
    this.known.set(feature, status);
    this._onDidChange.fire();
  }

  refresh(): void {
    this.known.clear();
    this._onDidChange.fire();
  }

  private async update(): Promise<void> {
    this.connected = await this.client.isConnected();
    this.refresh();
  }
}
