import * as vscode from 'vscode';
import { Disposable } from '../../core/lifecycle';
import type { ServiceNowQueueLink } from '../../core/servicenow/queueLink';
import type { Ticket } from '../../core/servicenow/ticketRequests';
import { type ServiceNowClient, ServiceNowError, type TicketList } from '../servicenow/serviceNowClient';
import { approvedInstance } from '../servicenow/serviceNowInstances';
import type { LoadedSupportPlan, SupportPlans } from './supportPlans';

/** What the Tickets view can show for the plan's queue. */
export type QueueState =
  | { readonly kind: 'no queue' }
  | { readonly kind: 'not approved'; readonly plan: LoadedSupportPlan; readonly link: ServiceNowQueueLink }
  | { readonly kind: 'not connected'; readonly plan: LoadedSupportPlan; readonly link: ServiceNowQueueLink }
  | { readonly kind: 'loaded'; readonly plan: LoadedSupportPlan; readonly link: ServiceNowQueueLink; readonly list: TicketList; readonly at: Date }
  | { readonly kind: 'failed'; readonly plan: LoadedSupportPlan; readonly link: ServiceNowQueueLink; readonly error: string };

/** The support plan's ServiceNow queue, read through the one ServiceNow client when asked (view opened, Refresh, after an action). */
export class TicketQueue extends Disposable {
  private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this._onDidChange.event;
  private last: QueueState | undefined;
  private running: Promise<QueueState> | undefined;

  constructor(
    private readonly plans: SupportPlans,
    private readonly client: ServiceNowClient,
    /** The plan of the shift in progress, when there is one: its queue comes first. */
    private readonly currentPlan: () => Promise<vscode.Uri | undefined>,
  ) {
    super();
    // Stale, not read again: the view reads it when it shows (a hidden view asks ServiceNow nothing).
    const stale = () => {
      this.last = undefined;
      this._onDidChange.fire();
    };
    this._register(client.onDidChange(stale));
    this._register(plans.onDidChange(stale));
  }

  /** The last state read, without asking ServiceNow. */
  peek(): QueueState | undefined {
    return this.last;
  }

  /** Reads the queue again (one read at a time: a second call waits for the first); `plan`: that plan's queue, not the shift's. */
  async refresh(plan?: LoadedSupportPlan): Promise<QueueState> {
    if (plan) {
      await this.running;
      return this.read(plan);
    }
    this.running ??= this.read().finally(() => (this.running = undefined));
    return this.running;
  }

  /** A ticket of the queue, by number (read again when not in the last list). */
  async find(number: string): Promise<{ ticket: Ticket; plan: LoadedSupportPlan } | undefined> {
    const wanted = number.trim().toUpperCase();
    const inLast = (state: QueueState | undefined) => (state?.kind === 'loaded' ? state.list.tickets.find((t) => t.number.toUpperCase() === wanted) : undefined);
    const cached = inLast(this.last);
    if (cached && this.last?.kind === 'loaded') return { ticket: cached, plan: this.last.plan };
    const state = await this.refresh();
    const found = inLast(state);
    return found && state.kind === 'loaded' ? { ticket: found, plan: state.plan } : undefined;
  }

  async queuePlan(): Promise<LoadedSupportPlan | undefined> {
    const plans = (await this.plans.all()).filter((p) => p.queue);
    const current = (await this.currentPlan())?.toString();
    return plans.find((p) => p.uri.toString() === current) ?? plans[0];
  }

  private async read(given?: LoadedSupportPlan): Promise<QueueState> {
    const state = await this.readState(given ?? (await this.queuePlan()));
    this.last = state;
    this._onDidChange.fire();
    return state;
  }

  private async readState(plan: LoadedSupportPlan | undefined): Promise<QueueState> {
    const link = plan?.queue;
    if (!plan || !link) return { kind: 'no queue' };
    if (!approvedInstance(link.instance)) return { kind: 'not approved', plan, link };
    if (!(await this.client.isConnected(link.instance))) return { kind: 'not connected', plan, link };
    try {
      return { kind: 'loaded', plan, link, list: await this.client.listTickets(link), at: new Date() };
    } catch (error) {
      if (error instanceof ServiceNowError) return { kind: 'failed', plan, link, error: error.message };
      throw error;
    }
  }
}
