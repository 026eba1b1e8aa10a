// The Slack workspace of the sample runbook (sample/runbooks/incident-response.md): northwind.slack.com, its
// #parcel-incidents channel, the people its contacts name and the groups its notification mentions.
import type { FakeSlack } from './fakeSlack';
import { fillerUsers, SAMPLE_BOT_ID, SAMPLE_BOT_TOKEN, SAMPLE_BOT_USER, SAMPLE_BOT_USER_ID } from './slackFixtures';

export const NORTHWIND_TEAM = { subdomain: 'northwind', teamId: 'T0NORTHWND', teamName: 'Northwind' } as const;
export const NORTHWIND_TOKEN = SAMPLE_BOT_TOKEN;
export const PARCEL_CHANNEL_ID = 'C0PARCEL01';
/** #parcel-support, the sample support plan's channel: the hand-off goes there. */
export const SUPPORT_CHANNEL_ID = 'C0PSUPP01';
/** A channel of the workspace the bot was never invited to. */
export const WAREHOUSE_CHANNEL_ID = 'C0WAREHSE1';
export const NORTHWIND_USERS = { priya: 'U0PRIYA001', tomas: 'U0TOMAS001', grace: 'U0GRACE001', sam: 'U0SAMB0001', ines: 'U0INES0001' } as const;
export const NORTHWIND_GROUPS = { trackingOncall: 'S0TRACKONC', supportLeads: 'S0SUPPORTL' } as const;

export function northwindSlack(fake: FakeSlack): FakeSlack {
  const u = NORTHWIND_USERS;
  fake.setWorkspace(NORTHWIND_TEAM);
  fake.setTokens([{ token: NORTHWIND_TOKEN, user: SAMPLE_BOT_USER, userId: SAMPLE_BOT_USER_ID, botId: SAMPLE_BOT_ID }]);
  fake.setUsers([
    { id: SAMPLE_BOT_USER_ID, name: SAMPLE_BOT_USER, realName: 'Incident Runbook', isBot: true, botId: SAMPLE_BOT_ID },
    { id: u.priya, name: 'priya', displayName: 'Priya Raman', realName: 'Priya Raman' },
    { id: u.tomas, name: 'tomas', displayName: 'Tomás Ortega', realName: 'Tomás Ortega' },
    { id: u.grace, name: 'grace', displayName: 'Grace Liu', realName: 'Grace Liu' },
    // Enough people that users.list takes two pages of 200.
    ...fillerUsers(230),
    { id: u.sam, name: 'sam.b', displayName: 'Sam Becker', realName: 'Sam Becker' },
    { id: u.ines, name: 'ines', displayName: 'Ines Duarte', realName: 'Ines Duarte' },
  ]);
  fake.setUserGroups([
    { id: NORTHWIND_GROUPS.trackingOncall, handle: 'tracking-oncall', name: 'Tracking on-call', users: [u.sam] },
    { id: NORTHWIND_GROUPS.supportLeads, handle: 'support-leads', name: 'Support leads', users: [u.ines] },
  ]);
  fake.setChannels([
    { id: PARCEL_CHANNEL_ID, name: 'parcel-incidents', members: true },
    { id: SUPPORT_CHANNEL_ID, name: 'parcel-support', members: true },
    { id: WAREHOUSE_CHANNEL_ID, name: 'warehouse', members: false },
  ]);
  return fake;
}
