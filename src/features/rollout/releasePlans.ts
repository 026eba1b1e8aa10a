import * as vscode from 'vscode';
import { Disposable } from '../../core/lifecycle';
import { parseReleasePlan, type ReleasePlan } from '../../core/rollout/releasePlan';
import { textRevision } from '../../core/text';
import type { RunbookDiscovery } from '../playbook/runbookDiscovery';
import type { RunbookModels } from '../playbook/runbookModels';
import { readCurrentText } from '../workspaceFiles';

/** A release plan as read: its text (the open document's, unsaved edits included), the model, and a fingerprint. */
export interface LoadedPlan {
  readonly uri: vscode.Uri;
  readonly text: string;
  readonly plan: ReleasePlan;
  /** Changes whenever the text does: an action refuses to write into a plan edited since it was read. */
  readonly revision: string;
}

const REFRESH_DELAY_MS = 200;

/** The workspace's release plans: the discovered runbooks whose text reads as one, re-read when they change. */
export class ReleasePlans extends Disposable {
  private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this._onDidChange.event;
  private cached: Promise<LoadedPlan[]> | undefined;
  private known = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly discovery: RunbookDiscovery,
    models: RunbookModels,
  ) {
    super();
    this._register(discovery.onDidChange(() => this.changed()));
    this._register(models.onDidChange((uris) => uris.some((u) => this.known.has(u.toString())) && this.changed()));
    this._register(vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length && this.known.has(e.document.uri.toString()) && this.changed()));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => this.known.has(d.uri.toString()) && this.changed()));
    this._register({ dispose: () => clearTimeout(this.timer) });
  }

  all(): Promise<LoadedPlan[]> {
    this.cached ??= this.read();
    return this.cached;
  }

  /** The plan in `uri` read now (not from the cache): what an action acts on. Undefined when it is not a release plan. */
  async get(uri: vscode.Uri): Promise<LoadedPlan | undefined> {
    const text = await readCurrentText(uri);
    const plan = parseReleasePlan(text);
    return plan && { uri, text, plan, revision: textRevision(text) };
  }

  private async read(): Promise<LoadedPlan[]> {
    const files = await this.discovery.findRunbooks();
    // Every runbook is listened to: one edited into a release plan appears without a reload.
    this.known = new Set(files.map((f) => f.uri.toString()));
    const plans = await Promise.all(files.map((f) => this.get(f.uri).catch(() => undefined)));
    return plans.filter((p): p is LoadedPlan => p !== undefined);
  }

  private changed(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.cached = undefined;
      this._onDidChange.fire();
    }, REFRESH_DELAY_MS);
  }
}
