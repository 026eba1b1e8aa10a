// The fake Slack's Web API methods, as pure functions of its state and one call's arguments.
// Each answers what https://docs.slack.dev/reference/methods documents: `{ ok: true, … }` or
// `{ ok: false, error }`, checked in Slack's order: the method, the token, its scope, the arguments.
import type { FakeChannel, FakeToken, FakeUser, FakeUserGroup, FakeWorkspace, PostedMessage } from './slackTypes';

export type Params = Readonly<Record<string, string>>;
export type Body = Record<string, unknown>;

export interface SlackState {
  workspace: FakeWorkspace;
  tokens: readonly FakeToken[];
  users: readonly FakeUser[];
  userGroups: readonly FakeUserGroup[];
  channels: readonly FakeChannel[];
  readonly messages: PostedMessage[];
  /** chat.postMessage answers `msg_too_long` above this many characters of `text`. */
  maxTextLength: number;
  /** Milliseconds since the epoch: message timestamps and `cache_ts` follow it. */
  now: () => number;
  lastTs: { seconds: number; micros: number };
}

export interface Call {
  readonly method: string;
  readonly params: Params;
  readonly token?: string;
  /** An error of the request's form (`invalid_json`, `missing_post_type`…), answered once the method is known. */
  readonly requestError?: string;
}

export interface Answer {
  readonly body: Body;
  readonly headers: Record<string, string>;
}

interface Context {
  readonly state: SlackState;
  readonly params: Params;
  readonly token: FakeToken;
}

interface Method {
  /** The scope the call needs, if any. */
  readonly scope?: (context: Context) => string | undefined;
  readonly run: (context: Context) => Body;
}

const METHODS: Readonly<Record<string, Method>> = {
  'auth.test': { run: authTest },
  'chat.postMessage': { scope: () => 'chat:write', run: postMessage },
  'chat.getPermalink': { run: getPermalink },
  'users.list': { scope: () => 'users:read', run: usersList },
  'usergroups.list': { scope: () => 'usergroups:read', run: userGroupsList },
  'conversations.info': { scope: ({ state, params }) => (state.channels.find((c) => c.id === params.channel)?.isPrivate ? 'groups:read' : 'channels:read'), run: conversationsInfo },
};

/** Slack's `ts`: seconds, a dot, six digits. */
const TS = /^\d+\.\d{6}$/;
const MAX_LIMIT = 1000;
/** The scopes of a token that names none: what this fake checks, but not `chat:write.public`. */
export const DEFAULT_SCOPES: readonly string[] = ['chat:write', 'channels:read', 'groups:read', 'users:read', 'users:read.email', 'usergroups:read'];

export function emptyState(): SlackState {
  return { workspace: { subdomain: 'workspace', teamId: 'T00000000', teamName: 'Workspace' }, tokens: [], users: [], userGroups: [], channels: [], messages: [], maxTextLength: 40_000, now: Date.now, lastTs: { seconds: 0, micros: 0 } };
}

export function callMethod(state: SlackState, call: Call): Answer {
  if (call.method === 'api.test') return { body: call.params.error ? fail(call.params.error, { args: call.params }) : { ok: true, args: call.params }, headers: {} };
  const method = METHODS[call.method];
  if (!method) return { body: fail('unknown_method', { req_method: call.method }), headers: {} };
  if (call.requestError) return { body: fail(call.requestError), headers: {} };
  if (!call.token) return { body: fail('not_authed'), headers: {} };
  const token = state.tokens.find((t) => t.token === call.token);
  if (!token) return { body: fail('invalid_auth'), headers: {} };
  if (token.revoked) return { body: fail('token_revoked'), headers: {} };
  const context: Context = { state, params: call.params, token };
  const needed = method.scope?.(context);
  const provided = (token.scopes ?? DEFAULT_SCOPES).join(',');
  const headers: Record<string, string> = { 'x-oauth-scopes': provided, ...(needed ? { 'x-accepted-oauth-scopes': needed } : {}) };
  if (needed && !hasScope(token, needed)) return { body: fail('missing_scope', { needed, provided }), headers };
  return { body: method.run(context), headers };
}

function fail(error: string, extra: Body = {}): Body {
  return { ok: false, error, ...extra };
}

function hasScope(token: FakeToken, scope: string): boolean {
  return (token.scopes ?? DEFAULT_SCOPES).includes(scope);
}

/** Slack reads `true` and `1` as true. */
function flag(value: string | undefined): boolean {
  return value === 'true' || value === '1';
}

function authTest({ state, token }: Context): Body {
  const { subdomain, teamName, teamId } = state.workspace;
  return { ok: true, url: `https://${subdomain}.slack.com/`, team: teamName, user: token.user, team_id: teamId, user_id: token.userId, ...(token.botId ? { bot_id: token.botId } : {}), is_enterprise_install: false };
}

function isMember(channel: FakeChannel, token: FakeToken): boolean {
  return typeof channel.members === 'boolean' ? channel.members : channel.members.includes(token.userId);
}

/** The channel by id (or, where Slack takes one, by name with or without `#`); a private one only to its members. */
function visibleChannel(state: SlackState, ref: string | undefined, token: FakeToken, byName: boolean): FakeChannel | undefined {
  const name = ref?.replace(/^#/, '');
  const channel = state.channels.find((c) => c.id === ref || (byName && c.name === name));
  return channel && (!channel.isPrivate || isMember(channel, token)) ? channel : undefined;
}

function postMessage({ state, params, token }: Context): Body {
  const channel = visibleChannel(state, params.channel, token, true);
  if (!channel) return fail('channel_not_found');
  if (channel.archived) return fail('is_archived');
  if (!isMember(channel, token) && (channel.isPrivate || !hasScope(token, 'chat:write.public'))) return fail('not_in_channel');
  const text = params.text ?? '';
  if (!text && !params.blocks && !params.attachments) return fail('no_text');
  if ([...text].length > state.maxTextLength) return fail('msg_too_long');
  const threadTs = params.thread_ts || undefined;
  // A well-formed thread_ts naming no message is accepted (the reply is posted, under no visible parent).
  if (threadTs !== undefined && !TS.test(threadTs)) return fail('invalid_thread_ts');
  const posted: PostedMessage = { channel: channel.id, ts: nextTs(state), ...(threadTs ? { thread_ts: threadTs } : {}), text, user: token.userId, ...(token.botId ? { bot_id: token.botId } : {}), args: params };
  state.messages.push(posted);
  const parent = state.messages.find((m) => m.channel === channel.id && m.ts === threadTs);
  return { ok: true, channel: channel.id, ts: posted.ts, message: messageObject(posted, state, token, parent) };
}

function messageObject(message: PostedMessage, state: SlackState, token: FakeToken, parent: PostedMessage | undefined): Body {
  const { teamId } = state.workspace;
  const bot = message.bot_id ? { bot_id: message.bot_id, bot_profile: { id: message.bot_id, deleted: false, name: token.user, team_id: teamId } } : {};
  const thread = message.thread_ts ? { thread_ts: message.thread_ts, ...(parent ? { parent_user_id: parent.user } : {}) } : {};
  return { user: message.user, type: 'message', ts: message.ts, ...bot, text: message.text, team: teamId, ...thread };
}

/** Unique and increasing: the clock's second, then 100 µs more than the last one within that second. */
function nextTs(state: SlackState): string {
  let seconds = Math.max(Math.floor(state.now() / 1000), state.lastTs.seconds);
  let micros = seconds === state.lastTs.seconds ? state.lastTs.micros + 100 : 100;
  if (micros > 999_999) [seconds, micros] = [seconds + 1, 100];
  state.lastTs = { seconds, micros };
  return `${seconds}.${String(micros).padStart(6, '0')}`;
}

function getPermalink({ state, params, token }: Context): Body {
  const channel = visibleChannel(state, params.channel, token, false);
  if (!channel) return fail('channel_not_found');
  const message = state.messages.find((m) => m.channel === channel.id && m.ts === params.message_ts);
  if (!message) return fail('message_not_found');
  const link = `https://${state.workspace.subdomain}.slack.com/archives/${channel.id}/p${message.ts.replace('.', '')}`;
  const reply = message.thread_ts !== undefined && message.thread_ts !== message.ts;
  return { ok: true, channel: channel.id, permalink: reply ? `${link}?thread_ts=${message.thread_ts}&cid=${channel.id}` : link };
}

/** Opaque to callers; Slack's own look like base64 of `user:U061NFTT2`. */
function encodeCursor(userId: string): string {
  return Buffer.from(`user:${userId}`).toString('base64');
}

function cursorIndex(cursor: string, users: readonly FakeUser[]): number {
  const id = /^user:(\w+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'))?.[1];
  return id === undefined ? -1 : users.findIndex((u) => u.id === id);
}

/** No `limit` (or 0): everyone at once, as Slack tries to; else at most 1000 a page. */
function usersList({ state, params, token }: Context): Body {
  const limit = Math.min(MAX_LIMIT, Math.max(0, Math.floor(Number(params.limit ?? 0)) || 0));
  const start = params.cursor ? cursorIndex(params.cursor, state.users) : 0;
  if (start < 0) return fail('invalid_cursor');
  const end = limit ? start + limit : state.users.length;
  const next = state.users[end];
  const members = state.users.slice(start, end).map((u) => member(u, state, hasScope(token, 'users:read.email')));
  return { ok: true, members, cache_ts: Math.floor(state.now() / 1000), response_metadata: { next_cursor: next ? encodeCursor(next.id) : '' } };
}

function member(user: FakeUser, state: SlackState, withEmail: boolean): Body {
  const teamId = state.workspace.teamId;
  const realName = user.realName ?? user.name;
  const displayName = user.displayName ?? '';
  const tz = user.tz ?? 'America/New_York';
  const { label, offset } = zone(tz, new Date(state.now()));
  const profile = {
    title: user.title ?? '',
    real_name: realName,
    real_name_normalized: normalized(realName),
    display_name: displayName,
    display_name_normalized: normalized(displayName),
    status_text: '',
    status_emoji: '',
    ...(withEmail && user.email ? { email: user.email } : {}),
    ...(user.botId ? { bot_id: user.botId, always_active: false } : {}),
    team: teamId,
  };
  const roles = { is_admin: false, is_owner: false, is_primary_owner: false, is_restricted: false, is_ultra_restricted: false };
  return { id: user.id, team_id: teamId, name: user.name, deleted: Boolean(user.deleted), real_name: realName, tz, tz_label: label, tz_offset: offset, profile, ...roles, is_bot: Boolean(user.isBot), is_app_user: false, updated: 1_700_000_000 };
}

/** Slack's `_normalized` names: diacritics dropped. */
function normalized(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** `tz_label` ("Eastern Standard Time") and `tz_offset` (seconds east of UTC) of a zone at a moment. */
function zone(tz: string, at: Date): { label: string; offset: number } {
  const part = (timeZoneName: 'long' | 'longOffset') => {
    const key = `${tz} ${timeZoneName}`;
    const format = formats.get(key) ?? new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName });
    formats.set(key, format);
    return format.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? '';
  };
  const match = /GMT([+-])(\d\d):(\d\d)/.exec(part('longOffset'));
  const offset = match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 3600 + Number(match[3]) * 60) : 0;
  return { label: part('long'), offset };
}

/** Not paginated. `user_count` only with `include_count`, `users` only with `include_users`. */
function userGroupsList({ state, params }: Context): Body {
  const groups = state.userGroups.filter((g) => flag(params.include_disabled) || !g.disabled).map((g) => userGroup(g, state.workspace.teamId, params));
  return { ok: true, usergroups: groups };
}

function userGroup(group: FakeUserGroup, teamId: string, params: Params): Body {
  const users = group.users ?? [];
  return {
    id: group.id,
    team_id: teamId,
    is_usergroup: true,
    is_subteam: true,
    name: group.name,
    description: group.description ?? '',
    handle: group.handle,
    is_external: false,
    date_create: 1_700_000_000,
    date_update: 1_700_000_000,
    date_delete: group.disabled ? 1_700_000_100 : 0,
    auto_type: null,
    created_by: 'USLACKBOT',
    updated_by: 'USLACKBOT',
    deleted_by: null,
    prefs: { channels: [], groups: [] },
    ...(flag(params.include_users) ? { users: [...users] } : {}),
    ...(flag(params.include_count) ? { user_count: users.length } : {}),
  };
}

/** By id only; a private channel the caller is not in is `channel_not_found`. */
function conversationsInfo({ state, params, token }: Context): Body {
  const channel = visibleChannel(state, params.channel, token, false);
  if (!channel) return fail('channel_not_found');
  const legacyGroup = Boolean(channel.isPrivate) && channel.id.startsWith('G');
  const memberCount = typeof channel.members === 'boolean' ? (channel.members ? new Set(state.tokens.map((t) => t.userId)).size : 0) : channel.members.length;
  const about = (value: string | undefined) => ({ value: value ?? '', creator: '', last_set: 0 });
  return {
    ok: true,
    channel: {
      id: channel.id,
      name: channel.name,
      is_channel: !legacyGroup,
      is_group: legacyGroup,
      is_im: false,
      is_mpim: false,
      is_private: Boolean(channel.isPrivate),
      created: 1_600_000_000,
      is_archived: Boolean(channel.archived),
      is_general: false,
      unlinked: 0,
      name_normalized: channel.name,
      is_shared: false,
      is_org_shared: false,
      is_ext_shared: false,
      is_pending_ext_shared: false,
      pending_shared: [],
      parent_conversation: null,
      is_member: isMember(channel, token),
      topic: about(channel.topic),
      purpose: about(channel.purpose),
      previous_names: [],
      ...(flag(params.include_num_members) ? { num_members: memberCount } : {}),
    },
  };
}
