import * as vscode from 'vscode';
import type { Log } from '../log';
import { affects, folderSettings } from '../settings';
import { nextFreeName } from '../../core/fileNames';
import { type IncidentState, isActive } from '../../core/incident/incident';
import { type ReadIncident } from '../../core/incident/frontMatter';
import { type IndexedRecord, isRecordFileName, RecordIndex, type RecordFiles } from '../../core/incident/recordIndex';
import type { RecordEdits } from '../../core/incident/recordEdits';
import { normalizeEdits } from '../../core/incident/textEdits';
import { Disposable } from '../../core/lifecycle';
import { applyEdit, exists, insideFolder, readCurrentText } from '../workspaceFiles';

export interface IncidentEntry {
  readonly uri: vscode.Uri;
  readonly folder: vscode.WorkspaceFolder;
  /** From the front matter alone; read the record's text with readCurrentText when it is needed. */
  readonly read: ReadIncident;
}

/** An entry whose front matter could be read. */
export type ReadableEntry = IncidentEntry & { readonly read: { readonly ok: true; readonly state: IncidentState } };

const CURRENT_KEY = 'runbook.currentIncident';
/** A resolved or declined incident the person selected on purpose (Select Incident), not one that was current when it closed. */
const CHOSEN_CLOSED_KEY = 'runbook.chosenClosedIncident';
/** CURRENT_KEY's value once the person chose no incident. */
const NONE = 'none';
const RELOAD_DELAY_MS = 150;

export function incidentsFolder(folder: vscode.WorkspaceFolder): string {
  return folderSettings(folder).incidentsFolder || 'incidents';
}

/** The incidents folder of a workspace folder; a setting leading outside the folder is refused. */
export function incidentsDir(folder: vscode.WorkspaceFolder): vscode.Uri {
  return insideFolder(folder, incidentsFolder(folder), 'runbook.incidentsFolder');
}

export function isReadable(entry: IncidentEntry): entry is ReadableEntry {
  return entry.read.ok;
}

/**
 * The incidents of the workspace, read from the front matter of their
 * documents, so a reload, a second window or a teammate's pull see the same
 * state. Records are read lazily and cached by modification time (RecordIndex):
 * a change of one record reads that record alone. Writes go through
 * WorkspaceEdits, one at a time per document.
 *
 * The selected incident is the one started or chosen last, even once resolved or
 * declined (its ticks stay visible); the current incident is the selected one while
 * it is active, else the latest active one.
 */
export class IncidentStore extends Disposable {
  private readonly index: RecordIndex<vscode.Uri>;
  private readonly entries = new WeakMap<IndexedRecord<vscode.Uri>, IncidentEntry>();
  private readonly readsOf = new Map<string, number>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this._onDidChange.event;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The incident selected() last returned: when it closes without having been chosen, it is kept selected. */
  private lastSelected: string | undefined;

  constructor(
    private readonly state: vscode.Memento,
    private readonly log: Log,
  ) {
    super();
    this.index = new RecordIndex(this.recordFiles(), () => this.dirs(), (uri, message) => this.log.warn(`${vscode.workspace.asRelativePath(uri)}: ${message}`));
    const watcher = this._register(vscode.workspace.createFileSystemWatcher('**/*.md'));
    const when = (invalidate: (uri: vscode.Uri) => void) => (uri: vscode.Uri) => {
      if (!this.isIncidentPath(uri)) return;
      invalidate(uri);
      this.scheduleReload();
    };
    this._register(watcher.onDidCreate(when(() => this.index.relist())));
    this._register(watcher.onDidDelete(when(() => this.index.relist())));
    this._register(watcher.onDidChange(when((uri) => this.index.changed(uri))));
    // A record written right after its new folder (a pull that adds incidents/) can reach no watcher: the
    // folder is not watched yet when the file appears. The folder's own creation always does.
    const folders = this._register(vscode.workspace.createFileSystemWatcher('**/*', false, true, true));
    this._register(folders.onDidCreate((uri) => {
      if (!this.isIncidentsFolder(uri)) return;
      this.index.relist();
      this.scheduleReload();
    }));
    // An open document's text wins over its file: its edits (and closing it unsaved) change that record alone.
    this._register(vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length > 0 && when((uri) => this.index.forget(uri))(e.document.uri)));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => when((uri) => this.index.forget(uri))(d.uri)));
    this._register(vscode.workspace.onDidChangeConfiguration((e) => affects(e, 'incidentsFolder') && this.scheduleReload()));
    this._register(vscode.workspace.onDidChangeWorkspaceFolders(() => this.scheduleReload()));
    this._register({ dispose: () => clearTimeout(this.timer) });
  }

  /** Every record of the incidents folders, newest file name first (unreadable ones included, with their error). */
  async all(): Promise<IncidentEntry[]> {
    return (await this.index.records()).map((record) => {
      let entry = this.entries.get(record);
      if (!entry) {
        const folder = vscode.workspace.getWorkspaceFolder(record.uri);
        if (!folder) return undefined;
        entry = { uri: record.uri, folder, read: record.read };
        this.entries.set(record, entry);
      }
      return entry;
    }).filter((e): e is IncidentEntry => e !== undefined);
  }

  /** The incident started or chosen last, even resolved or declined; else the latest active one. */
  async selected(): Promise<ReadableEntry | undefined> {
    const readable = (await this.all()).filter(isReadable);
    const chosen = this.state.get<string>(CURRENT_KEY);
    if (chosen === NONE) return latestActive(readable);
    let selected = readable.find((e) => e.uri.toString() === chosen);
    if (!selected && chosen === undefined) {
      // The incident shown by default (never chosen) that was just resolved stays selected, so its ticks stay visible.
      const last = readable.find((e) => e.uri.toString() === this.lastSelected);
      if (last && !isActive(last.read.state)) {
        selected = last;
        await this.state.update(CURRENT_KEY, last.uri.toString());
      }
    }
    // A closed incident kept selected only because it was current gives way to an active one: ticks and
    // commands then follow the incident the status bar shows. One chosen while closed stays, on purpose.
    if (selected && !isActive(selected.read.state) && this.state.get<string>(CHOSEN_CLOSED_KEY) !== selected.uri.toString()) selected = latestActive(readable) ?? selected;
    selected ??= latestActive(readable);
    this.lastSelected = selected?.uri.toString();
    return selected;
  }

  /** The current incident (what "the incident" of a command means): the selected one while it is active, else the latest active one. */
  async current(): Promise<ReadableEntry | undefined> {
    const selected = await this.selected();
    if (selected && isActive(selected.read.state)) return selected;
    return latestActive((await this.all()).filter(isReadable));
  }

  /** Selects no incident: the Playbook shows the workspace's own ticks until an incident is started or chosen (an active one still counts). */
  async clearSelection(): Promise<void> {
    await this.state.update(CURRENT_KEY, NONE);
    await this.state.update(CHOSEN_CLOSED_KEY, undefined);
    this.lastSelected = undefined;
    this.fire();
  }

  /** Selects an incident, active or closed, until another is started or chosen. */
  async setCurrent(uri: vscode.Uri): Promise<void> {
    // A record just created may not be listed yet (the file watcher reports it later): list it now.
    this.index.changed(uri);
    await this.state.update(CURRENT_KEY, uri.toString());
    const chosen = (await this.all()).find((e) => e.uri.toString() === uri.toString());
    await this.state.update(CHOSEN_CLOSED_KEY, chosen?.read.ok && !isActive(chosen.read.state) ? uri.toString() : undefined);
    this.lastSelected = uri.toString();
    this.fire();
  }

  /** The record changed (with a URI: only that one, which alone is read again); the others are not read again. */
  reload(changed?: vscode.Uri): void {
    if (changed) this.index.forget(changed);
    else this.index.relist();
    this.fire();
  }

  /** How many times each record (URI string) was read from disk or its open document: for tests of the cache. */
  recordReads(): Readonly<Record<string, number>> {
    return Object.fromEntries(this.readsOf);
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
        // Nothing to change (a refresh with nothing new): no edit, no save.
        if (!planned.edits.length) return { ...planned, line: document.positionAt(planned.focus).line };
        const edit = new vscode.WorkspaceEdit();
        for (const e of normalizeEdits(planned.edits)) edit.replace(uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.text);
        if (await applyEdit(document, edit)) return { ...planned, line: document.positionAt(planned.focus).line };
        if (document.version === version || attempt === 3) throw new Error(`The edit to ${vscode.workspace.asRelativePath(uri)} was rejected.`);
      }
    });
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
        if (await vscode.workspace.applyEdit(edit)) {
          if (this.isIncidentPath(target)) this.index.relist();
          return target;
        }
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

  private isIncidentsFolder(uri: vscode.Uri): boolean {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return folder !== undefined && uri.path === vscode.Uri.joinPath(folder.uri, incidentsFolder(folder)).path;
  }

  private isIncidentPath(uri: vscode.Uri): boolean {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return false;
    const dir = vscode.Uri.joinPath(folder.uri, incidentsFolder(folder)).path;
    const name = uri.path.slice(dir.length + 1);
    // A post-mortem beside the records is not one: typing in it must not make the index look again.
    return uri.path.startsWith(`${dir}/`) && !name.includes('/') && isRecordFileName(name);
  }

  private fire(): void {
    clearTimeout(this.timer);
    this._onDidChange.fire();
  }

  private scheduleReload(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this._onDidChange.fire(), RELOAD_DELAY_MS);
  }

  /** The incidents folder of each workspace folder (one whose setting leads outside it is reported and skipped). */
  private dirs(): vscode.Uri[] {
    const dirs: vscode.Uri[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      try {
        dirs.push(incidentsDir(folder));
      } catch (error) {
        this.log.warn(`Incidents of ${folder.name} not read: ${describe(error)}`);
      }
    }
    return dirs;
  }

  private recordFiles(): RecordFiles<vscode.Uri> {
    return {
      list: async (dir) => {
        try {
          const names = await vscode.workspace.fs.readDirectory(dir);
          return names.filter(([, type]) => type === vscode.FileType.File).map(([name]) => ({ uri: vscode.Uri.joinPath(dir, name), name }));
        } catch (error) {
          if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
          throw error;
        }
      },
      stat: async (uri) => {
        try {
          const { mtime, size } = await vscode.workspace.fs.stat(uri);
          return { mtime, size };
        } catch (error) {
          if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
          throw error;
        }
      },
      read: (uri) => {
        const key = uri.toString();
        this.readsOf.set(key, (this.readsOf.get(key) ?? 0) + 1);
        return readCurrentText(uri);
      },
      key: (uri) => uri.toString(),
    };
  }
}

function latestActive(entries: readonly ReadableEntry[]): ReadableEntry | undefined {
  let latest: ReadableEntry | undefined;
  for (const e of entries) if (isActive(e.read.state) && (!latest || e.read.state.startedAt > latest.read.state.startedAt)) latest = e;
  return latest;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The change's edits, or an error naming the record and what is wrong with it. */
export function changeOrThrow<T extends RecordEdits>(uri: vscode.Uri, change: ({ ok: true } & T) | { ok: false; error: string }): T {
  if (!change.ok) throw new Error(`${vscode.workspace.asRelativePath(uri)}: ${change.error}. Fix its front matter, or use Repair Incident Record in the Incident view.`);
  return change;
}
