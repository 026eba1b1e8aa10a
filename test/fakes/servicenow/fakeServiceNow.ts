// A local stand-in for one ServiceNow instance's REST Table API (c_TableAPI.md of ServiceNow/ServiceNowDocs): a
// real HTTP server on 127.0.0.1 with an ephemeral port, for the tests and the demo. It answers GET
// /api/now[/v1|/v2]/table/{table} (encoded queries, encodedQuery.ts; fields and display values,
// serviceNowRender.ts; paging, serviceNowPaging.ts), GET /api/now/table/{table}/{sys_id}, and PATCH and PUT of a
// record (journals, business rules and data policies, serviceNowTables.ts), with basic auth or OAuth bearer
// tokens, read-only users, the rate-limit answer and ServiceNow's error bodies (serviceNowReplies.ts). The
// instance's host name (northwind.service-now.com) is only data: everything is served at `baseUrl`.
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import { parseEncodedQuery, matches, sortRows } from './encodedQuery';
import { LocalServer, readBody, sleep } from '../localServer';
import type { FakeRecord, FakeRule, FakeToken, FakeUser, JournalEntry, RecordedRequest } from './serviceNowModel';
import { pageOf } from './serviceNowPaging';
import { renderOptions, renderRecord, type RenderOptions } from './serviceNowRender';
import { failure, SERVICENOW_ERRORS, type Reply } from './serviceNowReplies';
import { defaultRules } from './serviceNowRules';
import { columnsOf, TABLES } from './serviceNowSchema';
import { ServiceNowTables } from './serviceNowTables';

export type * from './serviceNowModel';
export { SERVICENOW_ERRORS, RATE_LIMIT_RULE, type ServiceNowErrorBody } from './serviceNowReplies';
export { abortingBusinessRule, dataPolicy, INCIDENT_CLOSE_INFO } from './serviceNowRules';

/** The rate limit the docs' example names ("Rate limit of 10 requests per hour for Table API exceeded"). */
export const DOCS_RATE_LIMIT_PER_HOUR = 10;

const TABLE_PATH = /^\/api\/now(?:\/v\d+)?\/table\/([^/]+)(?:\/([^/]+))?\/?$/;

/** Who a request authenticated as. */
interface Caller {
  readonly user: string;
  readonly readOnly: boolean;
  readonly timeZone: string;
}

export class FakeServiceNow {
  readonly requests: RecordedRequest[] = [];
  /** Added before every answer. */
  latencyMs = 0;
  private users = new Map<string, FakeUser>();
  private tokens = new Map<string, FakeToken>();
  private readonly tables = new ServiceNowTables();
  /** Answers queued by `rateLimitNext` and `failNext`, one a request. */
  private injected: Reply[] = [];
  private readonly server = new LocalServer((req, res) => this.handle(req, res));

  /** `http://127.0.0.1:PORT`: the instance's URL (`https://INSTANCE` on a real one). */
  get baseUrl(): string {
    return this.server.baseUrl;
  }

  /** The basic-auth users; with no users and no tokens every request is a 401. */
  setUsers(users: readonly FakeUser[]): void {
    this.users = new Map(users.map((u) => [u.user, u]));
  }

  /** The OAuth access tokens the instance accepts. */
  setTokens(tokens: readonly (string | FakeToken)[]): void {
    this.tokens = new Map(tokens.map((t) => (typeof t === 'string' ? { token: t } : t)).map((t) => [t.token, t]));
  }

  /** Replaces every row of every table (sys_user and sys_user_group rows give references their display values). */
  setRecords(records: readonly FakeRecord[]): void {
    this.tables.set(records);
  }

  /** A row as stored now; undefined when there is none. */
  record(sysId: string): FakeRecord | undefined {
    const row = this.tables.row(sysId);
    return row && { ...row };
  }

  /** The journal entries (work_notes, comments) written to a record, oldest first. */
  journal(sysId: string): readonly JournalEntry[] {
    return this.tables.journal(sysId);
  }

  /** Replaces the rules defined on `table`; they apply to its records and those of the classes that extend it. */
  setRules(table: string, ...rules: FakeRule[]): void {
    this.tables.rules.set(table, rules);
  }

  /** The instance's clock (sys_updated_on, journal entries, resolved_at); undefined: the real time. */
  setNow(now: Date | undefined): void {
    this.tables.frozenNow = now && new Date(now.getTime());
  }

  /** The next `count` requests are over a rate limit rule: 429 with Retry-After and the X-RateLimit headers. */
  rateLimitNext(count: number, retryAfterSeconds: number, limitPerHour = DOCS_RATE_LIMIT_PER_HOUR): void {
    const reset = Math.ceil(this.tables.now().getTime() / 1000) + retryAfterSeconds;
    for (let i = 0; i < count; i++) this.injected.push(SERVICENOW_ERRORS.rateLimited(limitPerHour, retryAfterSeconds, reset));
  }

  /** The next request (after those queued before) gets this status: a JSON body for an object, text for a string, else ServiceNow's error body with the status's reason. */
  failNext(status: number, body?: string | object): void {
    const reason = STATUS_CODES[status] ?? '';
    this.injected.push(typeof body === 'object' ? { status, json: body } : typeof body === 'string' ? { status, text: body } : failure(status, reason, null));
  }

  /** Forgets the records, journals, credentials, added rules, queued failures, recorded requests, clock and latency. */
  reset(): void {
    this.tables.set([]);
    this.tables.rules = defaultRules();
    this.tables.frozenNow = undefined;
    this.users.clear();
    this.tokens.clear();
    this.injected = [];
    this.requests.splice(0);
    this.latencyMs = 0;
  }

  async start(port = 0): Promise<this> {
    await this.server.start(port);
    return this;
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const body = method === 'GET' || method === 'HEAD' ? Buffer.alloc(0) : await readBody(req);
    const scheme = /^(\S+)/.exec(req.headers.authorization ?? '')?.[1];
    const recorded: RecordedRequest = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      hasAuthorization: req.headers.authorization !== undefined,
      ...(scheme ? { authScheme: scheme } : {}),
      ...(body.length ? { body: parseJson(body.toString('utf8')) ?? body.toString('utf8') } : {}),
    };
    this.requests.push(recorded);
    res.on('finish', () => (recorded.status = res.statusCode));
    if (this.latencyMs) await sleep(this.latencyMs);
    send(res, this.injected.shift() ?? this.answer(req, method, url, body));
  }

  private answer(req: IncomingMessage, method: string, url: URL, body: Buffer): Reply {
    const route = TABLE_PATH.exec(url.pathname);
    if (!route) return SERVICENOW_ERRORS.noResource();
    const caller = this.authenticate(req.headers.authorization);
    if (!caller) return SERVICENOW_ERRORS.notAuthenticated();
    const [table, sysId] = [decodeSegment(route[1] ?? ''), route[2] && decodeSegment(route[2])];
    if (!TABLES[table]) return SERVICENOW_ERRORS.invalidTable(table);
    if (method === 'POST' || method === 'DELETE') return SERVICENOW_ERRORS.notFaked(`${method} of the Table API`);
    if (!sysId) return method === 'GET' ? this.list(table, url, caller) : SERVICENOW_ERRORS.noResource();
    const row = this.tables.find(table, sysId);
    if (!row) return SERVICENOW_ERRORS.noRecord();
    if (method === 'GET') return { status: 200, json: { result: renderRecord(row, this.render(url, table, caller)) } };
    if (method !== 'PATCH' && method !== 'PUT') return SERVICENOW_ERRORS.noResource();
    if (caller.readOnly) return SERVICENOW_ERRORS.aclUpdate();
    const contentType = req.headers['content-type'];
    if (contentType !== undefined && !/^application\/json\b/i.test(contentType)) return SERVICENOW_ERRORS.unsupportedMediaType();
    const fields = parseJson(body.toString('utf8'));
    if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) return SERVICENOW_ERRORS.unreadableBody();
    const write = this.tables.update(table, row, fields as Record<string, unknown>, caller.user);
    if ('refused' in write) return SERVICENOW_ERRORS.operationFailed(write.refused.detail);
    return { status: 200, json: { result: renderRecord(write.updated, this.render(url, table, caller)) } };
  }

  private list(table: string, url: URL, caller: Caller): Reply {
    const query = parseEncodedQuery(url.searchParams.get('sysparm_query') ?? '', columnsOf(table));
    const rows = sortRows(
      this.tables.list(table).filter((r) => matches(query, (column) => r[column] ?? '')),
      query,
      (r, column) => r[column] ?? '',
    );
    const { page, headers } = pageOf(rows, url.searchParams, this.baseUrl + url.pathname);
    const options = this.render(url, table, caller);
    return { status: 200, headers, json: { result: page.map((r) => renderRecord(r, options)) } };
  }

  private render(url: URL, table: string, caller: Caller): RenderOptions {
    return renderOptions(url.searchParams, table, { timeZone: caller.timeZone, instanceUrl: this.baseUrl, lookup: (t, id) => this.tables.find(t, id) });
  }

  private authenticate(authorization: string | undefined): Caller | undefined {
    const [, scheme = '', credentials = ''] = /^(\S+)\s+(\S+)$/.exec(authorization ?? '') ?? [];
    if (/^bearer$/i.test(scheme)) {
      const token = this.tokens.get(credentials);
      return token && { user: token.user ?? 'oauth.user', readOnly: token.readOnly ?? false, timeZone: token.timeZone ?? 'UTC' };
    }
    if (!/^basic$/i.test(scheme)) return undefined;
    const decoded = Buffer.from(credentials, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const user = colon < 0 ? undefined : this.users.get(decoded.slice(0, colon));
    return user && user.password === decoded.slice(colon + 1) ? { user: user.user, readOnly: user.readOnly ?? false, timeZone: user.timeZone ?? 'UTC' } : undefined;
  }
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** JSON as instances send it (`Content-Type: application/json;charset=UTF-8`), text as plain text. */
function send(res: ServerResponse, reply: Reply): void {
  const json = 'json' in reply;
  res.writeHead(reply.status, { 'content-type': json ? 'application/json;charset=UTF-8' : 'text/plain', ...reply.headers });
  res.end(json ? JSON.stringify(reply.json) : reply.text);
}
