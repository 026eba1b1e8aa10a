// The fake ServiceNow's data model: what a test sets up (credentials, records, rules) and what it reads back
// (a record's stored values, its journal, the recorded requests).

/** Basic auth (`Authorization: Basic base64(user:password)`). A read-only user may read but not write. */
export interface FakeUser {
  readonly user: string;
  readonly password: string;
  readonly readOnly?: boolean;
  /** The IANA zone display values of dates are shown in (a ServiceNow user's time zone); default UTC. */
  readonly timeZone?: string;
}

/** An OAuth access token (`Authorization: Bearer TOKEN`), as /oauth_token.do hands out. */
export interface FakeToken {
  readonly token: string;
  readonly readOnly?: boolean;
  readonly timeZone?: string;
  /** Who the token acts as: the author of its journal entries. Default `oauth.user`. */
  readonly user?: string;
}

/**
 * A row as ServiceNow stores it: every value a string, references as the referenced sys_id, choices as their
 * value, dates as `YYYY-MM-DD HH:mm:ss` in UTC. Columns left out are empty.
 */
export type FakeRecord = Readonly<Record<string, string>> & { readonly sys_id: string; readonly sys_class_name: string };

/** One entry of a journal field (work_notes, comments): the sys_journal_field row ServiceNow keeps. */
export interface JournalEntry {
  readonly element: string;
  readonly value: string;
  /** The user name (or token user) that wrote it. */
  readonly createdBy: string;
  readonly createdOn: string;
}

/** A rule's refusal: the write changes nothing and answers 403 `Operation Failed` with this detail. */
export interface RuleRefusal {
  readonly detail: string;
}

/** A data policy or business rule: sees the record as the write would leave it and the columns the write set. */
export type FakeRule = (after: Readonly<Record<string, string>>, changed: ReadonlySet<string>) => RuleRefusal | undefined;

export interface RecordedRequest {
  readonly method: string;
  /** Still percent-encoded. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** Whether an Authorization header came; the credentials themselves are not kept. */
  readonly hasAuthorization: boolean;
  /** Its scheme as sent (`Basic`, `Bearer`, …). */
  readonly authScheme?: string;
  /** A JSON body parsed, any other as its text; unset when empty. */
  readonly body?: unknown;
  /** Set once answered. */
  status?: number;
}
