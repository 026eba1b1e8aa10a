import * as vscode from 'vscode';
import { Disposable } from '../../core/lifecycle';
import { needsRefresh, type OnCallLevel, onCallLevels, type PagerDutyOnCallEntry } from '../../core/pagerduty/onCall';
import type { PagerDutyLink } from '../../core/pagerduty/pagerDutyLink';
import { runbookPagerDutyLink } from '../../core/pagerduty/runbookPagerDuty';
import type { RunbookModels } from '../playbook/runbookModels';
import { type PagerDutyClient, PagerDutyError } from './pagerDutyClient';

/** Who is on call for a runbook, as the views show it. */
export type OnCallView =
  | { readonly state: 'disconnected'; readonly link: PagerDutyLink }
  | { readonly state: 'loading'; readonly link: PagerDutyLink }
  | { readonly state: 'ok'; readonly link: PagerDutyLink; readonly target: PagingTarget; readonly levels: readonly OnCallLevel[]; readonly fetchedAt: Date; readonly complete: boolean }
  | { readonly state: 'error'; readonly link: PagerDutyLink; readonly message: string; readonly fetchedAt: Date };

/** What a page goes to: the service (incidents need one) and its escalation policy. */
export interface PagingTarget {
  readonly serviceId?: string;
  readonly serviceName?: string;
  readonly policyId?: string;
  readonly policyName?: string;
}

interface Entry {
  view: OnCallView;
  /** When a view last asked: only runbooks in sight are refreshed. */
  askedAt: number;
  loading?: Promise<OnCallView>;
}

const CHECK_MS = 60_000;
/** A failed lookup is tried again when a view next asks, but not sooner than this: every answer redraws the views. */
const RETRY_FAILED_MS = 60_000;
const IN_SIGHT_MS = 30 * 60_000;

/**
 * Who is on call per runbook: its PagerDuty link resolved to an escalation policy (`GET /services/{id}`), then
 * `GET /oncalls` for it, kept 15 minutes at most (less when a shift shown ends) and refreshed while in sight.
 */
export class OnCallService extends Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this._onDidChange.event;

  constructor(
    private readonly client: PagerDutyClient,
    private readonly models: RunbookModels,
  ) {
    super();
    this._register(client.onDidChange(() => {
      this.entries.clear();
      this._onDidChange.fire();
    }));
    const timer = setInterval(() => this.refreshStale(), CHECK_MS);
    this._register({ dispose: () => clearInterval(timer) });
  }

  /** What is known now (undefined: the runbook links no PagerDuty); starts a lookup when nothing fresh is known, and fires onDidChange when it lands. */
  async peek(runbookUri: vscode.Uri): Promise<OnCallView | undefined> {
    const link = await this.linkOf(runbookUri);
    if (!link) return undefined;
    if (!(await this.client.isConnected())) return { state: 'disconnected', link };
    const key = runbookUri.toString();
    const entry = this.entries.get(key);
    if (entry && entry.view.link.url === link.url) {
      entry.askedAt = Date.now();
      if (this.isStale(entry.view)) void this.fetch(runbookUri);
      return entry.view;
    }
    void this.fetch(runbookUri);
    return this.entries.get(key)?.view ?? { state: 'loading', link };
  }

  /** Looks up who is on call now (again, when `force`); undefined when the runbook links no PagerDuty. */
  async fetch(runbookUri: vscode.Uri, force = false): Promise<OnCallView | undefined> {
    const link = await this.linkOf(runbookUri);
    if (!link) return undefined;
    const key = runbookUri.toString();
    const entry = this.entries.get(key) ?? { view: { state: 'loading', link }, askedAt: Date.now() };
    this.entries.set(key, entry);
    if (entry.loading && !force) return entry.loading;
    const loading = this.lookUp(link).then((view) => {
      if (entry.loading === loading) {
        entry.view = view;
        entry.loading = undefined;
        this._onDidChange.fire();
      }
      return view;
    });
    entry.loading = loading;
    return loading;
  }

  private async lookUp(link: PagerDutyLink): Promise<OnCallView> {
    if (!(await this.client.isConnected())) return { state: 'disconnected', link };
    try {
      const target = await this.target(link);
      const query: [string, string][] = [['include[]', 'users']];
      if (target.policyId) query.push(['escalation_policy_ids[]', target.policyId]);
      else if (link.kind === 'schedule') query.push(['schedule_ids[]', link.id]);
      const answer = await this.client.list('/oncalls', 'oncalls', { action: 'look up who is on call', query });
      if (!answer) return { state: 'disconnected', link };
      return { state: 'ok', link, target, levels: onCallLevels(answer.items as PagerDutyOnCallEntry[]), fetchedAt: new Date(), complete: answer.complete };
    } catch (error) {
      if (error instanceof PagerDutyError) return { state: 'error', link, message: error.message, fetchedAt: new Date() };
      throw error;
    }
  }

  /** The service's escalation policy, or the policy the link names. */
  private async target(link: PagerDutyLink): Promise<PagingTarget> {
    if (link.kind === 'escalation_policy') return { policyId: link.id };
    if (link.kind === 'schedule') return {};
    const answer = await this.client.request('GET', `/services/${encodeURIComponent(link.id)}`, { action: `read the PagerDuty service ${link.id}`, resource: { kind: 'service', id: link.id } });
    const service = (answer?.body as { service?: { id?: unknown; name?: unknown; summary?: unknown; escalation_policy?: { id?: unknown; summary?: unknown } } } | undefined)?.service;
    const text = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
    const policyId = text(service?.escalation_policy?.id);
    const policyName = text(service?.escalation_policy?.summary);
    const serviceName = text(service?.name) ?? text(service?.summary);
    return { serviceId: link.id, ...(serviceName ? { serviceName } : {}), ...(policyId ? { policyId } : {}), ...(policyName ? { policyName } : {}) };
  }

  private async linkOf(runbookUri: vscode.Uri): Promise<PagerDutyLink | undefined> {
    const loaded = await this.models.load(runbookUri);
    return loaded.ok ? runbookPagerDutyLink(loaded.runbook) : undefined;
  }

  private isStale(view: OnCallView): boolean {
    if (view.state === 'ok') return needsRefresh(view.fetchedAt, new Date(), view.levels);
    return view.state === 'error' && Date.now() - view.fetchedAt.getTime() >= RETRY_FAILED_MS;
  }

  private refreshStale(): void {
    const now = Date.now();
    for (const [key, entry] of this.entries) {
      if (now - entry.askedAt < IN_SIGHT_MS && !entry.loading && entry.view.state === 'ok' && this.isStale(entry.view)) void this.fetch(vscode.Uri.parse(key));
    }
  }
}
