import * as assert from 'node:assert/strict';
import { frontMatter, readIncident, withState } from '../../src/core/incident/frontMatter';
import { copiedEntryText, messageHeadline } from '../../src/core/incident/notification';
import { EXAMPLE_STATE } from './exampleIncident';

const THREAD = { channel: 'C0PARCEL01', ts: '1764633600.000100', permalink: 'https://northwind.slack.com/archives/C0PARCEL01/p1764633600000100' };
const PAGED = { incident: 'Q1TRACK7', url: 'https://northwind.pagerduty.com/incidents/Q1TRACK7', number: 42 };

describe("the record's Slack thread and PagerDuty incident", () => {
  it('writes and reads back slack: and pagerduty:, the ts quoted so it stays a string', () => {
    const text = `${frontMatter({ ...EXAMPLE_STATE, slack: THREAD, pagerduty: PAGED })}\n# Travel Pay 500s\n`;
    assert.match(text, /\nslack:\n {2}channel: C0PARCEL01\n {2}ts: "1764633600\.000100"\n {2}permalink: https:\/\/northwind\.slack\.com\/archives\/C0PARCEL01\/p1764633600000100\npagerduty:\n {2}incident: Q1TRACK7\n {2}url: https:\/\/northwind\.pagerduty\.com\/incidents\/Q1TRACK7\n {2}number: 42\n/);
    const read = readIncident(text);
    assert.ok(read.ok);
    assert.deepEqual(read.state.slack, THREAD);
    assert.deepEqual(read.state.pagerduty, PAGED);
  });

  it('adds them to an existing record without touching its other lines, and leaves a record without them as it was', () => {
    const record = `${frontMatter(EXAMPLE_STATE)}\n# Travel Pay 500s\n\n## Timeline\n- 14:05 UTC — Declared\n`;
    assert.equal(withState(record, EXAMPLE_STATE), record);
    const updated = withState(record, { ...EXAMPLE_STATE, slack: THREAD });
    assert.equal(updated.replace(/slack:\n(?: {2}.*\n){3}/, ''), record);
  });

  it('keeps a slack: value a person wrote that does not read as a thread, and does not treat it as one', () => {
    const record = `---\nid: x\ntitle: T\nstatus: investigating\nstartedAt: 2026-03-01T14:05:00.000Z\nslack: see the thread in #parcel-incidents\npagerduty:\n  incident: lowercase-id\n  url: http://example.com\n---\n# T\n`;
    const read = readIncident(record);
    assert.ok(read.ok);
    assert.equal(read.state.slack, undefined);
    assert.equal(read.state.pagerduty, undefined);
    const after = withState(record, { ...read.state, severity: 1 });
    assert.match(after, /\nslack: see the thread in #parcel-incidents\npagerduty:\n {2}incident: lowercase-id\n {2}url: http:\/\/example\.com\n/);
    assert.match(after, /\nseverity: 1\n/);
  });
});

describe("a message's headline, for its timeline entry", () => {
  it('skips blank lines and lines of mentions, multi-word names included', () => {
    const seed = "@kay @Kristen McConnell @Mark Dewey\n@btsss-api-team @btsss-vagov-team\n\nWe're investigating an ongoing issue with Travel Pay. \n";
    assert.equal(messageHeadline(seed), "We're investigating an ongoing issue with Travel Pay.");
    assert.equal(copiedEntryText(seed, 'first'), "Notification copied: We're investigating an ongoing issue with Travel Pay.");
    assert.equal(messageHeadline('@here We are investigating'), '@here We are investigating', 'a sentence after a mention is the headline');
    assert.equal(messageHeadline('@oncall, @support\nLabel printers are down'), 'Label printers are down');
    assert.equal(messageHeadline('@a @b\n\n'), undefined);
  });
});
