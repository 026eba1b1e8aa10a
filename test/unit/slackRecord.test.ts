import * as assert from 'node:assert/strict';
import { parse, stringify } from 'yaml';
import { postedEntryText, slackFrontMatterValue, slackThreadFromFrontMatter, type SlackThread } from '../../src/core/slack/slackRecord';

const PERMALINK = 'https://dsva.slack.com/archives/C05UTPZRZFY/p1733100000000100';
const THREAD: SlackThread = { channel: 'C05UTPZRZFY', ts: '1733100000.000100', permalink: PERMALINK };

describe('slackThreadFromFrontMatter', () => {
  it('reads the slack: map', () => {
    assert.deepEqual(slackThreadFromFrontMatter({ channel: 'C05UTPZRZFY', ts: '1733100000.000100', permalink: PERMALINK }), THREAD);
  });

  it('drops keys it does not know', () => {
    assert.deepEqual(slackThreadFromFrontMatter({ ...THREAD, note: 'x' }), THREAD);
  });

  it('round-trips through the front matter, the ts kept a string', () => {
    const written = stringify({ id: 'x', slack: slackFrontMatterValue(THREAD) });
    assert.ok(written.includes('ts: "1733100000.000100"'), written);
    assert.deepEqual(slackThreadFromFrontMatter((parse(written) as { slack: unknown }).slack), THREAD);
  });

  it('refuses an unquoted ts, which YAML reads as a number that lost its last digits', () => {
    const read = (parse('slack:\n  channel: C05UTPZRZFY\n  ts: 1733100000.000100\n  permalink: https://dsva.slack.com/x\n') as { slack: unknown }).slack;
    assert.equal(slackThreadFromFrontMatter(read), undefined);
  });

  it('refuses anything but that map of strings', () => {
    const values: unknown[] = [
      undefined,
      null,
      'C05UTPZRZFY',
      42,
      [THREAD],
      {},
      { ...THREAD, channel: undefined },
      { ...THREAD, channel: 5 },
      { ...THREAD, channel: 'beneficiary-travel-team' },
      { ...THREAD, ts: 1733100000.0001 },
      { ...THREAD, ts: '1733100000' },
      { ...THREAD, ts: 'p1733100000000100' },
      { ...THREAD, ts: '1733100000.000100; rm -rf' },
      { ...THREAD, permalink: undefined },
      { ...THREAD, permalink: '' },
      { ...THREAD, permalink: 'javascript:alert(1)' },
      { ...THREAD, permalink: 'http://dsva.slack.com/archives/C05UTPZRZFY' },
      { ...THREAD, permalink: 'not a url' },
    ];
    for (const value of values) assert.equal(slackThreadFromFrontMatter(value), undefined, JSON.stringify(value));
  });
});

describe('slackFrontMatterValue', () => {
  it('writes channel, ts and permalink, in that order', () => {
    assert.deepEqual(Object.entries(slackFrontMatterValue({ permalink: PERMALINK, ts: THREAD.ts, channel: THREAD.channel })), [
      ['channel', 'C05UTPZRZFY'],
      ['ts', '1733100000.000100'],
      ['permalink', PERMALINK],
    ]);
  });
});

describe('postedEntryText', () => {
  it('links the posted message by its first line', () => {
    assert.equal(
      postedEntryText('notification', '#beneficiary-travel-team', PERMALINK, "We're investigating an ongoing issue with Travel Pay. "),
      `Posted the notification to #beneficiary-travel-team: [We're investigating an ongoing issue with Travel Pay.](${PERMALINK})`,
    );
  });

  it('names each kind, with or without the # of the channel', () => {
    assert.equal(postedEntryText('update', 'beneficiary-travel-team', PERMALINK, 'Update — Identified'), `Posted an update to #beneficiary-travel-team: [Update — Identified](${PERMALINK})`);
    assert.equal(postedEntryText('resolved', '#ops', PERMALINK, 'Resolved: Checkout 500s'), `Posted the resolved message to #ops: [Resolved: Checkout 500s](${PERMALINK})`);
  });

  it('says Slack when the channel has no name', () => {
    assert.equal(postedEntryText('update', undefined, PERMALINK, 'x'), `Posted an update to Slack: [x](${PERMALINK})`);
    assert.equal(postedEntryText('update', ' # ', PERMALINK, 'x'), `Posted an update to Slack: [x](${PERMALINK})`);
  });

  it('clips a long first line to 80 characters', () => {
    const entry = postedEntryText('notification', '#ops', PERMALINK, 'a'.repeat(200));
    const label = /\[([^\]]*)\]/.exec(entry)?.[1] ?? '';
    assert.equal(label.length, 80);
    assert.ok(label.endsWith('…'), label);
  });

  it('keeps the link whole whatever the first line, channel or permalink hold', () => {
    const entry = postedEntryText('notification', '#ops]x', 'https://dsva.slack.com/archives/C05UTPZRZFY/p1?a=(1)&b=[2]', 'See [docs](https://evil.example) <b>now</b> `x` \\ ]');
    assert.equal(entry, 'Posted the notification to #ops\\]x: [See \\[docs\\](https://evil.example) \\<b\\>now\\</b\\> \\`x\\` \\\\ \\]](https://dsva.slack.com/archives/C05UTPZRZFY/p1?a=%281%29&b=%5B2%5D)');
  });

  it('makes one line of a first line with breaks, and links an empty one as "message"', () => {
    assert.equal(postedEntryText('update', '#ops', PERMALINK, 'one\r\ntwo\tthree'), `Posted an update to #ops: [one two three](${PERMALINK})`);
    assert.equal(postedEntryText('update', '#ops', PERMALINK, '  '), `Posted an update to #ops: [message](${PERMALINK})`);
  });
});
