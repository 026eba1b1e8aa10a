import * as vscode from 'vscode';
import type { OnCallLevel } from '../../core/pagerduty/onCall';
import { pageIncidentRequest, type PageTarget, pageTargetsSummary } from '../../core/pagerduty/pageRequest';
import { isDuplicateIncidentKey } from '../../core/pagerduty/pagerDutyErrors';
import { pagedEntryText, type PagerDutyRecord } from '../../core/pagerduty/pagerDutyRecord';
import { clip } from '../../core/text';
import { recordLink } from '../followUps/recordLink';
import { notificationIncident } from '../incident/incidentNotification';
import type { IncidentStore } from '../incident/incidentStore';
import { recordAction } from '../incident/recordAction';
import { incidentRunbook } from '../incident/runbookPath';
import { userOnlySettings } from '../settings';
import type { PagerDutyClient } from './pagerDutyClient';
import type { OnCallService, OnCallView } from './onCallService';

export interface PageRequest {
  readonly uri?: vscode.Uri;
  /** Page this user alone; else the service's escalation policy. */
  readonly userId?: string;
  readonly message?: string;
  /** The requester's PagerDuty email; else runbook.pagerduty.fromEmail (a person is asked once). */
  readonly fromEmail?: string;
  readonly interactive: boolean;
}

export interface PageResult {
  readonly id: string;
  readonly url: string;
  /** True when PagerDuty already had an open incident for this record and paged nobody again. */
  readonly existing?: boolean;
}

/** Why a page cannot go ahead, naming what to fix. */
export class PageRefused extends Error {}

const OPEN_STATUSES = ['triggered', 'acknowledged'];

/**
 * Pages through PagerDuty for an incident: one PagerDuty incident per record (its id is the incident_key),
 * on the service the runbook links, to its escalation policy or to one person; the PagerDuty incident's link
 * goes into the record's front matter and timeline in one edit.
 */
export class PagerDutyPaging {
  constructor(
    private readonly store: IncidentStore,
    private readonly client: PagerDutyClient,
    private readonly onCall: OnCallService,
  ) {}

  /** Undefined when there is no key, or the person cancelled; throws (PageRefused, PagerDutyError) naming the problem, the record unchanged. */
  async page(request: PageRequest): Promise<PageResult | undefined> {
    const incident = await notificationIncident(this.store, request.uri);
    if (!incident) throw new PageRefused('No active incident. Start one with "Runbook: Start Incident…".');
    const state = incident.read.state;
    const runbook = incidentRunbook(incident);
    const view = runbook && (await this.onCall.fetch(runbook));
    if (!view) throw new PageRefused("The incident's runbook links no PagerDuty service (https://SUBDOMAIN.pagerduty.com/service-directory/P…), so there is nothing to page.");
    if (view.state === 'disconnected') return undefined;
    const serviceId = view.state === 'ok' ? view.target.serviceId : view.link.kind === 'service' ? view.link.id : undefined;
    if (!serviceId) throw new PageRefused(`The runbook links a PagerDuty ${view.link.kind.replace('_', ' ')} (${view.link.id}), not a service: PagerDuty opens incidents on a service. Link the service (…/service-directory/P…).`);
    if (view.state === 'error' && !request.userId) throw new PageRefused(view.message);
    const from = request.fromEmail ?? (await this.fromEmail(request.interactive));
    if (!from) return undefined;
    const levels = view.state === 'ok' ? view.levels : [];
    const target: PageTarget = request.userId ? { kind: 'user', userId: request.userId } : { kind: 'escalation_policy', ...(view.state === 'ok' && view.target.policyName ? { name: view.target.policyName } : {}) };
    const who = pageTargetsSummary(levels, target);
    if (request.interactive && !(await confirm(state.title, who, view, levels))) return undefined;
    const link = await recordLink(incident.uri);
    const body = pageIncidentRequest({
      title: state.title,
      severity: String(state.severity),
      recordId: state.id,
      ...(link.url ? { recordUrl: link.url } : { recordUrl: link.path }),
      serviceId,
      ...(request.userId ? { assigneeUserId: request.userId } : {}),
      ...(request.message ? { message: request.message } : {}),
    });
    const answer = await this.client.request('POST', '/incidents', { action: 'page', body, from, resource: { kind: 'service', id: serviceId }, accept: isDuplicateIncidentKey });
    if (!answer) return undefined;
    const created = answer.status < 300 ? incidentOf(answer.body) : await this.openIncident(state.id, serviceId);
    if (!created) throw new PageRefused('PagerDuty answered without the incident it opened; look for it in PagerDuty before paging again.');
    const existing = answer.status >= 300;
    const entry = existing ? `PagerDuty already had an open incident for this record: ${created.url} (nobody paged again)` : pagedEntryText({ url: created.url, ...(created.number !== undefined ? { number: created.number } : {}), targets: who });
    await recordAction(this.store, incident.uri, (current) => ({ state: { ...current, pagerduty: created }, entries: [{ at: new Date(), text: entry }] }), (current) => `${existing ? 'Already paged' : 'Paged'} via PagerDuty for ${clip(current.title, 40)}`);
    return { id: created.incident, url: created.url, ...(existing ? { existing } : {}) };
  }

  /** The open incident PagerDuty keeps for this record (after it refused a second one with the same key). */
  private async openIncident(recordId: string, serviceId: string): Promise<PagerDutyRecord | undefined> {
    const answer = await this.client.request('GET', '/incidents', { action: 'find the open PagerDuty incident of this record', query: [['incident_key', recordId], ['service_ids[]', serviceId], ...OPEN_STATUSES.map((s): [string, string] => ['statuses[]', s])] });
    const list = (answer?.body as { incidents?: unknown } | undefined)?.incidents;
    return Array.isArray(list) ? incidentOf({ incident: list[0] }) : undefined;
  }

  /** The setting's email; a person is asked once and it is kept in their user settings. */
  private async fromEmail(interactive: boolean): Promise<string | undefined> {
    const configured = userOnlySettings().pagerDutyFromEmail;
    if (configured) return configured;
    if (!interactive) throw new PageRefused('fromEmail: PagerDuty needs the email of the PagerDuty user paging (its From header). Set runbook.pagerduty.fromEmail in your user settings, or pass fromEmail.');
    const email = await vscode.window.showInputBox({
      title: 'Page via PagerDuty: your PagerDuty email',
      prompt: 'PagerDuty records who paged: the email you sign in to PagerDuty with. Kept in your user settings (runbook.pagerduty.fromEmail); asked once.',
      ignoreFocusOut: true,
      validateInput: (value) => (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim()) ? undefined : 'An email address, such as you@example.com.'),
    });
    if (!email?.trim()) return undefined;
    await vscode.workspace.getConfiguration('runbook').update('pagerduty.fromEmail', email.trim(), vscode.ConfigurationTarget.Global);
    return email.trim();
  }
}

function incidentOf(body: unknown): PagerDutyRecord | undefined {
  const incident = (body as { incident?: { id?: unknown; html_url?: unknown; incident_number?: unknown } } | undefined)?.incident;
  if (typeof incident?.id !== 'string' || typeof incident.html_url !== 'string') return undefined;
  return { incident: incident.id, url: incident.html_url, ...(typeof incident.incident_number === 'number' ? { number: incident.incident_number } : {}) };
}

async function confirm(title: string, who: string, view: OnCallView, levels: readonly OnCallLevel[]): Promise<boolean> {
  const service = view.state === 'ok' && view.target.serviceName ? view.target.serviceName : view.link.id;
  const detail = [`Opens a PagerDuty incident "${clip(title, 80)}" on ${service}, which pages: ${who}.`, ...(levels.length > 1 ? ['If nobody acknowledges, PagerDuty escalates to the next level.'] : []), 'Paging again from this incident does not open a second one.'];
  const page = 'Page';
  return (await vscode.window.showWarningMessage(`Page via PagerDuty: ${who}?`, { modal: true, detail: detail.join('\n') }, page)) === page;
}
