// ServiceNow's failures as sentences a person can act on. The Table API answers an error as `{ error: { message,
// detail }, status: "failure" }` with the status of its response-code table: 401 not authenticated, 403 an ACL, a
// data policy or a business rule that aborted the write (its reason in `detail`), 404 no such record or one an ACL
// hides, 400 an invalid request (an unknown table), 429 over a rate limit rule, 5xx the instance's own trouble.
import { clip } from '../text';

const CONNECT = 'Run "Runbook: Connect ServiceNow…"';
const MAX_TEXT = 500;

function nonBlank(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

/** ServiceNow's `error.message` and `error.detail` of an answer (parsed or its text); undefined when it has none. */
function serviceNowError(body: unknown): { message?: string; detail?: string } | undefined {
  let parsed = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body) as unknown;
    } catch {
      return undefined;
    }
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const error = (parsed as { error?: unknown }).error;
  if (typeof error === 'string') return nonBlank(error) ? { message: error.trim() } : undefined;
  if (typeof error !== 'object' || error === null) return undefined;
  const message = nonBlank((error as { message?: unknown }).message);
  const detail = nonBlank((error as { detail?: unknown }).detail);
  return message || detail ? { ...(message ? { message } : {}), ...(detail ? { detail } : {}) } : undefined;
}

/**
 * ServiceNow's own words of an error answer, as it wrote them: `Operation Failed: Data Policy Exception: …` (the
 * message, then the detail when there is one and it says more); undefined when the answer has none.
 */
export function serviceNowErrorText(body: unknown): string | undefined {
  const error = serviceNowError(body);
  if (!error) return undefined;
  const { message, detail } = error;
  const said = message && detail && detail !== message ? `${message}: ${detail}` : (message ?? detail ?? '');
  return clip(said, MAX_TEXT);
}

/** The host alone: nothing before an `@` (credentials) or after a `/`. */
function hostOf(instance: string): string {
  const host = instance.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const at = host.lastIndexOf('@');
  const bare = at < 0 ? host : host.slice(at + 1);
  const slash = bare.indexOf('/');
  return (slash < 0 ? bare : bare.slice(0, slash)) || 'ServiceNow';
}

function reason(status: number, said: string | undefined, host: string): string {
  if (status === 401) return `${host} did not accept the ServiceNow credentials (401). ${CONNECT} to sign in again.`;
  if (status === 403) {
    if (said && /\bACL\b/.test(said)) return `${host} does not let your ServiceNow user change this record (403).`;
    if (said) return `${host} refused it (403).`;
    return `${host} refused it (403): your ServiceNow user lacks the role or access it needs.`;
  }
  if (status === 404) return `${host} has no such record, or your ServiceNow user may not see it (404).`;
  if (status === 400) return `${host} refused the request as invalid (400).`;
  if (status === 429) return `${host} is limiting how often its Table API is asked (429). Try again in a few minutes.`;
  if (status >= 500) return `${host} had a problem of its own (${status}). Try again shortly.`;
  return `${host} answered ${status}.`;
}

/**
 * What failed, why and what to do, with ServiceNow's own message and detail verbatim when it gave them (a data
 * policy's or a business rule's reason, an unknown table): `Could not resolve INC0010043: yourit.va.gov refused it
 * (403). ServiceNow said: "Operation Failed: Data Policy Exception: …"`. `instance` is the host; any credentials
 * in it are left out.
 */
export function describeServiceNowFailure(status: number, body: unknown, action: string, instance: string): string {
  const said = serviceNowErrorText(body);
  return `Could not ${action}: ${reason(status, said, hostOf(instance))}${said ? ` ServiceNow said: "${said}"` : ''}`;
}
