import * as vscode from 'vscode';
import { Disposable } from '../../core/lifecycle';
import type { Runbook } from '../../core/runbook/model';
import { parseRunbook } from '../../core/runbook/parseRunbook';
import { Sequencer } from '../../core/sequencer';
import type { Log } from '../log';
import { readCurrentText } from '../workspaceFiles';

export type LoadedRunbook = { readonly ok: true; readonly runbook: Runbook; readonly text: string } | { readonly ok: false; readonly error: string };

const REFRESH_DELAY_MS = 200;
const MISSING = 'the file no longer exists';

/**
 * Parses runbooks on demand and caches the models until their text changes.
 * The text comes from the open document when there is one, so unsaved edits
 * show in the tree; otherwise from disk, decoded as strict UTF-8.
 */
export class RunbookModels extends Disposable {
  private readonly cache = new Map<string, Promise<LoadedRunbook>>();
  private readonly _onDidChange = this._register(new vscode.EventEmitter<vscode.Uri[]>());
  /** Fires, debounced, with the runbooks whose text changed (edit, save, change on disk). */
  readonly onDidChange = this._onDidChange.event;
  private readonly _onDidFindMissing = this._register(new vscode.EventEmitter<vscode.Uri>());
  /** Fires when a runbook that was listed no longer exists: a file watcher event was missed. */
  readonly onDidFindMissing = this._onDidFindMissing.event;
  private pending = new Map<string, vscode.Uri>();
  /** A read that finishes after the file changed again must not act on the cache (newer results win). */
  private readonly sequencer = new Sequencer<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly log: Log) {
    super();
    this._register(vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length && this.changed(e.document.uri)));
    this._register(vscode.workspace.onDidSaveTextDocument((d) => this.changed(d.uri)));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => this.changed(d.uri)));
    const watcher = this._register(vscode.workspace.createFileSystemWatcher('**/*.{md,markdown}', true, false, true));
    this._register(watcher.onDidChange((uri) => this.changed(uri)));
    this._register({ dispose: () => clearTimeout(this.timer) });
  }

  load(uri: vscode.Uri): Promise<LoadedRunbook> {
    const key = uri.toString();
    let loaded = this.cache.get(key);
    if (!loaded) {
      const ticket = this.sequencer.next(key);
      loaded = read(uri).then((result) => this.logged(uri, result));
      this.cache.set(key, loaded);
      void loaded.then((result) => {
        if (!this.sequencer.isCurrent(ticket) || result.ok || result.error !== MISSING) return;
        this.cache.delete(key);
        this._onDidFindMissing.fire(uri);
      });
    }
    return loaded;
  }

  private logged(uri: vscode.Uri, result: LoadedRunbook): LoadedRunbook {
    const path = vscode.workspace.asRelativePath(uri);
    if (!result.ok) this.log.warn(`${path}: not read: ${result.error}`);
    else if (result.runbook.parseError) this.log.warn(`${path}: shown as plain text: ${result.runbook.parseError}`);
    else if (result.runbook.parseWarning) this.log.warn(`${path}: ${result.runbook.parseWarning}`);
    return result;
  }

  /** Forgets a model now (after the extension itself edited the file). */
  invalidate(uri: vscode.Uri): void {
    this.sequencer.invalidate(uri.toString());
    this.cache.delete(uri.toString());
  }

  private changed(uri: vscode.Uri): void {
    if (!this.cache.has(uri.toString())) return;
    this.sequencer.invalidate(uri.toString());
    this.cache.delete(uri.toString());
    this.pending.set(uri.toString(), uri);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const uris = [...this.pending.values()];
      this.pending = new Map();
      this._onDidChange.fire(uris);
    }, REFRESH_DELAY_MS);
  }
}

async function read(uri: vscode.Uri): Promise<LoadedRunbook> {
  const fileName = uri.path.slice(uri.path.lastIndexOf('/') + 1);
  try {
    const text = await readCurrentText(uri, new TextDecoder('utf-8', { fatal: true }));
    return { ok: true, runbook: parseRunbook(text, { fileName }), text };
  } catch (error) {
    return { ok: false, error: describeReadError(error) };
  }
}

function describeReadError(error: unknown): string {
  if (error instanceof TypeError && /encod|decode/i.test(error.message)) return 'the file is not valid UTF-8 text';
  if (error instanceof vscode.FileSystemError) {
    if (error.code === 'FileNotFound') return MISSING;
    if (error.code === 'NoPermissions') return 'permission denied';
  }
  const message = error instanceof Error ? error.message : String(error);
  return /EACCES|permission/i.test(message) ? 'permission denied' : message;
}
