import * as assert from 'node:assert/strict';
import { abortingBusinessRule, type FakeServiceNow, RATE_LIMIT_RULE, SERVICENOW_ERRORS } from '../fakes/servicenow/fakeServiceNow';
import {
  CLOSED_TICKET,
  NORTHWIND_QUEUE,
  NORTHWIND_QUEUE_LINK,
  NORTHWIND_QUEUE_QUERY,
  NORTHWIND_SN,
  NORTHWIND_SN_USERS,
  northwindServiceNow,
  OTHER_GROUP_TICKET,
  RESOLVED_TICKET,
  SUPPORT_GROUP,
} from '../fakes/servicenow/northwind';
import { useNorthwindServiceNow } from './northwindSuite';
import { requireSeeds } from './seeds';

type Row = Record<string, unknown>;

const NOW = new Date('2026-03-10T09:30:00Z');
/** The fields the Tickets view asks for (issue 15). */
const FIELDS = 'sys_id,number,short_description,priority,state,opened_at,assigned_to,sys_class_name';
const QUEUE = Object.values(NORTHWIND_QUEUE);
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const AUTH = basic(NORTHWIND_SN.user, NORTHWIND_SN.password);
const error = (message: string, detail: string | null) => ({ error: { message, detail }, status: 'failure' });

/** The sysparm_query of a list link whose URL sits percent-encoded in the UI's `target` segment, still percent-encoded. */
function queueQuery(link: string): string {
  const target = decodeURIComponent(link.slice(link.indexOf('/target/') + '/target/'.length));
  return /[?&]sysparm_query=([^&]*)/.exec(target)?.[1] ?? '';
}

describe('fake ServiceNow Table API', () => {
  let sn: FakeServiceNow;
  useNorthwindServiceNow(NOW, (started) => (sn = started));

  const call = (method: string, path: string, options: { auth?: string | null; body?: unknown; contentType?: string } = {}) => {
    const auth = options.auth === undefined ? AUTH : options.auth;
    const headers: Record<string, string> = { Accept: 'application/json', ...(auth === null ? {} : { Authorization: auth }) };
    if (options.body !== undefined) headers['Content-Type'] = options.contentType ?? 'application/json';
    return fetch(`${sn.baseUrl}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  };
  const ok = async <T = Row[]>(response: Response) => {
    assert.equal(response.status, 200, `${response.url}: ${response.status} ${await response.clone().text()}`);
    assert.equal(response.headers.get('content-type'), 'application/json;charset=UTF-8');
    return ((await response.json()) as { result: T }).result;
  };
  const list = async (table: string, query: string, extra = '') => ok(await call('GET', `/api/now/table/${table}?sysparm_query=${encodeURIComponent(query)}${extra}`));
  const numbers = (rows: Row[]) => rows.map((r) => r.number);
  const queueNumbers = (table?: string) => QUEUE.filter((t) => !table || t.table === table).map((t) => t.number).sort();
  const failed = async (response: Response, status: number, body: unknown) => assert.deepEqual([response.status, await response.json()], [status, body]);
  const links = (response: Response) =>
    Object.fromEntries([...(response.headers.get('link') ?? '').matchAll(/<([^>]+)>;rel="(\w+)"/g)].map(([, url = '', rel = '']) => [rel, new URL(url).searchParams.get('sysparm_offset')]));

  describe('the queue: encoded queries on task and its classes', () => {
    it("runs the seed's queue link's query, sent still percent-encoded, on task: the group's active tasks of every class", async function () {
      const seed = requireSeeds(this).find((s) => s.text.includes('task_list.do'));
      const link = /https:\/\/\S*?task_list\.do[^\s)]*/.exec(seed?.text ?? '')?.[0] ?? '';
      const encoded = queueQuery(link);
      assert.match(encoded, /^assignment_group%3D[0-9a-f]{32}%5Eactive%3Dtrue%5Estate!%3D6$/);
      const result = await ok(await call('GET', `/api/now/table/task?sysparm_query=${encoded}&sysparm_fields=${FIELDS}&sysparm_display_value=true`));
      assert.deepEqual(numbers(result).sort(), queueNumbers());
      assert.deepEqual(new Set(result.map((r) => r.sys_class_name)), new Set(['Incident', 'Catalog Task']));
      assert.deepEqual(Object.keys(result[0] ?? {}), FIELDS.split(','));
    });

    it("NORTHWIND_QUEUE_LINK has the seed link's shape and query; a class table answers only its own class", async () => {
      assert.equal(queueQuery(NORTHWIND_QUEUE_LINK), encodeURIComponent(NORTHWIND_QUEUE_QUERY));
      assert.ok(NORTHWIND_QUEUE_LINK.startsWith(`https://${NORTHWIND_SN.instance}/now/nav/ui/classic/params/target/task_list.do%3Fsysparm_query%3Dassignment_group%253D`));
      const tasks = await list('task', NORTHWIND_QUEUE_QUERY, '&sysparm_fields=number,sys_class_name');
      assert.deepEqual(new Set(tasks.map((r) => r.sys_class_name)), new Set(['incident', 'sc_task']));
      assert.deepEqual(numbers(await list('incident', NORTHWIND_QUEUE_QUERY)).sort(), queueNumbers('incident'));
      assert.deepEqual(numbers(await list('sc_task', NORTHWIND_QUEUE_QUERY)).sort(), queueNumbers('sc_task'));
    });

    it('a Resolved incident is still active: only state!=6 keeps it out; active=true keeps the Closed one out', async () => {
      const group = `assignment_group=${SUPPORT_GROUP.sys_id}`;
      const active = numbers(await list('task', `${group}^active=true`));
      assert.ok(active.includes(RESOLVED_TICKET.number) && !active.includes(CLOSED_TICKET.number));
      const all = numbers(await list('task', group));
      assert.ok(all.includes(CLOSED_TICKET.number) && !all.includes(OTHER_GROUP_TICKET.number));
      assert.equal(all.length, QUEUE.length + 2);
    });

    it('supports =, !=, ^, ^OR, LIKE, STARTSWITH, IN, ORDERBY and ORDERBYDESC; ignores conditions on unknown columns', async () => {
      const group = `assignment_group=${SUPPORT_GROUP.sys_id}^active=true^state!=6`;
      const q = NORTHWIND_QUEUE;
      assert.deepEqual(numbers(await list('task', `${group}^numberSTARTSWITHSCTASK^ORDERBYnumber`)), [q.retireV1.number, q.dashboardAccess.number, q.delayedReport.number]);
      assert.deepEqual(numbers(await list('task', `${group}^short_descriptionLIKEparcel^ORDERBYopened_at`)), [q.deliveredStatus.number, q.delayedReport.number, q.blankLabel.number]);
      assert.deepEqual(numbers(await list('task', `priorityIN1,2^ORDERBYnumber`)), [q.deliveredStatus.number, q.blankLabel.number, OTHER_GROUP_TICKET.number]);
      // ^OR binds only its neighbours: group AND (priority 1 OR priority 5).
      assert.deepEqual(numbers(await list('task', `${group}^priority=1^ORpriority=5^ORDERBYpriority`)), [q.blankLabel.number, q.retireV1.number]);
      assert.deepEqual(numbers(await list('task', `active=true^assignment_group!=${SUPPORT_GROUP.sys_id}`)), [OTHER_GROUP_TICKET.number]);
      const byPriority = await list('task', `${group}^ORDERBYDESCpriority^ORDERBYnumber`, '&sysparm_fields=number,priority');
      assert.deepEqual(byPriority.map((r) => r.priority), ['5', '4', '3', '3', '3', '2', '1']);
      assert.deepEqual(numbers(byPriority).slice(2, 5), [q.etaBanner.number, q.webhook502.number, q.delayedReport.number].sort());
      assert.deepEqual(numbers(await list('task', `no_such_column=1^${group}`)).sort(), queueNumbers());
      // close_code is an incident column: on task the condition is ignored, on incident it filters.
      assert.equal((await list('task', 'close_code=Solution provided')).length, 10);
      assert.deepEqual(numbers(await list('incident', 'close_code=Solution provided')).sort(), [CLOSED_TICKET.number, RESOLVED_TICKET.number]);
    });
  });

  describe('paging', () => {
    const page = (limit: number, offset: number, extra = '') =>
      call('GET', `/api/now/table/task?sysparm_query=${encodeURIComponent(`${NORTHWIND_QUEUE_QUERY}^ORDERBYnumber`)}&sysparm_fields=number&sysparm_limit=${limit}&sysparm_offset=${offset}${extra}`);

    it('sysparm_limit and sysparm_offset page the rows; X-Total-Count counts them all; Link has first, prev, next and last', async () => {
      const middle = await page(3, 3);
      assert.equal(middle.headers.get('x-total-count'), '7');
      assert.deepEqual(links(middle), { first: '0', prev: '0', next: '6', last: '4' });
      assert.equal((await ok(middle)).length, 3);
      const first = await page(3, 0);
      assert.deepEqual(links(first), { first: '0', prev: '-3', next: '3', last: '4' }, 'prev is offset - limit even on the first page, as instances answer');
      const last = await page(3, 6);
      assert.deepEqual([links(last), (await ok(last)).length], [{ first: '0', prev: '3', last: '4' }, 1]);
    });

    it('the links keep the query and fields and lead to the next page; paging by offset + limit collects every row once', async () => {
      const first = await page(2, 0);
      const next = /<([^>]+)>;rel="next"/.exec(first.headers.get('link') ?? '')?.[1] ?? '';
      assert.equal(new URL(next).searchParams.get('sysparm_query'), `${NORTHWIND_QUEUE_QUERY}^ORDERBYnumber`);
      assert.ok(next.startsWith(`${sn.baseUrl}/api/now/table/task?`));
      const seen = [...numbers(await ok(first)), ...numbers(await ok(await fetch(next, { headers: { Authorization: AUTH } })))];
      for (let offset = 4; offset < 7; offset += 2) seen.push(...numbers(await ok(await page(2, offset))));
      assert.deepEqual(seen, queueNumbers());
    });

    it('sysparm_no_count drops X-Total-Count, sysparm_suppress_pagination_header drops Link; no limit is 10000', async () => {
      const bare = await page(3, 0, '&sysparm_no_count=true&sysparm_suppress_pagination_header=true');
      assert.deepEqual([bare.headers.get('x-total-count'), bare.headers.get('link')], [null, null]);
      const unlimited = await call('GET', '/api/now/table/task?sysparm_fields=number');
      assert.match(unlimited.headers.get('link') ?? '', /sysparm_limit=10000&sysparm_offset=0>;rel="first"/);
      assert.equal((await ok(unlimited)).length, 10);
    });
  });

  describe('fields and display values', () => {
    const get = async (path: string) => ok<Row>(await call('GET', path));
    const one = (ticket: { table: string; sysId: string }, query: string) => get(`/api/now/table/${ticket.table}/${ticket.sysId}?sysparm_fields=${FIELDS},assignment_group&${query}`);
    const samLink = () => `${sn.baseUrl}/api/now/table/sys_user/${NORTHWIND_SN_USERS.sam.sys_id}`;

    it('false (the default): stored values, references as { link, value }', async () => {
      const row = await one(NORTHWIND_QUEUE.deliveredStatus, '');
      assert.deepEqual(row, {
        sys_id: NORTHWIND_QUEUE.deliveredStatus.sysId,
        number: 'INC0010041',
        short_description: "Tracking page shows 'Label created' for delivered parcels",
        priority: '2',
        state: '2',
        opened_at: '2026-03-07 09:30:00',
        assigned_to: { link: samLink(), value: NORTHWIND_SN_USERS.sam.sys_id },
        sys_class_name: 'incident',
        assignment_group: { link: `${sn.baseUrl}/api/now/table/sys_user_group/${SUPPORT_GROUP.sys_id}`, value: SUPPORT_GROUP.sys_id },
      });
    });

    it("true: labels, the user's time zone, the class's label, references as { display_value, link }", async () => {
      const row = await one(NORTHWIND_QUEUE.deliveredStatus, 'sysparm_display_value=true');
      assert.deepEqual([row.priority, row.state, row.sys_class_name, row.opened_at], ['2 - High', 'In Progress', 'Incident', '2026-03-07 10:30:00']);
      assert.deepEqual(row.assigned_to, { display_value: 'Sam Becker', link: samLink() });
      assert.equal((await one(NORTHWIND_QUEUE.delayedReport, 'sysparm_display_value=true')).state, 'Work in Progress', "sc_task's own state labels");
      assert.equal((await one(NORTHWIND_QUEUE.blankLabel, 'sysparm_display_value=true')).assigned_to, '', 'an empty reference');
    });

    it('all: { display_value, value } for every column, and link for references; exclude_reference_link drops the links', async () => {
      const row = await one(NORTHWIND_QUEUE.deliveredStatus, 'sysparm_display_value=all');
      assert.deepEqual(row.sys_class_name, { display_value: 'Incident', value: 'incident' });
      assert.deepEqual(row.state, { display_value: 'In Progress', value: '2' });
      assert.deepEqual(row.assigned_to, { display_value: 'Sam Becker', link: samLink(), value: NORTHWIND_SN_USERS.sam.sys_id });
      assert.deepEqual((await one(NORTHWIND_QUEUE.blankLabel, 'sysparm_display_value=all')).assigned_to, { display_value: '', value: '' });
      const bare = (mode: string) => one(NORTHWIND_QUEUE.deliveredStatus, `sysparm_display_value=${mode}&sysparm_exclude_reference_link=true`);
      assert.deepEqual((await bare('true')).assignment_group, 'Parcel Tracking Support');
      assert.deepEqual((await bare('false')).assigned_to, NORTHWIND_SN_USERS.sam.sys_id);
      assert.deepEqual((await bare('all')).assigned_to, { display_value: 'Sam Becker', value: NORTHWIND_SN_USERS.sam.sys_id });
    });

    it('every column of the table without sysparm_fields; unknown fields ignored; a record read through task has only task columns', async () => {
      const full = await get(`/api/now/table/incident/${RESOLVED_TICKET.sysId}`);
      assert.deepEqual([full.close_code, full.work_notes, full.active], ['Solution provided', '', 'true']);
      const asTask = await get(`/api/now/table/task/${RESOLVED_TICKET.sysId}?sysparm_fields=number,close_code,no_such_field`);
      assert.deepEqual(asTask, { number: RESOLVED_TICKET.number });
    });
  });

  describe('one record', () => {
    it('GET /table/{table}/{sys_id}: { result: {...} }, also through task and the versioned path', async () => {
      const t = NORTHWIND_QUEUE.dashboardAccess;
      assert.equal((await ok<Row>(await call('GET', `/api/now/table/sc_task/${t.sysId}`))).number, t.number);
      assert.equal((await ok<Row>(await call('GET', `/api/now/v2/table/task/${t.sysId}`))).sys_class_name, 'sc_task');
    });

    it('404 No Record found for an unknown sys_id or one of another class; 400 for an unknown table or path', async () => {
      const noRecord = error('No Record found', "Record doesn't exist or ACL restricts the record retrieval");
      await failed(await call('GET', `/api/now/table/incident/${'f'.repeat(32)}`), 404, noRecord);
      await failed(await call('GET', `/api/now/table/incident/${NORTHWIND_QUEUE.dashboardAccess.sysId}`), 404, noRecord);
      await failed(await call('PATCH', `/api/now/table/incident/${'f'.repeat(32)}`, { body: { work_notes: 'x' } }), 404, noRecord);
      await failed(await call('GET', '/api/now/table/u_parcels'), 400, error('Invalid table u_parcels', 'Table u_parcels does not exist'));
      await failed(await call('GET', '/api/now/tables/task'), 400, error('Requested URI does not represent any resource', null));
      assert.deepEqual(SERVICENOW_ERRORS.noRecord().json, noRecord);
    });
  });

  describe('writes', () => {
    const patch = (ticket: { table: string; sysId: string }, body: unknown, options: { auth?: string; table?: string; method?: string } = {}) =>
      call(options.method ?? 'PATCH', `/api/now/table/${options.table ?? ticket.table}/${ticket.sysId}?sysparm_fields=number,state,active,work_notes,resolved_at,closed_at,sys_mod_count`, { body, auth: options.auth });
    const resolveFields = { close_code: 'Solution provided', close_notes: 'Fixed in label-service 3.2.0' };
    const dataPolicy = (labels: string) => error('Operation Failed', `Data Policy Exception: \n\tThe following fields are mandatory: ${labels}`);

    it('PATCH work_notes appends a journal entry and reads back empty; PUT does the same with comments', async () => {
      const t = NORTHWIND_QUEUE.blankLabel;
      const note = 'GitHub issue: https://github.com/northwind/parcel-tracking/issues/412';
      assert.deepEqual(await ok<Row>(await patch(t, { work_notes: note })), { number: t.number, state: '1', active: 'true', work_notes: '', resolved_at: '', closed_at: '', sys_mod_count: '1' });
      assert.equal((await ok<Row>(await patch(t, { comments: 'We are on it.' }, { method: 'PUT' }))).sys_mod_count, '2');
      assert.deepEqual(sn.journal(t.sysId), [
        { element: 'work_notes', value: note, createdBy: NORTHWIND_SN.user, createdOn: '2026-03-10 09:30:00' },
        { element: 'comments', value: 'We are on it.', createdBy: NORTHWIND_SN.user, createdOn: '2026-03-10 09:30:00' },
      ]);
      assert.deepEqual(sn.requests.at(-2), {
        method: 'PATCH',
        path: `/api/now/table/incident/${t.sysId}`,
        query: { sysparm_fields: 'number,state,active,work_notes,resolved_at,closed_at,sys_mod_count' },
        hasAuthorization: true,
        authScheme: 'Basic',
        body: { work_notes: note },
        status: 200,
      });
      assert.equal(sn.record(t.sysId)?.sys_updated_by, NORTHWIND_SN.user);
    });

    it('incident: resolving (state 6) without close_code and close_notes is a 403 data policy exception that changes nothing', async () => {
      const t = NORTHWIND_QUEUE.webhook502;
      await failed(await patch(t, { state: '6', work_notes: 'Fixed' }), 403, dataPolicy('Resolution code, Resolution notes'));
      await failed(await patch(t, { state: 6, close_code: 'Solution provided' }), 403, dataPolicy('Resolution notes'));
      assert.deepEqual([sn.record(t.sysId)?.state, sn.record(t.sysId)?.close_code, sn.journal(t.sysId)], ['2', undefined, []]);
      // Through task, close_code (an incident column) is dropped and the policy still refuses.
      await failed(await patch(t, { state: '6', ...resolveFields }, { table: 'task' }), 403, dataPolicy('Resolution code'));
    });

    it('incident: resolving with both fields is a 200: Resolved, still active, resolved_at stamped, out of the queue', async () => {
      const t = NORTHWIND_QUEUE.webhook502;
      assert.deepEqual(await ok<Row>(await patch(t, { state: '6', ...resolveFields })), { number: t.number, state: '6', active: 'true', work_notes: '', resolved_at: '2026-03-10 09:30:00', closed_at: '', sys_mod_count: '1' });
      assert.deepEqual([sn.record(t.sysId)?.close_code, sn.record(t.sysId)?.close_notes], [resolveFields.close_code, resolveFields.close_notes]);
      assert.ok(!numbers(await list('task', NORTHWIND_QUEUE_QUERY)).includes(t.number));
    });

    it("another table's rule is its own: setRules('sc_task', …) refuses there, and incident's fields mean nothing there", async () => {
      const t = NORTHWIND_QUEUE.delayedReport;
      assert.deepEqual(await ok<Row>(await patch(t, { state: '3' })), { number: t.number, state: '3', active: 'false', work_notes: '', closed_at: '2026-03-10 09:30:00', sys_mod_count: '1' });
      sn.reset();
      northwindServiceNow(sn, NOW);
      sn.setRules('sc_task', abortingBusinessRule('sc_task', 'Close from the request item', '0000000000000000000000000000c001', (after, changed) => changed.has('state') && ['3', '4', '7'].includes(after.state ?? '')));
      await failed(await patch(t, { state: '3' }), 403, error('Operation Failed', "Operation against file 'sc_task' was aborted by Business Rule 'Close from the request item^0000000000000000000000000000c001'. Business Rule Stack:Close from the request item"));
      assert.equal(sn.record(t.sysId)?.state, '2');
      // Guessing incident's resolution: close_code is no sc_task column and 6 no sc_task state; nothing refuses it.
      const guessed = await ok<Row>(await call('PATCH', `/api/now/table/sc_task/${t.sysId}?sysparm_display_value=true&sysparm_fields=state,active`, { body: { state: '6', ...resolveFields } }));
      assert.deepEqual(guessed, { state: '6', active: 'true' });
      assert.equal(sn.record(t.sysId)?.close_code, undefined);
    });

    it('answers 415 to a body that is not JSON and 400 to unreadable JSON', async () => {
      const t = NORTHWIND_QUEUE.blankLabel;
      assert.equal((await call('PATCH', `/api/now/table/incident/${t.sysId}`, { body: { state: '2' }, contentType: 'text/plain' })).status, 415);
      const broken = await fetch(`${sn.baseUrl}/api/now/table/incident/${t.sysId}`, { method: 'PATCH', headers: { Authorization: AUTH, 'Content-Type': 'application/json' }, body: '{"state":' });
      await failed(broken, 400, error('Exception while reading request', 'The payload is not valid JSON.'));
    });
  });

  describe('authentication, ACLs, rate limits and failures', () => {
    const unauthenticated = error('User Not Authenticated', 'Required to provide Auth information');

    it('answers 401 with the challenge to no, wrong or unknown credentials, basic or bearer', async () => {
      for (const auth of [null, basic(NORTHWIND_SN.user, 'wrong'), basic('nobody', NORTHWIND_SN.password), 'Bearer wrong-token', `Token ${NORTHWIND_SN.token}`, 'Basic !!']) {
        const response = await call('GET', '/api/now/table/task?sysparm_limit=1', { auth });
        assert.equal(response.headers.get('www-authenticate'), 'BASIC realm="Service-now"', String(auth));
        await failed(response, 401, unauthenticated);
      }
      assert.deepEqual([sn.requests[0]?.hasAuthorization, sn.requests[0]?.authScheme, sn.requests[3]?.authScheme], [false, undefined, 'Bearer']);
    });

    it('accepts an OAuth bearer token', async () => {
      assert.equal((await ok(await call('GET', '/api/now/table/task?sysparm_limit=1', { auth: `Bearer ${NORTHWIND_SN.token}` }))).length, 1);
      assert.equal(sn.requests.at(-1)?.authScheme, 'Bearer');
    });

    it('a read-only user (basic or bearer) reads, and its writes are a 403 ACL exception that changes nothing', async () => {
      const t = NORTHWIND_QUEUE.blankLabel;
      for (const auth of [basic(NORTHWIND_SN.readOnlyUser, NORTHWIND_SN.readOnlyPassword), `Bearer ${NORTHWIND_SN.readOnlyToken}`]) {
        assert.equal((await ok<Row>(await call('GET', `/api/now/table/incident/${t.sysId}`, { auth }))).number, t.number);
        await failed(await call('PATCH', `/api/now/table/incident/${t.sysId}`, { auth, body: { work_notes: 'x' } }), 403, error('Operation Failed', 'ACL Exception Update Failed due to security constraints'));
      }
      assert.deepEqual(sn.journal(t.sysId), []);
    });

    it('rateLimitNext: 429 with Retry-After and the X-RateLimit headers, the docs example body, then answers resume', async () => {
      sn.rateLimitNext(2, 30);
      for (let i = 0; i < 2; i++) {
        const response = await call('GET', '/api/now/table/task');
        const headers = ['retry-after', 'x-ratelimit-limit', 'x-ratelimit-reset', 'x-ratelimit-rule'].map((h) => response.headers.get(h));
        assert.deepEqual(headers, ['30', '10', String(NOW.getTime() / 1000 + 30), RATE_LIMIT_RULE]);
        await failed(response, 429, error('Rate limit exceeded', 'Rate limit of 10 requests per hour for Table API exceeded'));
      }
      assert.equal((await call('GET', '/api/now/table/task')).status, 200);
    });

    it('failNext: the status with ServiceNow error body, a given JSON body or a text body, once each', async () => {
      sn.failNext(503);
      sn.failNext(502, '<html>Bad Gateway</html>');
      sn.failNext(500, { error: { message: 'boom', detail: null }, status: 'failure' });
      await failed(await call('GET', '/api/now/table/task'), 503, error('Service Unavailable', null));
      const gateway = await call('GET', '/api/now/table/task');
      assert.deepEqual([gateway.status, gateway.headers.get('content-type'), await gateway.text()], [502, 'text/plain', '<html>Bad Gateway</html>']);
      await failed(await call('GET', '/api/now/table/task'), 500, error('boom', null));
      assert.equal((await call('GET', '/api/now/table/task')).status, 200);
    });

    it('reset forgets credentials, records and rules (the incident data policy comes back); latencyMs delays answers', async () => {
      sn.setRules('incident');
      sn.reset();
      assert.equal((await call('GET', '/api/now/table/task')).status, 401);
      northwindServiceNow(sn, NOW);
      assert.equal((await call('PATCH', `/api/now/table/incident/${NORTHWIND_QUEUE.blankLabel.sysId}`, { body: { state: '6' } })).status, 403);
      sn.latencyMs = 60;
      const started = Date.now();
      await call('GET', '/api/now/table/task?sysparm_limit=1');
      assert.ok(Date.now() - started >= 55);
    });
  });
});
