// The PagerDuty account of the sample runbook (sample/runbooks/incident-response.md links
// https://northwind.pagerduty.com/service-directory/PTRACK1): its service, escalation policy and who is on call.
import type { FakePagerDuty } from './fakePagerDuty';
import { fillerUsers, PD_KEY, PD_READONLY_KEY } from './pagerDutyFixtures';

export const NORTHWIND_PD = { subdomain: 'northwind', key: PD_KEY, readOnlyKey: PD_READONLY_KEY } as const;
export const TRACKING_SERVICE_ID = 'PTRACK1';
export const TRACKING_POLICY = { id: 'PTRKEP1', name: 'Parcel Tracking escalation' } as const;
export const TRACKING_SCHEDULE = { id: 'PTRKSC1', name: 'Tracking primary' } as const;
export const NORTHWIND_PD_USERS = {
  sam: { id: 'PSAMBEC', name: 'Sam Becker', email: 'sam.becker@northwind.example' },
  tomas: { id: 'PTOMORT', name: 'Tomás Ortega', email: 'tomas.ortega@northwind.example' },
  priya: { id: 'PPRIRAM', name: 'Priya Raman', email: 'priya.raman@northwind.example' },
} as const;
export const NORTHWIND_FROM = NORTHWIND_PD_USERS.priya.email;

const HOUR = 3_600_000;

/** Sam Becker on call at level 1 until `now` + 5 h, Tomás Ortega always at level 2, Priya Raman at level 3. */
export function northwindPagerDuty(fake: FakePagerDuty, now: Date): FakePagerDuty {
  const { sam, tomas, priya } = NORTHWIND_PD_USERS;
  fake.setNow(now);
  fake.setAccount({ subdomain: NORTHWIND_PD.subdomain });
  fake.setKeys([{ key: NORTHWIND_PD.key }, { key: NORTHWIND_PD.readOnlyKey, readOnly: true }]);
  fake.setUsers([sam, tomas, priya, ...fillerUsers()]);
  fake.setServices([{ id: TRACKING_SERVICE_ID, name: 'Parcel Tracking API', escalationPolicyId: TRACKING_POLICY.id }]);
  fake.setSchedules([{ id: TRACKING_SCHEDULE.id, name: TRACKING_SCHEDULE.name, timeZone: 'Europe/Berlin' }]);
  fake.setEscalationPolicies([
    { id: TRACKING_POLICY.id, name: TRACKING_POLICY.name, rules: [{ delayMinutes: 15, targets: [{ type: 'schedule', id: TRACKING_SCHEDULE.id }] }, { delayMinutes: 15, targets: [{ type: 'user', id: tomas.id }] }, { delayMinutes: 30, targets: [{ type: 'user', id: priya.id }] }] },
  ]);
  fake.setOnCalls([
    { escalationPolicyId: TRACKING_POLICY.id, level: 1, scheduleId: TRACKING_SCHEDULE.id, userId: sam.id, start: new Date(now.getTime() - 3 * HOUR).toISOString(), end: new Date(now.getTime() + 5 * HOUR).toISOString() },
    { escalationPolicyId: TRACKING_POLICY.id, level: 2, userId: tomas.id, start: null, end: null },
    { escalationPolicyId: TRACKING_POLICY.id, level: 3, userId: priya.id, start: null, end: null },
  ]);
  return fake;
}
