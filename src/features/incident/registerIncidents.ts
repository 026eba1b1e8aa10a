import * as vscode from 'vscode';
import { type IncidentInput, type IncidentState, isActive } from '../../core/incident/incident';
import { closedHistory, incidentDescription } from '../../core/incident/incidentHistory';
import { repairIncidentDocument, timelineEntry } from '../../core/incident/incidentDocument';
import { changeIncident } from '../../core/incident/recordEdits';
import type { IDisposable } from '../../core/lifecycle';
import { Sequencer } from '../../core/sequencer';
import { applyEdit } from '../workspaceFiles';
import type { RunbookDiscovery } from '../playbook/runbookDiscovery';
import type { RunbookModels } from '../playbook/runbookModels';
import { createIncident, IncidentInputError } from './createIncident';
import { IncidentFormPanel } from './incidentFormPanel';
import { IncidentStatusBar } from './incidentStatusBar';
import { changeOrThrow, type IncidentEntry, type IncidentStore, isReadable, type ReadableEntry } from './incidentStore';
import type { IncidentElement, IncidentTreeProvider } from './incidentTreeProvider';
import { announceRecordChange } from './recordFeedback';
import { registerTemplatePreview } from '../templates/templatePreview';
import { incidentTemplatePreview } from '../templates/incidentTemplatePreview';
import type { TemplateLoader } from '../templates/templateLoader';

const INCIDENT_VIEW_ID = 'runbook.incident';
/** Context key: true while an incident is active, for `when` clauses of incident-only commands and keybindings. */
const HAS_ACTIVE_INCIDENT = 'runbook.hasActiveIncident';

interface Deps {
  readonly context: vscode.ExtensionContext;
  readonly store: IncidentStore;
  readonly discovery: RunbookDiscovery;
  readonly models: RunbookModels;
  readonly incidentView: IncidentTreeProvider;
  readonly templates: TemplateLoader;
}

type CurrentIncident = IncidentEntry & { read: { ok: true; state: IncidentState } };

export function registerIncidents(deps: Deps): IDisposable[] {
  const { store, models, discovery, context, incidentView: provider } = deps;
  const preview = incidentTemplatePreview({ templates: deps.templates, models });
  const form = new IncidentFormPanel(context.extensionUri, discovery, models, (input) => startFromInput(input), preview);

  async function startFromInput(input: IncidentInput): Promise<vscode.Uri | undefined> {
    return createIncident(input, { store, models, templates: deps.templates });
  }

  async function requireCurrent(): Promise<CurrentIncident | undefined> {
    const current = await store.current();
    if (!current) void vscode.window.showInformationMessage('No active incident. Start one with "Runbook: Start Incident…".');
    return current;
  }

  /** Active incidents first (the current one picked), then closed ones, most recent first; "none" while a closed one is selected and none is active. */
  async function pickIncident(): Promise<vscode.Uri | 'none' | undefined> {
    const readable = (await store.all()).filter(isReadable);
    if (readable.length === 0) {
      void vscode.window.showInformationMessage('No incident to select. Start one with "Runbook: Start Incident…".');
      return undefined;
    }
    const selectedEntry = await store.selected();
    const selected = selectedEntry?.uri.toString();
    const item = (e: ReadableEntry) => ({ label: e.read.state.title, description: incidentDescription(e.read.state, new Date()), detail: vscode.workspace.asRelativePath(e.uri), picked: e.uri.toString() === selected, uri: e.uri });
    const active = readable.filter((e) => isActive(e.read.state)).map(item);
    const history = closedHistory(readable, (e) => e.read.state, { limit: Number.MAX_SAFE_INTEGER });
    const closed = history.recent.map(item);
    const separator = (label: string) => ({ label, kind: vscode.QuickPickItemKind.Separator }) as vscode.QuickPickItem & { uri?: vscode.Uri | 'none' };
    const none = !active.length && selectedEntry && !isActive(selectedEntry.read.state) ? [{ label: '$(circle-slash) No incident', description: 'the Playbook shows your own ticks again', uri: 'none' as const }] : [];
    const pick = await vscode.window.showQuickPick([...none, ...(active.length ? [separator('Active'), ...active] : []), ...(closed.length ? [separator('Resolved'), ...closed] : [])], {
      title: 'Select Incident',
      placeHolder: 'Which incident? A resolved one shows its ticks in the Playbook.',
      matchOnDescription: true,
    });
    return pick?.uri;
  }

  const contextReads = new Sequencer<'active'>();
  const updateContext = () =>
    contextReads.run(
      'active',
      () => store.current(),
      (current) => void vscode.commands.executeCommand('setContext', HAS_ACTIVE_INCIDENT, current !== undefined),
    );
  void updateContext();

  return [
    form,
    registerTemplatePreview({ preview, discovery }),
    new IncidentStatusBar(store),
    store.onDidChange(() => void updateContext()),
    vscode.window.createTreeView(INCIDENT_VIEW_ID, { treeDataProvider: provider }),

    // From the palette (no argument) the form opens and reports its own errors. With an argument object
    // the command rejects, naming the problem, and shows no message of its own: one failure, one message
    // (a keybinding's or link's rejection is shown by the workbench; an extension or test reads it).
    vscode.commands.registerCommand('runbook.startIncident', async (input?: IncidentInput) => {
      if (input === undefined || input === null || typeof input !== 'object' || input instanceof vscode.Uri) {
        form.show();
        return undefined;
      }
      try {
        return await startFromInput(input);
      } catch (error) {
        if (error instanceof IncidentInputError) throw new Error(`Cannot start the incident: ${error.message}`, { cause: error });
        throw error;
      }
    }),

    vscode.commands.registerCommand('runbook.addTimelineEntry', async (arg?: { text?: string }) => {
      const current = await requireCurrent();
      if (!current) return undefined;
      const text = arg?.text ?? (await vscode.window.showInputBox({ title: `Timeline: ${current.read.state.title}`, prompt: 'What happened, what was looked at, who was contacted?', ignoreFocusOut: true }));
      if (!text?.trim()) return undefined;
      const at = new Date();
      const said = text.replace(/\s+/g, ' ').trim();
      const entry = timelineEntry(at, said, current.read.state.startedAt);
      // A person's own entry is written whatever runbook.timeline.automaticEntries says, in time order like the others.
      const { line } = await store.edit(current.uri, (recordText) => changeOrThrow(current.uri, changeIncident(recordText, (state) => ({ state, entries: [{ at, text: said }] }))));
      store.reload(current.uri);
      await announceRecordChange(current.uri, line, `Added to the timeline of ${current.read.state.title}`);
      return entry;
    }),

    // Selects an incident, active or closed (a closed one shows its ticks in the Playbook). Returns its URI.
    // `{ uri: null }` (or "No incident" in the pick) selects none: the Playbook shows the workspace's own ticks again.
    vscode.commands.registerCommand('runbook.switchIncident', async (arg?: { uri?: string | null } | IncidentElement) => {
      let target: vscode.Uri | 'none' | undefined;
      if (arg && 'uri' in arg && arg.uri === null) target = 'none';
      else if (arg && 'uri' in arg && typeof arg.uri === 'string') target = vscode.Uri.parse(arg.uri, true);
      else if (arg && 'type' in arg && arg.type === 'incident') target = arg.entry.uri;
      else target = await pickIncident();
      if (!target) return undefined;
      if (target === 'none') {
        await store.clearSelection();
        vscode.window.setStatusBarMessage('$(check) No incident selected: the Playbook shows your own ticks', 5000);
        return null;
      }
      await store.setCurrent(target);
      return target;
    }),

    vscode.commands.registerCommand('runbook.repairIncident', async (arg?: IncidentElement | vscode.Uri) => {
      const uri = arg instanceof vscode.Uri ? arg : arg && arg.type === 'broken' ? arg.entry.uri : undefined;
      if (!uri) return false;
      const document = await vscode.workspace.openTextDocument(uri);
      const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
      const repaired = repairIncidentDocument(document.getText(), name, new Date());
      const edit = new vscode.WorkspaceEdit();
      edit.replace(uri, new vscode.Range(0, 0, document.lineCount, 0), repaired.text);
      if (!(await applyEdit(document, edit))) return false;
      store.reload(uri);
      void vscode.window.showInformationMessage(`Repaired ${vscode.workspace.asRelativePath(uri)}: the unreadable front matter is kept under "Recovered front matter".`);
      return true;
    }),
  ];
}
