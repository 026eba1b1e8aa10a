import * as assert from 'node:assert/strict';
import { FakePagerDuty, PAGERDUTY_ERRORS, RATE_LIMIT } from '../fakes/pagerduty/fakePagerDuty';
import {
  PD_KEY,
  PD_READONLY_KEY,
  PD_USER_COUNT,
  PD_USERS,
  PRIMARY_SCHEDULE_ID,
  REQUESTER_EMAIL,
  samplePagerDuty,
  SECONDARY_SCHEDULE_ID,
  TRAVEL_PAY_POLICY_ID,
  TRAVEL_PAY_SERVICE_ID,
  TRAVEL_PAY_SERVICE_URL,
} from '../fakes/pagerduty/pagerDutyFixtures';

const NOW = new Date('2026-03-10T12:00:00Z');
const HOUR = 3_600_000;

type Json = Record<string, unknown>;

describe('fake PagerDuty REST API v2', () => {
  const pd = new FakePagerDuty();
  before(() => pd.start());
  after(() => pd.stop());
  beforeEach(() => {
    pd.reset();
    samplePagerDuty(pd, NOW);
  });

  const headers = (key: string | null, extra: Record<string, string> = {}): Record<string, string> => ({
    Accept: 'application/vnd.pagerduty+json;version=2',
    'Content-Type': 'application/json',
    ...(key === null ? {} : { Authorization: `Token token=${key}` }),
    ...extra,
  });
  const get = (path: string, key: string | null = PD_KEY) => fetch(`${pd.baseUrl}${path}`, { headers: headers(key) });
  const getJson = async (path: string) => {
    const response = await get(path);
    assert.equal(response.status, 200, `${path}: ${response.status}`);
    return (await response.json()) as Json;
  };
  const incidentBody = (extra: Json = {}) => ({ incident: { type: 'incident', title: 'Travel Pay claims failing', service: { id: TRAVEL_PAY_SERVICE_ID, type: 'service_reference' }, ...extra } });
  const post = (body: unknown, options: { key?: string; from?: string | undefined } = {}) =>
    fetch(`${pd.baseUrl}/incidents`, {
      method: 'POST',
      headers: headers(options.key ?? PD_KEY, 'from' in options ? (options.from === undefined ? {} : { From: options.from }) : { From: REQUESTER_EMAIL }),
      body: JSON.stringify(body),
    });
  const errorOf = async (response: Response) => (await response.json()) as Json;

  describe('authentication and GET /abilities', () => {
    it('answers the abilities to a known key, with the rate-limit headers', async () => {
      const response = await get('/abilities');
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
      assert.deepEqual(await response.json(), { abilities: ['teams', 'read_only_users', 'service_support_hours', 'urgencies'] });
      assert.equal(response.headers.get('ratelimit-limit'), String(RATE_LIMIT));
      assert.equal(response.headers.get('ratelimit-remaining'), String(RATE_LIMIT - 1));
      assert.ok(Number(response.headers.get('ratelimit-reset')) > 0);
      assert.equal((await get('/abilities')).headers.get('ratelimit-remaining'), String(RATE_LIMIT - 2));
    });

    it('answers 401 "Authentication failed" (2006) without a key, with an unknown key or a malformed header', async () => {
      for (const response of [await get('/abilities', null), await get('/abilities', 'nope'), await fetch(`${pd.baseUrl}/abilities`, { headers: { Authorization: `Bearer ${PD_KEY}` } })]) {
        assert.equal(response.status, 401);
        assert.deepEqual(await response.json(), { error: { message: 'Authentication failed', code: 2006 } });
      }
      assert.deepEqual(PAGERDUTY_ERRORS.authenticationFailed().body, { error: { message: 'Authentication failed', code: 2006 } });
    });

    it('lets a read-only key GET but answers 403 "Access Denied" (2010) to its POST, and creates nothing', async () => {
      assert.equal((await get('/abilities', PD_READONLY_KEY)).status, 200);
      const response = await post(incidentBody(), { key: PD_READONLY_KEY });
      assert.equal(response.status, 403);
      assert.deepEqual(await response.json(), { error: { message: 'Access Denied', code: 2010 } });
      assert.equal(pd.incidents().length, 0);
    });
  });

  describe('services, escalation policies, schedules', () => {
    it('GET /services/{id}: the service, its html_url as runbooks link it, its escalation policy reference', async () => {
      const { service } = (await getJson(`/services/${TRAVEL_PAY_SERVICE_ID}`)) as { service: Json };
      assert.equal(service.id, TRAVEL_PAY_SERVICE_ID);
      assert.equal(service.type, 'service');
      assert.equal(service.name, 'Travel Pay API');
      assert.equal(service.summary, 'Travel Pay API');
      assert.equal(service.html_url, TRAVEL_PAY_SERVICE_URL);
      assert.equal(service.self, `${pd.baseUrl}/services/${TRAVEL_PAY_SERVICE_ID}`);
      assert.deepEqual(service.escalation_policy, {
        id: TRAVEL_PAY_POLICY_ID,
        type: 'escalation_policy_reference',
        summary: 'Travel Pay escalation',
        self: `${pd.baseUrl}/escalation_policies/${TRAVEL_PAY_POLICY_ID}`,
        html_url: `https://dsva.pagerduty.com/escalation_policies/${TRAVEL_PAY_POLICY_ID}`,
      });
    });

    it('answers 404 "Not Found" (2100) to an unknown id or path', async () => {
      for (const path of ['/services/PNOPE00', '/escalation_policies/PNOPE00', '/schedules/PNOPE00', '/users/PNOPE00', '/incidents/QNOPE', '/services', '/nothing']) {
        const response = await get(path);
        assert.equal(response.status, 404, path);
        assert.deepEqual(await response.json(), { error: { message: 'Not Found', code: 2100 } });
      }
    });

    it('GET /escalation_policies/{id}: its rules, level by level, with their targets', async () => {
      const { escalation_policy: policy } = (await getJson(`/escalation_policies/${TRAVEL_PAY_POLICY_ID}`)) as { escalation_policy: { name: string; html_url: string; escalation_rules: { escalation_delay_in_minutes: number; targets: Json[] }[]; services: Json[] } };
      assert.equal(policy.name, 'Travel Pay escalation');
      assert.equal(policy.html_url, `https://dsva.pagerduty.com/escalation_policies/${TRAVEL_PAY_POLICY_ID}`);
      assert.deepEqual(
        policy.escalation_rules.map((r) => [r.escalation_delay_in_minutes, r.targets.map((t) => [t.id, t.type, t.summary])]),
        [
          [15, [[PRIMARY_SCHEDULE_ID, 'schedule_reference', 'Travel Pay primary'], [SECONDARY_SCHEDULE_ID, 'schedule_reference', 'Travel Pay secondary']]],
          [15, [[PD_USERS.charlotte.id, 'user_reference', 'Charlotte Reid']]],
          [30, [[PD_USERS.mark.id, 'user_reference', 'Mark Dewey']]],
        ],
      );
      assert.deepEqual(policy.services.map((s) => s.id), [TRAVEL_PAY_SERVICE_ID]);
    });

    it('GET /schedules/{id}: name, html_url, time zone, the policies that use it', async () => {
      const { schedule } = (await getJson(`/schedules/${PRIMARY_SCHEDULE_ID}`)) as { schedule: Json & { escalation_policies: Json[]; users: Json[] } };
      assert.equal(schedule.name, 'Travel Pay primary');
      assert.equal(schedule.type, 'schedule');
      assert.equal(schedule.html_url, `https://dsva.pagerduty.com/schedules/${PRIMARY_SCHEDULE_ID}`);
      assert.equal(schedule.time_zone, 'America/New_York');
      assert.deepEqual(schedule.escalation_policies.map((p) => [p.id, p.type]), [[TRAVEL_PAY_POLICY_ID, 'escalation_policy_reference']]);
      assert.deepEqual(schedule.users.map((u) => u.summary), ['Kevin Duensing']);
    });
  });

  describe('GET /oncalls', () => {
    type OnCall = { escalation_level: number; schedule: Json | null; user: Json; start: string | null; end: string | null; escalation_policy: Json };
    const onCalls = async (query: string) => (await getJson(`/oncalls?${query}`)) as { oncalls: OnCall[]; limit: number; offset: number; more: boolean; total: number | null };

    it('lists who is on call now for a policy, with the full users under include[]=users', async () => {
      const answer = await onCalls(`escalation_policy_ids[]=${TRAVEL_PAY_POLICY_ID}&include[]=users`);
      assert.deepEqual(
        answer.oncalls.map((o) => [o.escalation_level, o.schedule?.id ?? null, o.user.name, o.user.email, o.start, o.end]),
        [
          [1, PRIMARY_SCHEDULE_ID, 'Kevin Duensing', 'kevin.duensing@example.gov', new Date(NOW.getTime() - 18 * HOUR).toISOString(), new Date(NOW.getTime() + 6 * HOUR).toISOString()],
          [1, SECONDARY_SCHEDULE_ID, 'Calvin Cieslak', 'calvin.cieslak@example.gov', new Date(NOW.getTime() - 18 * HOUR).toISOString(), new Date(NOW.getTime() + 30 * HOUR).toISOString()],
          [2, null, 'Charlotte Reid', 'charlotte.reid@example.gov', null, null],
          [3, null, 'Mark Dewey', 'mark.dewey@example.gov', null, null],
        ],
      );
      const [first] = answer.oncalls;
      assert.equal(first?.user.type, 'user');
      assert.equal(first?.user.html_url, `https://dsva.pagerduty.com/users/${PD_USERS.kevin.id}`);
      assert.equal(first?.schedule?.type, 'schedule_reference');
      assert.equal(first?.escalation_policy.type, 'escalation_policy_reference');
      assert.deepEqual([answer.limit, answer.offset, answer.more, answer.total], [25, 0, false, null]);
    });

    it('gives user references without include[]=users', async () => {
      const { oncalls } = await onCalls(`escalation_policy_ids[]=${TRAVEL_PAY_POLICY_ID}`);
      assert.deepEqual(oncalls[0]?.user, { id: PD_USERS.kevin.id, type: 'user_reference', summary: 'Kevin Duensing', self: `${pd.baseUrl}/users/${PD_USERS.kevin.id}`, html_url: `https://dsva.pagerduty.com/users/${PD_USERS.kevin.id}` });
    });

    it('filters by schedule_ids[] ("null": the direct targets) and by unknown policies', async () => {
      assert.deepEqual((await onCalls(`schedule_ids[]=${PRIMARY_SCHEDULE_ID}`)).oncalls.map((o) => o.user.summary), ['Kevin Duensing']);
      assert.deepEqual((await onCalls(`schedule_ids[]=${SECONDARY_SCHEDULE_ID}&schedule_ids[]=null`)).oncalls.map((o) => o.user.summary), ['Calvin Cieslak', 'Charlotte Reid', 'Mark Dewey']);
      assert.deepEqual((await onCalls('escalation_policy_ids[]=PNOPE00&escalation_policy_ids%5B%5D=PNOPE01')).oncalls, []);
      assert.deepEqual(pd.requests.at(-1)?.query, { 'escalation_policy_ids[]': ['PNOPE00', 'PNOPE01'] });
    });

    it('keeps the on-calls that overlap since..until', async () => {
      const later = (hours: number) => encodeURIComponent(new Date(NOW.getTime() + hours * HOUR).toISOString());
      const names = async (query: string) => (await onCalls(query)).oncalls.map((o) => o.user.summary);
      assert.deepEqual(await names(`since=${later(8)}&until=${later(9)}`), ['Calvin Cieslak', 'Charlotte Reid', 'Mark Dewey']);
      assert.deepEqual(await names(`since=${later(40)}&until=${later(41)}`), ['Charlotte Reid', 'Mark Dewey']);
      const backwards = await get(`/oncalls?since=${later(9)}&until=${later(8)}`);
      assert.equal(backwards.status, 400);
      assert.deepEqual(await backwards.json(), { error: { message: 'Invalid Query Date Range', code: 2005 } });
      assert.equal((await get('/oncalls?since=yesterday')).status, 400);
    });

    it('pages with limit and offset', async () => {
      const first = await onCalls('limit=3&total=true');
      assert.deepEqual([first.oncalls.length, first.limit, first.offset, first.more, first.total], [3, 3, 0, true, 4]);
      const second = await onCalls('limit=3&offset=3');
      assert.deepEqual([second.oncalls.map((o) => o.user.summary), second.more], [['Mark Dewey'], false]);
    });
  });

  describe('GET /users', () => {
    type Users = { users: Json[]; limit: number; offset: number; more: boolean; total: number | null };

    it('pages the users by name, 25 by default, at most 100', async () => {
      const first = (await getJson('/users')) as Users;
      assert.deepEqual([first.users.length, first.limit, first.offset, first.more, first.total], [25, 25, 0, true, null]);
      const names = first.users.map((u) => String(u.name));
      assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b)));
      const rest = (await getJson('/users?offset=25&total=true')) as Users;
      assert.deepEqual([rest.users.length, rest.more, rest.total], [PD_USER_COUNT - 25, false, PD_USER_COUNT]);
      assert.equal(((await getJson('/users?limit=500')) as Users).limit, 100);
      const tooFar = await get('/users?offset=9990&limit=20');
      assert.equal(tooFar.status, 400);
      assert.equal(((await tooFar.json()) as { error: Json }).error.code, 2001);
    });

    it('filters by query (name or email) and answers GET /users/{id}', async () => {
      const { users } = (await getJson('/users?query=reid')) as Users;
      assert.deepEqual(users, [
        {
          id: PD_USERS.charlotte.id,
          type: 'user',
          summary: 'Charlotte Reid',
          self: `${pd.baseUrl}/users/${PD_USERS.charlotte.id}`,
          html_url: `https://dsva.pagerduty.com/users/${PD_USERS.charlotte.id}`,
          name: 'Charlotte Reid',
          email: 'charlotte.reid@example.gov',
          time_zone: 'America/New_York',
          role: 'user',
          job_title: null,
          description: null,
          invitation_sent: false,
          teams: [],
        },
      ]);
      assert.deepEqual(((await getJson('/users?query=TIM.HAWKINS@')) as Users).users.map((u) => u.name), ['Tim Hawkins']);
      const { user } = (await getJson(`/users/${PD_USERS.tim.id}`)) as { user: Json };
      assert.equal(user.email, REQUESTER_EMAIL);
    });
  });

  describe('POST /incidents', () => {
    type Incident = Json & { assignments: { assignee: Json }[]; service: Json };

    it('creates a triggered incident assigned to the level-1 on-calls of the service\'s policy: 201', async () => {
      const response = await post(incidentBody({ urgency: 'high', incident_key: 'runbook-2026-03-10-1200', body: { type: 'incident_body', details: 'Claims API 500s' } }));
      assert.equal(response.status, 201);
      const { incident } = (await response.json()) as { incident: Incident };
      assert.equal(incident.type, 'incident');
      assert.equal(incident.incident_number, 1);
      assert.equal(incident.title, 'Travel Pay claims failing');
      assert.equal(incident.summary, '[#1] Travel Pay claims failing');
      assert.equal(incident.status, 'triggered');
      assert.equal(incident.urgency, 'high');
      assert.equal(incident.incident_key, 'runbook-2026-03-10-1200');
      assert.match(String(incident.id), /^Q[0-9A-Z]{13}$/);
      assert.equal(incident.html_url, `https://dsva.pagerduty.com/incidents/${String(incident.id)}`);
      assert.equal(incident.created_at, NOW.toISOString());
      assert.deepEqual([incident.service.id, incident.service.type, incident.service.html_url], [TRAVEL_PAY_SERVICE_ID, 'service_reference', TRAVEL_PAY_SERVICE_URL]);
      assert.deepEqual(incident.assignments.map((a) => [a.assignee.id, a.assignee.type]), [[PD_USERS.kevin.id, 'user_reference'], [PD_USERS.calvin.id, 'user_reference']]);
      assert.equal(incident.assigned_via, 'escalation_policy');
      assert.equal((incident.escalation_policy as Json).id, TRAVEL_PAY_POLICY_ID);

      const [stored] = pd.incidents();
      assert.deepEqual([stored?.from, stored?.details, stored?.serviceId], [REQUESTER_EMAIL, 'Claims API 500s', TRAVEL_PAY_SERVICE_ID]);
      const recorded = pd.requests.at(-1);
      assert.deepEqual([recorded?.method, recorded?.path, recorded?.from, recorded?.status, recorded?.accept], ['POST', '/incidents', REQUESTER_EMAIL, 201, 'application/vnd.pagerduty+json;version=2']);
      assert.deepEqual(recorded?.body, incidentBody({ urgency: 'high', incident_key: 'runbook-2026-03-10-1200', body: { type: 'incident_body', details: 'Claims API 500s' } }));
      assert.equal(recorded?.authorization, `Token token=${PD_KEY}`);
    });

    it('assigns directly when asked; to oneself, the incident starts acknowledged', async () => {
      const toCharlotte = (await (await post(incidentBody({ assignments: [{ assignee: { id: PD_USERS.charlotte.id, type: 'user_reference' } }] }))).json()) as { incident: Incident };
      assert.deepEqual([toCharlotte.incident.status, toCharlotte.incident.assigned_via, toCharlotte.incident.assignments.map((a) => a.assignee.summary)], ['triggered', 'direct_assignment', ['Charlotte Reid']]);
      const toSelf = (await (await post(incidentBody({ assignments: [{ assignee: { id: PD_USERS.tim.id, type: 'user_reference' } }] }))).json()) as { incident: Incident };
      assert.equal(toSelf.incident.status, 'acknowledged');
      const unknown = await post(incidentBody({ assignments: [{ assignee: { id: 'PNOPE00', type: 'user_reference' } }] }));
      assert.equal(unknown.status, 400);
    });

    it('answers 400 without a From header, with an empty one, or with an email that is no user\'s', async () => {
      const missing = await post(incidentBody(), { from: undefined });
      assert.equal(missing.status, 400);
      assert.deepEqual(await missing.json(), { error: { message: 'You must specify a user\'s email address in the "From" header to perform this action', code: 2016 } });
      const empty = await post(incidentBody(), { from: '' });
      assert.deepEqual([empty.status, await errorOf(empty)], [400, { error: { message: 'Malformed "From" header', code: 1028 } }]);
      const stranger = await post(incidentBody(), { from: 'someone@example.com' });
      assert.deepEqual([stranger.status, await errorOf(stranger)], [400, { error: { message: 'Requester User Not Found', code: 1008 } }]);
      assert.equal((await post(incidentBody(), { from: 'Tim.Hawkins@Example.gov' })).status, 201, 'emails match in any case');
      assert.equal(pd.incidents().length, 1);
    });

    it('answers 403 when the From user\'s role may not create incidents', async () => {
      const response = await post(incidentBody(), { from: PD_USERS.sam.email });
      assert.deepEqual([response.status, await errorOf(response)], [403, { error: { message: 'Access Denied', code: 2010 } }]);
    });

    it('answers 400 to an unknown service, an empty title, an unknown urgency', async () => {
      const service = await post({ incident: { type: 'incident', title: 'X', service: { id: 'PNOPE00', type: 'service_reference' } } });
      assert.deepEqual([service.status, await errorOf(service)], [400, { error: { message: 'Arguments Caused Error', code: 2002, errors: ['Service not found'] } }]);
      const title = await post(incidentBody({ title: '  ' }));
      assert.deepEqual([title.status, await errorOf(title)], [400, { error: { message: 'Invalid Input Provided', code: 2001, errors: ['Title cannot be empty.'] } }]);
      assert.equal((await post(incidentBody({ urgency: 'urgent' }))).status, 400);
      assert.equal((await post('not json')).status, 400);
      assert.equal(pd.incidents().length, 0);
    });

    it('refuses a second open incident with the same incident_key on the service, which GET /incidents then finds', async () => {
      const key = { incident_key: 'runbook-travel-pay-1' };
      const first = (await (await post(incidentBody(key))).json()) as { incident: Incident };
      const again = await post(incidentBody({ ...key, title: 'Again' }));
      assert.equal(again.status, 400);
      assert.deepEqual(await again.json(), { error: { message: 'Arguments Caused Error', code: 2002, errors: ['Open incident with matching dedup key already exists on this service'] } });
      assert.equal(pd.incidents().length, 1);

      const found = (await getJson('/incidents?incident_key=runbook-travel-pay-1&statuses[]=triggered&statuses[]=acknowledged')) as { incidents: Incident[]; limit: number; offset: number; more: boolean };
      assert.deepEqual(found.incidents.map((i) => [i.id, i.html_url]), [[first.incident.id, first.incident.html_url]]);
      assert.deepEqual([found.limit, found.offset, found.more], [25, 0, false]);
      assert.deepEqual(pd.requests.at(-1)?.query, { incident_key: 'runbook-travel-pay-1', 'statuses[]': ['triggered', 'acknowledged'] });

      pd.resolveIncident(String(first.incident.id));
      assert.deepEqual(((await getJson('/incidents?incident_key=runbook-travel-pay-1&statuses[]=triggered')) as { incidents: unknown[] }).incidents, []);
      assert.equal(((await getJson(`/incidents/${String(first.incident.id)}`)) as { incident: Json }).incident.status, 'resolved');
      assert.equal((await post(incidentBody(key))).status, 201, 'a resolved incident no longer holds its key');
      assert.equal((await get('/incidents?statuses[]=open')).status, 400);
    });
  });

  describe('faults', () => {
    it('a 429 carries ratelimit-limit, ratelimit-remaining 0 and ratelimit-reset, and PagerDuty\'s body', async () => {
      pd.injectFaults({ kind: 'status', status: 429, retryAfterSeconds: 7 });
      const response = await get('/abilities');
      assert.equal(response.status, 429);
      assert.deepEqual([response.headers.get('ratelimit-limit'), response.headers.get('ratelimit-remaining'), response.headers.get('ratelimit-reset')], [String(RATE_LIMIT), '0', '7']);
      assert.deepEqual(await response.json(), { error: { message: 'Rate Limit Exceeded', code: 2020 } });
      assert.equal((await get('/abilities')).status, 200, 'one fault, one request');
    });

    it('answers 429 once the key has made its requests of the minute', async () => {
      pd.rateLimitPerMinute = 3;
      for (let i = 0; i < 3; i++) assert.equal((await get('/abilities')).status, 200);
      const response = await get('/abilities');
      assert.equal(response.status, 429);
      assert.deepEqual([response.headers.get('ratelimit-limit'), response.headers.get('ratelimit-remaining')], ['3', '0']);
      assert.ok(Number(response.headers.get('ratelimit-reset')) >= 1);
      assert.deepEqual(await response.json(), { error: { message: 'Rate Limit Exceeded', code: 2020 } });
      assert.equal((await get('/abilities', PD_READONLY_KEY)).status, 200, 'each key has its own limit');
    });

    it('matches a fault to its method and path; 500s, drops and delays', async () => {
      pd.injectFaults({ kind: 'status', status: 500, method: 'POST', path: '/incidents' }, { kind: 'drop' });
      await assert.rejects(get('/abilities'), 'the drop, which the 500 does not match');
      assert.equal((await get('/abilities')).status, 200);
      const failed = await post(incidentBody());
      assert.deepEqual([failed.status, await errorOf(failed)], [500, { error: { message: 'An internal error has occurred. PagerDuty team has been notified.', code: 2000 } }]);
      assert.equal(pd.incidents().length, 0);
      pd.injectFaults({ kind: 'delay', ms: 150 }, { kind: 'status', status: 404, message: 'Gone' });
      const started = Date.now();
      assert.equal((await get('/abilities')).status, 200);
      assert.ok(Date.now() - started >= 140);
      assert.deepEqual(await errorOf(await get('/abilities')), { error: { message: 'Gone', code: 2100 } });
      pd.injectFaults({ kind: 'status', status: 429, withoutRateLimitHeaders: true });
      assert.equal((await get('/abilities')).headers.get('ratelimit-reset'), null);
    });
  });
});
