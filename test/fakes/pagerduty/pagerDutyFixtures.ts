// A sample PagerDuty account for the tests and the demo: account "dsva", the Travel Pay API service (as a real
// runbook links it: https://dsva.pagerduty.com/service-directory/PO9X8XN) and its escalation policy with two
// schedules at level 1, a direct user at level 2 and another at level 3; ~30 more users so /users paginates.
import type { FakePagerDuty, FakeUser } from './fakePagerDuty';

export const PD_SUBDOMAIN = 'dsva';
/** A full-access account API key. */
export const PD_KEY = 'pd-test-key';
/** A read-only account API key: GETs only; anything else is a 403. */
export const PD_READONLY_KEY = 'pd-readonly-key';

export const TRAVEL_PAY_SERVICE_ID = 'PO9X8XN';
export const TRAVEL_PAY_SERVICE_NAME = 'Travel Pay API';
export const TRAVEL_PAY_SERVICE_URL = `https://${PD_SUBDOMAIN}.pagerduty.com/service-directory/${TRAVEL_PAY_SERVICE_ID}`;
export const TRAVEL_PAY_POLICY_ID = 'PEP0001';
export const TRAVEL_PAY_POLICY_NAME = 'Travel Pay escalation';
export const PRIMARY_SCHEDULE_ID = 'PSCHED1';
export const PRIMARY_SCHEDULE_NAME = 'Travel Pay primary';
export const SECONDARY_SCHEDULE_ID = 'PSCHED2';
export const SECONDARY_SCHEDULE_NAME = 'Travel Pay secondary';

export const PD_USERS = {
  /** Level 1 through the primary schedule, until now + 6 h. */
  kevin: { id: 'PK3VDUN', name: 'Kevin Duensing', email: 'kevin.duensing@example.gov' },
  /** Level 1 through the secondary schedule, until now + 30 h. */
  calvin: { id: 'PC4LCIE', name: 'Calvin Cieslak', email: 'calvin.cieslak@example.gov' },
  /** Level 2, directly, always. */
  charlotte: { id: 'PCH4REI', name: 'Charlotte Reid', email: 'charlotte.reid@example.gov' },
  /** Level 3, directly, always. */
  mark: { id: 'PM4RKDE', name: 'Mark Dewey', email: 'mark.dewey@example.gov' },
  /** The requester: a valid `From` for POST /incidents. */
  tim: { id: 'PT1MHAW', name: 'Tim Hawkins', email: 'tim.hawkins@example.gov' },
  /** A read-only user: a valid user, but POST /incidents from them is a 403. */
  sam: { id: 'PS4MSTK', name: 'Sam Stakeholder', email: 'sam.stakeholder@example.gov', role: 'read_only_user' },
} as const satisfies Record<string, FakeUser>;

export const REQUESTER_EMAIL = PD_USERS.tim.email;
export const FILLER_USER_COUNT = 30;
/** Every user of the account. */
export const PD_USER_COUNT = Object.keys(PD_USERS).length + FILLER_USER_COUNT;

const FIRST = ['Avery', 'Blake', 'Casey', 'Devon', 'Emerson', 'Finley', 'Harper', 'Jordan', 'Kendall', 'Logan'];
const LAST = ['Alvarez', 'Brooks', 'Okafor'];

/** Users that are on no policy: "Avery Alvarez" (PF00001, avery.alvarez@example.gov) and so on. */
export function fillerUsers(count = FILLER_USER_COUNT): FakeUser[] {
  return Array.from({ length: count }, (_, i) => {
    const first = FIRST[i % FIRST.length] ?? 'Pat';
    const last = LAST[Math.floor(i / FIRST.length) % LAST.length] ?? 'Doe';
    return { id: `PF${String(i + 1).padStart(5, '0')}`, name: `${first} ${last}`, email: `${first}.${last}@example.gov`.toLowerCase() };
  });
}

const HOUR = 3_600_000;

/** Sets `fake` to the sample account at `now` (its clock too: `setNow(now)`). Incidents and requests are left as they are. */
export function samplePagerDuty(fake: FakePagerDuty, now: Date): void {
  const at = (hours: number) => new Date(now.getTime() + hours * HOUR).toISOString();
  const { kevin, calvin, charlotte, mark } = PD_USERS;
  fake.setNow(now);
  fake.setAccount({ subdomain: PD_SUBDOMAIN });
  fake.setKeys([{ key: PD_KEY }, { key: PD_READONLY_KEY, readOnly: true }]);
  fake.setUsers([...Object.values(PD_USERS), ...fillerUsers()]);
  fake.setServices([{ id: TRAVEL_PAY_SERVICE_ID, name: TRAVEL_PAY_SERVICE_NAME, escalationPolicyId: TRAVEL_PAY_POLICY_ID, description: 'Travel Pay claims API' }]);
  fake.setEscalationPolicies([
    {
      id: TRAVEL_PAY_POLICY_ID,
      name: TRAVEL_PAY_POLICY_NAME,
      rules: [
        { delayMinutes: 15, targets: [{ type: 'schedule', id: PRIMARY_SCHEDULE_ID }, { type: 'schedule', id: SECONDARY_SCHEDULE_ID }] },
        { delayMinutes: 15, targets: [{ type: 'user', id: charlotte.id }] },
        { delayMinutes: 30, targets: [{ type: 'user', id: mark.id }] },
      ],
    },
  ]);
  fake.setSchedules([
    { id: PRIMARY_SCHEDULE_ID, name: PRIMARY_SCHEDULE_NAME, timeZone: 'America/New_York' },
    { id: SECONDARY_SCHEDULE_ID, name: SECONDARY_SCHEDULE_NAME, timeZone: 'America/New_York' },
  ]);
  fake.setOnCalls([
    { escalationPolicyId: TRAVEL_PAY_POLICY_ID, level: 1, scheduleId: PRIMARY_SCHEDULE_ID, userId: kevin.id, start: at(-18), end: at(6) },
    { escalationPolicyId: TRAVEL_PAY_POLICY_ID, level: 1, scheduleId: SECONDARY_SCHEDULE_ID, userId: calvin.id, start: at(-18), end: at(30) },
    { escalationPolicyId: TRAVEL_PAY_POLICY_ID, level: 2, userId: charlotte.id, start: null, end: null },
    { escalationPolicyId: TRAVEL_PAY_POLICY_ID, level: 3, userId: mark.id, start: null, end: null },
  ]);
}
