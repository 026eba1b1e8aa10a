// Loaded shortly after activation (scripts/build.mjs bundles it as dist/vendor/support.js): the support shift's code
// costs activation nothing. What it shares with the main bundle is handed in, never imported as state.
import * as vscode from 'vscode';
import { rewriteTimeWindow } from '../../core/dashboards/timeWindow';
import { addIncidentEdits } from '../../core/support/shiftLog';
import { Disposable } from '../../core/lifecycle';
import type { GitHubClient } from '../changes/githubClient';
import type { FollowUps } from '../followUps/followUps';
import { type IncidentStore, isReadable } from '../incident/incidentStore';
import type { Log } from '../log';
import type { OnCallSource } from '../pagerduty/pagerDuty';
import type { RunbookDiscovery } from '../playbook/runbookDiscovery';
import type { RunbookModels } from '../playbook/runbookModels';
import { TrackingStates } from '../rollout/trackingStates';
import { ServiceNowClient } from '../servicenow/serviceNowClient';
import { offerToApprove } from '../servicenow/serviceNowInstances';
import type { TreeRow } from '../treeRows';
import { connectServiceNow, disconnectServiceNow } from './connectServiceNow';
import { handOffShift, type HandOffDeps } from './handOffShift';
import { noteCheck, startSupportShift, tickCheck, tickCheckById } from './shiftCommands';
import { ShiftLogs } from './shiftLogs';
import { type CheckElement, planUri, ShiftTreeProvider } from './shiftTreeProvider';
import type { SupportCommand } from './supportCommands';
import { SupportPlans } from './supportPlans';
import { createIssueFromTicket, listTickets, resolveTicket, type TicketDeps } from './ticketCommands';
import { TicketQueue } from './ticketQueue';
import { type TicketElement, TicketsTreeProvider } from './ticketsTreeProvider';
import { reported } from '../reportedCommand';

export interface SupportDeps {
  readonly context: Pick<vscode.ExtensionContext, 'secrets' | 'workspaceState' | 'globalState'>;
  readonly log: Log;
  readonly discovery: RunbookDiscovery;
  readonly models: RunbookModels;
  readonly github: Pick<GitHubClient, 'graphql'>;
  readonly followUps: Pick<FollowUps, 'sendStandalone'>;
  readonly onCall: OnCallSource;
  readonly store: IncidentStore;
  readonly slack: HandOffDeps['slack'];
  readonly openLink: (url: string) => Promise<boolean>;
}

export interface LoadedSupport extends vscode.Disposable {
  readonly commands: Record<SupportCommand, (arg?: unknown) => Promise<unknown>>;
  shiftRows(): Promise<TreeRow[]>;
  ticketRows(): Promise<TreeRow[]>;
}

const HAS_PLANS = 'runbook.hasSupportPlans';
const HAS_QUEUE = 'runbook.hasSupportQueue';
const SHIFT_ACTIVE = 'runbook.shiftActive';

class Support extends Disposable implements LoadedSupport {
  readonly commands: LoadedSupport['commands'];
  private readonly shiftTree: ShiftTreeProvider;
  private readonly ticketTree: TicketsTreeProvider;

  constructor(private readonly deps: SupportDeps) {
    super();
    const { context, openLink } = deps;
    const plans = this._register(new SupportPlans(deps.discovery, deps.models));
    const logs = this._register(new ShiftLogs(context.workspaceState));
    const client = this._register(new ServiceNowClient(context.secrets, deps.log));
    const queue = this._register(new TicketQueue(plans, client, async () => {
      const shift = await logs.current();
      return shift && planUri(shift);
    }));
    const issueStates = this._register(new TrackingStates(deps.github, deps.log, 'the support tickets\' GitHub issues'));
    this.shiftTree = this._register(new ShiftTreeProvider(logs, plans, deps.onCall));
    this.ticketTree = this._register(new TicketsTreeProvider(queue, logs, issueStates));
    const shiftView = this._register(vscode.window.createTreeView('runbook.shift', { treeDataProvider: this.shiftTree, manageCheckboxStateManually: true, showCollapseAll: true }));
    const ticketView = this._register(vscode.window.createTreeView('runbook.tickets', { treeDataProvider: this.ticketTree }));
    this._register(shiftView.onDidChangeCheckboxState((e) => {
      for (const [element, state] of e.items) {
        if ((element as CheckElement).type !== 'check') continue;
        tickCheck(logs, element as CheckElement, state === vscode.TreeItemCheckboxState.Checked).catch((error: unknown) => {
          this.shiftTree.refresh();
          void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
        });
      }
    }));
    // Read when shown: a hidden Tickets view asks ServiceNow nothing.
    this._register(ticketView.onDidChangeVisibility((e) => e.visible && void this.ticketTree.refresh()));
    const showContext = async () => {
      const all = await plans.all();
      const shift = await logs.current();
      await vscode.commands.executeCommand('setContext', HAS_PLANS, all.length > 0);
      await vscode.commands.executeCommand('setContext', HAS_QUEUE, all.some((p) => p.queue));
      await vscode.commands.executeCommand('setContext', SHIFT_ACTIVE, shift !== undefined);
      shiftView.description = shift ? `${shift.log.checks.filter((c) => c.done).length}/${shift.log.checks.length} done` : undefined;
    };
    void showContext();
    this._register(plans.onDidChange(() => void showContext()));
    this._register(logs.onDidChange(() => void showContext()));
    this._register(deps.store.onDidChange(() => void this.noteNewIncidents(logs)));
    // A plan linking an instance the user never approved: asked once, when the Tickets view first shows it.
    this._register(queue.onDidChange(() => {
      const state = queue.peek();
      if (state?.kind === 'not approved') void offerToApprove(state.link.instance, context.globalState, vscode.workspace.asRelativePath(state.plan.uri), false).then((added) => added && void this.ticketTree.refresh());
    }));
    const tickets: TicketDeps = { plans, queue, tree: this.ticketTree, logs, client, followUps: deps.followUps, globalState: context.globalState, openLink };
    const shiftDeps = { plans, logs, globalState: context.globalState, openLink };
    this.commands = {
      'runbook.startSupportShift': (arg) => startSupportShift(shiftDeps, arg),
      'runbook.handOffShift': (arg) => handOffShift({ logs, plans, queue, slack: deps.slack }, arg),
      'runbook.openShiftLog': async () => {
        const shift = await logs.current();
        if (!shift) throw new Error('No shift in progress: run "Runbook: Start Support Shift" first.');
        await vscode.window.showTextDocument(shift.uri, { preview: false });
        return shift.uri.toString();
      },
      'runbook.noteShiftCheck': (arg) => noteCheck(logs, arg as CheckElement | undefined),
      'runbook.tickShiftCheck': async (arg) => (await tickCheckById(logs, arg)).log.checks,
      'runbook.openShiftLink': async (arg) => {
        const { url, since } = (arg ?? {}) as { url?: unknown; since?: unknown };
        if (typeof url !== 'string') return false;
        return openLink(since === 'last shift' ? await atShiftWindow(logs, url) : url);
      },
      'runbook.listTickets': (arg) => listTickets(tickets, arg),
      'runbook.refreshTickets': async () => void (await this.ticketTree.refresh()),
      'runbook.openTicket': async (arg) => {
        const row = arg as TicketElement | undefined;
        return row?.type === 'ticket' ? openLink(row.ticket.url) : false;
      },
      'runbook.openTicketIssue': async (arg) => {
        const row = arg as TicketElement | undefined;
        return row?.type === 'ticket' && row.issue ? openLink(row.issue.url) : false;
      },
      'runbook.copyTicketNumber': async (arg) => {
        const row = arg as TicketElement | undefined;
        if (row?.type !== 'ticket') return;
        await vscode.env.clipboard.writeText(row.ticket.number);
        vscode.window.setStatusBarMessage(`$(check) Copied ${row.ticket.number}`, 5000);
      },
      'runbook.createIssueFromTicket': (arg) => createIssueFromTicket(tickets, arg),
      'runbook.resolveTicket': (arg) => resolveTicket(tickets, arg),
      'runbook.connectServiceNow': (arg) => connectServiceNow(client, plans, context.globalState, arg),
      'runbook.disconnectServiceNow': () => disconnectServiceNow(client, plans),
    };
    for (const id of Object.keys(this.commands) as SupportCommand[]) {
      const run = this.commands[id];
      this.commands[id] = (arg) => reported(run, arg);
    }
  }

  shiftRows(): Promise<TreeRow[]> {
    return this.shiftTree.rows();
  }

  ticketRows(): Promise<TreeRow[]> {
    return this.ticketTree.rows();
  }

  /** Incidents started during the shift go into its log, once each. */
  private async noteNewIncidents(logs: ShiftLogs): Promise<void> {
    const shift = await logs.current();
    if (!shift) return;
    const started = Date.parse(shift.log.started);
    const known = new Set(shift.log.incidents.map((i) => i.path));
    const logDir = vscode.Uri.joinPath(shift.uri, '..');
    for (const entry of (await this.deps.store.all()).filter(isReadable)) {
      const at = Date.parse(entry.read.state.startedAt);
      const path = relativePath(logDir, entry.uri);
      if (!(at >= started) || known.has(path)) continue;
      await logs.edit(shift.uri, (text) => addIncidentEdits(text, { title: entry.read.state.title, path, at: new Date(at) })).catch((error: unknown) => this.deps.log.warn(`Shift log: ${String(error)}`));
      known.add(path);
    }
  }
}

/** A dashboard's link at the shift's window (since the last shift ended, else the last 24 hours); any other link as written. */
async function atShiftWindow(logs: ShiftLogs, url: string): Promise<string> {
  const shift = await logs.current();
  const folder = shift && vscode.workspace.getWorkspaceFolder(shift.uri);
  if (!shift || !folder) return url;
  const to = new Date();
  const from = (await logs.lastEnded(folder)) ?? new Date(to.getTime() - 24 * 3600_000);
  const rewrite = rewriteTimeWindow(url, { from, to });
  return rewrite.ok ? rewrite.url : url;
}

/** `to` relative to the folder `from` (both in one workspace folder), with `../` as needed. */
function relativePath(from: vscode.Uri, to: vscode.Uri): string {
  const a = from.path.split('/').filter(Boolean);
  const b = to.path.split('/').filter(Boolean);
  let same = 0;
  while (same < a.length && same < b.length - 1 && a[same] === b[same]) same++;
  return [...a.slice(same).map(() => '..'), ...b.slice(same)].join('/');
}

export function loadSupport(deps: SupportDeps): LoadedSupport {
  return new Support(deps);
}
