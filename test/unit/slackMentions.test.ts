import * as assert from 'node:assert/strict';
import { unfilledMark } from '../../src/core/incident/notification';
import { resolveMentions, type SlackDirectory } from '../../src/core/slack/mentions';
import { checkSlackText, escapeSlackText, MAX_SLACK_TEXT, slackMessageRequest, unfilledMarks } from '../../src/core/slack/slackText';
import { fastest } from './timing';

// The Notify step's template of the seed runbook (shared/seeds/001_4780d584a94c0409.txt, lines 14-26).
const SEED_TEMPLATE = `@kay @Kristen McConnell @Mark Dewey
@btsss-api-team @btsss-vagov-team

We're investigating an ongoing issue with Travel Pay. 

Impacted Veterans %:     xx% (or explicit #)
Impacted Systems:        System A, System B
Timeframe:               Issue has been going on for X minutes.

We are investigating the issue and will post updates in this thread as we have them. :thread:`;

// Everyone in the seed resolves but @btsss-vagov-team. "mark" is someone else's handle: @Mark Dewey must still find Mark Dewey.
const DIRECTORY: SlackDirectory = {
  users: [
    { id: 'UKAY', handle: 'kay', displayName: 'Kay', realName: 'Kay Lawyer' },
    { id: 'UKRISTEN', handle: 'kristen.mcconnell', displayName: '', realName: 'Kristen McConnell' },
    { id: 'UMARKD', handle: 'mdewey', displayName: 'Mark Dewey', realName: 'Mark A. Dewey' },
    { id: 'UMARKT', handle: 'mark', displayName: 'Mark T', realName: 'Mark Twain' },
    { id: 'UOLD', handle: 'kristen', displayName: 'Kristen', realName: 'Kristen Old', deleted: true },
    { id: 'UALEX1', handle: 'alex.one', displayName: 'Alex Kim' },
    { id: 'UALEX2', handle: 'alex.two', displayName: 'alex kim' },
    { id: 'UBOT', handle: 'pagerduty', displayName: 'Kay', realName: 'PagerDuty', isBot: true },
    { id: 'UJOSE', handle: 'jose', displayName: 'José Núñez' },
  ],
  groups: [
    { id: 'SAPI', handle: 'btsss-api-team', name: 'BTSSS API Team' },
    { id: 'SONCALL', handle: 'oncall' },
  ],
};

function resolve(text: string) {
  return resolveMentions(text, DIRECTORY);
}

describe('resolveMentions', () => {
  it("resolves the seed runbook's template, all but the group Slack does not have", () => {
    const result = resolve(SEED_TEMPLATE);
    assert.equal(
      result.text,
      SEED_TEMPLATE.replace('@kay @Kristen McConnell @Mark Dewey', '<@UKAY> <@UKRISTEN> <@UMARKD>').replace('@btsss-api-team', '<!subteam^SAPI>'),
    );
    assert.ok(result.text.startsWith('<@UKAY> <@UKRISTEN> <@UMARKD>\n<!subteam^SAPI> @btsss-vagov-team\n\nWe'));
    assert.ok(result.text.endsWith('as we have them. :thread:'));
    assert.deepEqual(result.resolved, [
      { mention: '@kay', id: 'UKAY', kind: 'user' },
      { mention: '@Kristen McConnell', id: 'UKRISTEN', kind: 'user' },
      { mention: '@Mark Dewey', id: 'UMARKD', kind: 'user' },
      { mention: '@btsss-api-team', id: 'SAPI', kind: 'group' },
    ]);
    assert.deepEqual(result.unresolved, ['@btsss-vagov-team']);
  });

  it('keeps the unfilled marks of the filled template as they are', () => {
    const text = `${SEED_TEMPLATE.replace('xx% (or explicit #)', unfilledMark('xx% (or explicit #)'))}\nTitle: ${unfilledMark('<TITLE>')} & ${unfilledMark('@kay')}`;
    const result = resolve(text);
    assert.ok(result.text.includes('Impacted Veterans %:     ⟦xx% (or explicit #)?⟧\n'), result.text);
    assert.ok(result.text.endsWith('Title: ⟦<TITLE>?⟧ &amp; ⟦@kay?⟧'), result.text);
    assert.deepEqual(
      unfilledMarks(result.text).map((m) => m.name),
      ['xx% (or explicit #)', '<TITLE>', '@kay'],
    );
  });

  it('prefers the longest name over a shorter name or a handle', () => {
    assert.equal(resolve('@Mark Dewey please look').text, '<@UMARKD> please look');
    assert.equal(resolve('@mark please look').text, '<@UMARKT> please look');
    assert.equal(resolve('@Mark Twain').text, '<@UMARKT>');
    assert.equal(resolve('@Mark A. Dewey, see this').text, '<@UMARKD>, see this');
    assert.equal(resolve('@BTSSS API Team is paged').text, '<!subteam^SAPI> is paged');
  });

  it('matches case-insensitively, by handle, display name or real name', () => {
    assert.equal(resolve('@KAY @kristen mcconnell @MDEWEY @Kay Lawyer @kristen.mcconnell').text, '<@UKAY> <@UKRISTEN> <@UMARKD> <@UKAY> <@UKRISTEN>');
    assert.equal(resolve('@josé núñez').text, '<@UJOSE>');
  });

  it('lists each user once, as first written', () => {
    assert.deepEqual(resolve('@kay then @Kay Lawyer then @KAY').resolved, [{ mention: '@kay', id: 'UKAY', kind: 'user' }]);
  });

  it('leaves trailing punctuation and possessives outside the mention', () => {
    assert.equal(resolve('@kay, @kay. @kay! (@kay) @kay: @kay... @kay?').text, '<@UKAY>, <@UKAY>. <@UKAY>! (<@UKAY>) <@UKAY>: <@UKAY>... <@UKAY>?');
    assert.equal(resolve("@kay's call, @Mark Dewey's too.").text, "<@UKAY>'s call, <@UMARKD>'s too.");
    assert.equal(resolve('Ask @Mark Dewey.').text, 'Ask <@UMARKD>.');
    assert.equal(resolve('@btsss-api-team.').text, '<!subteam^SAPI>.');
  });

  it('resolves mentions right next to each other and at line starts', () => {
    assert.equal(resolve('@kay @Kristen McConnell\n@oncall').text, '<@UKAY> <@UKRISTEN>\n<!subteam^SONCALL>');
  });

  it('turns @here, @channel and @everyone into broadcasts', () => {
    const result = resolve('@here @Channel, @everyone. @hereafter');
    assert.equal(result.text, '<!here> <!channel>, <!everyone>. @hereafter');
    assert.deepEqual(result.resolved, []);
    assert.deepEqual(result.unresolved, ['@hereafter']);
  });

  it('does not take e-mail addresses or words with an @ inside for mentions', () => {
    const result = resolve('Write kay@va.gov or first.last@va.gov, user_@kay, 5@kay');
    assert.equal(result.text, 'Write kay@va.gov or first.last@va.gov, user_@kay, 5@kay');
    assert.deepEqual(result.resolved, []);
    assert.deepEqual(result.unresolved, []);
  });

  it('leaves an @ before punctuation or space alone, unlisted', () => {
    const result = resolve('@ @@ @. @- @_x a @ b');
    assert.equal(result.text, '@ @@ @. @- @_x a @ b');
    assert.deepEqual(result.unresolved, []);
  });

  it('never resolves a deleted user', () => {
    const result = resolve('@kristen and @Kristen Old');
    assert.equal(result.text, '@kristen and @Kristen Old');
    assert.deepEqual(result.unresolved, ['@kristen', '@Kristen Old']);
  });

  it('leaves a name two people share unresolved, saying so', () => {
    const result = resolve('@Alex Kim and @ALEX KIM, @alex.one');
    assert.equal(result.text, '@Alex Kim and @ALEX KIM, <@UALEX1>');
    assert.deepEqual(result.unresolved, ['@Alex Kim (ambiguous: 2 people)']);
    assert.deepEqual(result.resolved, [{ mention: '@alex.one', id: 'UALEX1', kind: 'user' }]);
  });

  it("does not let a bot's display name make a person's ambiguous, yet finds the bot by handle", () => {
    assert.equal(resolve('@Kay Lawyer @pagerduty').text, '<@UKAY> <@UBOT>');
    assert.equal(resolve('@PagerDuty').text, '<@UBOT>');
  });

  it('lists unresolved mentions once each, in order, a capitalised name whole', () => {
    const result = resolve('@nobody and @Jane Doe. Then @nobody, @NOBODY again and @Jane Doe, @ghost please');
    assert.equal(result.text, '@nobody and @Jane Doe. Then @nobody, @NOBODY again and @Jane Doe, @ghost please');
    assert.deepEqual(result.unresolved, ['@nobody', '@Jane Doe', '@ghost']);
  });

  it("escapes the person's &, < and > but not the tokens it makes", () => {
    const result = resolve('<script>alert(1)</script> A & B -> @kay <@UEVIL> <!channel> &amp; &lt;');
    assert.equal(result.text, '&lt;script&gt;alert(1)&lt;/script&gt; A &amp; B -&gt; <@UKAY> &lt;@UEVIL&gt; &lt;!channel&gt; &amp;amp; &amp;lt;');
    assert.deepEqual(result.unresolved, ['@UEVIL']);
  });

  it('works with an empty directory and empty text', () => {
    assert.deepEqual(resolveMentions('', DIRECTORY), { text: '', resolved: [], unresolved: [] });
    const result = resolveMentions('@kay & @here', { users: [], groups: [] });
    assert.deepEqual(result, { text: '@kay &amp; <!here>', resolved: [], unresolved: ['@kay'] });
  });

  describe('hostile input stays linear', () => {
    // A ratio, not a time: against a callback per character over the same text (linear work of the same kind).
    // Linear resolution stays within a small multiple of it; quadratic work on 200 KB would be thousands of times it.
    const MAX_RATIO = 25;
    before(() => {
      // Compiled before measuring, so the ratio measures the algorithm rather than the JIT.
      for (let i = 0; i < 50; i++) resolve(`${SEED_TEMPLATE} @Alex Kim @nobody's ⟦x?⟧ <&>`);
    });
    const timed = (text: string) => {
      let result: ReturnType<typeof resolve> | undefined;
      const ms = fastest(() => (result = resolve(text)), 3);
      const baseline = fastest(() => text.replace(/[\s\S]/g, (c) => c), 3);
      assert.ok(ms / baseline < MAX_RATIO, `${text.length} characters took ${ms.toFixed(1)} ms, ${(ms / baseline).toFixed(1)}× a pass over them`);
      return result as ReturnType<typeof resolve>;
    };

    it('200,000 @s', () => {
      const text = '@'.repeat(200_000);
      assert.equal(timed(text).text, text);
    });

    it('100,000 mentions that resolve, and 100,000 that do not', () => {
      assert.equal(timed('@kay '.repeat(40_000)).text, '<@UKAY> '.repeat(40_000));
      const unresolved = timed('@Nobody '.repeat(25_000));
      assert.deepEqual(unresolved.unresolved, ['@Nobody']);
    });

    it('50,000 capitalised words after one @, and many short runs of them', () => {
      timed(`@${'Mark '.repeat(50_000)}`);
      assert.equal(timed(`${'@Mark Dewey Mark Dewey '.repeat(9_000)}`).resolved.length, 1);
      timed('@A B C D E '.repeat(20_000));
    });

    it('one 200,000-character word, and a run of trailing dots', () => {
      timed(`@${'k'.repeat(200_000)}`);
      assert.equal(timed(`@kay${'.'.repeat(200_000)}`).text, `<@UKAY>${'.'.repeat(200_000)}`);
      timed(`@kay${"'s".repeat(100_000)}`);
    });

    it('marks opened and never closed, and closed many times', () => {
      timed('⟦'.repeat(100_000) + '@kay');
      timed('⟦@kay?⟧'.repeat(30_000));
      timed(`${'⟦'.repeat(100_000)}${'?⟧'.repeat(50_000)}`);
    });

    it('escapes 200,000 special characters', () => {
      assert.equal(timed('<&>'.repeat(70_000)).text, '&lt;&amp;&gt;'.repeat(70_000));
    });
  });
});

describe('escapeSlackText', () => {
  it('escapes exactly &, < and >', () => {
    assert.equal(escapeSlackText('A & B <script> *bold* _it_ `code` ~x~ :thread: @kay'), 'A &amp; B &lt;script&gt; *bold* _it_ `code` ~x~ :thread: @kay');
    assert.equal(escapeSlackText('&amp;'), '&amp;amp;');
  });
});

describe('slackMessageRequest', () => {
  it('posts without unfurls or link_names', () => {
    assert.deepEqual(slackMessageRequest({ channel: 'C05UTPZRZFY', text: 'hi' }), { channel: 'C05UTPZRZFY', text: 'hi', unfurl_links: false, unfurl_media: false });
  });

  it('posts into the thread when it has one', () => {
    assert.deepEqual(slackMessageRequest({ channel: 'C05UTPZRZFY', text: 'hi', threadTs: '1733100000.000100' }), {
      channel: 'C05UTPZRZFY',
      text: 'hi',
      thread_ts: '1733100000.000100',
      unfurl_links: false,
      unfurl_media: false,
    });
  });
});

describe('checkSlackText', () => {
  it('accepts a filled message, up to the limit', () => {
    assert.equal(checkSlackText(resolve(SEED_TEMPLATE).text), undefined);
    assert.equal(checkSlackText('x'.repeat(MAX_SLACK_TEXT)), undefined);
    assert.equal(checkSlackText('a ⟦note⟧ and ⟦?'), undefined);
  });

  it('refuses an empty message', () => {
    assert.equal(checkSlackText(''), 'The message is empty.');
    assert.equal(checkSlackText(' \n\t'), 'The message is empty.');
  });

  it('refuses a message over the limit, saying how long it is', () => {
    assert.equal(checkSlackText('x'.repeat(MAX_SLACK_TEXT + 1)), 'The message is 40,001 characters long; Slack takes at most 40,000.');
  });

  it('refuses a message with a field still to fill in, naming it', () => {
    const one = checkSlackText(`Impacted: ${unfilledMark('xx% (or explicit #)')}`);
    assert.equal(one, 'The message still has a field to fill in: "xx% (or explicit #)". Replace each ⟦…?⟧ before posting.');
    const three = checkSlackText(`${unfilledMark('X')} minutes, ${unfilledMark('System A, System B')}, ${unfilledMark('<TITLE>')}`) ?? '';
    assert.ok(three.includes('"X" (and 2 more)'), three);
  });

  it('finds the innermost mark and a mark with no name', () => {
    assert.deepEqual(unfilledMarks('⟦ ⟦x?⟧ ⟦?⟧'), [
      { start: 2, end: 6, name: 'x' },
      { start: 7, end: 10, name: '' },
    ]);
    assert.ok(checkSlackText('⟦?⟧')?.includes('"unnamed field"'));
  });
});
