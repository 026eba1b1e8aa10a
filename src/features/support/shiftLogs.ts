import * as vscode from 'vscode';
import { Disposable } from '../../core/lifecycle';
import { normalizeEdits, type TextEdit } from '../../core/incident/textEdits';
import { readShiftLog, type ShiftLog } from '../../core/support/shiftLog';
import { lastShiftEnded } from '../../core/support/handOff';
import { affects, folderSettings } from '../settings';
import { applyEdit, exists, insideFolder, readCurrentText } from '../workspaceFiles';

/** A shift log as read now: its text (the open document's, unsaved edits included) and what it says. */
export interface LoadedShift {
  readonly uri: vscode.Uri;
  readonly text: string;
  readonly log: ShiftLog;
}

/** A shift action refused: nothing was written, and the message says why. */
export class ShiftError extends Error {}

const CURRENT_KEY = 'runbook.support.currentShift';

export function supportFolder(folder: vscode.WorkspaceFolder): vscode.Uri {
  return insideFolder(folder, folderSettings(folder).supportFolder || 'support', 'runbook.support.folder');
}

/**
 * The shift logs: the one this window's engineer is working (remembered per workspace, so a teammate's log
 * pulled from git never becomes yours), every log of the support folders (for the last shift's end), and
 * the one-edit writes of every shift action.
 */
export class ShiftLogs extends Disposable {
  private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this._onDidChange.event;

  constructor(private readonly state: vscode.Memento) {
    super();
    const watcher = this._register(vscode.workspace.createFileSystemWatcher('**/*.md'));
    const fire = (uri: vscode.Uri) => uri.toString() === this.state.get<string>(CURRENT_KEY) && this._onDidChange.fire();
    this._register(watcher.onDidChange(fire));
    this._register(watcher.onDidDelete(fire));
    this._register(vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length && fire(e.document.uri)));
    this._register(vscode.workspace.onDidChangeConfiguration((e) => affects(e, 'support.folder') && this._onDidChange.fire()));
  }

  /** The shift in progress: the remembered log, while it exists and is not handed off. */
  async current(): Promise<LoadedShift | undefined> {
    const remembered = this.state.get<string>(CURRENT_KEY);
    if (!remembered) return undefined;
    const uri = vscode.Uri.parse(remembered, true);
    const loaded = await this.read(uri).catch(() => undefined);
    return loaded && !loaded.log.ended ? loaded : undefined;
  }

  async read(uri: vscode.Uri): Promise<LoadedShift> {
    const text = await readCurrentText(uri);
    const read = readShiftLog(text);
    if (!read.ok) throw new ShiftError(`${vscode.workspace.asRelativePath(uri)} is not a shift log: ${read.error}`);
    return { uri, text, log: read.log };
  }

  async setCurrent(uri: vscode.Uri | undefined): Promise<void> {
    await this.state.update(CURRENT_KEY, uri?.toString());
    this._onDidChange.fire();
  }

  /** Writes a new log (never over an existing file: `name-2.md` then) and makes it the current shift. */
  async create(folder: vscode.WorkspaceFolder, fileName: string, text: string): Promise<vscode.Uri> {
    const dir = supportFolder(folder);
    let uri = vscode.Uri.joinPath(dir, fileName);
    for (let n = 2; await exists(uri); n++) uri = vscode.Uri.joinPath(dir, fileName.replace(/\.md$/, `-${n}.md`));
    await vscode.workspace.fs.createDirectory(dir);
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(uri, { ignoreIfExists: false, contents: new TextEncoder().encode(text) });
    if (!(await vscode.workspace.applyEdit(edit))) throw new ShiftError(`Could not create ${vscode.workspace.asRelativePath(uri)}: nothing was written.`);
    await this.setCurrent(uri);
    return uri;
  }

  /** When the latest handed-off shift in the folder's support logs ended. */
  async lastEnded(folder: vscode.WorkspaceFolder): Promise<Date | undefined> {
    return lastShiftEnded((await this.texts(folder)).map((t) => t.text));
  }

  /** Every shift log of every workspace folder (teammates' too, as pulled): which tickets have which GitHub issue. */
  async all(): Promise<LoadedShift[]> {
    const texts = (await Promise.all((vscode.workspace.workspaceFolders ?? []).map((f) => this.texts(f)))).flat();
    return texts.flatMap(({ uri, text }) => {
      const read = readShiftLog(text);
      return read.ok ? [{ uri, text, log: read.log }] : [];
    });
  }

  private async texts(folder: vscode.WorkspaceFolder): Promise<{ uri: vscode.Uri; text: string }[]> {
    const dir = supportFolder(folder);
    let entries: [string, vscode.FileType][];
    try {
      entries = await vscode.workspace.fs.readDirectory(dir);
    } catch {
      return [];
    }
    const uris = entries.filter(([name, type]) => type === vscode.FileType.File && name.endsWith('.md')).map(([name]) => vscode.Uri.joinPath(dir, name));
    return Promise.all(uris.map(async (uri) => ({ uri, text: await readCurrentText(uri).catch(() => '') })));
  }

  /**
   * One shift action as one WorkspaceEdit of the log (one undo step; saved unless it had unsaved edits), worked
   * out on the text as it is now. Returns the log as written.
   */
  async edit(uri: vscode.Uri, compute: (text: string, log: ShiftLog) => readonly TextEdit[] | { readonly error: string }): Promise<LoadedShift> {
    const document = await vscode.workspace.openTextDocument(uri);
    const text = document.getText();
    const read = readShiftLog(text);
    if (!read.ok) throw new ShiftError(`${vscode.workspace.asRelativePath(uri)} is not a shift log: ${read.error}`);
    const edits = compute(text, read.log);
    if ('error' in edits) throw new ShiftError(edits.error);
    const sorted = normalizeEdits(edits);
    if (sorted.length) {
      const edit = new vscode.WorkspaceEdit();
      for (const e of sorted) edit.replace(uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.text);
      if (!(await applyEdit(document, edit))) throw new ShiftError(`VS Code did not apply the change to ${vscode.workspace.asRelativePath(uri)}: nothing was written.`);
    }
    this._onDidChange.fire();
    return this.read(uri);
  }
}
