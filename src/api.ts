import * as vscode from 'vscode';
import type { RunbookCounts } from './core/runbook/summary';
import { summarizeRunbook } from './core/runbook/summary';
import type { ViewNode } from './core/runbook/treeModel';
import type { IncidentState } from './core/incident/incident';
import type { StepProgress } from './core/runbook/treeModel';
import type { EscalationService } from './features/incident/escalationService';
import { type IncidentStore, isReadable } from './features/incident/incidentStore';
import type { IncidentTreeProvider, IncidentViewRow } from './features/incident/incidentTreeProvider';
import type { NotificationPanel, NotificationPanelState } from './features/incident/notificationPanel';
import { setExternalOpenerForTesting } from './features/openExternalLink';
import type { RunbookDiscovery } from './features/playbook/runbookDiscovery';
import type { LoadedTemplate, TemplateLoader } from './features/templates/templateLoader';
import type { TemplateKind } from './core/templates/templateSource';
import type { RunbookModels } from './features/playbook/runbookModels';
import { playbookRows } from './features/playbook/playbookTreeProvider';
import type { FollowUpSource } from './features/followUps/followUpTracker';
import type { Rollouts } from './features/rollout/rollouts';
import type { Support } from './features/support/support';
import type { ReleaseSummary } from './features/rollout/rolloutModule';
import type { RolloutViewRow } from './features/rollout/rolloutTreeProvider';

/**
 * The API that `activate()` returns to other extensions and to the test suites:
 *
 *   const api = await vscode.extensions.getExtension<RunbookApi>('incident-runbook.incident-runbook')?.activate();
 *
 * Additive changes keep `apiVersion`; a breaking change increments it.
 */
export interface RunbookApi {
  readonly apiVersion: 1;
  /** The runbooks found in the workspace, sorted by path within each workspace folder. */
  getRunbooks(): Promise<RunbookSummary[]>;
  /** The rows the Playbook view shows under a runbook (URI string), or why it cannot be read. */
  getOutline(uri: string): Promise<OutlineRow[] | { readonly error: string }>;
  /** The current incident (its document's URI and state), or undefined when none is active. */
  getActiveIncident(): Promise<{ readonly uri: string; readonly state: IncidentState } | undefined>;
  /** Every incident record whose front matter can be read, active and closed (resolved, declined), newest file name first. */
  listIncidents(): Promise<{ readonly uri: string; readonly state: IncidentState }[]>;
  /** The follow-up issues an incident's record links (its checklist lines with an issue), with their state on GitHub (refreshed when older than five minutes; 'unknown' when GitHub could not tell). */
  getFollowUps(incidentUri: string): Promise<{ readonly url: string; readonly title: string; readonly state: 'open' | 'closed' | 'unknown'; readonly assignee?: string }[]>;
  /** The workspace's release plans, each with its stages as `runbook.getRollout` answers them (status at this moment). */
  getReleases(): Promise<ReleaseSummary[]>;
  /** For test suites. */
  readonly testing: {
    /** Receive, instead of VS Code, the exact string every link and dashboard would be opened with (undefined restores VS Code). */
    setExternalOpener(opener: ((url: string) => Promise<boolean>) | undefined): void;
    /** Capture escalation notifications instead of showing them: the notifier gets each message with its actions and answers with the one chosen (undefined: dismissed). Undefined restores them. */
    setEscalationNotifier(notifier: ((message: string, actions: readonly string[]) => Promise<string | undefined>) | undefined): void;
    /** The Incident view's rows, expanded, as VS Code receives them, once the current incident's escalation timers are scheduled. */
    getIncidentView(): Promise<IncidentViewRow[]>;
    /** The notification preview: what it shows (undefined while closed), and `receive` to act as its page would (a message of webview/notification/messages.ts), resolved once handled. */
    readonly notificationPanel: {
      state(): NotificationPanelState | undefined;
      receive(message: unknown): Promise<void>;
    };
    /** How many times each incident record (URI string) has been read since activation: the store reads a record again only when it changed. */
    getIncidentRecordReads(): Readonly<Record<string, number>>;
    /** The template a record (traceability) or post-mortem would start from, with the notes for its first timeline entry. `runbook`: a runbook's URI string; `folder`: a workspace folder's name (default: the runbook's, else the first). */
    loadTemplate(kind: TemplateKind, options: { readonly runbook?: string; readonly folder?: string; readonly argument?: string; readonly runbookLink?: string }): Promise<LoadedTemplate>;
    /** Capture the warnings about a template that needs signing in (message and actions; answer with the action chosen, undefined: dismissed). Undefined restores them. */
    setTemplateWarningNotifier(notifier: ((message: string, actions: readonly string[]) => Promise<string | undefined>) | undefined): void;
    /** Capture the timebox reminders of release plans (message and actions; answer with the action chosen, undefined: dismissed). Undefined restores them. */
    setRolloutReminderNotifier(notifier: ((message: string, actions: readonly string[]) => Promise<string | undefined>) | undefined): void;
    /** The Rollout view's rows, expanded, as VS Code receives them. */
    getRolloutView(): Promise<RolloutViewRow[]>;
    /** The Support Shift view's rows, expanded, as VS Code receives them. */
    getShiftView(): Promise<RolloutViewRow[]>;
    /** The Tickets view's rows, as VS Code receives them (the queue as last read; read first when never read). */
    getTicketsView(): Promise<RolloutViewRow[]>;
  };
}

export type { IncidentViewRow, NotificationPanelState };

export interface OutlineRow {
  readonly kind: string;
  readonly label: string;
  readonly description?: string;
  /** Codicon id; absent on rows with a checkbox. */
  readonly icon?: string;
  /** Present on rows with a checkbox. */
  readonly checked?: boolean;
  /** 0-based source line. */
  readonly line: number;
  readonly children: OutlineRow[];
}

export interface RunbookSummary extends Partial<RunbookCounts> {
  /** The file's URI, as a string. */
  readonly uri: string;
  /** The path relative to its workspace folder, with forward slashes. */
  readonly path: string;
  /** The name of the workspace folder that holds it. */
  readonly workspaceFolder: string;
  /** The first H1, else the file name. Absent when the file could not be read. */
  readonly title?: string;
  /** Why the file could not be read. */
  readonly error?: string;
}

function toOutline(row: ViewNode): OutlineRow {
  return {
    kind: row.kind,
    label: row.label,
    ...(row.description ? { description: row.description } : {}),
    ...(row.icon ? { icon: row.icon } : {}),
    ...(row.checked !== undefined ? { checked: row.checked } : {}),
    line: row.line,
    children: row.children.map(toOutline),
  };
}

export function createApi(deps: {
  discovery: RunbookDiscovery;
  models: RunbookModels;
  progress: StepProgress;
  incidents: IncidentStore;
  escalations: EscalationService;
  incidentView: IncidentTreeProvider;
  notifications: NotificationPanel;
  templates: TemplateLoader;
  followUps: FollowUpSource;
  rollouts: Rollouts;
  support: Support;
}): RunbookApi {
  return {
    apiVersion: 1,
    async getRunbooks() {
      const files = await deps.discovery.findRunbooks();
      return Promise.all(
        files.map(async (f) => {
          const base = { uri: f.uri.toString(), path: f.relativePath, workspaceFolder: f.folder.name };
          const loaded = await deps.models.load(f.uri);
          return loaded.ok ? { ...base, title: loaded.runbook.title, ...summarizeRunbook(loaded.runbook) } : { ...base, error: loaded.error };
        }),
      );
    },
    async getOutline(uriString) {
      const uri = vscode.Uri.parse(uriString, true);
      const loaded = await deps.models.load(uri);
      return loaded.ok ? playbookRows(loaded, uri, deps.progress).map(toOutline) : { error: loaded.error };
    },
    async getActiveIncident() {
      const current = await deps.incidents.current();
      return current ? { uri: current.uri.toString(), state: current.read.state } : undefined;
    },
    async listIncidents() {
      return (await deps.incidents.all()).filter(isReadable).map((e) => ({ uri: e.uri.toString(), state: e.read.state }));
    },
    async getFollowUps(incidentUri) {
      await deps.followUps.refreshIfStale();
      return (await deps.followUps.of(vscode.Uri.parse(incidentUri, true))).map((f) => ({ url: f.issue.url, title: f.title, state: f.state, ...(f.assignee ? { assignee: f.assignee } : {}) }));
    },
    getReleases: () => deps.rollouts.releases(),
    testing: {
      setExternalOpener: setExternalOpenerForTesting,
      setEscalationNotifier: (notifier) => deps.escalations.setNotifier(notifier),
      async getIncidentView() {
        await deps.escalations.whenScheduled();
        return deps.incidentView.rows();
      },
      notificationPanel: {
        state: () => deps.notifications.state,
        receive: (message) => deps.notifications.receive(message),
      },
      getIncidentRecordReads: () => deps.incidents.recordReads(),
      async loadTemplate(kind, options) {
        const runbookUri = options.runbook ? vscode.Uri.parse(options.runbook, true) : undefined;
        const folders = vscode.workspace.workspaceFolders ?? [];
        const folder = folders.find((f) => f.name === options.folder) ?? (runbookUri && vscode.workspace.getWorkspaceFolder(runbookUri)) ?? folders[0];
        if (!folder) throw new Error('loadTemplate needs a workspace folder');
        return deps.templates.load(kind, { folder, ...(runbookUri ? { runbookUri } : {}), ...(options.argument ? { argument: options.argument } : {}), ...(options.runbookLink ? { runbookLink: options.runbookLink } : {}) });
      },
      setTemplateWarningNotifier: (notifier) => deps.templates.setWarningNotifier(notifier),
      setRolloutReminderNotifier: (notifier) => deps.rollouts.setReminderNotifier(notifier),
      getRolloutView: () => deps.rollouts.viewRows(),
      getShiftView: () => deps.support.shiftRows(),
      getTicketsView: () => deps.support.ticketRows(),
    },
  };
}
