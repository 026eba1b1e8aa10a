import { clip } from '../text';
import type { PagerDutyLinkKind } from './pagerDutyLink';

export interface PagerDutyFailure {
  readonly status?: number;
  /** The answer's body, parsed as JSON: PagerDuty's `{ error: { message, code, errors[] } }`. */
  readonly body?: unknown;
  /** Why no answer came (the request's error message). */
  readonly networkError?: string;
  /** What was being done, to follow "Could not": "page", "look up who is on call". */
  readonly action: string;
  readonly retryAfterSeconds?: number;
  /** The service, schedule or escalation policy asked about, named on a 404. */
  readonly resource?: { readonly kind: PagerDutyLinkKind; readonly id: string };
  /** The From address sent, named when PagerDuty refuses it. */
  readonly fromEmail?: string;
  /** The API host asked, named when it could not be reached. */
  readonly host?: string;
}

const CONNECT = 'Run "Runbook: Connect PagerDuty…"';
const MAX_DETAIL = 300;
const MAX_DETAILS = 5;

interface PagerDutyError {
  readonly message?: string;
  readonly code?: number;
  readonly errors: readonly string[];
}

/** PagerDuty's own `error` of an answer, if it has one. */
function pagerDutyError(body: unknown): PagerDutyError | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const error = (body as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return undefined;
  const { message, code, errors } = error as { message?: unknown; code?: unknown; errors?: unknown };
  return {
    ...(typeof message === 'string' && message.trim() ? { message: message.trim() } : {}),
    ...(typeof code === 'number' ? { code } : {}),
    errors: Array.isArray(errors) ? errors.filter((e): e is string => typeof e === 'string' && e.trim() !== '').map((e) => e.trim()) : [],
  };
}

function texts(error: PagerDutyError | undefined): string[] {
  return error ? [...(error.message ? [error.message] : []), ...error.errors] : [];
}

/** ' PagerDuty said: "Invalid Input Provided — Requester User Not Found".' or nothing. */
function saidText(error: PagerDutyError | undefined): string {
  const said = texts(error)
    .slice(0, MAX_DETAILS)
    .map((t) => clip(t.replace(/\s+/g, ' ').replace(/\.$/, ''), MAX_DETAIL));
  return said.length ? ` PagerDuty said: "${said.join(' — ')}".` : '';
}

// PagerDuty's answers when the From header is missing ("You must specify a user's email address in
// the "From" header…"), malformed ("Malformed "From" header") or no user ("Requester User Not Found").
const FROM_PROBLEM = /\bfrom\b["”]?\s+header|requester user not found/i;
const FROM_MISSING = /must specify/i;
const KEY = /(?:dedup|incident)[\s_-]?key/i;
const MATCHING = /\bmatching\b|\bsame\b|already exists/i;

/**
 * True for PagerDuty's refusal of a second `POST /incidents` with the incident_key of an open
 * incident: documented only as "rejected"; it answers 400 with "Open incident with matching
 * dedup key already exists on this service" among its errors. A 409 counts too.
 */
export function isDuplicateIncidentKey(status: number | undefined, body: unknown): boolean {
  if (status === 409) return true;
  if (status !== 400) return false;
  return texts(pagerDutyError(body)).some((t) => KEY.test(t) && MATCHING.test(t));
}

function waitText(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds <= 0) return 'a minute';
  if (seconds < 60) {
    const s = Math.ceil(seconds);
    return `${s} second${s === 1 ? '' : 's'}`;
  }
  const m = Math.ceil(seconds / 60);
  return `${m} minute${m === 1 ? '' : 's'}`;
}

function resourceText(resource: PagerDutyFailure['resource']): string {
  return resource ? `${resource.kind.replace('_', ' ')} ${resource.id}` : 'that service, schedule or escalation policy';
}

function badRequest(input: PagerDutyFailure, error: PagerDutyError | undefined): string {
  if (isDuplicateIncidentKey(400, input.body)) return 'PagerDuty already has an open incident for this record (400), so it was not paged again.';
  const fromProblem = texts(error).some((t) => FROM_PROBLEM.test(t)) || error?.code === 1008 || error?.code === 1028;
  if (!fromProblem) return 'PagerDuty refused the request as invalid (400).';
  const missing = !input.fromEmail || texts(error).some((t) => FROM_MISSING.test(t));
  const who = missing ? 'PagerDuty needs the email of one of its users as the From address (400).' : `The From email ${input.fromEmail} is not a PagerDuty user of this account (400).`;
  return `${who} ${CONNECT} and give the email you sign in to PagerDuty with.`;
}

function reason(input: PagerDutyFailure, error: PagerDutyError | undefined): string {
  const status = input.status;
  if (status === undefined) {
    const host = input.host || 'api.pagerduty.com';
    const why = input.networkError?.trim() ? ` (${clip(input.networkError.trim(), MAX_DETAIL)})` : '';
    return `Could not reach ${host}${why}. Check the network connection or proxy, then try again.`;
  }
  if (status === 401) return `The PagerDuty API key was refused (401). ${CONNECT} with a valid REST API key.`;
  if (status === 403) {
    return `PagerDuty refused the key permission (403). Paging needs a REST API key with write access (not read-only) and a user with the Responder role or higher; ${CONNECT} with such a key.`;
  }
  if (status === 404) return `PagerDuty does not know the ${resourceText(input.resource)} (404) — check the runbook's PagerDuty link, and that the key belongs to that PagerDuty account.`;
  if (status === 400) return badRequest(input, error);
  if (status === 409) return 'PagerDuty already has an open incident for this record (409), so it was not paged again.';
  if (status === 429) return `PagerDuty is limiting how often it is asked (429). Try again in ${waitText(input.retryAfterSeconds)}.`;
  if (status >= 500) return `PagerDuty had a problem of its own (${status}). Try again shortly; https://status.pagerduty.com shows outages.`;
  return `PagerDuty answered ${status}.`;
}

/** A message a person can act on: what failed, why, what to do, and PagerDuty's own words when it gave any. */
export function describePagerDutyFailure(input: PagerDutyFailure): string {
  const error = input.status === undefined ? undefined : pagerDutyError(input.body);
  return `Could not ${input.action}: ${reason(input, error)}${saidText(error)}`;
}
