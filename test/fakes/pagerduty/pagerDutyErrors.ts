// PagerDuty's error answers: `{ error: { message, code, errors? } }` with the HTTP status and the codes of
// https://developer.pagerduty.com/docs/rest-api-v2/errors (docs/REST-API/14-Errors.md of PagerDuty/developer-docs).
// Where the docs give no text for a case, the text is the one PagerDuty was seen to answer (see each entry).

export interface PagerDutyErrorBody {
  readonly error: { readonly message: string; readonly code: number; readonly errors?: readonly string[] };
}

/** An answer of the fake: status, JSON body, extra headers. */
export interface Reply {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export function failure(status: number, message: string, code: number, errors?: readonly string[]): Reply & { readonly body: PagerDutyErrorBody } {
  return { status, body: { error: { message, code, ...(errors ? { errors: [...errors] } : {}) } } };
}

export const PAGERDUTY_ERRORS = {
  /** A missing, malformed or unknown key (code 2006 of the error table). */
  authenticationFailed: () => failure(401, 'Authentication failed', 2006),
  /** A read-only key on a method other than GET, or a `From` user whose role may not do it (2010). */
  accessDenied: () => failure(403, 'Access Denied', 2010),
  notFound: () => failure(404, 'Not Found', 2100),
  /** With `ratelimit-limit`, `ratelimit-remaining: 0`, `ratelimit-reset` (docs/REST-API/04-Rate-Limits.md). */
  rateLimited: () => failure(429, 'Rate Limit Exceeded', 2020),
  internal: () => failure(500, 'An internal error has occurred. PagerDuty team has been notified.', 2000),
  /** Seen answered to a POST /incidents without `From` (PagerDuty/pdpyras#78, quintoandar/airflow-pagerduty-plugin#1). */
  fromMissing: () => failure(400, 'You must specify a user\'s email address in the "From" header to perform this action', 2016),
  /** Seen answered to an empty `From` (PagerDuty/go-pagerduty#336). */
  fromMalformed: () => failure(400, 'Malformed "From" header', 1028),
  /** Code 1008 of the error table; seen as "Requester User Not Found (1008)" (dropbox/pygerduty#64). */
  requesterNotFound: () => failure(400, 'Requester User Not Found', 1008),
  invalidInput: (...errors: string[]) => failure(400, 'Invalid Input Provided', 2001, errors),
  argumentsError: (...errors: string[]) => failure(400, 'Arguments Caused Error', 2002, errors),
  /** Seen as "Arguments Caused Error - Service not found" (PagerDuty/pagerduty-api-python-client#61). */
  serviceNotFound: () => failure(400, 'Arguments Caused Error', 2002, ['Service not found']),
  /** The docs: "If an incident exists on the provided service with the same incident key, a subsequent Incident Create request will be denied with a 400 Bad Request." */
  duplicateIncidentKey: () => failure(400, 'Arguments Caused Error', 2002, ['Open incident with matching dedup key already exists on this service']),
  assigneeNotFound: () => failure(400, 'Assigned To User Not Found', 1007),
  escalationPolicyNotFound: () => failure(400, 'Escalation Policy Not Found', 1014),
  invalidTime: () => failure(400, "Invalid time values in 'since' and/or 'until' parameters", 2004),
  invalidRange: () => failure(400, 'Invalid Query Date Range', 2005),
  /** "the sum of the offset and limit parameters cannot exceed 10000, or the REST API will respond with status 400". */
  pastPaginationLimit: () =>
    failure(400, 'Arguments Caused Error', 2001, ['Offset+limit exceeds maximum allowed value of 10000. Please try to refine your search to reduce the returned set of records below this number, like adding a date range.']),
} as const;

/** The answer of an injected `{ kind: 'status' }` fault. */
export function faultFailure(status: 401 | 403 | 404 | 429 | 500, message?: string): Reply {
  const base = { 401: PAGERDUTY_ERRORS.authenticationFailed, 403: PAGERDUTY_ERRORS.accessDenied, 404: PAGERDUTY_ERRORS.notFound, 429: PAGERDUTY_ERRORS.rateLimited, 500: PAGERDUTY_ERRORS.internal }[status]();
  return message === undefined ? base : failure(status, message, base.body.error.code);
}
