import * as vscode from 'vscode';
import type { Log } from '../log';
import { affects, folderSettings } from '../settings';
import { nextFreeName } from '../../core/fileNames';
import { type IncidentState, isActive } from '../../core/incident/incident';
import { readIncident, type ReadIncident } from '../../core/incident/frontMatter';
import { isPostmortemFileName } from '../../core/incident/postmortem';
import { appendToSections, type RecordEdits, type SectionAddition } from '../../core/incident/recordEdits';
import { normalizeEdits } from '../../core/incident/textEdits';
import { Disposable } from '../../core/lifecycle';
import { applyEdit, exists, insideFolder, readCurrentText } from '../workspaceFiles';

export interface IncidentEntry {
  readonly uri: vscode.Uri;
  readonly folder: vscode.WorkspaceFolder;
  readonly read: ReadIncident;
  /** The document's text when it was read (open editor or disk). */
  readonly text: string;
}

const CURRENT_KEY = 'runbook.currentIncident';
const RELOAD_DELAY_MS = 150;

export function incidentsFolder(folder: vscode.WorkspaceFolder): string {
  return folderSettings(folder).incidentsFolder || 'incidents';
}

/** The incidents folder of a workspace folder; a setting leading outside the folder is refused. */
export function incidentsDir(folder: vscode.WorkspaceFolder): vscode.Uri {
  return insideFolder(folder, incidentsFolder(folder), 'runbook.incidentsFolder');
}

/**
 * The incidents of the workspace, read from the front matter of their
 * documents, so a reload, a second window or a teammate's pull see the same
 * state. Writes go through WorkspaceEdits, one at a time per document.
 */
export class IncidentStore extends Disposable {
  private entries: Promise<IncidentEntry[]> | undefined;
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this._onDidChange.event;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly state: vscode.Memento,
    private readonly log: Log,
  ) {
    super();
    const watcher = this._register(vscode.workspace.createFileSystemWatcher('**/*.md'));
    const maybe = (uri: vscode.Uri) => this.isIncidentPath(uri) && this.scheduleReload();
    this._register(watcher.onDidCreate(maybe));
    this._register(watcher.onDidDelete(maybe));
    this._register(watcher.onDidChange(maybe));
    this._register(vscode.workspace.onDidChangeTextDocument((e) => maybe(e.document.uri)));
    this._register(vscode.workspace.onDidChangeConfiguration((e) => affects(e, 'incidentsFolder') && this.scheduleReload()));
    this._register({ dispose: () => clearTimeout(this.timer) });
  }

  all(): Promise<IncidentEntry[]> {
    this.entries ??= this.scan();
    return this.entries;
  }

  /** The current incident: the one chosen with Switch Incident while it is active, else the latest active one. */
  async current(): Promise<(IncidentEntry & { read: { ok: true; state: IncidentState } }) | undefined> {
    const active = (await this.all()).filter((e): e is IncidentEntry & { read: { ok: true; state: IncidentState } } => e.read.ok && isActive(e.read.state));
    const chosen = this.state.get<string>(CURRENT_KEY);
    return active.find((e) => e.uri.toString() === chosen) ?? active.sort((a, b) => b.read.state.startedAt.localeCompare(a.read.state.startedAt))[0];
  }

  async setCurrent(uri: vscode.Uri): Promise<void> {
    await this.state.update(CURRENT_KEY, uri.toString());
    this.reload();
  }

  /** Reads the records again; with a URI, only that record changed (the others need not be read again). */
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- every record is read again until records are cached one by one
  reload(changed?: vscode.Uri): void {
    clearTimeout(this.timer);
    this.entries = undefined;
    this._onDidChange.fire();
  }

  /**
   * Applies the edits `plan` makes from the document's current text (unsaved
   * edits included) as one WorkspaceEdit: one undo step, and one save when the
   * document had no unsaved changes. Returns the plan's result and the line of its focus.
   */
  edit<T extends RecordEdits>(uri: vscode.Uri, plan: (text: string) => T): Promise<T & { line: number }> {
    return this.enqueue(uri.toString(), async () => {
      const document = await vscode.workspace.openTextDocument(uri);
      // A keystroke between reading the text and applying makes VS Code refuse the edit: plan again on the new text.
      for (let attempt = 1; ; attempt++) {
        const version = document.version;
        const planned = plan(document.getText());
        const edit = new vscode.WorkspaceEdit();
        for (const e of normalizeEdits(planned.edits)) edit.replace(uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.text);
        if (await applyEdit(document, edit)) return { ...planned, line: document.positionAt(planned.focus).line };
        if (document.version === version || attempt === 3) throw new Error(`The edit to ${vscode.workspace.asRelativePath(uri)} was rejected.`);
      }
    });
  }

  /** Adds lines at the end of a section; a record without that section (written by hand) gets it at its end. */
  appendToSection(uri: vscode.Uri, heading: RegExp, sectionName: string, lines: readonly string[]): Promise<number> {
    return this.appendToSections(uri, [{ heading, name: sectionName, lines }]);
  }

  /** Adds lines to several sections in one edit; returns the line of the first added. */
  async appendToSections(uri: vscode.Uri, additions: readonly SectionAddition[]): Promise<number> {
    return (await this.edit(uri, (text) => appendToSections(text, additions))).line;
  }

  /**
   * Creates `dir/fileName` with the text `render` makes for the name chosen, never
   * overwriting: the file is created only if it does not exist, and the next free
   * name (`-2`, `-3`…) is taken otherwise. Creations in a folder run one at a time.
   */
  create(dir: vscode.Uri, fileName: string, render: (name: string) => string): Promise<vscode.Uri> {
    return this.enqueue(dir.toString(), async () => {
      await vscode.workspace.fs.createDirectory(dir);
      for (let attempt = 0; attempt < 3; attempt++) {
        const name = await nextFreeName(fileName, (candidate) => exists(vscode.Uri.joinPath(dir, candidate)));
        const target = vscode.Uri.joinPath(dir, name);
        const edit = new vscode.WorkspaceEdit();
        edit.createFile(target, { overwrite: false, contents: new TextEncoder().encode(render(name)) });
        if (await vscode.workspace.applyEdit(edit)) return target;
        // Refused: another window took the name since the check, or the folder cannot be written.
        if (!(await exists(target))) throw new Error(`the file ${name} could not be created`);
      }
      throw new Error(`another window keeps taking the name ${fileName}`);
    });
  }

  /** Runs writes one after another per file (or folder), so rapid appends land in order and creations never race. */
  private enqueue<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.then(work);
    this.queues.set(key, next.catch(() => undefined));
    return next;
  }

  private isIncidentPath(uri: vscode.Uri): boolean {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder || !uri.path.endsWith('.md')) return false;
    const dir = vscode.Uri.joinPath(folder.uri, incidentsFolder(folder)).path;
    return uri.path.startsWith(`${dir}/`) && !uri.path.slice(dir.length + 1).includes('/');
  }

  private scheduleReload(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.reload(), RELOAD_DELAY_MS);
  }

  private async scan(): Promise<IncidentEntry[]> {
    const found: IncidentEntry[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      let names: [string, vscode.FileType][];
      let dir: vscode.Uri;
      try {
        dir = incidentsDir(folder);
        names = await vscode.workspace.fs.readDirectory(dir);
      } catch (error) {
        if (!(error instanceof vscode.FileSystemError && error.code === 'FileNotFound')) this.log.warn(`Incidents of ${folder.name} not read: ${describe(error)}`);
        continue;
      }
      for (const [name, type] of names) {
        if (type !== vscode.FileType.File || !name.endsWith('.md') || isPostmortemFileName(name)) continue;
        const uri = vscode.Uri.joinPath(dir, name);
        const text = await this.readText(uri);
        if (text === undefined) continue;
        const read = readIncident(text);
        if (!read.ok) this.log.warn(`${vscode.workspace.asRelativePath(uri)}: ${read.error}`);
        found.push({ uri, folder, text, read });
      }
    }
    return found.sort((a, b) => b.uri.path.localeCompare(a.uri.path));
  }

  private async readText(uri: vscode.Uri): Promise<string | undefined> {
    try {
      return await readCurrentText(uri);
    } catch (error) {
      this.log.warn(`Incident record ${vscode.workspace.asRelativePath(uri)} not read: ${describe(error)}`);
      return undefined;
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The change's edits, or an error naming the record and what is wrong with it. */
export function changeOrThrow<T extends RecordEdits>(uri: vscode.Uri, change: ({ ok: true } & T) | { ok: false; error: string }): T {
  if (!change.ok) throw new Error(`${vscode.workspace.asRelativePath(uri)}: ${change.error}. Fix its front matter, or use Repair Incident Record in the Incident view.`);
  return change;
}
