// A local stand-in for PagerDuty's REST API v2 (https://api.pagerduty.com): a real HTTP server on 127.0.0.1
// with an ephemeral port, for the tests and the demo. It answers GET /abilities, /services/{id},
// /escalation_policies/{id}, /schedules/{id}, /oncalls, /users, /users/{id}, /incidents, /incidents/{id}
// and POST /incidents, with PagerDuty's shapes, errors (pagerDutyErrors.ts) and rate-limit headers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LocalServer, readBody, sleep } from '../localServer';
import { PagerDutyDirectory } from './pagerDutyDirectory';
import { faultFailure, PAGERDUTY_ERRORS, type Reply } from './pagerDutyErrors';
import { createIncident, getIncident, listIncidents } from './pagerDutyIncidents';
import type { FakeEscalationPolicy, FakeIncident, FakeKey, FakeOnCall, FakeSchedule, FakeService, FakeUser, Fault, RecordedRequest } from './pagerDutyModel';
import { listOnCalls } from './pagerDutyOnCalls';
import { page, recordedQuery } from './pagerDutyPaging';

export type * from './pagerDutyModel';
export { PAGERDUTY_ERRORS, type PagerDutyErrorBody } from './pagerDutyErrors';

/** Requests a minute an account API key may make (docs/REST-API/04-Rate-Limits.md). */
export const RATE_LIMIT = 960;
const WINDOW_MS = 60_000;

export class FakePagerDuty {
  readonly requests: RecordedRequest[] = [];
  /** Added to every answer. */
  latencyMs = 0;
  /** Requests a minute each key may make before a 429; `reset()` sets it back to PagerDuty's 960. */
  rateLimitPerMinute = RATE_LIMIT;
  private readonly directory = new PagerDutyDirectory();
  private keys = new Map<string, FakeKey>();
  private faults: Fault[] = [];
  private windows = new Map<string, { start: number; used: number }>();
  private readonly server = new LocalServer((req, res) => this.handle(req, res));

  get baseUrl(): string {
    return this.server.baseUrl;
  }

  /** The account's subdomain (`https://SUBDOMAIN.pagerduty.com/...` in every html_url) and abilities. */
  setAccount(account: { readonly subdomain: string; readonly abilities?: readonly string[] }): void {
    this.directory.subdomain = account.subdomain;
    if (account.abilities) this.directory.abilities = [...account.abilities];
  }

  /** The API keys that authenticate; any other (or none) is a 401. */
  setKeys(keys: readonly FakeKey[]): void {
    this.keys = new Map(keys.map((k) => [k.key, k]));
  }

  setUsers(users: readonly FakeUser[]): void {
    this.directory.users = new Map(users.map((u) => [u.id, u]));
  }

  setServices(services: readonly FakeService[]): void {
    this.directory.services = new Map(services.map((s) => [s.id, s]));
  }

  setEscalationPolicies(policies: readonly FakeEscalationPolicy[]): void {
    this.directory.policies = new Map(policies.map((p) => [p.id, p]));
  }

  setSchedules(schedules: readonly FakeSchedule[]): void {
    this.directory.schedules = new Map(schedules.map((s) => [s.id, s]));
  }

  setOnCalls(onCalls: readonly FakeOnCall[]): void {
    this.directory.onCalls = [...onCalls];
  }

  /** The fake's clock (the default `since`/`until` of /oncalls, incidents' `created_at`); undefined: the real time. */
  setNow(now: Date | undefined): void {
    this.directory.frozenNow = now && new Date(now.getTime());
  }

  /** The incidents created so far, oldest first. */
  incidents(): readonly FakeIncident[] {
    return this.directory.incidents;
  }

  /** Resolves an incident as a responder would (throws when there is no such incident). */
  resolveIncident(id: string): void {
    const incident = this.directory.incidents.find((i) => i.id === id);
    if (!incident) throw new Error(`no incident ${id}`);
    incident.status = 'resolved';
    incident.resolvedAt = this.directory.now().toISOString();
  }

  /** Each fault is consumed by the next request it matches (its `method` and `path`, when given), in order. */
  injectFaults(...faults: Fault[]): void {
    this.faults.push(...faults);
  }

  /** Forgets the incidents, the faults, the recorded requests and the rate-limit counts and limit. */
  reset(): void {
    this.rateLimitPerMinute = RATE_LIMIT;
    this.directory.incidents = [];
    this.faults = [];
    this.windows.clear();
    this.requests.splice(0);
  }

  async start(port = 0): Promise<this> {
    await this.server.start(port);
    this.directory.apiBase = this.baseUrl;
    return this;
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const method = req.method ?? 'GET';
    const recorded = record(req, method, url);
    this.requests.push(recorded);
    res.on('finish', () => (recorded.status = res.statusCode));
    if (method !== 'GET' && method !== 'HEAD') recorded.body = parseJson((await readBody(req)).toString('utf8'));
    if (this.latencyMs) await sleep(this.latencyMs);
    const fault = this.takeFault(method, url.pathname);
    if (fault?.kind === 'delay') await sleep(fault.ms);
    if (fault?.kind === 'drop') return void req.socket.destroy();
    send(res, fault?.kind === 'status' ? statusFault(fault, this.rateLimitPerMinute) : this.answer(method, url, recorded));
  }

  private takeFault(method: string, path: string): Fault | undefined {
    const index = this.faults.findIndex((f) => (f.method === undefined || f.method.toUpperCase() === method) && (f.path === undefined || f.path === path));
    return index < 0 ? undefined : this.faults.splice(index, 1)[0];
  }

  private answer(method: string, url: URL, recorded: RecordedRequest): Reply {
    const key = this.keys.get(/^Token token=(.+)$/.exec(recorded.authorization ?? '')?.[1] ?? '');
    if (!key) return PAGERDUTY_ERRORS.authenticationFailed();
    const rate = this.countRequest(key.key);
    if (rate.exceeded) return { ...PAGERDUTY_ERRORS.rateLimited(), headers: rate.headers };
    // "API requests made with read-only keys attempting to access endpoints with methods other than GET will return 403."
    const reply = method !== 'GET' && key.readOnly ? PAGERDUTY_ERRORS.accessDenied() : this.route(method, url, recorded);
    return { ...reply, headers: { ...rate.headers, ...reply.headers } };
  }

  /** Counts one more request of this key in its minute: over the limit?, and the `ratelimit-*` headers. */
  private countRequest(key: string): { exceeded: boolean; headers: Record<string, string> } {
    const now = Date.now();
    const window = this.windows.get(key);
    const current = window && now - window.start < WINDOW_MS ? window : { start: now, used: 0 };
    current.used++;
    this.windows.set(key, current);
    const reset = Math.max(1, Math.ceil((current.start + WINDOW_MS - now) / 1000));
    const limit = this.rateLimitPerMinute;
    const headers = { 'ratelimit-limit': String(limit), 'ratelimit-remaining': String(Math.max(0, limit - current.used)), 'ratelimit-reset': String(reset) };
    return { exceeded: current.used > limit, headers };
  }

  private route(method: string, url: URL, recorded: RecordedRequest): Reply {
    const [resource = '', id, ...rest] = url.pathname.split('/').filter(Boolean).map(decodeSegment);
    if (rest.length > 0) return PAGERDUTY_ERRORS.notFound();
    const d = this.directory;
    if (method === 'POST') return resource === 'incidents' && id === undefined ? createIncident(d, recorded.body, recorded.from) : PAGERDUTY_ERRORS.notFound();
    if (method !== 'GET') return PAGERDUTY_ERRORS.notFound();
    const one = <T>(map: ReadonlyMap<string, T>, name: string, render: (value: T) => unknown): Reply => {
      const value = id === undefined ? undefined : map.get(id);
      return value === undefined ? PAGERDUTY_ERRORS.notFound() : { status: 200, body: { [name]: render(value) } };
    };
    switch (resource) {
      case 'abilities':
        return id === undefined ? { status: 200, body: { abilities: d.abilities } } : PAGERDUTY_ERRORS.notFound();
      case 'services':
        return one(d.services, 'service', (s) => d.service(s));
      case 'escalation_policies':
        return one(d.policies, 'escalation_policy', (p) => d.policy(p));
      case 'schedules':
        return one(d.schedules, 'schedule', (s) => d.schedule(s));
      case 'users':
        return id === undefined ? listUsers(d, url) : one(d.users, 'user', (u) => d.user(u));
      case 'oncalls':
        return id === undefined ? listOnCalls(d, url) : PAGERDUTY_ERRORS.notFound();
      case 'incidents':
        return id === undefined ? listIncidents(d, url) : getIncident(d, id);
      default:
        return PAGERDUTY_ERRORS.notFound();
    }
  }
}

/** GET /users?query=: the users whose name or email contains the query (any case), by name. */
function listUsers(directory: PagerDutyDirectory, url: URL): Reply {
  const query = (url.searchParams.get('query') ?? '').toLowerCase();
  const users = [...directory.users.values()].filter((u) => u.name.toLowerCase().includes(query) || u.email.toLowerCase().includes(query)).sort((a, b) => a.name.localeCompare(b.name));
  return page(url, 'users', users.map((u) => directory.user(u)));
}

function statusFault(fault: Extract<Fault, { kind: 'status' }>, limit: number): Reply {
  const reply = faultFailure(fault.status, fault.message);
  if (fault.status !== 429 || fault.withoutRateLimitHeaders) return reply;
  return { ...reply, headers: { 'ratelimit-limit': String(limit), 'ratelimit-remaining': '0', 'ratelimit-reset': String(fault.retryAfterSeconds ?? 20) } };
}

function record(req: IncomingMessage, method: string, url: URL): RecordedRequest {
  const header = (name: string) => (typeof req.headers[name] === 'string' ? { [name]: req.headers[name] } : {});
  return { method, path: (req.url ?? '/').replace(/\?.*$/s, ''), query: recordedQuery(url), ...header('authorization'), ...header('from'), ...header('accept') };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function send(res: ServerResponse, reply: Reply): void {
  res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...reply.headers });
  res.end(JSON.stringify(reply.body));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}


