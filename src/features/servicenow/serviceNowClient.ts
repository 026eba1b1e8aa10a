import * as vscode from 'vscode';
import { Disposable } from '../../core/lifecycle';
import { rateLimitWait } from '../../core/rateLimit';
import { describeServiceNowFailure } from '../../core/servicenow/serviceNowErrors';
import type { ServiceNowQueueLink } from '../../core/servicenow/queueLink';
import { nextOffset, readTicketPage, type Ticket, ticketPagePath, ticketPath } from '../../core/servicenow/ticketRequests';
import type { Log } from '../log';
import { networkReason, readAnswerBody } from '../serviceConnection';
import { affects } from '../settings';
import { type ApprovedInstance, approvedInstance } from './serviceNowInstances';
import { authorizationHeader, isServiceNowSecretKey, readCredentials, type ServiceNowCredentials, serviceNowSecretKey } from './serviceNowSecret';

const TIMEOUT_MS = 15_000;
/** A queue is read at most this far: a runaway query (no filter) stops here and says the list is partial. */
const MAX_PAGES = 20;

export type ServiceNowProblem = 'not approved' | 'not connected' | 'auth' | 'refused' | 'rate limited' | 'network' | 'failed';

export class ServiceNowError extends Error {
  constructor(
    message: string,
    readonly problem: ServiceNowProblem,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** The queue as read: every ticket, or those read before a failure (`complete` false, `problem` says why). */
export interface TicketList {
  readonly tickets: readonly Ticket[];
  readonly total: number | undefined;
  readonly complete: boolean;
  readonly problem?: string;
}

/**
 * The one ServiceNow client: credentials per instance in SecretStorage, sent only to instances in the user's
 * `runbook.servicenow.instances` (never to a host a runbook names), plain `fetch` (ServiceNow publishes no
 * JavaScript client for the REST Table API), bounded waits on 429, and one message per failure.
 */
export class ServiceNowClient extends Disposable {
  private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
  /** Credentials stored or removed, or the approved instances changed. */
  readonly onDidChange = this._onDidChange.event;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly log: Log,
  ) {
    super();
    this._register(secrets.onDidChange((e) => isServiceNowSecretKey(e.key) && this._onDidChange.fire()));
    this._register(vscode.workspace.onDidChangeConfiguration((e) => affects(e, 'servicenow.instances') && this._onDidChange.fire()));
  }

  async isConnected(instance: string): Promise<boolean> {
    return approvedInstance(instance) !== undefined && (await this.credentials(instance)) !== undefined;
  }

  /** Checks the credentials with one authenticated read; keeps them only when the instance accepted them. */
  async connect(instance: string, credentials: ServiceNowCredentials): Promise<{ readonly ok: true } | { readonly ok: false; readonly error: string }> {
    try {
      await this.send(this.approved(instance), credentials, 'GET', '/api/now/table/sys_user?sysparm_limit=1&sysparm_fields=sys_id', 'check the credentials');
      await this.secrets.store(serviceNowSecretKey(instance), JSON.stringify(credentials));
      return { ok: true };
    } catch (error) {
      if (error instanceof ServiceNowError) return { ok: false, error: error.message };
      throw error;
    }
  }

  async disconnect(instance: string): Promise<void> {
    await this.secrets.delete(serviceNowSecretKey(instance));
  }

  /** The queue's tickets, page by page (`sysparm_offset` until `X-Total-Count`); a failure after the first page keeps what was read. */
  async listTickets(link: ServiceNowQueueLink): Promise<TicketList> {
    const target = this.approved(link.instance);
    const credentials = await this.requireCredentials(link.instance);
    const tickets: Ticket[] = [];
    let total: number | undefined;
    let offset: number | undefined = 0;
    for (let page = 0; offset !== undefined; page++) {
      if (page === MAX_PAGES) return { tickets, total, complete: false, problem: `only the first ${tickets.length} tickets were read (${MAX_PAGES} pages); narrow the queue's query` };
      let answer: { body: unknown; total: string | null };
      try {
        answer = await this.send(target, credentials, 'GET', ticketPagePath(link.table, link.query, offset), `list the queue of ${link.instance}`);
      } catch (error) {
        if (page === 0 || !(error instanceof ServiceNowError)) throw error;
        return { tickets, total, complete: false, problem: error.message };
      }
      const read = readTicketPage(answer.body, answer.total, link.instance);
      if (!read.ok) throw new ServiceNowError(`ServiceNow's answer for the queue of ${link.instance} could not be read: ${read.error}`, 'failed');
      tickets.push(...read.tickets);
      total = read.total ?? total;
      offset = nextOffset(offset, read.tickets.length, read.total);
    }
    return { tickets, total, complete: true };
  }

  /** PATCHes one record of its own table; answers ServiceNow's record. A refusal (business rule, data policy) throws with ServiceNow's message. */
  async patch(instance: string, table: string, sysId: string, body: Readonly<Record<string, string>>, action: string): Promise<unknown> {
    const target = this.approved(instance);
    const credentials = await this.requireCredentials(instance);
    return (await this.send(target, credentials, 'PATCH', `${ticketPath(table, sysId)}?sysparm_display_value=all&sysparm_exclude_reference_link=true`, action, body)).body;
  }

  private approved(instance: string): ApprovedInstance {
    const approved = approvedInstance(instance);
    if (!approved) throw new ServiceNowError(`${instance} is not in your runbook.servicenow.instances user setting: nothing is sent to a ServiceNow instance you did not approve. Add it there (or run "Runbook: Connect ServiceNow…").`, 'not approved');
    return approved;
  }

  private async credentials(instance: string): Promise<ServiceNowCredentials | undefined> {
    return readCredentials(await this.secrets.get(serviceNowSecretKey(instance)));
  }

  private async requireCredentials(instance: string): Promise<ServiceNowCredentials> {
    const credentials = await this.credentials(instance);
    if (!credentials) throw new ServiceNowError(`ServiceNow (${instance}) is not connected: run "Runbook: Connect ServiceNow…".`, 'not connected');
    return credentials;
  }

  private async send(target: ApprovedInstance, credentials: ServiceNowCredentials, method: 'GET' | 'PATCH', path: string, action: string, body?: unknown): Promise<{ body: unknown; total: string | null }> {
    const headers: Record<string, string> = { Authorization: authorizationHeader(credentials), Accept: 'application/json', ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) };
    for (let attempt = 0; ; attempt++) {
      const started = Date.now();
      let response: Response;
      try {
        response = await fetch(`${target.apiUrl}${path}`, { method, headers, redirect: 'error', signal: AbortSignal.timeout(TIMEOUT_MS), ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
      } catch (error) {
        const reason = networkReason(error, TIMEOUT_MS);
        this.log.warn(`ServiceNow ${method} ${pathOnly(path)} on ${target.instance} → no answer in ${Date.now() - started} ms: ${reason}`);
        throw new ServiceNowError(`Could not ${action}: ${target.instance} did not answer (${reason}).`, 'network');
      }
      const answer = await readAnswerBody(response);
      this.log.info(`ServiceNow ${method} ${pathOnly(path)} on ${target.instance} → ${response.status} in ${Date.now() - started} ms`);
      if (response.ok) return { body: answer, total: response.headers.get('x-total-count') };
      const retryAfter = Number(response.headers.get('retry-after') ?? 60);
      const wait = response.status === 429 ? rateLimitWait(attempt, Number.isFinite(retryAfter) ? retryAfter : 60) : undefined;
      if (wait !== undefined) {
        await new Promise((resolve) => setTimeout(resolve, wait));
        continue;
      }
      const problem: ServiceNowProblem = response.status === 401 ? 'auth' : response.status === 429 ? 'rate limited' : response.status === 403 || response.status === 400 ? 'refused' : 'failed';
      throw new ServiceNowError(describeServiceNowFailure(response.status, answer, action, target.instance), problem, response.status);
    }
  }
}

/** The path without its query: the log names the table, never the query's values. */
function pathOnly(path: string): string {
  return path.replace(/\?.*$/, '');
}
