import * as vscode from 'vscode';
import { type IssueRef, repoName } from '../../core/followUps/issueRefs';
import type { IssueState } from '../../core/followUps/issueStates';
import { Disposable } from '../../core/lifecycle';
import { byUrgency, priorityShort, type Ticket, ticketAge } from '../../core/servicenow/ticketRequests';
import { formatClock, formatTime } from '../../core/time/formatTime';
import type { TrackingStates } from '../rollout/trackingStates';
import { type TreeRow, treeRows } from '../treeRows';
import type { ShiftLogs } from './shiftLogs';
import { ticketIssues } from './ticketIssues';
import type { LoadedSupportPlan } from './supportPlans';
import type { QueueState, TicketQueue } from './ticketQueue';

/** A ticket row, with the GitHub issue a shift gave it and that issue's state. */
export interface TicketElement {
  readonly type: 'ticket';
  readonly ticket: Ticket;
  readonly issue?: IssueRef;
  readonly issueState?: IssueState;
}

interface InfoElement {
  readonly type: 'info';
  readonly label: string;
  readonly description?: string;
  readonly tooltip?: string;
  readonly icon: string;
  readonly command?: vscode.Command;
}

type Element = TicketElement | InfoElement;

/** Whether the ticket's fix is done: its GitHub issue is closed. */
export function fixMerged(element: Pick<TicketElement, 'issueState'>): boolean {
  return element.issueState?.state === 'closed';
}

/** The Tickets view: the support plan's ServiceNow queue (number, priority, age, short description), what each ticket's fix is at. */
export class TicketsTreeProvider extends Disposable implements vscode.TreeDataProvider<Element> {
  private readonly _onDidChangeTreeData = this._register(new vscode.EventEmitter<Element | undefined>());
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;

  constructor(
    private readonly queue: TicketQueue,
    private readonly logs: ShiftLogs,
    private readonly issueStates: TrackingStates,
    private readonly now: () => Date = () => new Date(),
  ) {
    super();
    const refresh = () => this._onDidChangeTreeData.fire(undefined);
    this._register(queue.onDidChange(refresh));
    this._register(issueStates.onDidChange(refresh));
    this._register(logs.onDidChange(refresh));
  }

  async getChildren(element?: Element): Promise<Element[]> {
    if (element) return [];
    const state = this.queue.peek() ?? (await this.queue.refresh());
    return this.rowsFor(state);
  }

  /** What a ticket row is now (its fix's state included), for the commands that act on a number. */
  async element(ticket: Ticket): Promise<TicketElement> {
    const issues = await ticketIssues(this.logs);
    const issue = issues.get(ticket.number.toUpperCase());
    const known = issue ? this.issueStates.peek(issue, [...issues.values()]).state : undefined;
    return { type: 'ticket', ticket, ...(issue ? { issue } : {}), ...(known ? { issueState: known } : {}) };
  }

  getTreeItem(element: Element): vscode.TreeItem {
    if (element.type === 'info') {
      const item = new vscode.TreeItem(element.label);
      item.description = element.description;
      item.tooltip = element.tooltip ?? element.label;
      item.iconPath = new vscode.ThemeIcon(element.icon);
      if (element.command) item.command = element.command;
      return item;
    }
    const { ticket } = element;
    // What the ticket is about leads: a narrow side bar keeps the priority and the start of the description.
    const item = new vscode.TreeItem(`${priorityShort(ticket) || ticket.priority} · ${ticket.shortDescription}`);
    const fix = element.issue ? (fixMerged(element) ? 'fix merged' : `${element.issue.repo}#${element.issue.number} ${element.issueState?.state ?? ''}`.trim()) : undefined;
    item.description = [fix, ticket.number, ticketAge(ticket.openedAt, this.now()), ticket.state].filter(Boolean).join(' · ');
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendText(`${ticket.number} · ${ticket.priority} · ${ticket.state}\n${ticket.shortDescription}\n`);
    tooltip.appendText(`Opened ${ticket.openedAt ? `${formatTime(new Date(ticket.openedAt), { alwaysDate: true })} (${ticketAge(ticket.openedAt, this.now())} ago)` : 'at an unknown time'}${ticket.assignedTo ? ` · assigned to ${ticket.assignedTo}` : ' · unassigned'}`);
    if (element.issue) tooltip.appendText(`\nGitHub: ${repoName(element.issue)}#${element.issue.number}${element.issueState ? ` (${element.issueState.state})` : ''}`);
    item.tooltip = tooltip;
    // The priority stays in sight once an issue is linked: a P1 with an issue is still a P1.
    const icon = fixMerged(element) ? { id: 'pass', color: 'testing.iconPassed' } : priorityIcon(ticket);
    item.iconPath = new vscode.ThemeIcon(icon.id, icon.color ? new vscode.ThemeColor(icon.color) : undefined);
    item.contextValue = fixMerged(element) ? 'ticket.fixed' : element.issue ? 'ticket.linked' : 'ticket.new';
    item.command = { command: 'runbook.openTicket', title: 'Open in ServiceNow', arguments: [element] };
    return item;
  }

  refresh(plan?: LoadedSupportPlan): Promise<QueueState> {
    this.issueStates.refresh();
    return this.queue.refresh(plan);
  }

  /** The view's rows as VS Code receives them, for the API's tests. */
  rows(): Promise<TreeRow[]> {
    return treeRows(this);
  }

  private async rowsFor(state: QueueState): Promise<Element[]> {
    if (state.kind === 'no queue') return [];
    const open: vscode.Command = { command: 'runbook.openShiftLink', title: 'Open the Queue', arguments: [{ url: state.link.url }] };
    if (state.kind === 'not approved')
      {return [
        { type: 'info', label: `Approve ${state.link.instance}…`, description: 'to list its tickets here', tooltip: `The plan links the ServiceNow instance ${state.link.instance}. Your credentials go only to instances in your user setting runbook.servicenow.instances: approve it and connect to list the queue here.`, icon: 'shield', command: { command: 'runbook.connectServiceNow', title: 'Connect ServiceNow…', arguments: [{ type: 'instance', instance: state.link.instance }] } },
        { type: 'info', label: 'Open the queue in the browser', icon: 'link-external', command: open },
      ];}
    if (state.kind === 'not connected')
      {return [
        { type: 'info', label: 'Connect ServiceNow to list the queue', description: state.link.instance, tooltip: `Connecting lists ${state.link.instance}'s queue here, writes GitHub issues into the tickets' work notes and resolves them from the editor. Without it, open the queue in the browser.`, icon: 'plug', command: { command: 'runbook.connectServiceNow', title: 'Connect ServiceNow…', arguments: [{ type: 'instance', instance: state.link.instance }] } },
        { type: 'info', label: 'Open the queue in the browser', icon: 'link-external', command: open },
      ];}
    if (state.kind === 'failed') return [{ type: 'info', label: 'The queue could not be read', description: state.error, tooltip: state.error, icon: 'warning', command: { command: 'runbook.refreshTickets', title: 'Refresh Tickets' } }];
    const issues = await ticketIssues(this.logs);
    const refs = [...issues.values()];
    const elements: Element[] = [...state.list.tickets].sort(byUrgency).map((ticket) => {
      const issue = issues.get(ticket.number.toUpperCase());
      const known = issue ? this.issueStates.peek(issue, refs).state : undefined;
      return { type: 'ticket', ticket, ...(issue ? { issue } : {}), ...(known ? { issueState: known } : {}) };
    });
    const total = state.list.total ?? state.list.tickets.length;
    const summary: InfoElement = state.list.complete
      ? { type: 'info', label: total === 0 ? 'The queue is empty' : `${total} open ticket${total === 1 ? '' : 's'}`, description: `as of ${formatClock(state.at)}`, tooltip: `${state.link.label ?? 'The queue'} on ${state.link.instance}, read at ${formatClock(state.at)}. Refresh to read it again.`, icon: 'inbox' }
      : { type: 'info', label: `Partial: ${state.list.tickets.length} of ${total} tickets`, description: state.list.problem, tooltip: `Only part of the queue was read: ${state.list.problem ?? ''}. Refresh to try again.`, icon: 'warning', command: { command: 'runbook.refreshTickets', title: 'Refresh Tickets' } };
    return [summary, ...elements];
  }
}

/** P1 and P2 burn (red, orange), P3 is a yellow dot, P4 and P5 an empty one. */
function priorityIcon(ticket: Ticket): { id: string; color?: string } {
  switch (ticket.priorityValue) {
    case '1':
      return { id: 'flame', color: 'charts.red' };
    case '2':
      return { id: 'flame', color: 'charts.orange' };
    case '3':
      return { id: 'circle-filled', color: 'charts.yellow' };
    default:
      return { id: 'circle-outline' };
  }
}
