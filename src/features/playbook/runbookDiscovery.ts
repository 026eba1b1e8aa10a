import * as vscode from 'vscode';
import { Disposable } from '../../core/lifecycle';
import { createRunbookMatcher, MARKDOWN_GLOB } from '../../core/runbookFiles';
import type { Log } from '../log';
import { affects, folderSettings } from '../settings';

export interface RunbookFile {
  readonly uri: vscode.Uri;
  readonly folder: vscode.WorkspaceFolder;
  /** Path relative to its workspace folder, with forward slashes. */
  readonly relativePath: string;
}

const MAX_MARKDOWN_FILES = 20_000;
const ADDED_FILES_KEY = 'runbook.addedFiles';
const REFRESH_DELAY_MS = 200;

/**
 * Finds the runbooks of every workspace folder and says when that list may
 * have changed. Searching is lazy: nothing runs until someone asks.
 */
export class RunbookDiscovery extends Disposable {
  private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
  /** Fires (debounced) after Markdown files are created, deleted, renamed or the settings change. */
  readonly onDidChange = this._onDidChange.event;

  private cached: Promise<RunbookFile[]> | undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly warnedPatterns = new Set<string>();

  constructor(
    private readonly state: vscode.Memento,
    private readonly log: Log,
  ) {
    super();
    const watcher = this._register(vscode.workspace.createFileSystemWatcher(MARKDOWN_GLOB, false, true, false));
    this._register(watcher.onDidCreate(() => this.scheduleRefresh()));
    this._register(watcher.onDidDelete(() => this.scheduleRefresh()));
    // A file written right after its new folder (a pull that adds playbooks/) can reach no watcher:
    // the folder is not watched yet when the file appears. The folder's own creation always does.
    const folders = this._register(vscode.workspace.createFileSystemWatcher('**/*', false, true, true));
    this._register(folders.onDidCreate((uri) => isLikelyFolder(uri) && this.scheduleRefresh()));
    this._register(vscode.workspace.onDidChangeWorkspaceFolders(() => this.scheduleRefresh()));
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affects(e, 'files')) this.scheduleRefresh();
      }),
    );
    this._register({ dispose: () => clearTimeout(this.refreshTimer) });
  }

  findRunbooks(): Promise<RunbookFile[]> {
    this.cached ??= this.search();
    return this.cached;
  }

  /** Forgets the cached list and notifies listeners right away. */
  refresh(): void {
    clearTimeout(this.refreshTimer);
    this.cached = undefined;
    this._onDidChange.fire();
  }

  /** Markdown files the user added with "Open as Runbook", remembered per workspace. */
  addedFiles(): vscode.Uri[] {
    return this.state.get<string[]>(ADDED_FILES_KEY, []).map((s) => vscode.Uri.parse(s));
  }

  async setAdded(uri: vscode.Uri, added: boolean): Promise<void> {
    const others = this.state.get<string[]>(ADDED_FILES_KEY, []).filter((s) => s !== uri.toString());
    await this.state.update(ADDED_FILES_KEY, added ? [...others, uri.toString()] : others);
    this.refresh();
  }

  /** Refreshes after the usual short delay, coalescing bursts of changes. */
  scheduleRefresh(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => this.refresh(), REFRESH_DELAY_MS);
  }

  private async search(): Promise<RunbookFile[]> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const perFolder = await Promise.all(folders.map((folder) => this.searchFolder(folder)));
    return perFolder.flat();
  }

  private async searchFolder(folder: vscode.WorkspaceFolder): Promise<RunbookFile[]> {
    const matcher = createRunbookMatcher(folderSettings(folder).files);
    this.warnAboutInvalidPatterns(matcher.invalidPatterns);
    const uris = await vscode.workspace.findFiles(
      new vscode.RelativePattern(folder, MARKDOWN_GLOB),
      '**/node_modules/**',
      MAX_MARKDOWN_FILES,
    );
    if (uris.length >= MAX_MARKDOWN_FILES) this.log.warn(`${folder.name}: stopped looking for runbooks after ${MAX_MARKDOWN_FILES} Markdown files; runbooks past them are not listed (Open as Runbook adds one).`);
    const toFile = (uri: vscode.Uri): RunbookFile => ({ uri, folder, relativePath: vscode.workspace.asRelativePath(uri, false) });
    const found = uris.map(toFile).filter((file) => matcher.matches(file.relativePath));
    const known = new Set(found.map((f) => f.uri.toString()));
    const added = this.addedFiles()
      .filter((uri) => !known.has(uri.toString()) && vscode.workspace.getWorkspaceFolder(uri)?.uri.toString() === folder.uri.toString())
      .map(toFile);
    return [...found, ...added].sort((a, b) => a.relativePath.localeCompare(b.relativePath));
  }

  private warnAboutInvalidPatterns(patterns: readonly string[]): void {
    const fresh = patterns.filter((p) => !this.warnedPatterns.has(p));
    if (fresh.length === 0) return;
    fresh.forEach((p) => this.warnedPatterns.add(p));
    this.log.warn(`runbook.files: invalid patterns ignored: ${fresh.join(', ')}`);
    void vscode.window.showWarningMessage(
      `Ignoring invalid pattern${fresh.length > 1 ? 's' : ''} in setting runbook.files: ${fresh.map((p) => JSON.stringify(p)).join(', ')}`,
    );
  }
}

/** A created entry without an extension: most likely a folder, which may hold runbooks no event announced. */
function isLikelyFolder(uri: vscode.Uri): boolean {
  const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
  return name.length > 0 && !name.includes('.');
}
