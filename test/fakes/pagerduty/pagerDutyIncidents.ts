// POST /incidents (docs/REST-API/15-Incident-Creation-API.md) and GET /incidents, /incidents/{id}.
import type { PagerDutyDirectory } from './pagerDutyDirectory';
import { PAGERDUTY_ERRORS, type Reply } from './pagerDutyErrors';
import type { FakeIncident, FakeUser, IncidentStatus, PagerDutyRole } from './pagerDutyModel';
import { activeOnCalls } from './pagerDutyOnCalls';
import { inSet, page, setFilter, timeRange } from './pagerDutyPaging';

const STATUSES: readonly IncidentStatus[] = ['triggered', 'acknowledged', 'resolved'];
const CANNOT_CREATE: ReadonlySet<PagerDutyRole> = new Set(['observer', 'read_only_user', 'read_only_limited_user']);
const MONTH_MS = 30 * 24 * 3_600_000;

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const idOf = (value: unknown): string | undefined => (isRecord(value) && typeof value.id === 'string' ? value.id : undefined);

/** The user named by the `From` header, or the 400 / 403 PagerDuty answers instead. */
function requester(directory: PagerDutyDirectory, from: string | undefined): FakeUser | Reply {
  if (from === undefined) return PAGERDUTY_ERRORS.fromMissing();
  if (!/^[^@\s]+@[^@\s]+$/.test(from.trim())) return PAGERDUTY_ERRORS.fromMalformed();
  const user = directory.userByEmail(from.trim());
  if (!user) return PAGERDUTY_ERRORS.requesterNotFound();
  return CANNOT_CREATE.has(user.role ?? 'user') ? PAGERDUTY_ERRORS.accessDenied() : user;
}

interface Assignment {
  readonly assigneeIds: readonly string[];
  readonly assignedVia: FakeIncident['assignedVia'];
  readonly escalationPolicyId: string;
}

/** Direct assignees, or the level-1 on-calls (now) of the given policy or else the service's. */
function assignment(directory: PagerDutyDirectory, incident: Json, serviceEscalationPolicyId: string): Assignment | Reply {
  const assignments = Array.isArray(incident.assignments) ? (incident.assignments as unknown[]) : [];
  if (assignments.length > 0 && incident.escalation_policy !== undefined) return PAGERDUTY_ERRORS.invalidInput('Assignments cannot be specified together with an escalation policy.');
  if (assignments.length > 0) {
    const ids = assignments.map((a) => (isRecord(a) ? idOf(a.assignee) : undefined));
    if (ids.some((id) => id === undefined || !directory.users.has(id))) return PAGERDUTY_ERRORS.assigneeNotFound();
    return { assigneeIds: [...new Set(ids as string[])], assignedVia: 'direct_assignment', escalationPolicyId: serviceEscalationPolicyId };
  }
  const policyId = incident.escalation_policy === undefined ? serviceEscalationPolicyId : idOf(incident.escalation_policy);
  if (policyId === undefined || !directory.policies.has(policyId)) return PAGERDUTY_ERRORS.escalationPolicyNotFound();
  const now = directory.now().getTime();
  const levelOne = activeOnCalls(directory.onCalls, now, now).filter((o) => o.escalationPolicyId === policyId && o.level === 1);
  return { assigneeIds: [...new Set(levelOne.map((o) => o.userId))], assignedVia: 'escalation_policy', escalationPolicyId: policyId };
}

function incidentId(number: number): string {
  return `Q${((number * 2_654_435_761) % 2 ** 40).toString(36).toUpperCase().padStart(13, '0')}`;
}

/** The incident to create from a request's body, or the 400 that refuses it. */
function validate(directory: PagerDutyDirectory, body: unknown): { incident: Json; title: string; serviceId: string; urgency: 'high' | 'low'; key: string | null } | Reply {
  const incident = isRecord(body) ? body.incident : undefined;
  if (!isRecord(incident)) return PAGERDUTY_ERRORS.invalidInput('Incident must be provided.');
  const title = typeof incident.title === 'string' ? incident.title.trim() : '';
  if (!title) return PAGERDUTY_ERRORS.invalidInput('Title cannot be empty.');
  const serviceId = idOf(incident.service);
  if (serviceId === undefined || !directory.services.has(serviceId)) return PAGERDUTY_ERRORS.serviceNotFound();
  const urgency = incident.urgency ?? 'high';
  if (urgency !== 'high' && urgency !== 'low') return PAGERDUTY_ERRORS.invalidInput('Urgency must be high or low.');
  const key = typeof incident.incident_key === 'string' && incident.incident_key !== '' ? incident.incident_key : null;
  return { incident, title, serviceId, urgency, key };
}

export function createIncident(directory: PagerDutyDirectory, body: unknown, from: string | undefined): Reply {
  const user = requester(directory, from);
  if ('status' in user) return user;
  const request = validate(directory, body);
  if ('status' in request) return request;
  const open = directory.incidents.find((i) => request.key !== null && i.incidentKey === request.key && i.serviceId === request.serviceId && i.status !== 'resolved');
  if (open) return PAGERDUTY_ERRORS.duplicateIncidentKey();
  const service = directory.services.get(request.serviceId);
  const assigned = assignment(directory, request.incident, service?.escalationPolicyId ?? '');
  if ('status' in assigned) return assigned;
  const number = directory.incidents.length + 1;
  const details = isRecord(request.incident.body) && typeof request.incident.body.details === 'string' ? request.incident.body.details : undefined;
  // "When a user creates an incident assigned to themselves, the incident will be created in the Acknowledged state."
  const self = assigned.assignedVia === 'direct_assignment' && assigned.assigneeIds.length === 1 && assigned.assigneeIds[0] === user.id;
  const created: FakeIncident = {
    id: incidentId(number),
    number,
    title: request.title,
    status: self ? 'acknowledged' : 'triggered',
    urgency: request.urgency,
    serviceId: request.serviceId,
    incidentKey: request.key,
    ...(details === undefined ? {} : { details }),
    ...assigned,
    from: user.email,
    createdAt: directory.now().toISOString(),
    resolvedAt: null,
  };
  directory.incidents.push(created);
  return { status: 201, body: { incident: directory.incident(created) } };
}

/** GET /incidents: incident_key, statuses[], service_ids[], urgencies[], user_ids[], since/until (the last month) or date_range=all. */
export function listIncidents(directory: PagerDutyDirectory, url: URL): Reply {
  const statuses = setFilter(url, 'statuses');
  if (statuses.some((s) => !STATUSES.includes(s as IncidentStatus))) return PAGERDUTY_ERRORS.invalidInput('Status must be a list of triggered, acknowledged, or resolved.');
  const now = directory.now();
  const range = url.searchParams.get('date_range') === 'all' ? { since: -Infinity, until: Infinity } : timeRange(url, { since: new Date(now.getTime() - MONTH_MS), until: now });
  if ('status' in range) return range;
  const key = url.searchParams.get('incident_key');
  const [services, urgencies, users] = [setFilter(url, 'service_ids'), setFilter(url, 'urgencies'), setFilter(url, 'user_ids')];
  const matching = directory.incidents.filter((i) => {
    const created = Date.parse(i.createdAt);
    const inFilters = inSet(statuses, i.status) && inSet(services, i.serviceId) && inSet(urgencies, i.urgency) && (users.length === 0 || i.assigneeIds.some((id) => users.includes(id)));
    return inFilters && (key === null || i.incidentKey === key) && created >= range.since && created <= range.until;
  });
  return page(url, 'incidents', matching.map((i) => directory.incident(i)));
}

export function getIncident(directory: PagerDutyDirectory, id: string): Reply {
  const incident = directory.incidents.find((i) => i.id === id || String(i.number) === id);
  return incident ? { status: 200, body: { incident: directory.incident(incident) } } : PAGERDUTY_ERRORS.notFound();
}
