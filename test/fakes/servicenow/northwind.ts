// The ServiceNow instance of the sample support plan (sample/runbooks/production-support.md, Parcel Tracking):
// northwind.service-now.com, its credentials, and the queue of the team's assignment group as the seed support
// plan's queue link queries it (`assignment_group=<group>^active=true^state!=6` on task_list.do; the group keeps
// the seed link's sys_id so that link runs here too): seven active tasks, incidents and catalog tasks of every
// priority opened from 40 minutes to 35 days before `now`, plus a Resolved incident (still active, as Resolved
// incidents are), a Closed one and an active incident of another group, none of which is in the queue.
import { FakeServiceNow, type FakeRecord } from './fakeServiceNow';
import { glideDateTime } from './serviceNowSchema';

/** One segment each, nothing a secret scan takes for a real credential. */
export const NORTHWIND_SN = {
  instance: 'northwind.service-now.com',
  user: 'snow-test-user',
  password: 'snow-test-pass',
  token: 'snow-test-token',
  readOnlyUser: 'snow-readonly-user',
  readOnlyPassword: 'snow-readonly-pass',
  readOnlyToken: 'snow-readonly-token',
  /** The users' time zone: display values of dates are in it. */
  timeZone: 'Europe/Berlin',
} as const;

export const SUPPORT_GROUP = { sys_id: '9c50fbc51b4f8d5065965318624bcbbf', name: 'Parcel Tracking Support' } as const;
export const CARRIER_GROUP = { sys_id: '0000000000000000000000000000b002', name: 'Carrier Gateway' } as const;

export const NORTHWIND_SN_USERS = {
  sam: { sys_id: '0000000000000000000000000000a001', user_name: 'sam.becker', name: 'Sam Becker', email: 'sam.becker@northwind.example' },
  tomas: { sys_id: '0000000000000000000000000000a002', user_name: 'tomas.ortega', name: 'Tomás Ortega', email: 'tomas.ortega@northwind.example' },
  priya: { sys_id: '0000000000000000000000000000a003', user_name: 'priya.raman', name: 'Priya Raman', email: 'priya.raman@northwind.example' },
  dana: { sys_id: '0000000000000000000000000000a004', user_name: 'dana.whitfield', name: 'Dana Whitfield', email: 'dana.whitfield@northwind.example' },
} as const;

/** The queue's encoded query, as the seed's link has it. */
export const NORTHWIND_QUEUE_QUERY = `assignment_group=${SUPPORT_GROUP.sys_id}^active=true^state!=6`;
/** The queue link a support plan would carry, in the seed's shape: the list URL percent-encoded inside the UI's `target` segment. */
export const NORTHWIND_QUEUE_LINK = `https://${NORTHWIND_SN.instance}/now/nav/ui/classic/params/target/${encodeURIComponent(`task_list.do?sysparm_query=${encodeURIComponent(NORTHWIND_QUEUE_QUERY)}&sysparm_clear_stack=true`)}`;

interface Ticket {
  readonly table: 'incident' | 'sc_task';
  readonly number: string;
  readonly sysId: string;
}

function ticket(table: Ticket['table'], number: string): Ticket {
  return { table, number, sysId: (table === 'incident' ? 'a' : 'b') + number.replace(/\D/g, '').padStart(31, '0') };
}

/** The queue, newest first. */
export const NORTHWIND_QUEUE = {
  webhook502: ticket('incident', 'INC0010045'),
  blankLabel: ticket('incident', 'INC0010043'),
  delayedReport: ticket('sc_task', 'SCTASK0010021'),
  deliveredStatus: ticket('incident', 'INC0010041'),
  dashboardAccess: ticket('sc_task', 'SCTASK0010017'),
  etaBanner: ticket('incident', 'INC0010038'),
  retireV1: ticket('sc_task', 'SCTASK0010012'),
} as const;
/** Resolved a day ago: active, but `state!=6` keeps it out of the queue. */
export const RESOLVED_TICKET = ticket('incident', 'INC0010036');
export const CLOSED_TICKET = ticket('incident', 'INC0010030');
export const OTHER_GROUP_TICKET = ticket('incident', 'INC0010044');

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function northwindServiceNow(fake: FakeServiceNow, now: Date): FakeServiceNow {
  const { sam, tomas, priya, dana } = NORTHWIND_SN_USERS;
  const at = (ago: number) => glideDateTime(new Date(now.getTime() - ago));
  const row = (t: Ticket, ago: number, fields: Readonly<Record<string, string>>): FakeRecord => ({
    sys_id: t.sysId,
    sys_class_name: t.table,
    number: t.number,
    active: 'true',
    opened_at: at(ago),
    opened_by: dana.sys_id,
    assignment_group: SUPPORT_GROUP.sys_id,
    sys_created_on: at(ago),
    sys_updated_on: at(ago),
    sys_updated_by: dana.user_name,
    sys_mod_count: '0',
    ...(t.table === 'incident' ? { caller_id: dana.sys_id, category: 'software' } : {}),
    ...fields,
  });
  const q = NORTHWIND_QUEUE;
  fake.setNow(now);
  fake.setUsers([
    { user: NORTHWIND_SN.user, password: NORTHWIND_SN.password, timeZone: NORTHWIND_SN.timeZone },
    { user: NORTHWIND_SN.readOnlyUser, password: NORTHWIND_SN.readOnlyPassword, readOnly: true, timeZone: NORTHWIND_SN.timeZone },
  ]);
  fake.setTokens([
    { token: NORTHWIND_SN.token, user: NORTHWIND_SN.user, timeZone: NORTHWIND_SN.timeZone },
    { token: NORTHWIND_SN.readOnlyToken, user: NORTHWIND_SN.readOnlyUser, readOnly: true, timeZone: NORTHWIND_SN.timeZone },
  ]);
  fake.setRecords([
    ...[sam, tomas, priya, dana].map((u) => ({ ...u, sys_class_name: 'sys_user' })),
    ...[SUPPORT_GROUP, CARRIER_GROUP].map((g) => ({ ...g, sys_class_name: 'sys_user_group' })),
    row(q.deliveredStatus, 3 * DAY, { priority: '2', state: '2', assigned_to: sam.sys_id, short_description: "Tracking page shows 'Label created' for delivered parcels" }),
    row(q.blankLabel, 2 * HOUR, { priority: '1', state: '1', short_description: 'Label service returns a blank PDF for oversize parcels' }),
    row(q.dashboardAccess, 9 * DAY, { priority: '4', state: '1', short_description: 'Grant read access to the tracking-events dashboard' }),
    row(RESOLVED_TICKET, 5 * DAY, { priority: '3', state: '6', assigned_to: priya.sys_id, resolved_at: at(DAY), close_code: 'Solution provided', close_notes: 'Fixed in tracking-api 2.14.1', short_description: 'Duplicate "out for delivery" e-mails' }),
    row(q.etaBanner, 16 * DAY, { priority: '3', state: '3', assigned_to: sam.sys_id, short_description: 'ETA banner missing on mobile for Saturday deliveries' }),
    row(q.webhook502, 40 * MINUTE, { priority: '3', state: '2', assigned_to: priya.sys_id, short_description: 'Carrier webhook answers 502 to DHL status updates' }),
    row(OTHER_GROUP_TICKET, 5 * HOUR, { priority: '2', state: '2', assignment_group: CARRIER_GROUP.sys_id, short_description: 'Carrier gateway drops UPS scans after midnight UTC' }),
    row(q.delayedReport, 26 * HOUR, { priority: '3', state: '2', assigned_to: tomas.sys_id, short_description: "Export last month's delayed-parcel report for Operations" }),
    row(CLOSED_TICKET, 12 * DAY, { priority: '4', state: '7', active: 'false', resolved_at: at(7 * DAY), closed_at: at(6 * DAY), close_code: 'Solution provided', close_notes: 'Cache headers corrected', short_description: 'Tracking map tiles load slowly' }),
    row(q.retireV1, 35 * DAY, { priority: '5', state: '-5', assigned_to: priya.sys_id, short_description: 'Retire the v1 tracking endpoint once partners have moved' }),
  ]);
  return fake;
}

export async function startNorthwindServiceNow(now: Date): Promise<FakeServiceNow> {
  return northwindServiceNow(await new FakeServiceNow().start(), now);
}
