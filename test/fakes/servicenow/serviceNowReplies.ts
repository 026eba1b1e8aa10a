// ServiceNow's error answers: `{ error: { message, detail }, status: "failure" }` with the HTTP status of the
// REST response-code table (r_RESTAPIHTTPResponseCodes.md of ServiceNow/ServiceNowDocs: 401 unauthorized, 403
// ACL, business rule or data policy, 404 missing or hidden by an ACL, 429 rate limit). Each text is the one an
// instance was seen to answer; the source is named beside it.

/** Status, headers and a JSON or a text body. */
export type Reply = { readonly status: number; readonly headers?: Readonly<Record<string, string>> } & ({ readonly json: unknown } | { readonly text: string });

export interface ServiceNowErrorBody {
  readonly error: { readonly message: string; readonly detail: string | null };
  readonly status: 'failure';
}

export function failure(status: number, message: string, detail: string | null, headers?: Readonly<Record<string, string>>): Reply & { readonly json: ServiceNowErrorBody } {
  return { status, json: { error: { message, detail }, status: 'failure' }, ...(headers ? { headers } : {}) };
}

/** The sys_id the fake names as its rate limit rule (`X-RateLimit-Rule`). */
export const RATE_LIMIT_RULE = '6f1e0c1a2b3c4d5e6f708192a3b4c5d6';

export const SERVICENOW_ERRORS = {
  /**
   * No, a malformed or a wrong Authorization. The body as measured on a developer instance; the challenge header as
   * captured from one (`WWW-Authenticate: BASIC realm="Service-now"`). Some releases word the message "User is not
   * authenticated": a client should not compare it.
   */
  notAuthenticated: () => failure(401, 'User Not Authenticated', 'Required to provide Auth information', { 'www-authenticate': 'BASIC realm="Service-now"' }),
  /** A write by a user without the write ACL (quoted in MicrosoftDocs/azure-docs, itsmc-dashboard-errors.md). */
  aclUpdate: () => failure(403, 'Operation Failed', 'ACL Exception Update Failed due to security constraints'),
  /** A data policy or a business rule that aborted the write (`current.setAbortAction(true)`). */
  operationFailed: (detail: string) => failure(403, 'Operation Failed', detail),
  /** An unknown sys_id, or one in another table (asserted against an instance in a Talend component's tests). */
  noRecord: () => failure(404, 'No Record found', "Record doesn't exist or ACL restricts the record retrieval"),
  /** A table name the instance does not have. */
  invalidTable: (table: string) => failure(400, `Invalid table ${table}`, `Table ${table} does not exist`),
  /** A path below /api that no API serves. */
  noResource: () => failure(400, 'Requested URI does not represent any resource', null),
  /** The docs' example answer to a request over a rate limit rule (inbound-REST-API-rate-limiting.md), with its headers. */
  rateLimited: (limitPerHour: number, retryAfterSeconds: number, resetUnixSeconds: number) =>
    failure(429, 'Rate limit exceeded', `Rate limit of ${limitPerHour} requests per hour for Table API exceeded`, {
      'retry-after': String(retryAfterSeconds),
      'x-ratelimit-limit': String(limitPerHour),
      'x-ratelimit-reset': String(resetUnixSeconds),
      'x-ratelimit-rule': RATE_LIMIT_RULE,
    }),
  /** A PATCH or PUT body that is not JSON ("Exception while reading request" is the message of KB0747638; the detail is the fake's). */
  unreadableBody: () => failure(400, 'Exception while reading request', 'The payload is not valid JSON.'),
  /** A PATCH or PUT body declared as anything but JSON: 415 of the response-code table (the text is the fake's). */
  unsupportedMediaType: () => failure(415, 'Unsupported Media Type', 'The endpoint does not support the format of the request body.'),
  /** A method of the Table API the fake does not have (POST, DELETE). */
  notFaked: (what: string): Reply => ({ status: 501, text: `The fake ServiceNow does not implement ${what}.` }),
} as const;
