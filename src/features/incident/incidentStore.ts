import * as vscode from 'vscode';
import { type IncidentState } from '../../core/incident/incident';
import { frontMatterLength, insertUnderSection, readIncident, type ReadIncident, withState } from '../../core/incident/incidentDocument';
import { Disposable } from '../../core/lifecycle';
import { CONFIG_SECTION } from '../configuration';
import { applyEdit, insideFolder, readCurrentText } from '../workspaceFiles';

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
  return vscode.workspace.getConfiguration(CONFIG_SECTION, folder.uri).get<string>('incidentsFolder', 'incidents') || 'incidents';
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

  constructor(private readonly state: vscode.Memento) {
    super();
    const watcher = this._register(vscode.workspace.createFileSystemWatcher('**/*.md'));
    const maybe = (uri: vscode.Uri) => this.isIncidentPath(uri) && this.scheduleReload();
    this._register(watcher.onDidCreate(maybe));
    this._register(watcher.onDidDelete(maybe));
    this._register(watcher.onDidChange(maybe));
    this._register(vscode.workspace.onDidChangeTextDocument((e) => maybe(e.document.uri)));
    this._register(vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(`${CONFIG_SECTION}.incidentsFolder`) && this.scheduleReload()));
    this._register({ dispose: () => clearTimeout(this.timer) });
  }

  all(): Promise<IncidentEntry[]> {
    this.entries ??= this.scan();
    return this.entries;
  }

  /** The current incident: the one chosen with Switch Incident while it is active, else the latest active one. */
  async current(): Promise<(IncidentEntry & { read: { ok: true; state: IncidentState } }) | undefined> {
    const active = (await this.all()).filter((e): e is IncidentEntry & { read: { ok: true; state: IncidentState } } => e.read.ok && e.read.state.status === 'active');
    const chosen = this.state.get<string>(CURRENT_KEY);
    return active.find((e) => e.uri.toString() === chosen) ?? active.sort((a, b) => b.read.state.startedAt.localeCompare(a.read.state.startedAt))[0];
  }

  async setCurrent(uri: vscode.Uri): Promise<void> {
    await this.state.update(CURRENT_KEY, uri.toString());
    this.reload();
  }

  reload(): void {
    clearTimeout(this.timer);
    this.entries = undefined;
    this._onDidChange.fire();
  }

  /** Rewrites the front matter; the body, and any unsaved edit in an editor, are kept. */
  updateState(uri: vscode.Uri, change: (state: IncidentState) => IncidentState): Promise<IncidentState> {
    return this.enqueue(uri, async (document) => {
      const read = readIncident(document.getText());
      if (!read.ok) throw new Error(`${vscode.workspace.asRelativePath(uri)}: ${read.error}. Use Repair in the Incident view first.`);
      const next = change(read.state);
      const text = document.getText();
      await replaceFrontMatter(document, text, withState(text, next));
      return next;
    });
  }

  /** Adds lines at the end of a section; a record without that section (written by hand) gets it at its end. */
  appendToSection(uri: vscode.Uri, heading: RegExp, sectionName: string, lines: readonly string[]): Promise<number> {
    return this.enqueue(uri, async (document) => {
      const inserted = insertUnderSection(document.getText(), heading, lines);
      const edit = new vscode.WorkspaceEdit();
      if (!inserted) {
        const end = document.lineAt(document.lineCount - 1).range.end;
        const gap = document.getText().endsWith('\n') ? '\n' : '\n\n';
        edit.insert(uri, end, `${gap}## ${sectionName}\n${lines.join('\n')}\n`);
        await apply(document, edit);
        return document.lineCount - lines.length - 1;
      }
      const at = new vscode.Position(inserted.line, 0);
      if (inserted.line >= document.lineCount) {
        const last = document.lineAt(document.lineCount - 1);
        edit.insert(uri, last.range.end, `${last.text === '' ? '' : '\n'}${lines.join('\n')}\n`);
      } else {
        edit.insert(uri, at, `${lines.join('\n')}\n`);
      }
      await apply(document, edit);
      return inserted.line;
    });
  }

  /** Runs document edits one after another per file, so rapid appends land in order. */
  private enqueue<T>(uri: vscode.Uri, work: (document: vscode.TextDocument) => Promise<T>): Promise<T> {
    const key = uri.toString();
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.then(async () => work(await vscode.workspace.openTextDocument(uri)));
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
      } catch {
        continue;
      }
      for (const [name, type] of names) {
        if (type !== vscode.FileType.File || !name.endsWith('.md') || name.endsWith('-postmortem.md')) continue;
        const uri = vscode.Uri.joinPath(dir, name);
        const text = await readText(uri);
        if (text !== undefined) found.push({ uri, folder, text, read: readIncident(text) });
      }
    }
    return found.sort((a, b) => b.uri.path.localeCompare(a.uri.path));
  }
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return await readCurrentText(uri);
  } catch {
    return undefined;
  }
}

/** Replaces the front matter block (the first `frontMatterLength` characters) with the new one, in one edit. */
async function replaceFrontMatter(document: vscode.TextDocument, before: string, after: string): Promise<void> {
  const oldLength = frontMatterLength(before);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(oldLength)), after.slice(0, frontMatterLength(after)));
  await apply(document, edit);
}

async function apply(document: vscode.TextDocument, edit: vscode.WorkspaceEdit): Promise<void> {
  if (!(await applyEdit(document, edit))) throw new Error(`The edit to ${vscode.workspace.asRelativePath(document.uri)} was rejected.`);
}
