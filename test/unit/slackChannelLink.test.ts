import * as assert from 'node:assert/strict';
import { checkSameWorkspace, isSlackTs, parseSlackChannelLink, type SlackChannelLink } from '../../src/core/slack/slackChannelLink';

const DSVA = { url: 'https://dsva.slack.com/', teamId: 'T03FECE8V', team: 'DSVA' };

function link(url: string): SlackChannelLink {
  const parsed = parseSlackChannelLink(url);
  assert.ok(parsed, `expected ${url} to parse`);
  return parsed;
}

function refusal(check: ReturnType<typeof checkSameWorkspace>): string {
  assert.equal(check.ok, false, 'expected a refusal');
  return check.ok ? '' : check.reason;
}

describe('parseSlackChannelLink', () => {
  it("reads the seed runbook's channel link", () => {
    assert.deepEqual(parseSlackChannelLink('https://dsva.slack.com/archives/C05UTPZRZFY'), {
      workspace: 'dsva',
      channelId: 'C05UTPZRZFY',
      url: 'https://dsva.slack.com/archives/C05UTPZRZFY',
    });
  });

  it('reads a message permalink as the thread of that message', () => {
    assert.deepEqual(parseSlackChannelLink('https://dsva.slack.com/archives/C05UTPZRZFY/p1733100000000100'), {
      workspace: 'dsva',
      channelId: 'C05UTPZRZFY',
      threadTs: '1733100000.000100',
      url: 'https://dsva.slack.com/archives/C05UTPZRZFY/p1733100000000100',
    });
  });

  it("takes a reply's thread from ?thread_ts=, not the reply's own ts", () => {
    const reply = link('https://dsva.slack.com/archives/C05UTPZRZFY/p1733100999000200?thread_ts=1733100000.000100&cid=C05UTPZRZFY');
    assert.equal(reply.threadTs, '1733100000.000100');
    assert.equal(link('https://dsva.slack.com/archives/C05UTPZRZFY?thread_ts=1733100000.000100').threadTs, '1733100000.000100');
  });

  it('ignores a ?thread_ts= that is not a ts', () => {
    assert.equal(link('https://dsva.slack.com/archives/C05UTPZRZFY?thread_ts=abc').threadTs, undefined);
    assert.equal(link('https://dsva.slack.com/archives/C05UTPZRZFY/p1733100000000100?thread_ts=1.2').threadTs, '1733100000.000100');
  });

  it('lower-cases the workspace and accepts a trailing slash, a query and a fragment', () => {
    const parsed = link('  HTTPS://DSVA.Slack.com/archives/C05UTPZRZFY/?x=1#y ');
    assert.equal(parsed.workspace, 'dsva');
    assert.equal(parsed.channelId, 'C05UTPZRZFY');
    assert.equal(parsed.url, 'HTTPS://DSVA.Slack.com/archives/C05UTPZRZFY/?x=1#y');
  });

  it('accepts private channels (G) and direct messages (D)', () => {
    assert.equal(link('https://acme.slack.com/archives/G01ABCDEF23').channelId, 'G01ABCDEF23');
    assert.equal(link('https://acme.slack.com/archives/D01ABCDEF23').channelId, 'D01ABCDEF23');
  });

  it('reads Enterprise Grid links as their workspace', () => {
    assert.deepEqual(parseSlackChannelLink('https://dsva.enterprise.slack.com/archives/C05UTPZRZFY/p1733100000000100'), {
      workspace: 'dsva',
      channelId: 'C05UTPZRZFY',
      threadTs: '1733100000.000100',
      url: 'https://dsva.enterprise.slack.com/archives/C05UTPZRZFY/p1733100000000100',
    });
  });

  it('reads app.slack.com client links, with the team id as workspace', () => {
    assert.deepEqual(parseSlackChannelLink('https://app.slack.com/client/T03FECE8V/C05UTPZRZFY'), {
      workspace: 'T03FECE8V',
      channelId: 'C05UTPZRZFY',
      url: 'https://app.slack.com/client/T03FECE8V/C05UTPZRZFY',
    });
    assert.equal(link('https://app.slack.com/client/T03FECE8V/C05UTPZRZFY/thread/C05UTPZRZFY-1733100000.000100').threadTs, '1733100000.000100');
    assert.equal(link('https://app.slack.com/client/E01ABCDEF23/C05UTPZRZFY').workspace, 'E01ABCDEF23');
  });

  it('refuses everything else', () => {
    const rejects = [
      'http://dsva.slack.com/archives/C05UTPZRZFY',
      'https://slack.com/archives/C05UTPZRZFY',
      'https://www.slack.com/archives/C05UTPZRZFY',
      'https://app.slack.com/archives/C05UTPZRZFY',
      'https://dsva.slack.com.evil.org/archives/C05UTPZRZFY',
      'https://evil.org/dsva.slack.com/archives/C05UTPZRZFY',
      'https://dsva.slack.com@evil.org/archives/C05UTPZRZFY',
      'https://user@dsva.slack.com/archives/C05UTPZRZFY',
      'https://dsva.slack.com:8443/archives/C05UTPZRZFY',
      'https://notslack.com/archives/C05UTPZRZFY',
      'https://a.b.slack.com/archives/C05UTPZRZFY',
      'https://dsva.slack.com/archives/',
      'https://dsva.slack.com/archives',
      'https://dsva.slack.com/',
      'https://dsva.slack.com/messages/C05UTPZRZFY',
      'https://dsva.slack.com/archives/c05utpzrzfy',
      'https://dsva.slack.com/archives/U05UTPZRZFY',
      'https://dsva.slack.com/archives/C05',
      'https://dsva.slack.com/archives/C05UTPZRZFY/p123',
      'https://dsva.slack.com/archives/C05UTPZRZFY/pABCDEFGHIJKLMNOP',
      'https://dsva.slack.com/archives/C05UTPZRZFY/p1733100000000100/extra',
      'https://app.slack.com/client/T03FECE8V',
      'https://app.slack.com/client/X03FECE8V/C05UTPZRZFY',
      'https://app.slack.com/client/T03FECE8V/C05UTPZRZFY/thread/C0OTHER0000-1733100000.000100',
      'https://app.slack.com/client/T03FECE8V/C05UTPZRZFY/details',
      'dsva.slack.com/archives/C05UTPZRZFY',
      '#beneficiary-travel-team',
      'slack://channel?team=T03FECE8V&id=C05UTPZRZFY',
      '',
      'not a url',
    ];
    for (const url of rejects) assert.equal(parseSlackChannelLink(url), undefined, url);
  });
});

describe('isSlackTs', () => {
  it('accepts seconds and microseconds as Slack writes them, nothing else', () => {
    assert.equal(isSlackTs('1733100000.000100'), true);
    for (const ts of ['1733100000', '1733100000.1', '1733100000.000100 ', 'x1733100000.000100', '1733100000,000100', '']) assert.equal(isSlackTs(ts), false, ts);
  });
});

describe('checkSameWorkspace', () => {
  it("accepts the token's own workspace, also as an Enterprise Grid address", () => {
    assert.deepEqual(checkSameWorkspace(link('https://dsva.slack.com/archives/C05UTPZRZFY'), DSVA), { ok: true });
    assert.deepEqual(checkSameWorkspace(link('https://dsva.enterprise.slack.com/archives/C05UTPZRZFY'), DSVA), { ok: true });
    assert.deepEqual(checkSameWorkspace(link('https://dsva.slack.com/archives/C05UTPZRZFY'), { ...DSVA, url: 'https://DSVA.enterprise.slack.com/' }), { ok: true });
  });

  it('refuses another workspace, naming both', () => {
    assert.equal(
      refusal(checkSameWorkspace(link('https://acme.slack.com/archives/C05UTPZRZFY'), DSVA)),
      "The runbook's channel is in the acme workspace, but the Slack token belongs to DSVA (dsva.slack.com).",
    );
  });

  it('compares app.slack.com links by team id', () => {
    assert.deepEqual(checkSameWorkspace(link('https://app.slack.com/client/T03FECE8V/C05UTPZRZFY'), DSVA), { ok: true });
    const reason = refusal(checkSameWorkspace(link('https://app.slack.com/client/T0OTHER000/C05UTPZRZFY'), DSVA));
    assert.ok(reason.includes('T0OTHER000'), reason);
    assert.ok(reason.includes('DSVA (dsva.slack.com)'), reason);
    assert.ok(reason.includes('T03FECE8V'), reason);
  });

  it('does not take a subdomain that looks like the team id for it', () => {
    refusal(checkSameWorkspace(link('https://t03fece8v.slack.com/archives/C05UTPZRZFY'), DSVA));
  });

  it("refuses when Slack's answer names no workspace address", () => {
    const reason = refusal(checkSameWorkspace(link('https://dsva.slack.com/archives/C05UTPZRZFY'), { ...DSVA, url: '' }));
    assert.ok(reason.includes('dsva workspace'), reason);
    assert.ok(reason.includes('did not say'), reason);
    refusal(checkSameWorkspace(link('https://dsva.slack.com/archives/C05UTPZRZFY'), { ...DSVA, url: 'https://dsva.example.com/' }));
  });
});
