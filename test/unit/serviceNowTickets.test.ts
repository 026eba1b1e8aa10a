import * as assert from 'node:assert/strict';
import { findQueueLinks, parseQueueUrl } from '../../src/core/servicenow/queueLink';
import { describeServiceNowFailure, serviceNowErrorText } from '../../src/core/servicenow/serviceNowErrors';
import {
  incidentResolveBody,
  inStableOrder,
  nextOffset,
  PAGE_SIZE,
  priorityShort,
  readPatchedState,
  readTicketPage,
  resolveBody,
  type Ticket,
  TICKET_FIELDS,
  ticketAge,
  ticketPagePath,
  ticketPath,
  workNoteBody,
} from '../../src/core/servicenow/ticketRequests';
import { type FakeRecord, type FakeServiceNow, SERVICENOW_ERRORS } from '../fakes/servicenow/fakeServiceNow';
import { NORTHWIND_QUEUE, NORTHWIND_QUEUE_LINK, NORTHWIND_SN, NORTHWIND_SN_USERS, SUPPORT_GROUP } from '../fakes/servicenow/northwind';
import { glideDateTime } from '../fakes/servicenow/serviceNowSchema';
import { useNorthwindServiceNow } from './northwindSuite';

const NOW = new Date('2026-03-10T09:30:00Z');
const AUTH = `Basic ${Buffer.from(`${NORTHWIND_SN.user}:${NORTHWIND_SN.password}`).toString('base64')}`;
const INSTANCE = 'yourit.va.gov';
const QUEUE_QUERY = `assignment_group=${SUPPORT_GROUP.sys_id}^active=true^state!=6`;

/** A row of display_value=all as the fake (and an instance) answers it. */
const ALL_ROW = {
  sys_id: { display_value: 'a0000000000000000000000000010045', value: 'a0000000000000000000000000010045' },
  number: { display_value: 'INC0010045', value: 'INC0010045' },
  short_description: { display_value: 'Carrier webhook answers 502', value: 'Carrier webhook answers 502' },
  priority: { display_value: '1 - Critical', value: '1' },
  state: { display_value: 'In Progress', value: '2' },
  opened_at: { display_value: '2026-12-01 10:00:00', value: '2026-12-01 09:00:00' },
  assigned_to: { display_value: 'Priya Raman', value: '0000000000000000000000000000a003' },
  sys_class_name: { display_value: 'Incident', value: 'incident' },
};
const ALL_TICKET: Ticket = {
  number: 'INC0010045',
  sysId: 'a0000000000000000000000000010045',
  table: 'incident',
  shortDescription: 'Carrier webhook answers 502',
  priority: '1 - Critical',
  priorityValue: '1',
  state: 'In Progress',
  stateValue: '2',
  openedAt: '2026-12-01T09:00:00.000Z',
  assignedTo: 'Priya Raman',
  url: `https://${INSTANCE}/nav_to.do?uri=incident.do%3Fsys_id%3Da0000000000000000000000000010045`,
};

/** The ticket without its assignee. */
function unassigned(t: Ticket): Ticket {
  return Object.fromEntries(Object.entries(t).filter(([key]) => key !== 'assignedTo')) as unknown as Ticket;
}

const read = (rows: unknown[], total: string | null | undefined = null) => {
  const page = readTicketPage({ result: rows }, total, INSTANCE);
  assert.ok(page.ok, page.ok ? '' : page.error);
  return page;
};

describe('ticket requests', () => {
  describe('ticketPagePath', () => {
    it('asks for the fields, display values and one page, the query encoded once', () => {
      assert.deepEqual(TICKET_FIELDS, ['sys_id', 'number', 'short_description', 'priority', 'state', 'opened_at', 'assigned_to', 'sys_class_name']);
      assert.equal(PAGE_SIZE, 100);
      assert.equal(
        ticketPagePath('task', QUEUE_QUERY, 0),
        `/api/now/table/task?sysparm_query=assignment_group%3D${SUPPORT_GROUP.sys_id}%5Eactive%3Dtrue%5Estate!%3D6%5EORDERBYsys_created_on%5EORDERBYsys_id&sysparm_fields=sys_id,number,short_description,priority,state,opened_at,assigned_to,sys_class_name&sysparm_display_value=all&sysparm_exclude_reference_link=true&sysparm_limit=100&sysparm_offset=0`,
      );
      const url = new URL(ticketPagePath('incident', 'short_descriptionLIKEa&b=c+d^ORDERBYnumber', 200, 50), 'https://x');
      assert.equal(url.pathname, '/api/now/table/incident');
      assert.deepEqual(Object.fromEntries(url.searchParams), {
        sysparm_query: 'short_descriptionLIKEa&b=c+d^ORDERBYnumber',
        sysparm_fields: TICKET_FIELDS.join(','),
        sysparm_display_value: 'all',
        sysparm_exclude_reference_link: 'true',
        sysparm_limit: '50',
        sysparm_offset: '200',
      });
    });

    it("pages in a stable order: the oldest first, ties by sys_id, unless the link orders the queue itself", () => {
      assert.equal(inStableOrder('active=true'), 'active=true^ORDERBYsys_created_on^ORDERBYsys_id');
      assert.equal(inStableOrder('active=true^ORDERBYDESCpriority'), 'active=true^ORDERBYDESCpriority');
      assert.equal(inStableOrder('active=true^NQpriority=1'), 'active=true^NQpriority=1^ORDERBYsys_created_on^ORDERBYsys_id');
    });

    it('sends an empty query as the order alone, and encodes the table', () => {
      assert.match(ticketPagePath('task', '', 0), /^\/api\/now\/table\/task\?sysparm_query=ORDERBYsys_created_on%5EORDERBYsys_id&/);
      assert.match(ticketPagePath('a/b', '', 0), /^\/api\/now\/table\/a%2Fb\?/);
    });
  });

  describe('readTicketPage', () => {
    it('reads display_value=all: values and display values, the date from the UTC value, the UI link on the plan\'s host', () => {
      assert.deepEqual(read([ALL_ROW], '7'), { ok: true, tickets: [ALL_TICKET], total: 7 });
    });

    it('reads a reference of display_value=all that still has its link', () => {
      const withLink = { ...ALL_ROW, assigned_to: { display_value: 'Priya Raman', link: 'https://x/api/now/table/sys_user/a003', value: 'a003' } };
      assert.equal(read([withLink]).tickets[0]?.assignedTo, 'Priya Raman');
    });

    it('reads display_value=false: bare stored values, no assignee name', () => {
      const row = { sys_id: ALL_TICKET.sysId, number: 'INC0010045', short_description: 'Carrier webhook answers 502', priority: '1', state: '2', opened_at: '2026-12-01 09:00:00', assigned_to: '0000000000000000000000000000a003', sys_class_name: 'incident' };
      assert.deepEqual(read([row]).tickets, [{ ...unassigned(ALL_TICKET), priority: '1', state: '2' }]);
      // A reference with its link (sysparm_exclude_reference_link left out) has no name either.
      const linked = read([{ ...row, assigned_to: { link: 'https://x/api/now/table/sys_user/a003', value: 'a003' } }]).tickets[0];
      assert.equal(linked?.assignedTo, undefined);
    });

    it('reads display_value=true: labels; the class from its base-system label; no UTC date (it is in the user\'s zone)', () => {
      const row = { sys_id: ALL_TICKET.sysId, number: 'INC0010045', short_description: 'Carrier webhook answers 502', priority: '1 - Critical', state: 'In Progress', opened_at: '2026-12-01 10:00:00', assigned_to: 'Priya Raman', sys_class_name: 'Incident' };
      assert.deepEqual(read([row]).tickets, [{ ...ALL_TICKET, stateValue: '', openedAt: '' }]);
      assert.equal(read([{ ...row, sys_class_name: 'Catalog Task' }]).tickets[0]?.table, 'sc_task');
      // A reference with its link under display_value=true.
      assert.equal(read([{ ...row, assigned_to: { display_value: 'Priya Raman', link: 'https://x' } }]).tickets[0]?.assignedTo, 'Priya Raman');
    });

    it('reads a record without the optional fields as empty ones', () => {
      const [t] = read([{ sys_id: 'b1', sys_class_name: { value: 'sc_task', display_value: 'Catalog Task' } }]).tickets;
      assert.deepEqual(t, {
        number: '',
        sysId: 'b1',
        table: 'sc_task',
        shortDescription: '',
        priority: '',
        priorityValue: '',
        state: '',
        stateValue: '',
        openedAt: '',
        url: `https://${INSTANCE}/nav_to.do?uri=sc_task.do%3Fsys_id%3Db1`,
      });
      const empty = read([{ ...ALL_ROW, assigned_to: { display_value: '', value: '' }, opened_at: { display_value: '', value: '' } }]).tickets[0];
      assert.equal(empty?.assignedTo, undefined);
      assert.equal(empty?.openedAt, '');
      assert.equal(read([{ ...ALL_ROW, opened_at: { value: '2026-02-30 09:00:00', display_value: '' } }]).tickets[0]?.openedAt, '');
    });

    it('is an error for an answer without a list of records, or a record it cannot PATCH', () => {
      const error = (body: unknown) => {
        const page = readTicketPage(body, '1', INSTANCE);
        assert.ok(!page.ok, JSON.stringify(body));
        return page.error;
      };
      assert.equal(error({ result: { sys_id: 'x' } }), 'there is no list of records in it ("result" is an object)');
      assert.equal(error({ result: 'x' }), 'there is no list of records in it ("result" is string)');
      assert.equal(error({ result: null }), 'there is no list of records in it ("result" is null)');
      assert.equal(error({}), 'there is no list of records in it (no "result")');
      assert.match(error(null), /no list of records/);
      assert.match(error('<html>'), /no list of records/);
      assert.equal(error({ result: [ALL_ROW, 'x'] }), 'its record 2 is no record');
      assert.match(error({ result: [{ ...ALL_ROW, sys_id: { value: '', display_value: '' } }] }), /INC0010045\) has no sys_id/);
      assert.match(error({ result: [{ ...ALL_ROW, sys_class_name: undefined }] }), /INC0010045 has no class/);
      assert.match(error({ result: [{ ...ALL_ROW, sys_class_name: 'Security Incident' }] }), /"Security Incident", not as a table/);
    });

    it('reads X-Total-Count only as a whole number', () => {
      assert.equal(read([], '0').total, 0);
      assert.equal(read([], ' 250 ').total, 250);
      for (const header of [null, undefined, '', 'abc', '-1', '1.5', '99999999999999999999']) assert.equal(read([], header).total, undefined, String(header));
    });
  });

  describe('nextOffset', () => {
    it('goes on while the total says there is more', () => {
      assert.equal(nextOffset(0, 100, 250), 100);
      assert.equal(nextOffset(100, 100, 250), 200);
      assert.equal(nextOffset(200, 50, 250), undefined);
      assert.equal(nextOffset(0, 100, 100), undefined);
      // Records added while paging: the total grew.
      assert.equal(nextOffset(100, 100, 260), 200);
    });

    it('without a total, ends at a short page', () => {
      assert.equal(nextOffset(0, 100, undefined), 100);
      assert.equal(nextOffset(100, 99, undefined), undefined);
      assert.equal(nextOffset(0, 10, undefined, 10), 10);
      assert.equal(nextOffset(0, 9, undefined, 10), undefined);
    });

    it('ends at an empty page whatever the total says', () => {
      assert.equal(nextOffset(100, 0, 250), undefined);
      assert.equal(nextOffset(0, 0, undefined), undefined);
    });
  });

  describe('writes', () => {
    it('names the record to PATCH by its class and sys_id', () => {
      assert.equal(ticketPath('incident', 'a0000000000000000000000000010045'), '/api/now/table/incident/a0000000000000000000000000010045');
      assert.equal(ticketPath('sc_task', 'a/b?c'), '/api/now/table/sc_task/a%2Fb%3Fc');
      assert.deepEqual(workNoteBody('Looking into it'), { work_notes: 'Looking into it' });
    });

    it('resolves an incident with both close fields, naming what is missing', () => {
      assert.deepEqual(incidentResolveBody('Solution provided', ' Fixed in 2.14.1 '), { state: '6', close_code: 'Solution provided', close_notes: 'Fixed in 2.14.1' });
      assert.deepEqual(incidentResolveBody('', 'Fixed'), { error: 'Resolving an incident needs a resolution code (close_code).' });
      assert.deepEqual(incidentResolveBody('Solution provided', '  '), { error: 'Resolving an incident needs resolution notes (close_notes).' });
      assert.deepEqual(incidentResolveBody('', ''), { error: 'Resolving an incident needs a resolution code (close_code) and resolution notes (close_notes).' });
    });

    it('resolves other tables only as the person said, never guessing a state', () => {
      assert.deepEqual(resolveBody('incident', { closeCode: 'Solution provided', closeNotes: 'Fixed' }), { state: '6', close_code: 'Solution provided', close_notes: 'Fixed' });
      assert.deepEqual(resolveBody('incident', { closeNotes: 'Fixed', remembered: { state: '6', fields: { close_code: 'Workaround provided' } } }), { state: '6', close_code: 'Workaround provided', close_notes: 'Fixed' });
      assert.match((resolveBody('incident', { closeCode: 'Solution provided' }) as { error: string }).error, /close_notes/);
      for (const table of ['sc_task', 'task', 'problem']) {
        const body = resolveBody(table, { closeCode: 'Solution provided', closeNotes: 'Done' });
        assert.ok('error' in body && body.error.includes(table), table);
      }
      assert.ok('error' in resolveBody('sc_task', { remembered: { state: ' ', fields: {} } }));
      assert.deepEqual(resolveBody('sc_task', { remembered: { state: '3', fields: { close_notes: 'Done before' } } }), { state: '3', close_notes: 'Done before' });
      assert.deepEqual(resolveBody('sc_task', { closeNotes: 'Exported', remembered: { state: '3', fields: { state: '9', close_notes: 'x' } } }), { state: '3', close_notes: 'Exported' });
    });

    it('reads the state a PATCH answered, in any display mode', () => {
      assert.deepEqual(readPatchedState({ result: { state: { display_value: 'Resolved', value: '6' } } }), { state: 'Resolved', stateValue: '6' });
      assert.deepEqual(readPatchedState({ result: { state: '6' } }), { state: '6', stateValue: '6' });
      assert.deepEqual(readPatchedState({ result: { state: 'Resolved' } }), { state: 'Resolved', stateValue: '' });
      for (const body of [undefined, null, {}, { result: [] }, { result: {} }, { result: { state: null } }, { result: { state: { value: '', display_value: '' } } }]) {
        assert.equal(readPatchedState(body), undefined, JSON.stringify(body));
      }
    });
  });

  describe('ticketAge and priorityShort', () => {
    it('says minutes, hours or days', () => {
      const ago = (ms: number) => ticketAge(new Date(NOW.getTime() - ms).toISOString(), NOW);
      assert.equal(ago(40 * 60_000), '40 min');
      assert.equal(ago(59 * 60_000 + 59_000), '59 min');
      assert.equal(ago(2 * 3_600_000), '2 h');
      assert.equal(ago(26 * 3_600_000), '1 d');
      assert.equal(ago(3 * 86_400_000), '3 d');
      assert.equal(ago(-60_000), '0 min');
      assert.equal(ticketAge('', NOW), '');
      assert.equal(ticketAge('yesterday', NOW), '');
    });

    it('shortens the priority value', () => {
      assert.equal(priorityShort(ALL_TICKET), 'P1');
      assert.equal(priorityShort({ ...ALL_TICKET, priorityValue: '5' }), 'P5');
      assert.equal(priorityShort({ ...ALL_TICKET, priorityValue: '' }), '');
      assert.equal(priorityShort({ ...ALL_TICKET, priorityValue: '7' }), '');
    });
  });
});

describe('tickets against the fake ServiceNow', () => {
  let sn: FakeServiceNow;
  useNorthwindServiceNow(NOW, (started) => (sn = started));

  const get = (path: string) => fetch(`${sn.baseUrl}${path}`, { headers: { Accept: 'application/json', Authorization: AUTH } });
  const patch = (path: string, body: unknown) => fetch(`${sn.baseUrl}${path}`, { method: 'PATCH', headers: { Accept: 'application/json', 'Content-Type': 'application/json', Authorization: AUTH }, body: JSON.stringify(body) });

  /** Every page of a queue, as the Tickets view would fetch it. */
  async function allTickets(link: string, limit?: number): Promise<{ tickets: Ticket[]; offsets: number[] }> {
    const queue = parseQueueUrl(link);
    assert.ok(queue);
    const tickets: Ticket[] = [];
    const offsets: number[] = [];
    for (let offset: number | undefined = 0; offset !== undefined; ) {
      offsets.push(offset);
      const response = await get(ticketPagePath(queue.table, queue.query, offset, limit));
      assert.equal(response.status, 200);
      const page = readTicketPage(await response.json(), response.headers.get('x-total-count'), queue.instance);
      assert.ok(page.ok, page.ok ? '' : page.error);
      tickets.push(...page.tickets);
      offset = nextOffset(offset, page.tickets.length, page.total, limit);
    }
    return { tickets, offsets };
  }

  it("reads the Northwind queue through NORTHWIND_QUEUE_LINK: the group's seven active tickets", async () => {
    const { tickets, offsets } = await allTickets(findQueueLinks(`Queue: ${NORTHWIND_QUEUE_LINK}`)[0]?.url ?? '');
    assert.deepEqual(offsets, [0]);
    assert.deepEqual(tickets.map((t) => t.number).sort(), Object.values(NORTHWIND_QUEUE).map((t) => t.number).sort());
    const webhook = tickets.find((t) => t.number === NORTHWIND_QUEUE.webhook502.number);
    assert.deepEqual(webhook, {
      number: 'INC0010045',
      sysId: NORTHWIND_QUEUE.webhook502.sysId,
      table: 'incident',
      shortDescription: 'Carrier webhook answers 502 to DHL status updates',
      priority: '3 - Moderate',
      priorityValue: '3',
      state: 'In Progress',
      stateValue: '2',
      // 40 minutes before NOW in UTC, though the user's display is in Berlin time.
      openedAt: '2026-03-10T08:50:00.000Z',
      assignedTo: NORTHWIND_SN_USERS.priya.name,
      url: `https://${NORTHWIND_SN.instance}/nav_to.do?uri=${encodeURIComponent(`incident.do?sys_id=${NORTHWIND_QUEUE.webhook502.sysId}`)}`,
    });
    assert.ok(webhook && !webhook.url.includes('127.0.0.1'), 'the UI link is on the plan\'s host, not the API address');
    assert.equal(ticketAge(webhook?.openedAt ?? '', NOW), '40 min');
    const catalog = tickets.find((t) => t.number === NORTHWIND_QUEUE.delayedReport.number);
    assert.deepEqual([catalog?.table, catalog?.state, catalog?.stateValue, catalog?.assignedTo, ticketAge(catalog?.openedAt ?? '', NOW)], ['sc_task', 'Work in Progress', '2', 'Tomás Ortega', '1 d']);
    const unassigned = tickets.find((t) => t.number === NORTHWIND_QUEUE.blankLabel.number);
    assert.ok(unassigned && !('assignedTo' in unassigned));
    assert.equal(priorityShort(unassigned), 'P1');
  });

  it('reads the display_value=true and false answers of the fake as well', async () => {
    const path = `/api/now/table/task?sysparm_query=${encodeURIComponent(`number=${NORTHWIND_QUEUE.webhook502.number}`)}&sysparm_fields=${TICKET_FIELDS.join(',')}&sysparm_exclude_reference_link=true`;
    const page = async (mode: string) => {
      const response = await get(`${path}&sysparm_display_value=${mode}`);
      const read = readTicketPage(await response.json(), response.headers.get('x-total-count'), NORTHWIND_SN.instance);
      assert.ok(read.ok && read.total === 1 && read.tickets.length === 1, mode);
      return read.tickets[0] as Ticket;
    };
    const all = await page('all');
    assert.deepEqual(await page('false'), { ...unassigned(all), priority: '3', state: '2' });
    assert.deepEqual(await page('true'), { ...all, stateValue: '', openedAt: '' });
  });

  it('pages past 100 tickets by X-Total-Count, and by short pages without it', async () => {
    const { dana, sam } = NORTHWIND_SN_USERS;
    const opened = glideDateTime(new Date(NOW.getTime() - 3_600_000));
    const rows: FakeRecord[] = Array.from({ length: 250 }, (_, i) => ({
      sys_id: `c${String(i + 1).padStart(31, '0')}`,
      sys_class_name: i % 3 === 0 ? 'sc_task' : 'incident',
      number: i % 3 === 0 ? `SCTASK${String(20_000 + i).padStart(7, '0')}` : `INC${String(20_000 + i).padStart(7, '0')}`,
      active: 'true',
      state: i % 2 ? '1' : '2',
      priority: String((i % 5) + 1),
      opened_at: opened,
      assigned_to: i % 4 ? sam.sys_id : '',
      assignment_group: SUPPORT_GROUP.sys_id,
      short_description: `Ticket ${i}`,
    }));
    sn.setRecords([
      ...[sam, dana].map((u) => ({ ...u, sys_class_name: 'sys_user' })),
      { ...SUPPORT_GROUP, sys_class_name: 'sys_user_group' },
      ...rows,
      { ...(rows[0] as FakeRecord), sys_id: 'f'.repeat(32), number: 'INC0099999', state: '6' },
    ]);
    const { tickets, offsets } = await allTickets(NORTHWIND_QUEUE_LINK);
    assert.deepEqual(offsets, [0, 100, 200]);
    assert.equal(tickets.length, 250);
    assert.equal(new Set(tickets.map((t) => t.sysId)).size, 250);
    assert.deepEqual(tickets.map((t) => t.number), rows.map((r) => r.number));
    assert.deepEqual([tickets[1]?.table, tickets[1]?.priority, tickets[1]?.state, tickets[1]?.assignedTo], ['incident', '2 - High', 'New', 'Sam Becker']);
    assert.equal(tickets[0]?.assignedTo, undefined);
    const limits = sn.requests.filter((r) => r.method === 'GET').map((r) => [r.query.sysparm_limit, r.query.sysparm_offset, r.query.sysparm_query]);
    assert.deepEqual(limits, [['100', '0', inStableOrder(QUEUE_QUERY)], ['100', '100', inStableOrder(QUEUE_QUERY)], ['100', '200', inStableOrder(QUEUE_QUERY)]]);

    // Without X-Total-Count (an instance may leave it out): a full page asks on, the short one ends.
    const headers = (r: Response) => r.headers.get('x-total-count');
    const noCount = await get(`${ticketPagePath('task', QUEUE_QUERY, 200)}&sysparm_no_count=true`);
    assert.equal(headers(noCount), null);
    const last = readTicketPage(await noCount.json(), headers(noCount), INSTANCE);
    assert.ok(last.ok);
    assert.deepEqual([last.tickets.length, last.total, nextOffset(200, last.tickets.length, last.total)], [50, undefined, undefined]);
    assert.equal(nextOffset(100, 100, undefined), 200);
  });

  it('PATCHes a work note and a resolution, and reads the new state back', async () => {
    const t = NORTHWIND_QUEUE.blankLabel;
    const fields = '?sysparm_display_value=all&sysparm_fields=state';
    const noted = await patch(ticketPath(t.table, t.sysId) + fields, workNoteBody('Looking into it'));
    assert.equal(noted.status, 200);
    assert.deepEqual(readPatchedState(await noted.json()), { state: 'New', stateValue: '1' });
    assert.deepEqual(sn.journal(t.sysId).map((e) => [e.element, e.value]), [['work_notes', 'Looking into it']]);
    const body = resolveBody(t.table, { closeCode: 'Solution provided', closeNotes: 'Fixed the label template' });
    assert.ok(!('error' in body));
    const resolved = await patch(ticketPath(t.table, t.sysId) + fields, body);
    assert.equal(resolved.status, 200);
    assert.deepEqual(readPatchedState(await resolved.json()), { state: 'Resolved', stateValue: '6' });
    assert.equal(sn.record(t.sysId)?.close_code, 'Solution provided');
  });
});

describe('describeServiceNowFailure', () => {
  let sn: FakeServiceNow;
  useNorthwindServiceNow(NOW, (started) => (sn = started));

  const call = (method: string, path: string, body?: unknown, auth = AUTH) =>
    fetch(`${sn.baseUrl}${path}`, { method, headers: { Accept: 'application/json', 'Content-Type': 'application/json', Authorization: auth }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const described = async (response: Response, action: string) => describeServiceNowFailure(response.status, await response.json(), action, NORTHWIND_SN.instance);

  it("shows the data policy's own words when an incident is resolved without its close fields", async () => {
    const t = NORTHWIND_QUEUE.blankLabel;
    const response = await call('PATCH', ticketPath(t.table, t.sysId), { state: '6' });
    assert.equal(response.status, 403);
    const body: unknown = await response.json();
    assert.deepEqual(serviceNowErrorText(body), 'Operation Failed: Data Policy Exception: \n\tThe following fields are mandatory: Resolution code, Resolution notes');
    assert.equal(
      describeServiceNowFailure(403, body, `resolve ${t.number}`, NORTHWIND_SN.instance),
      `Could not resolve ${t.number}: ${NORTHWIND_SN.instance} refused it (403). ServiceNow said: "Operation Failed: Data Policy Exception: \n\tThe following fields are mandatory: Resolution code, Resolution notes"`,
    );
    assert.equal(sn.record(t.sysId)?.state, '1', 'nothing changed');
  });

  it('names rejected credentials and the command that fixes them, without the credentials', async () => {
    const wrong = `Basic ${Buffer.from(`${NORTHWIND_SN.user}:not-the-password`).toString('base64')}`;
    const text = await described(await call('GET', ticketPagePath('task', QUEUE_QUERY, 0), undefined, wrong), 'read the queue');
    assert.equal(text, `Could not read the queue: ${NORTHWIND_SN.instance} did not accept the ServiceNow credentials (401). Run "Runbook: Connect ServiceNow…" to sign in again. ServiceNow said: "User Not Authenticated: Required to provide Auth information"`);
    assert.ok(!text.includes(NORTHWIND_SN.password) && !text.includes('not-the-password'));
    const withCredentials = describeServiceNowFailure(401, undefined, 'read the queue', `https://${NORTHWIND_SN.user}:${NORTHWIND_SN.password}@${NORTHWIND_SN.instance}/`);
    assert.ok(!withCredentials.includes(NORTHWIND_SN.password) && !withCredentials.includes(NORTHWIND_SN.user), withCredentials);
    assert.match(withCredentials, /northwind\.service-now\.com did not accept/);
  });

  it('says a read-only user may not write (the ACL answer)', async () => {
    const readOnly = `Basic ${Buffer.from(`${NORTHWIND_SN.readOnlyUser}:${NORTHWIND_SN.readOnlyPassword}`).toString('base64')}`;
    const t = NORTHWIND_QUEUE.webhook502;
    const text = await described(await call('PATCH', ticketPath(t.table, t.sysId), workNoteBody('x'), readOnly), `add a work note to ${t.number}`);
    assert.equal(text, `Could not add a work note to ${t.number}: ${NORTHWIND_SN.instance} does not let your ServiceNow user change this record (403). ServiceNow said: "Operation Failed: ACL Exception Update Failed due to security constraints"`);
  });

  it('shows an aborting business rule verbatim', () => {
    const detail = "Operation against file 'incident' was aborted by Business Rule 'Require CI^0123'. Business Rule Stack:Require CI";
    assert.match(describeServiceNowFailure(403, SERVICENOW_ERRORS.operationFailed(detail).json, 'resolve INC1', 'a.service-now.com'), new RegExp(`refused it \\(403\\)\\. ServiceNow said: "Operation Failed: ${detail.replace(/[.^()]/g, '\\$&')}"$`));
  });

  it('names a missing record, an unknown table, the rate limit and the instance\'s own trouble', async () => {
    const missing = await described(await call('PATCH', ticketPath('incident', 'f'.repeat(32)), workNoteBody('x')), 'add a work note');
    assert.equal(missing, `Could not add a work note: ${NORTHWIND_SN.instance} has no such record, or your ServiceNow user may not see it (404). ServiceNow said: "No Record found: Record doesn't exist or ACL restricts the record retrieval"`);
    const table = await described(await call('GET', ticketPagePath('u_nothing', '', 0)), 'read the queue');
    assert.equal(table, `Could not read the queue: ${NORTHWIND_SN.instance} refused the request as invalid (400). ServiceNow said: "Invalid table u_nothing: Table u_nothing does not exist"`);
    sn.rateLimitNext(1, 60);
    const limited = await described(await call('GET', ticketPagePath('task', QUEUE_QUERY, 0)), 'read the queue');
    assert.match(limited, /limiting how often its Table API is asked \(429\)\. Try again in a few minutes\. ServiceNow said: "Rate limit exceeded: Rate limit of 10 requests per hour for Table API exceeded"$/);
    sn.failNext(503);
    const down = await described(await call('GET', ticketPagePath('task', QUEUE_QUERY, 0)), 'read the queue');
    assert.equal(down, `Could not read the queue: ${NORTHWIND_SN.instance} had a problem of its own (503). Try again shortly. ServiceNow said: "Service Unavailable"`);
  });

  it('reads error bodies as text or JSON, and says something without one', () => {
    assert.equal(serviceNowErrorText(JSON.stringify(SERVICENOW_ERRORS.noRecord().json)), "No Record found: Record doesn't exist or ACL restricts the record retrieval");
    assert.equal(serviceNowErrorText(SERVICENOW_ERRORS.noResource().json), 'Requested URI does not represent any resource');
    assert.equal(serviceNowErrorText({ error: { message: '', detail: 'Only a detail' } }), 'Only a detail');
    assert.equal(serviceNowErrorText({ error: { message: 'Same', detail: 'Same' } }), 'Same');
    for (const body of [undefined, null, '', '<html>Bad gateway</html>', {}, { error: {} }, { error: { message: 3 } }, []]) assert.equal(serviceNowErrorText(body), undefined, JSON.stringify(body));
    assert.equal(describeServiceNowFailure(403, undefined, 'resolve INC1', 'a.service-now.com'), 'Could not resolve INC1: a.service-now.com refused it (403): your ServiceNow user lacks the role or access it needs.');
    assert.equal(describeServiceNowFailure(502, '<html>Bad gateway</html>', 'read the queue', 'a.service-now.com'), 'Could not read the queue: a.service-now.com had a problem of its own (502). Try again shortly.');
    assert.equal(describeServiceNowFailure(415, SERVICENOW_ERRORS.unsupportedMediaType().json, 'resolve INC1', 'a.service-now.com'), 'Could not resolve INC1: a.service-now.com answered 415. ServiceNow said: "Unsupported Media Type: The endpoint does not support the format of the request body."');
  });
});
