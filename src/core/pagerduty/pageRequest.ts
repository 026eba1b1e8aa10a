import { clip } from '../text';
import type { OnCallLevel } from './onCall';

export type PagerDutyUrgency = 'high' | 'low';

export interface PageInput {
  readonly title: string;
  /** As the record or a person writes it: "SEV1", "Sev 2", "P1", "3", "critical", "minor"… */
  readonly severity?: string;
  /** The incident record's id; PagerDuty's incident_key, so a second page for one record is refused while the first is open. */
  readonly recordId: string;
  readonly recordUrl?: string;
  readonly serviceId: string;
  readonly escalationPolicyId?: string;
  /** Page this user alone instead of an escalation policy. */
  readonly assigneeUserId?: string;
  readonly message?: string;
}

/** The body of PagerDuty's `POST /incidents`. */
export interface PagerDutyIncidentRequest {
  readonly incident: {
    readonly type: 'incident';
    readonly title: string;
    readonly service: { readonly id: string; readonly type: 'service_reference' };
    readonly urgency?: PagerDutyUrgency;
    readonly incident_key: string;
    readonly body: { readonly type: 'incident_body'; readonly details: string };
    readonly assignments?: readonly { readonly assignee: { readonly id: string; readonly type: 'user_reference' } }[];
    readonly escalation_policy?: { readonly id: string; readonly type: 'escalation_policy_reference' };
  };
}

/**
 * The REST API documents no limit on an incident's title; 1024 characters is the limit of the
 * Events API summary that titles incidents, and what phone calls and SMS are cut from.
 */
export const MAX_TITLE_LENGTH = 1024;

const HIGH_WORDS: ReadonlySet<string> = new Set(['critical', 'high', 'major', 'urgent', 'emergency']);
const LOW_WORDS: ReadonlySet<string> = new Set(['minor', 'low', 'moderate', 'medium', 'warning', 'info']);
// "sev1", "severity2", "p3", "s4", "1", once spaces, dashes and underscores are gone.
const RANKED = /^(?:sev|severity|p|s)?(\d{1,2})$/;

/** High for SEV1/SEV2 (P1, P2, critical, major…), low for SEV3 and below (minor, low…); undefined when unknown, so the service's default applies. */
export function urgencyFor(severity: string | undefined): PagerDutyUrgency | undefined {
  const word = (severity ?? '').toLowerCase().replace(/[\s_-]+/g, '');
  if (HIGH_WORDS.has(word)) return 'high';
  if (LOW_WORDS.has(word)) return 'low';
  const rank = RANKED.exec(word)?.[1];
  if (rank === undefined) return undefined;
  const n = Number(rank);
  return n === 0 ? undefined : n <= 2 ? 'high' : 'low';
}

/** "Sev 2" for a bare number, as notifications write it; otherwise as given. */
function severityText(severity: string): string {
  return /^\d{1,2}$/.test(severity) ? `Sev ${severity}` : severity;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function details(input: PageInput): string {
  const facts = [...(input.severity?.trim() ? [`Severity: ${severityText(input.severity.trim())}`] : []), `Record: ${input.recordUrl?.trim() || input.recordId}`];
  const message = input.message?.trim();
  return message ? `${message}\n\n${facts.join('\n')}` : facts.join('\n');
}

/** The exact `POST /incidents` body: to one user when one is chosen, else to the escalation policy given, else to the service's own. */
export function pageIncidentRequest(input: PageInput): PagerDutyIncidentRequest {
  const urgency = urgencyFor(input.severity);
  const title = clip(oneLine(input.title) || `Incident ${input.recordId}`, MAX_TITLE_LENGTH);
  return {
    incident: {
      type: 'incident',
      title,
      service: { id: input.serviceId, type: 'service_reference' },
      ...(urgency ? { urgency } : {}),
      incident_key: input.recordId,
      body: { type: 'incident_body', details: details(input) },
      // PagerDuty refuses assignments together with an escalation policy.
      ...(input.assigneeUserId
        ? { assignments: [{ assignee: { id: input.assigneeUserId, type: 'user_reference' as const } }] }
        : input.escalationPolicyId
          ? { escalation_policy: { id: input.escalationPolicyId, type: 'escalation_policy_reference' as const } }
          : {}),
    },
  };
}

/** Whom a page goes to: an escalation policy (its name, as PagerDuty gives it), or one user. */
export type PageTarget = { readonly kind: 'escalation_policy'; readonly name?: string } | { readonly kind: 'user'; readonly userId: string; readonly name?: string };

function policyName(name: string | undefined): string {
  const trimmed = name?.trim();
  if (!trimmed) return "the service's escalation policy";
  return /escalation(?: policy)?$/i.test(trimmed) ? trimmed : `${trimmed} escalation`;
}

/**
 * Who would be paged, for the confirmation: "Level 1 of Travel Pay escalation: Kevin Duensing,
 * Calvin Cieslak" (the first level with anyone on call, which PagerDuty notifies first) or
 * "Charlotte Reid only".
 */
export function pageTargetsSummary(levels: readonly OnCallLevel[], target: PageTarget): string {
  if (target.kind === 'user') {
    const person = levels.flatMap((l) => l.people).find((p) => p.userId === target.userId);
    return `${person?.name || target.name?.trim() || target.userId} only`;
  }
  const policy = policyName(target.name);
  const first = [...levels].sort((a, b) => a.level - b.level).find((l) => l.people.length > 0);
  if (!first) return `${policy.charAt(0).toUpperCase()}${policy.slice(1)}: no one is on call`;
  return `Level ${first.level} of ${policy}: ${first.people.map((p) => p.name).join(', ')}`;
}
