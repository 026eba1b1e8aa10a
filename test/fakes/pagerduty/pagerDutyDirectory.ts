// The fake account's data and how PagerDuty renders it: references (`*_reference` with id, summary, self,
// html_url) and the full objects of the REST API v2 (PagerDuty/api-schema, reference/REST/openapiv3.json).
import type { FakeEscalationPolicy, FakeIncident, FakeOnCall, FakeSchedule, FakeService, FakeUser } from './pagerDutyModel';

export type Kind = 'user' | 'service' | 'escalation_policy' | 'schedule' | 'incident';

/** The API collection and the web page of each kind: a service's page is /service-directory/ID. */
const ROUTES: Readonly<Record<Kind, readonly [api: string, web: string]>> = {
  user: ['users', 'users'],
  service: ['services', 'service-directory'],
  escalation_policy: ['escalation_policies', 'escalation_policies'],
  schedule: ['schedules', 'schedules'],
  incident: ['incidents', 'incidents'],
};

/** PagerDuty's example abilities (GET /abilities). */
export const DEFAULT_ABILITIES: readonly string[] = ['teams', 'read_only_users', 'service_support_hours', 'urgencies'];
const DEFAULT_TIME_ZONE = 'America/New_York';

export interface Reference {
  readonly id: string;
  readonly type: string;
  readonly summary: string;
  readonly self: string;
  readonly html_url: string;
}

export class PagerDutyDirectory {
  subdomain = 'example';
  abilities: string[] = [...DEFAULT_ABILITIES];
  /** Where `self` addresses point: the fake's own address. */
  apiBase = '';
  users = new Map<string, FakeUser>();
  services = new Map<string, FakeService>();
  policies = new Map<string, FakeEscalationPolicy>();
  schedules = new Map<string, FakeSchedule>();
  onCalls: FakeOnCall[] = [];
  incidents: FakeIncident[] = [];
  frozenNow: Date | undefined;

  now(): Date {
    return this.frozenNow ? new Date(this.frozenNow.getTime()) : new Date();
  }

  htmlUrl(kind: Kind, id: string): string {
    return `https://${this.subdomain}.pagerduty.com/${ROUTES[kind][1]}/${id}`;
  }

  selfUrl(kind: Kind, id: string): string {
    return `${this.apiBase}/${ROUTES[kind][0]}/${id}`;
  }

  reference(kind: Kind, id: string): Reference {
    return { id, type: `${kind}_reference`, summary: this.summary(kind, id), self: this.selfUrl(kind, id), html_url: this.htmlUrl(kind, id) };
  }

  /** The full object's first fields, shared by every kind. */
  private head(kind: Kind, id: string) {
    return { id, type: kind, summary: this.summary(kind, id), self: this.selfUrl(kind, id), html_url: this.htmlUrl(kind, id) };
  }

  summary(kind: Kind, id: string): string {
    if (kind === 'incident') {
      const incident = this.incidents.find((i) => i.id === id);
      return incident ? `[#${incident.number}] ${incident.title}` : id;
    }
    const named = { user: this.users, service: this.services, escalation_policy: this.policies, schedule: this.schedules }[kind].get(id);
    return named?.name ?? id;
  }

  userByEmail(email: string): FakeUser | undefined {
    return [...this.users.values()].find((u) => u.email.toLowerCase() === email.toLowerCase());
  }

  user(user: FakeUser) {
    return { ...this.head('user', user.id), name: user.name, email: user.email, time_zone: user.timeZone ?? DEFAULT_TIME_ZONE, role: user.role ?? 'user', job_title: user.jobTitle ?? null, description: null, invitation_sent: false, teams: [] };
  }

  service(service: FakeService) {
    return {
      ...this.head('service', service.id),
      name: service.name,
      description: service.description ?? null,
      status: 'active',
      escalation_policy: this.reference('escalation_policy', service.escalationPolicyId),
      teams: [],
      integrations: [],
      incident_urgency_rule: { type: 'constant', urgency: 'high' },
    };
  }

  policy(policy: FakeEscalationPolicy) {
    return {
      ...this.head('escalation_policy', policy.id),
      name: policy.name,
      description: policy.description ?? null,
      num_loops: policy.numLoops ?? 0,
      on_call_handoff_notifications: 'if_has_services',
      escalation_rules: policy.rules.map((rule, i) => ({
        id: `${policy.id}R${i + 1}`,
        escalation_delay_in_minutes: rule.delayMinutes,
        targets: rule.targets.map((t) => this.reference(t.type, t.id)),
      })),
      services: [...this.services.values()].filter((s) => s.escalationPolicyId === policy.id).map((s) => this.reference('service', s.id)),
      teams: [],
    };
  }

  schedule(schedule: FakeSchedule) {
    const policies = [...this.policies.values()].filter((p) => p.rules.some((r) => r.targets.some((t) => t.type === 'schedule' && t.id === schedule.id)));
    const users = [...new Set(this.onCalls.filter((o) => o.scheduleId === schedule.id).map((o) => o.userId))];
    return {
      ...this.head('schedule', schedule.id),
      name: schedule.name,
      description: schedule.description ?? null,
      time_zone: schedule.timeZone ?? DEFAULT_TIME_ZONE,
      escalation_policies: policies.map((p) => this.reference('escalation_policy', p.id)),
      users: users.map((id) => this.reference('user', id)),
      teams: [],
    };
  }

  incident(incident: FakeIncident) {
    const logEntry = `R${incident.id.slice(1)}`;
    return {
      ...this.head('incident', incident.id),
      incident_number: incident.number,
      title: incident.title,
      description: incident.title,
      created_at: incident.createdAt,
      updated_at: incident.resolvedAt ?? incident.createdAt,
      status: incident.status,
      incident_key: incident.incidentKey,
      service: this.reference('service', incident.serviceId),
      assignments: incident.status === 'resolved' ? [] : incident.assigneeIds.map((id) => ({ at: incident.createdAt, assignee: this.reference('user', id) })),
      assigned_via: incident.assignedVia,
      last_status_change_at: incident.resolvedAt ?? incident.createdAt,
      last_status_change_by: this.reference('service', incident.serviceId),
      resolved_at: incident.resolvedAt,
      first_trigger_log_entry: {
        id: logEntry,
        type: 'trigger_log_entry_reference',
        summary: 'Triggered through the API',
        self: `${this.apiBase}/log_entries/${logEntry}?incident_id=${incident.id}`,
        html_url: `${this.htmlUrl('incident', incident.id)}/log_entries/${logEntry}`,
      },
      escalation_policy: this.reference('escalation_policy', incident.escalationPolicyId),
      teams: [],
      urgency: incident.urgency,
      priority: null,
    };
  }
}
