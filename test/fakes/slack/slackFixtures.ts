// Sample Slack data: the DSVA workspace of a real runbook (its channels, people and user groups), a bot
// token, and enough other members that users.list takes several pages.
import type { FakeSlack } from './fakeSlack';
import type { FakeChannel, FakeToken, FakeUser, FakeUserGroup, FakeWorkspace } from './slackTypes';

export const SAMPLE_SUBDOMAIN = 'dsva';
export const SAMPLE_TEAM_ID = 'T0DSVA001';
export const SAMPLE_TEAM_NAME = 'DSVA';
export const SAMPLE_WORKSPACE: FakeWorkspace = { subdomain: SAMPLE_SUBDOMAIN, teamId: SAMPLE_TEAM_ID, teamName: SAMPLE_TEAM_NAME };

/**
 * A bot token with every scope. Shaped like Slack's (`xoxb-`), so Connect Slack's input box takes it, but with one
 * segment after the prefix, so the package's secret scan (xoxb-SEGMENT-SEGMENT) does not take it for a real one.
 */
export const SAMPLE_BOT_TOKEN = 'xoxb-fake_bot_token';
/** The same bot's token after the app was removed: every call answers `token_revoked`. */
export const SAMPLE_REVOKED_TOKEN = 'xoxb-fake_revoked_token';
export const SAMPLE_BOT_USER = 'incident_runbook';
export const SAMPLE_BOT_USER_ID = 'U07RUNBOOK';
export const SAMPLE_BOT_ID = 'B07RUNBOOK';

/** #beneficiary-travel-team: the bot is a member. */
export const BTSSS_CHANNEL_ID = 'C05UTPZRZFY';
export const BTSSS_CHANNEL_NAME = 'beneficiary-travel-team';
/** #vfs-platform-support: public, the bot is not a member (posting answers `not_in_channel`). */
export const PLATFORM_SUPPORT_CHANNEL_ID = 'CBU0KDSB1';
export const PLATFORM_SUPPORT_CHANNEL_NAME = 'vfs-platform-support';

/** The people the runbook names. */
export const SAMPLE_USER_IDS = {
  kay: 'U04KAYLWSN',
  kristenMcConnell: 'U04KMCCONL',
  markDewey: 'U04MDEWEY1',
  charlotteReid: 'U04CREID01',
  kevinDuensing: 'U04KDUENSG',
  timHawkins: 'U04THAWKNS',
} as const;
/** A deactivated older account of Kevin Duensing (handle `kduensing`), listed with `deleted: true`. */
export const DEACTIVATED_KEVIN_ID = 'U02KDUENS0';

export const BTSSS_API_TEAM_ID = 'S05BTSSAPI';
export const BTSSS_VAGOV_TEAM_ID = 'S05BTSSVAG';

/** Members besides the named ones, the bot and Slackbot. */
export const FILLER_USER_COUNT = 250;

const NAMED: readonly FakeUser[] = [
  { id: SAMPLE_USER_IDS.kay, name: 'kay', displayName: 'Kay', realName: 'Kay Lawson', email: 'kay.lawson@example.com', title: 'Product Manager' },
  { id: SAMPLE_USER_IDS.kristenMcConnell, name: 'kristen.mcconnell', displayName: 'Kristen McConnell', realName: 'Kristen McConnell', email: 'kristen.mcconnell@example.com' },
  { id: SAMPLE_USER_IDS.markDewey, name: 'mark.dewey', displayName: 'Mark Dewey', realName: 'Mark Dewey', email: 'mark.dewey@example.com' },
  { id: SAMPLE_USER_IDS.charlotteReid, name: 'charlotte.reid', displayName: '', realName: 'Charlotte Reid', email: 'charlotte.reid@example.com' },
  { id: SAMPLE_USER_IDS.kevinDuensing, name: 'kevin.duensing', displayName: 'Kevin Duensing', realName: 'Kevin Duensing', email: 'kevin.duensing@example.com' },
  { id: SAMPLE_USER_IDS.timHawkins, name: 'tim.hawkins', displayName: 'Tim Hawkins', realName: 'Tim Hawkins', email: 'tim.hawkins@example.com', tz: 'America/Chicago' },
];

/** Where each named user sits among the fillers: Tim Hawkins is on the second page of 200. */
const POSITIONS = [3, 60, 120, 180, 199, 240] as const;

const FIRST = ['Avery', 'Blake', 'Carmen', 'Dana', 'Elliot', 'Farah', 'Gabriel', 'Hana', 'Isaac', 'Jordan', 'Leila', 'Mateo', 'Nadia', 'Omar', 'Priya', 'Quinn'];
const LAST = ['Abbott', 'Baptiste', 'Castillo', 'Delacroix', 'Eriksen', 'Fujimoto', 'García', 'Hughes', 'Iyer', 'Jensen', 'Kowalski', 'Lindqvist', 'Moreau', 'Nakamura', 'Okafor', 'Petrov'];

/** `count` deterministic members: every fifth without a display name, every fortieth deactivated. */
export function fillerUsers(count = FILLER_USER_COUNT): FakeUser[] {
  return Array.from({ length: count }, (_, i) => {
    const first = FIRST[i % FIRST.length] as string;
    const last = LAST[Math.floor(i / FIRST.length) % LAST.length] as string;
    const handle = `${first}.${last}`.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
    return { id: `U0F${String(i + 1).padStart(7, '0')}`, name: handle, realName: `${first} ${last}`, displayName: i % 5 === 0 ? '' : first, email: `${handle}@example.com`, ...(i % 40 === 39 ? { deleted: true } : {}) };
  });
}

/** Slackbot, the bot, then fillers with the named people and the deactivated account among them. */
export function sampleUsers(): FakeUser[] {
  const users = fillerUsers();
  NAMED.forEach((user, i) => users.splice(POSITIONS[i] ?? users.length, 0, user));
  users.splice(30, 0, { id: DEACTIVATED_KEVIN_ID, name: 'kduensing', displayName: 'Kevin D', realName: 'Kevin Duensing', deleted: true });
  const bots: FakeUser[] = [
    { id: 'USLACKBOT', name: 'slackbot', realName: 'Slackbot', displayName: 'Slackbot' },
    { id: SAMPLE_BOT_USER_ID, name: SAMPLE_BOT_USER, realName: 'Incident Runbook', isBot: true, botId: SAMPLE_BOT_ID },
  ];
  return [...bots, ...users];
}

export function sampleTokens(): FakeToken[] {
  return [
    { token: SAMPLE_BOT_TOKEN, user: SAMPLE_BOT_USER, userId: SAMPLE_BOT_USER_ID, botId: SAMPLE_BOT_ID },
    { token: SAMPLE_REVOKED_TOKEN, user: SAMPLE_BOT_USER, userId: SAMPLE_BOT_USER_ID, botId: SAMPLE_BOT_ID, revoked: true },
  ];
}

export function sampleChannels(): FakeChannel[] {
  return [
    { id: BTSSS_CHANNEL_ID, name: BTSSS_CHANNEL_NAME, members: true, topic: 'Beneficiary Travel (BTSSS) on VA.gov', purpose: 'Team channel of Beneficiary Travel' },
    { id: PLATFORM_SUPPORT_CHANNEL_ID, name: PLATFORM_SUPPORT_CHANNEL_NAME, members: false, purpose: 'VFS teams ask the Platform for help' },
  ];
}

export function sampleUserGroups(): FakeUserGroup[] {
  const ids = SAMPLE_USER_IDS;
  return [
    { id: BTSSS_API_TEAM_ID, handle: 'btsss-api-team', name: 'BTSSS API Team', description: 'Beneficiary Travel API engineers', users: [ids.kay, ids.kristenMcConnell, ids.markDewey] },
    { id: BTSSS_VAGOV_TEAM_ID, handle: 'btsss-vagov-team', name: 'BTSSS VA.gov Team', description: 'Beneficiary Travel on VA.gov', users: [ids.charlotteReid, ids.kevinDuensing, ids.timHawkins] },
  ];
}

/** Sets the DSVA workspace up on `fake` (replacing its workspace, tokens, users, groups and channels). */
export function sampleSlack(fake: FakeSlack): FakeSlack {
  fake.setWorkspace(SAMPLE_WORKSPACE);
  fake.setTokens(sampleTokens());
  fake.setUsers(sampleUsers());
  fake.setUserGroups(sampleUserGroups());
  fake.setChannels(sampleChannels());
  return fake;
}
