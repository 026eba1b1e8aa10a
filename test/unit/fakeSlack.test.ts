import * as assert from 'node:assert/strict';
import { ErrorCode, LogLevel, retryPolicies, WebClient, WebClientEvent } from '@slack/web-api';
import { FakeSlack } from '../fakes/slack/fakeSlack';
import {
  BTSSS_API_TEAM_ID,
  BTSSS_CHANNEL_ID,
  BTSSS_VAGOV_TEAM_ID,
  DEACTIVATED_KEVIN_ID,
  FILLER_USER_COUNT,
  PLATFORM_SUPPORT_CHANNEL_ID,
  SAMPLE_BOT_ID,
  SAMPLE_BOT_TOKEN,
  SAMPLE_BOT_USER_ID,
  SAMPLE_REVOKED_TOKEN,
  SAMPLE_TEAM_ID,
  SAMPLE_USER_IDS,
  sampleSlack,
  sampleTokens,
} from '../fakes/slack/slackFixtures';

type Json = Record<string, unknown>;

const TS = /^\d{10}\.\d{6}$/;
const USER_COUNT = FILLER_USER_COUNT + 9; // the six named, the deactivated account, Slackbot, the bot

describe('fake Slack Web API', () => {
  const slack = new FakeSlack();
  before(() => slack.start());
  after(() => slack.stop());
  beforeEach(() => {
    sampleSlack(slack);
    slack.setMaxTextLength(40_000);
    slack.clear();
  });

  /** A form-encoded POST, the token in the Authorization header (`null`: none). */
  const post = (method: string, params: Record<string, string> = {}, token: string | null = SAMPLE_BOT_TOKEN) =>
    fetch(`${slack.baseUrl}/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: new URLSearchParams(params).toString() });
  const call = async (method: string, params: Record<string, string> = {}, token: string | null = SAMPLE_BOT_TOKEN) => {
    const response = await post(method, params, token);
    assert.equal(response.status, 200);
    return (await response.json()) as Json;
  };
  const postJson = async (method: string, body: unknown, contentType = 'application/json; charset=utf-8', headers: Record<string, string> = { authorization: `Bearer ${SAMPLE_BOT_TOKEN}` }) => {
    const response = await fetch(`${slack.baseUrl}/api/${method}`, { method: 'POST', headers: { 'content-type': contentType, ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
    return (await response.json()) as Json;
  };

  describe('auth', () => {
    it('auth.test tells a bot token who it is', async () => {
      assert.deepEqual(await call('auth.test'), { ok: true, url: 'https://dsva.slack.com/', team: 'DSVA', user: 'incident_runbook', team_id: SAMPLE_TEAM_ID, user_id: SAMPLE_BOT_USER_ID, bot_id: SAMPLE_BOT_ID, is_enterprise_install: false });
      const recorded = slack.requests[0];
      assert.equal(recorded?.method, 'auth.test');
      assert.equal(recorded?.path, '/api/auth.test');
      assert.equal(recorded?.tokenSource, 'header');
      assert.ok(recorded?.authorization?.startsWith('Bearer '));
      assert.equal(recorded?.status, 200);
    });

    it('a user token has no bot_id', async () => {
      slack.setTokens([...sampleTokens(), { token: 'xoxp-user-token', user: 'kay', userId: SAMPLE_USER_IDS.kay }]);
      const answer = await call('auth.test', {}, 'xoxp-user-token');
      assert.equal(answer.user_id, SAMPLE_USER_IDS.kay);
      assert.equal('bot_id' in answer, false);
    });

    it('takes the token from a form body, never from a JSON body, and records it nowhere', async () => {
      assert.equal((await call('auth.test', { token: SAMPLE_BOT_TOKEN }, null)).ok, true);
      assert.equal(slack.requests[0]?.tokenSource, 'body');
      assert.deepEqual(slack.requests[0]?.params, {});
      assert.deepEqual(await postJson('auth.test', { token: SAMPLE_BOT_TOKEN }, 'application/json; charset=utf-8', {}), { ok: false, error: 'not_authed' });
      assert.ok(!JSON.stringify(slack.requests.map((r) => r.params)).includes(SAMPLE_BOT_TOKEN));
    });

    it('answers not_authed, invalid_auth and token_revoked with HTTP 200', async () => {
      assert.deepEqual(await call('auth.test', {}, null), { ok: false, error: 'not_authed' });
      assert.deepEqual(await call('auth.test', {}, 'xoxb-never-issued'), { ok: false, error: 'invalid_auth' });
      assert.deepEqual(await call('chat.postMessage', { channel: BTSSS_CHANNEL_ID, text: 'hi' }, SAMPLE_REVOKED_TOKEN), { ok: false, error: 'token_revoked' });
      assert.deepEqual(slack.requests.map((r) => r.error), ['not_authed', 'invalid_auth', 'token_revoked']);
      assert.equal(slack.messages().length, 0);
    });

    it('answers missing_scope with what was needed and what the token has', async () => {
      slack.setTokens([{ token: 'xoxb-narrow', user: 'narrow_bot', userId: 'U0NARROW01', botId: 'B0NARROW01', scopes: ['chat:write', 'channels:read'] }]);
      const response = await post('users.list', {}, 'xoxb-narrow');
      assert.deepEqual(await response.json(), { ok: false, error: 'missing_scope', needed: 'users:read', provided: 'chat:write,channels:read' });
      assert.equal(response.headers.get('x-oauth-scopes'), 'chat:write,channels:read');
      assert.equal(response.headers.get('x-accepted-oauth-scopes'), 'users:read');
    });

    it('an unknown method is unknown_method with HTTP 200, before any token check; api.test echoes its arguments', async () => {
      const response = await post('chat.postMesage', {}, null);
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { ok: false, error: 'unknown_method', req_method: 'chat.postMesage' });
      assert.deepEqual(await call('api.test', { foo: 'bar' }, null), { ok: true, args: { foo: 'bar' } });
      assert.deepEqual(await call('api.test', { error: 'my_error' }, null), { ok: false, error: 'my_error', args: { error: 'my_error' } });
    });

    it('refuses malformed requests as Slack does', async () => {
      assert.deepEqual(await postJson('auth.test', '{"broken', 'application/json; charset=utf-8'), { ok: false, error: 'invalid_json' });
      assert.deepEqual(await postJson('auth.test', 'a=b', 'application/xml'), { ok: false, error: 'invalid_post_type' });
      assert.deepEqual(await postJson('auth.test', 'a=b', 'application/x-www-form-urlencoded; charset=koi8-r'), { ok: false, error: 'invalid_charset' });
    });
  });

  describe('chat.postMessage', () => {
    it('posts: channel, a unique increasing ts, the message as Slack echoes it', async () => {
      const answer = await call('chat.postMessage', { channel: BTSSS_CHANNEL_ID, text: 'Incident declared: BTSSS claims failing', link_names: 'true', unfurl_links: 'false', mrkdwn: 'true' });
      assert.equal(answer.ok, true);
      assert.equal(answer.channel, BTSSS_CHANNEL_ID);
      assert.match(String(answer.ts), TS);
      assert.deepEqual(answer.message, { user: SAMPLE_BOT_USER_ID, type: 'message', ts: answer.ts, bot_id: SAMPLE_BOT_ID, bot_profile: { id: SAMPLE_BOT_ID, deleted: false, name: 'incident_runbook', team_id: SAMPLE_TEAM_ID }, text: 'Incident declared: BTSSS claims failing', team: SAMPLE_TEAM_ID });
      const more = [await call('chat.postMessage', { channel: BTSSS_CHANNEL_ID, text: 'two' }), await call('chat.postMessage', { channel: BTSSS_CHANNEL_ID, text: 'three' })];
      const stamps = [answer.ts, ...more.map((m) => m.ts)].map(String);
      assert.deepEqual([...stamps].sort((a, b) => Number(a) - Number(b)), stamps);
      assert.equal(new Set(stamps).size, 3);
      const [first] = slack.messages();
      assert.equal(first?.channel, BTSSS_CHANNEL_ID);
      assert.equal(first?.ts, answer.ts);
      assert.equal(first?.text, 'Incident declared: BTSSS claims failing');
      assert.equal(first?.thread_ts, undefined);
      assert.deepEqual(first?.args, { channel: BTSSS_CHANNEL_ID, text: 'Incident declared: BTSSS claims failing', link_names: 'true', unfurl_links: 'false', mrkdwn: 'true' });
      assert.deepEqual(slack.requests[0]?.params, first?.args);
      assert.equal(slack.requests[0]?.contentType, 'application/x-www-form-urlencoded');
    });

    it('follows the clock: its second, then 100 µs steps within a second, never going back', async () => {
      const clocked = sampleSlack(await new FakeSlack().start());
      let now = 1_733_100_000_500;
      clocked.setClock(() => now);
      const post = async () => {
        const body = new URLSearchParams({ channel: BTSSS_CHANNEL_ID, text: 't' }).toString();
        const response = await fetch(`${clocked.baseUrl}/api/chat.postMessage`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${SAMPLE_BOT_TOKEN}` }, body });
        return String(((await response.json()) as Json).ts);
      };
      try {
        const stamps = [await post(), await post()];
        now += 2000;
        stamps.push(await post());
        now -= 10_000;
        stamps.push(await post());
        assert.deepEqual(stamps, ['1733100000.000100', '1733100000.000200', '1733100002.000100', '1733100002.000200']);
      } finally {
        await clocked.stop();
      }
    });

    it('replies in a thread: thread_ts and parent_user_id; a well-formed unknown thread_ts is accepted, a malformed one is not', async () => {
      const parent = await call('chat.postMessage', { channel: BTSSS_CHANNEL_ID, text: 'Incident declared' });
      const reply = await call('chat.postMessage', { channel: BTSSS_CHANNEL_ID, text: 'Update: mitigated', thread_ts: String(parent.ts) });
      assert.equal((reply.message as Json).thread_ts, parent.ts);
      assert.equal((reply.message as Json).parent_user_id, SAMPLE_BOT_USER_ID);
      const orphan = await call('chat.postMessage', { channel: BTSSS_CHANNEL_ID, text: 'lost', thread_ts: '1600000000.000100' });
      assert.equal(orphan.ok, true);
      assert.equal((orphan.message as Json).thread_ts, '1600000000.000100');
      assert.equal('parent_user_id' in (orphan.message as Json), false);
      assert.deepEqual(await call('chat.postMessage', { channel: BTSSS_CHANNEL_ID, text: 'x', thread_ts: '0' }), { ok: false, error: 'invalid_thread_ts' });
      assert.deepEqual(slack.messages().map((m) => m.thread_ts), [undefined, parent.ts, '1600000000.000100']);
    });

    it('takes a channel name, with or without #, and answers the id', async () => {
      assert.equal((await call('chat.postMessage', { channel: '#beneficiary-travel-team', text: 'hi' })).channel, BTSSS_CHANNEL_ID);
      assert.equal((await call('chat.postMessage', { channel: 'beneficiary-travel-team', text: 'hi' })).channel, BTSSS_CHANNEL_ID);
    });

    it('answers channel_not_found, not_in_channel, is_archived, no_text and msg_too_long, and posts nothing', async () => {
      slack.setChannels([
        { id: BTSSS_CHANNEL_ID, name: 'beneficiary-travel-team', members: true },
        { id: PLATFORM_SUPPORT_CHANNEL_ID, name: 'vfs-platform-support', members: false },
        { id: 'C0PRIVATE1', name: 'secret', members: false, isPrivate: true },
        { id: 'C0ARCHIVE1', name: 'old', members: true, archived: true },
      ]);
      const error = async (params: Record<string, string>) => (await call('chat.postMessage', params)).error;
      assert.equal(await error({ channel: 'C0NOSUCH01', text: 'hi' }), 'channel_not_found');
      assert.equal(await error({ text: 'hi' }), 'channel_not_found');
      assert.equal(await error({ channel: 'C0PRIVATE1', text: 'hi' }), 'channel_not_found', 'a private channel the bot is not in is hidden');
      assert.equal(await error({ channel: PLATFORM_SUPPORT_CHANNEL_ID, text: 'hi' }), 'not_in_channel');
      assert.equal(await error({ channel: 'C0ARCHIVE1', text: 'hi' }), 'is_archived');
      assert.equal(await error({ channel: BTSSS_CHANNEL_ID }), 'no_text');
      assert.equal(await error({ channel: BTSSS_CHANNEL_ID, text: '' }), 'no_text');
      assert.equal(await error({ channel: BTSSS_CHANNEL_ID, text: 'x'.repeat(40_001) }), 'msg_too_long');
      assert.equal(slack.messages().length, 0);
      assert.equal((await call('chat.postMessage', { channel: BTSSS_CHANNEL_ID, text: 'é'.repeat(40_000) })).ok, true);
      assert.equal((await call('chat.postMessage', { channel: BTSSS_CHANNEL_ID, blocks: '[{"type":"divider"}]' })).ok, true, 'blocks without text');
      slack.setMaxTextLength(4000);
      assert.equal(await error({ channel: BTSSS_CHANNEL_ID, text: 'x'.repeat(4001) }), 'msg_too_long');
    });

    it('a bot with chat:write.public posts in a public channel it is not in', async () => {
      slack.setTokens([{ token: 'xoxb-public', user: 'pub_bot', userId: 'U0PUBBOT01', botId: 'B0PUBBOT01', scopes: ['chat:write', 'chat:write.public'] }]);
      assert.equal((await call('chat.postMessage', { channel: PLATFORM_SUPPORT_CHANNEL_ID, text: 'hi' }, 'xoxb-public')).ok, true);
    });

    it('takes a JSON body; one without a charset gets the missing_charset warning', async () => {
      const answer = await postJson('chat.postMessage', { channel: BTSSS_CHANNEL_ID, text: 'json', unfurl_links: false, blocks: [{ type: 'divider' }] });
      assert.equal(answer.ok, true);
      assert.equal('warning' in answer, false);
      assert.deepEqual(slack.messages()[0]?.args, { channel: BTSSS_CHANNEL_ID, text: 'json', unfurl_links: 'false', blocks: '[{"type":"divider"}]' });
      const warned = await postJson('chat.postMessage', { channel: BTSSS_CHANNEL_ID, text: 'json' }, 'application/json');
      assert.equal(warned.ok, true);
      assert.equal(warned.warning, 'missing_charset');
      assert.deepEqual(warned.response_metadata, { warnings: ['missing_charset'] });
    });
  });

  describe('chat.getPermalink', () => {
    it('links a message, and a reply with its thread and channel', async () => {
      const parent = await call('chat.postMessage', { channel: BTSSS_CHANNEL_ID, text: 'Incident declared' });
      const reply = await call('chat.postMessage', { channel: BTSSS_CHANNEL_ID, text: 'Update', thread_ts: String(parent.ts) });
      const digits = (ts: unknown) => String(ts).replace('.', '');
      assert.deepEqual(await call('chat.getPermalink', { channel: BTSSS_CHANNEL_ID, message_ts: String(parent.ts) }), { ok: true, channel: BTSSS_CHANNEL_ID, permalink: `https://dsva.slack.com/archives/${BTSSS_CHANNEL_ID}/p${digits(parent.ts)}` });
      assert.equal((await call('chat.getPermalink', { channel: BTSSS_CHANNEL_ID, message_ts: String(reply.ts) })).permalink, `https://dsva.slack.com/archives/${BTSSS_CHANNEL_ID}/p${digits(reply.ts)}?thread_ts=${String(parent.ts)}&cid=${BTSSS_CHANNEL_ID}`);
    });

    it('answers message_not_found and channel_not_found; also answers a GET with a query', async () => {
      const posted = await call('chat.postMessage', { channel: BTSSS_CHANNEL_ID, text: 'x' });
      assert.deepEqual(await call('chat.getPermalink', { channel: BTSSS_CHANNEL_ID, message_ts: '1600000000.000100' }), { ok: false, error: 'message_not_found' });
      assert.deepEqual(await call('chat.getPermalink', { channel: PLATFORM_SUPPORT_CHANNEL_ID, message_ts: String(posted.ts) }), { ok: false, error: 'message_not_found' });
      assert.deepEqual(await call('chat.getPermalink', { channel: 'C0NOSUCH01', message_ts: String(posted.ts) }), { ok: false, error: 'channel_not_found' });
      const query = new URLSearchParams({ channel: BTSSS_CHANNEL_ID, message_ts: String(posted.ts) });
      const got = (await (await fetch(`${slack.baseUrl}/api/chat.getPermalink?${query.toString()}`, { headers: { authorization: `Bearer ${SAMPLE_BOT_TOKEN}` } })).json()) as Json;
      assert.equal(got.ok, true);
      assert.equal(slack.requests.at(-1)?.httpMethod, 'GET');
    });
  });

  describe('users.list', () => {
    it('pages with opaque cursors until next_cursor is empty', async () => {
      const pages: Json[] = [];
      let cursor = '';
      do {
        const page = await call('users.list', { limit: '100', ...(cursor ? { cursor } : {}) });
        pages.push(page);
        cursor = String((page.response_metadata as Json).next_cursor);
      } while (cursor);
      assert.deepEqual(pages.map((p) => (p.members as Json[]).length), [100, 100, USER_COUNT - 200]);
      assert.equal(Buffer.from(String((pages[0]?.response_metadata as Json).next_cursor), 'base64').toString(), `user:${String(((pages[1]?.members as Json[])[0] as Json).id)}`);
      const ids = pages.flatMap((p) => (p.members as Json[]).map((m) => m.id));
      assert.equal(new Set(ids).size, USER_COUNT);
      assert.ok(ids.indexOf(SAMPLE_USER_IDS.timHawkins) >= 200, 'Tim Hawkins is past the first page of 200');
      assert.equal(typeof pages[0]?.cache_ts, 'number');
    });

    it('lists everyone without a limit, deactivated members and bots included, in Slack\'s member shape', async () => {
      const answer = await call('users.list');
      const members = answer.members as Json[];
      assert.equal(members.length, USER_COUNT);
      assert.deepEqual(answer.response_metadata, { next_cursor: '' });
      const kay = members.find((m) => m.id === SAMPLE_USER_IDS.kay);
      assert.deepEqual(kay, {
        id: SAMPLE_USER_IDS.kay,
        team_id: SAMPLE_TEAM_ID,
        name: 'kay',
        deleted: false,
        real_name: 'Kay Lawson',
        tz: 'America/New_York',
        tz_label: (kay?.tz_label as string | undefined) ?? '',
        tz_offset: (kay?.tz_offset as number | undefined) ?? 0,
        profile: { title: 'Product Manager', real_name: 'Kay Lawson', real_name_normalized: 'Kay Lawson', display_name: 'Kay', display_name_normalized: 'Kay', status_text: '', status_emoji: '', email: 'kay.lawson@example.com', team: SAMPLE_TEAM_ID },
        is_admin: false,
        is_owner: false,
        is_primary_owner: false,
        is_restricted: false,
        is_ultra_restricted: false,
        is_bot: false,
        is_app_user: false,
        updated: 1_700_000_000,
      });
      assert.match(String(kay?.tz_label), /^Eastern (Standard|Daylight) Time$/);
      assert.ok(kay?.tz_offset === -18000 || kay?.tz_offset === -14400);
      assert.equal(members.find((m) => m.id === DEACTIVATED_KEVIN_ID)?.deleted, true);
      assert.equal(members.find((m) => m.id === SAMPLE_BOT_USER_ID)?.is_bot, true);
      assert.equal((members.find((m) => m.id === SAMPLE_BOT_USER_ID)?.profile as Json).bot_id, SAMPLE_BOT_ID);
      assert.equal(members.find((m) => m.id === 'USLACKBOT')?.is_bot, false, 'Slackbot is not is_bot, as in Slack');
      assert.equal((members.find((m) => m.id === SAMPLE_USER_IDS.charlotteReid)?.profile as Json).display_name, '');
      const names = members.map((m) => (m.profile as Json).real_name);
      for (const name of ['Kristen McConnell', 'Mark Dewey', 'Charlotte Reid', 'Kevin Duensing', 'Tim Hawkins']) assert.ok(names.includes(name), name);
    });

    it('leaves emails out without users:read.email; a bad cursor is invalid_cursor', async () => {
      slack.setTokens([{ token: 'xoxb-no-email', user: 'b', userId: 'U0NOEMAIL1', scopes: ['users:read'] }]);
      const members = (await call('users.list', { limit: '5' }, 'xoxb-no-email')).members as Json[];
      assert.ok(members.every((m) => !('email' in (m.profile as Json))));
      slack.setTokens(sampleTokens());
      assert.deepEqual(await call('users.list', { cursor: 'bm9wZQ==' }), { ok: false, error: 'invalid_cursor' });
      assert.deepEqual(await call('users.list', { cursor: Buffer.from('user:U0NOSUCH99').toString('base64') }), { ok: false, error: 'invalid_cursor' });
    });
  });

  describe('usergroups.list and conversations.info', () => {
    it('lists user groups; counts and users only when asked; disabled ones only with include_disabled', async () => {
      const plain = (await call('usergroups.list')).usergroups as Json[];
      assert.deepEqual(plain.map((g) => [g.id, g.handle, g.name, g.team_id, g.is_usergroup, g.date_delete]), [
        [BTSSS_API_TEAM_ID, 'btsss-api-team', 'BTSSS API Team', SAMPLE_TEAM_ID, true, 0],
        [BTSSS_VAGOV_TEAM_ID, 'btsss-vagov-team', 'BTSSS VA.gov Team', SAMPLE_TEAM_ID, true, 0],
      ]);
      assert.ok(plain.every((g) => !('user_count' in g) && !('users' in g) && typeof g.description === 'string'));
      const full = (await call('usergroups.list', { include_count: 'true', include_users: 'true' })).usergroups as Json[];
      assert.deepEqual(full.map((g) => g.user_count), [3, 3]);
      assert.deepEqual(full[1]?.users, [SAMPLE_USER_IDS.charlotteReid, SAMPLE_USER_IDS.kevinDuensing, SAMPLE_USER_IDS.timHawkins]);
      slack.setUserGroups([{ id: 'S0OLD00001', handle: 'old-team', name: 'Old', disabled: true }]);
      assert.deepEqual((await call('usergroups.list')).usergroups, []);
      assert.equal(((await call('usergroups.list', { include_disabled: '1' })).usergroups as Json[]).length, 1);
    });

    it('conversations.info tells whether the bot is in a channel; a private one it is not in, or a name, is channel_not_found', async () => {
      const member = (await call('conversations.info', { channel: BTSSS_CHANNEL_ID })).channel as Json;
      assert.deepEqual([member.id, member.name, member.is_member, member.is_channel, member.is_private, member.is_archived], [BTSSS_CHANNEL_ID, 'beneficiary-travel-team', true, true, false, false]);
      assert.deepEqual(member.topic, { value: 'Beneficiary Travel (BTSSS) on VA.gov', creator: '', last_set: 0 });
      const outsider = (await call('conversations.info', { channel: PLATFORM_SUPPORT_CHANNEL_ID, include_num_members: 'true' })).channel as Json;
      assert.deepEqual([outsider.name, outsider.is_member, outsider.num_members], ['vfs-platform-support', false, 0]);
      slack.setChannels([{ id: 'C0PRIVATE1', name: 'secret', members: [SAMPLE_BOT_USER_ID], isPrivate: true }, { id: 'C0PRIVATE2', name: 'hidden', members: ['U0SOMEONE1'], isPrivate: true }]);
      assert.deepEqual(((await call('conversations.info', { channel: 'C0PRIVATE1' })).channel as Json).is_private, true);
      assert.deepEqual(await call('conversations.info', { channel: 'C0PRIVATE2' }), { ok: false, error: 'channel_not_found' });
      assert.deepEqual(await call('conversations.info', { channel: 'secret' }), { ok: false, error: 'channel_not_found' });
    });
  });

  describe('faults', () => {
    it('ratelimited: HTTP 429, Retry-After and ratelimited, once', async () => {
      slack.injectFaults({ kind: 'ratelimited', retryAfterSeconds: 30 });
      const limited = await post('auth.test');
      assert.equal(limited.status, 429);
      assert.equal(limited.headers.get('retry-after'), '30');
      assert.deepEqual(await limited.json(), { ok: false, error: 'ratelimited' });
      assert.equal((await call('auth.test')).ok, true);
      assert.deepEqual(slack.requests.map((r) => r.status), [429, 200]);
    });

    it('a fault for a method waits for that method; error, status and delay faults', async () => {
      slack.injectFaults({ kind: 'error', error: 'rate_limited', method: 'chat.postMessage' }, { kind: 'status', status: 503 });
      const unavailable = await post('auth.test');
      assert.equal(unavailable.status, 503);
      assert.equal((await call('users.list', { limit: '1' })).ok, true);
      assert.deepEqual(await call('chat.postMessage', { channel: BTSSS_CHANNEL_ID, text: 'hi' }), { ok: false, error: 'rate_limited' });
      assert.equal(slack.messages().length, 0);
      assert.equal((await call('chat.postMessage', { channel: BTSSS_CHANNEL_ID, text: 'hi' })).ok, true);
      slack.injectFaults({ kind: 'status', status: 500 });
      assert.equal((await post('auth.test')).status, 500);
      slack.injectFaults({ kind: 'delay', ms: 150 });
      const started = Date.now();
      assert.equal((await call('auth.test')).ok, true);
      assert.ok(Date.now() - started >= 140);
    });

    it('drop closes the connection without an answer', async () => {
      slack.injectFaults({ kind: 'drop' });
      await assert.rejects(post('auth.test'));
      assert.equal((await call('auth.test')).ok, true);
    });
  });

  describe('with the official WebClient', () => {
    const client = (options: ConstructorParameters<typeof WebClient>[1] = {}) => new WebClient(SAMPLE_BOT_TOKEN, { slackApiUrl: `${slack.baseUrl}/api/`, logLevel: LogLevel.ERROR, retryConfig: retryPolicies.rapidRetryPolicy, ...options });

    it('auth.test, chat.postMessage in a thread and chat.getPermalink', async () => {
      const web = client();
      const me = await web.auth.test();
      assert.deepEqual([me.ok, me.team_id, me.user_id, me.bot_id, me.url], [true, SAMPLE_TEAM_ID, SAMPLE_BOT_USER_ID, SAMPLE_BOT_ID, 'https://dsva.slack.com/']);
      const parent = await web.chat.postMessage({ channel: BTSSS_CHANNEL_ID, text: 'Incident declared', unfurl_links: false, link_names: true });
      assert.match(String(parent.ts), TS);
      const reply = await web.chat.postMessage({ channel: BTSSS_CHANNEL_ID, text: 'Update', thread_ts: String(parent.ts) });
      assert.equal(reply.message?.thread_ts, parent.ts);
      const link = await web.chat.getPermalink({ channel: BTSSS_CHANNEL_ID, message_ts: String(reply.ts) });
      assert.match(String(link.permalink), new RegExp(`^https://dsva\\.slack\\.com/archives/${BTSSS_CHANNEL_ID}/p\\d{16}\\?thread_ts=${String(parent.ts).replace('.', '\\.')}&cid=${BTSSS_CHANNEL_ID}$`));
      assert.deepEqual(slack.messages().map((m) => [m.text, m.args.unfurl_links, m.args.link_names]), [['Incident declared', 'false', 'true'], ['Update', undefined, undefined]]);
      assert.ok(slack.requests.every((r) => r.contentType === 'application/x-www-form-urlencoded' && r.tokenSource === 'header' && !('token' in r.params)));
    });

    it('client.paginate(\'users.list\') gets every member, 200 a page by default', async () => {
      const ids: string[] = [];
      for await (const page of client().paginate('users.list')) {
        for (const member of (page as { members?: { id?: string }[] }).members ?? []) ids.push(member.id ?? '');
      }
      assert.equal(ids.length, USER_COUNT);
      assert.ok(ids.includes(SAMPLE_USER_IDS.timHawkins));
      assert.deepEqual(slack.requests.map((r) => [r.method, r.params.limit, Boolean(r.params.cursor)]), [['users.list', '200', false], ['users.list', '200', true]]);
      slack.clear();
      const counted = await client().paginate('users.list', { limit: 100 }, () => false, (sum: number | undefined, page) => (sum ?? 0) + ((page as { members?: unknown[] }).members?.length ?? 0));
      assert.equal(counted, USER_COUNT);
      assert.equal(slack.requests.length, 3);
    });

    it('a platform error rejects with its code; a 429 is waited out and retried; a 500 is an HTTP error', async () => {
      await assert.rejects(client().chat.postMessage({ channel: PLATFORM_SUPPORT_CHANNEL_ID, text: 'hi' }), (error: { code?: string; data?: { error?: string } }) => error.code === ErrorCode.PlatformError && error.data?.error === 'not_in_channel');
      const web = client();
      const limited: number[] = [];
      web.on(WebClientEvent.RATE_LIMITED, (seconds: number) => limited.push(seconds));
      slack.injectFaults({ kind: 'ratelimited', retryAfterSeconds: 0, method: 'chat.postMessage' });
      assert.equal((await web.chat.postMessage({ channel: BTSSS_CHANNEL_ID, text: 'after the limit' })).ok, true);
      assert.deepEqual(limited, [0]);
      assert.deepEqual(slack.messages().map((m) => m.text), ['after the limit']);
      slack.injectFaults({ kind: 'status', status: 500 });
      await assert.rejects(client({ retryConfig: { retries: 0 } }).auth.test(), (error: { code?: string; statusCode?: number }) => error.code === ErrorCode.HTTPError && error.statusCode === 500);
      slack.injectFaults({ kind: 'drop' });
      assert.equal((await client().auth.test()).ok, true, 'a dropped connection is retried');
    });
  });
});
