// The data of the fake PagerDuty account, as tests set it, and what the fake records of each request.

/** PagerDuty's user roles; the read-only ones (and `observer`) cannot create incidents. */
export type PagerDutyRole = 'admin' | 'owner' | 'user' | 'limited_user' | 'observer' | 'restricted_access' | 'read_only_user' | 'read_only_limited_user';

/** An account API key (`Authorization: Token token=KEY`). A read-only key may only GET. */
export interface FakeKey {
  readonly key: string;
  readonly readOnly?: boolean;
}

export interface FakeUser {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  /** Default `user`. */
  readonly role?: PagerDutyRole;
  /** Default `America/New_York`. */
  readonly timeZone?: string;
  readonly jobTitle?: string;
}

export interface FakeService {
  readonly id: string;
  readonly name: string;
  readonly escalationPolicyId: string;
  readonly description?: string;
}

export interface FakeTarget {
  readonly type: 'user' | 'schedule';
  readonly id: string;
}

/** Level N of a policy is its rule N (from 1). */
export interface FakeEscalationRule {
  readonly delayMinutes: number;
  readonly targets: readonly FakeTarget[];
}

export interface FakeEscalationPolicy {
  readonly id: string;
  readonly name: string;
  readonly rules: readonly FakeEscalationRule[];
  readonly description?: string;
  readonly numLoops?: number;
}

export interface FakeSchedule {
  readonly id: string;
  readonly name: string;
  /** Default `America/New_York`. */
  readonly timeZone?: string;
  readonly description?: string;
}

/** Who is on call at one level of a policy, through a schedule or directly; no start or end is "always". */
export interface FakeOnCall {
  readonly escalationPolicyId: string;
  readonly level: number;
  readonly scheduleId?: string;
  readonly userId: string;
  /** ISO 8601; undefined or null: since ever. */
  readonly start?: string | null;
  /** ISO 8601; undefined or null: for ever. */
  readonly end?: string | null;
}

export type IncidentStatus = 'triggered' | 'acknowledged' | 'resolved';

/** An incident created through `POST /incidents`. */
export interface FakeIncident {
  readonly id: string;
  readonly number: number;
  readonly title: string;
  status: IncidentStatus;
  readonly urgency: 'high' | 'low';
  readonly serviceId: string;
  readonly escalationPolicyId: string;
  readonly incidentKey: string | null;
  /** `body.details` of the request. */
  readonly details?: string;
  readonly assigneeIds: readonly string[];
  readonly assignedVia: 'escalation_policy' | 'direct_assignment';
  /** The `From` header of the request that created it. */
  readonly from: string;
  /** ISO 8601. */
  readonly createdAt: string;
  resolvedAt: string | null;
}

/** Restricts a fault to the requests of one method and/or one path (`/incidents`, exactly). */
export interface FaultMatch {
  readonly method?: string;
  readonly path?: string;
}

export type Fault = FaultMatch &
  (
    | {
        readonly kind: 'status';
        readonly status: 401 | 403 | 404 | 429 | 500;
        /** 429: the `ratelimit-reset` header, seconds (default 20, as in PagerDuty's example). */
        readonly retryAfterSeconds?: number;
        /** 429 without the `ratelimit-*` headers, which PagerDuty says may happen. */
        readonly withoutRateLimitHeaders?: boolean;
        readonly message?: string;
      }
    | { readonly kind: 'drop' }
    | { readonly kind: 'delay'; readonly ms: number }
  );

export interface RecordedRequest {
  readonly method: string;
  /** The path as it arrived, still percent-encoded. */
  readonly path: string;
  /** The query; a parameter whose name ends in `[]` (`statuses[]`) is the list of its values. */
  readonly query: Readonly<Record<string, string | readonly string[]>>;
  /** The Authorization header, key included: compare it, never print it. */
  readonly authorization?: string;
  readonly from?: string;
  readonly accept?: string;
  /** The body of a request other than GET, parsed as JSON (its text when it is not JSON). */
  body?: unknown;
  /** Set once answered. */
  status?: number;
}
