import * as assert from 'node:assert/strict';
import { type IncidentState, parseStartTime } from '../../src/core/incident/incident';
import { declaration, DEFAULT_TEMPLATE, insertUnderSection, renderIncidentDocument, timelineEntry } from '../../src/core/incident/incidentDocument';
import { frontMatterWithState, MAX_FRONT_MATTER_CHARS, PARSE_OPTIONS, readIncident, withState } from '../../src/core/incident/frontMatter';
import { resolvedNotification } from '../../src/core/incident/notification';
import { postIncidentChecklist } from '../../src/core/incident/postIncidentChecklist';
import { DEFAULT_POSTMORTEM, isPostmortemFileName, postmortemFileName, renderPostmortem } from '../../src/core/incident/postmortem';
import { appendToSections, recordStepProgress, resolveRecord, TIMELINE } from '../../src/core/incident/recordEdits';
import { formatTime } from '../../src/core/time/formatTime';
import { applyTextEdits } from '../../src/core/incident/textEdits';
import { parseRunbook } from '../../src/core/runbook/parseRunbook';

const NOW = new Date('2026-03-01T15:10:00Z');
const ISO = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

const STATE: IncidentState = {
  id: '2026-03-01-1405-travel-pay-500s',
  title: 'Travel Pay 500s',
  status: 'investigating',
  startedAt: '2026-03-01T14:05:00.000Z',
  detectedAt: '2026-03-01T14:10:00.000Z',
  severity: 2,
  impact: 'Claims cannot be submitted',
  affected: '12%',
  errorTypes: ['500s'],
  systems: ['Travel Pay API'],
  roles: { coordinator: 'Ada' },
  progress: [],
};

function record(): string {
  const rendered = renderIncidentDocument(STATE, DEFAULT_TEMPLATE, 'Detected: alert in #alerts', { timeZone: 'UTC' });
  assert.ok(rendered.ok);
  return rendered.text;
}

describe('finding the Timeline section (CommonMark blocks)', () => {
  const timelineOf = (body: string) => insertUnderSection(`---\na: 1\n---\n# T\n${body}`, /^timeline$/i, ['- new'])?.text;

  it('a ~~~ fence is not closed by ``` inside it', () => {
    const body = '~~~\n```\n## Timeline\n```\n~~~\n## Timeline\n- one\n';
    assert.equal(timelineOf(body), `---\na: 1\n---\n# T\n${body}- new\n`);
  });

  it('a four-backtick fence is not closed by three backticks', () => {
    const body = '````markdown\n```\n## Timeline\n```\n````\n\n## Timeline\n- one\n\n## Next\n';
    assert.equal(timelineOf(body), `---\na: 1\n---\n# T\n${body.replace('- one\n', '- one\n- new\n')}`);
  });

  it('a heading inside an HTML comment is not a heading, on one line or several', () => {
    assert.equal(timelineOf('<!-- ## Timeline -->\n- x\n'), undefined);
    const body = '<!--\n## Timeline\n-->\n## Timeline\n- one\n';
    assert.equal(timelineOf(body), `---\na: 1\n---\n# T\n${body}- new\n`);
  });

  it('a fence indented in a list item hides its lines', () => {
    const body = '1. Run:\n    ```\n    ## Timeline\n## Timeline\n    ```\n## Timeline\n- one\n';
    assert.equal(timelineOf(body), `---\na: 1\n---\n# T\n${body}- new\n`);
  });

  it('``` indented four spaces is indented code, not a fence: the Timeline after it is found, not added twice', () => {
    const before = ['---', 'a: 1', '---', '## Notes', '', '    ```js', '', '## Timeline', ''].join('\n');
    const after = applyTextEdits(before, appendToSections(before, [{ ...TIMELINE, lines: ['- new'] }]).edits);
    assert.equal(after, before.replace('## Timeline\n', '## Timeline\n- new\n'));
    assert.equal(after.split('## Timeline').length, 2);
  });

  it('a fence is not closed by a fence line indented four spaces', () => {
    const body = '```\n    ```\n## Timeline\n```\n\n## Timeline\n- one\n\n## Next\n';
    assert.equal(timelineOf(body), `---\na: 1\n---\n# T\n${body.replace('- one\n', '- one\n- new\n')}`);
  });

  it('in a list item a fence opens up to three spaces past the item\'s content, and is indented code further in', () => {
    const fenced = '- Run:\n\n  ```sh\n## Timeline\n  ```\n## Timeline\n- one\n';
    assert.equal(timelineOf(fenced), `---\na: 1\n---\n# T\n${fenced}- new\n`);
    const code = '- Run:\n\n      ```sh\n\n## Timeline\n- one\n';
    assert.equal(timelineOf(code), `---\na: 1\n---\n# T\n${code}- new\n`);
    const nested = '1. First\n   - Run:\n\n         ```\n\n## Timeline\n- one\n';
    assert.equal(timelineOf(nested), `---\na: 1\n---\n# T\n${nested}- new\n`);
    const back = '- Run:\n\n  text\n\n    ```\n\n## Timeline\n- one\n';
    assert.equal(timelineOf(back), undefined, 'a fence two spaces past the item\'s content opens, hiding what follows');
  });
});

describe('front matter edits', () => {
  it('keep comments inside progress: and every other key', () => {
    const text = '---\nid: a\ntitle: T # the title\nstatus: active\nstartedAt: 2026-03-01T14:05:00.000Z\nticket: JIRA-1\nprogress:\n  # ticked during the bridge call\n  - /step:A # slow\n  - /step:B\n  # Ada\n  - /step:C\nroles:\n  coordinator: Ada # on call\n  scribe: Lin\n---\n# T\n';
    const read = readIncident(text);
    assert.ok(read.ok);
    const updated = withState(text, { ...read.state, progress: ['/step:A', '/step:C', '/step:D'] });
    assert.equal(updated, '---\nid: a\ntitle: T # the title\nstatus: investigating\nstartedAt: 2026-03-01T14:05:00.000Z\nticket: JIRA-1\nprogress:\n  # ticked during the bridge call\n  - /step:A # slow\n  # Ada\n  - /step:C\n  - /step:D\nroles:\n  coordinator: Ada # on call\n  scribe: Lin\ndetectedAt: 2026-03-01T14:05:00.000Z\nseverity: 3\nimpact: ""\nerrorTypes: []\nsystems: []\n---\n# T\n');
  });

  it('a comment above a removed item moves to the next', () => {
    const text = '---\nid: a\ntitle: T\nstatus: active\nstartedAt: 2026-03-01T14:05:00.000Z\nprogress:\n  # first steps\n  - /step:A\n  - /step:B\n---\n';
    const read = readIncident(text);
    assert.ok(read.ok);
    assert.match(withState(text, { ...read.state, progress: ['/step:B'] }), /\nprogress:\n {2}# first steps\n {2}- \/step:B\n/);
  });

  it('a record whose front matter is not a mapping is refused, never replaced', () => {
    for (const text of ['---\n- a\n- b\n---\n# T\n', '---\njust text\n---\n# T\n', '# no front matter\n']) {
      const edit = frontMatterWithState(text, STATE);
      assert.ok(!edit.ok, text);
      assert.throws(() => withState(text, STATE));
      const resolved = resolveRecord(text, { summary: 's', now: NOW, checklist: [] });
      assert.ok(!resolved.ok);
    }
    assert.match((readIncident('---\n- a\n---\n') as { error: string }).error, /not a mapping/);
  });

  it('reads a front matter with many keys without yaml\'s quadratic duplicate check, and still reports duplicates', () => {
    assert.equal(PARSE_OPTIONS.uniqueKeys, false);
    const head = 'id: a\ntitle: T\nstatus: active\nstartedAt: 2026-03-01T14:05:00.000Z\n';
    const many = (n: number) => Array.from({ length: n }, (_, i) => `k${i}: ${i}`).join('\n');
    const read = readIncident(`---\n${head}${many(5000)}\n---\n`);
    assert.ok(read.ok);
    assert.match((readIncident(`---\n${head}status: resolved\n---\n`) as { error: string }).error, /sets "status" twice/);
  });

  it('refuses a 40,000-key front matter with a message naming its size, without parsing it', () => {
    const text = `---\nid: a\ntitle: T\nstatus: active\nstartedAt: 2026-03-01T14:05:00.000Z\n${Array.from({ length: 40_000 }, (_, i) => `key${i}: value ${i}`).join('\n')}\n---\n# T\n`;
    assert.ok(text.length > MAX_FRONT_MATTER_CHARS);
    const read = readIncident(text);
    assert.ok(!read.ok);
    assert.match(read.error, /^the front matter is \d+ KB; a record's is read up to 64 KB$/);
  });
});

describe('resolving a record: one set of edits', () => {
  it('sets the state, puts the summary in place of the placeholder, and adds the timeline entry and checklist', () => {
    const before = record();
    const change = resolveRecord(before, { summary: 'Rolled back the release.', now: NOW, checklist: ['- [ ] Tell [the team](https://chat.example/t)'], timeZone: 'UTC' });
    assert.ok(change.ok);
    const after = applyTextEdits(before, change.edits);
    assert.match(after, /\nstatus: resolved\n/);
    assert.match(after, /\nresolvedAt: 2026-03-01T15:10:00.000Z\n/);
    assert.match(after, /## Summary\nRolled back the release\.\n\n## Impact/);
    assert.doesNotMatch(after, /Leave blank/);
    assert.match(after, /## Timeline\n- 14:10 UTC — Detected: alert in #alerts\n- 15:10 UTC — Resolved after 1h 05m\.\n\n## Recent/);
    assert.match(after, /## Post-incident\n- \[ \] Tell \[the team\]\(https:\/\/chat\.example\/t\)\n$/);
    assert.equal(after.slice(change.focus).split('\n')[0], 'Rolled back the release.');
    const read = readIncident(after);
    assert.ok(read.ok);
    assert.deepEqual(read.state, change.state);
  });

  it('adds the summary under what a person already wrote', () => {
    const before = record().replace('_Leave blank until the incident is resolved._', 'Our own words.');
    const change = resolveRecord(before, { summary: 'Fixed.', now: NOW, checklist: [] });
    assert.ok(change.ok);
    assert.match(applyTextEdits(before, change.edits), /## Summary\nOur own words\.\nFixed\.\n\n## Impact/);
  });

  it('adds missing sections at the end of a hand-written record', () => {
    const before = '---\nid: a\ntitle: T\nstatus: active\nstartedAt: 2026-03-01T14:05:00.000Z\n---\n# T\nnotes';
    const change = resolveRecord(before, { summary: 'Done.', now: NOW, checklist: ['- [ ] x'], timeZone: 'UTC' });
    assert.ok(change.ok);
    assert.match(applyTextEdits(before, change.edits), /# T\nnotes\n\n## Summary\nDone\.\n\n## Timeline\n- 15:10 UTC — Resolved after 1h 05m\.\n\n## Post-incident\n- \[ \] x\n$/);
  });

  it('keeps Windows line endings', () => {
    const before = record().replace(/\n/g, '\r\n');
    const change = resolveRecord(before, { summary: 'Fixed.', now: NOW, checklist: ['- [ ] x'] });
    assert.ok(change.ok);
    assert.doesNotMatch(applyTextEdits(before, change.edits), /[^\r]\n/);
  });
});

describe('ticking a step into the record', () => {
  it('writes the progress key and the timeline entry together', () => {
    const before = record();
    const change = recordStepProgress(before, { key: '/step:A', done: true, label: 'Page the lead', now: NOW, timeZone: 'UTC' });
    assert.ok(change.ok);
    const after = applyTextEdits(before, change.edits);
    assert.match(after, /\nprogress:\n {2}- \/step:A\n/);
    assert.match(after, /- 15:10 UTC — Done: Page the lead\n\n## Recent/);
    assert.equal(after.slice(change.focus).split('\n')[0], '- 15:10 UTC — Done: Page the lead');
  });

  it('appends to several sections in one set of edits', () => {
    const before = record();
    const { edits } = appendToSections(before, [{ heading: /^dashboards$/i, name: 'Dashboards', lines: ['- [Grafana](<https://g/x>)'] }, { ...TIMELINE, lines: ['- 15:10 UTC — Opened'] }]);
    assert.equal(edits.length, 2);
    const after = applyTextEdits(before, edits);
    assert.match(after, /## Dashboards\n- \[Grafana\]\(<https:\/\/g\/x>\)\n\n## Debugging/);
  });
});

describe('times written into the record carry the date when it is not the start day', () => {
  const LATER = new Date('2026-03-02T09:10:00Z');

  it('formatTime: the date unless the time is on a given day, or always', () => {
    const start = new Date(STATE.startedAt);
    assert.equal(formatTime(new Date('2026-03-01T23:59:00Z'), { dateUnless: start, timeZone: 'UTC' }), '23:59 UTC');
    assert.equal(formatTime(LATER, { dateUnless: start, timeZone: 'UTC' }), '2026-03-02 09:10 UTC');
    assert.equal(formatTime(LATER, { dateUnless: start, now: LATER, timeZone: 'UTC' }), '2026-03-02 09:10 UTC', 'the given day wins over now');
    assert.equal(formatTime(NOW, { alwaysDate: true, now: NOW, timeZone: 'UTC' }), '2026-03-01 15:10 UTC');
    // 23:30 UTC on the 1st is the 2nd in Berlin: another day than the start there.
    assert.equal(formatTime(new Date('2026-03-01T23:30:00Z'), { dateUnless: start, timeZone: 'Europe/Berlin' }), '2026-03-02 00:30 CET');
  });

  it('a timeline entry on the start day shows the clock; on a later day, the date too', () => {
    assert.equal(timelineEntry(NOW, 'Paged Ada', STATE.startedAt, 'UTC'), '- 15:10 UTC — Paged Ada');
    assert.equal(timelineEntry(LATER, 'Paged Ada', STATE.startedAt, 'UTC'), '- 2026-03-02 09:10 UTC — Paged Ada');
  });

  it('ticking a step and resolving on a later day write dated entries', () => {
    const before = record();
    const ticked = recordStepProgress(before, { key: '/step:A', done: true, label: 'Page the lead', now: LATER, timeZone: 'UTC' });
    assert.ok(ticked.ok);
    assert.match(applyTextEdits(before, ticked.edits), /- 14:10 UTC — Detected: alert in #alerts\n- 2026-03-02 09:10 UTC — Done: Page the lead\n/);
    const resolved = resolveRecord(before, { summary: 'Fixed.', now: LATER, checklist: [], timeZone: 'UTC' });
    assert.ok(resolved.ok);
    assert.match(applyTextEdits(before, resolved.edits), /- 2026-03-02 09:10 UTC — Resolved after 19h 05m\.\n/);
  });

  it('detection on a later day than the start is dated in the first entry', () => {
    const rendered = renderIncidentDocument({ ...STATE, startedAt: '2026-02-28T23:50:00.000Z' }, DEFAULT_TEMPLATE, 'Detected', { timeZone: 'UTC' });
    assert.ok(rendered.ok);
    assert.match(rendered.text, /## Timeline\n- 2026-03-01 14:10 UTC — Detected\n/);
  });

  it('the declaration names the start with its date, even on the day itself', () => {
    assert.equal(declaration(STATE, 'UTC'), 'Incident declared; it started at 2026-03-01 14:05 UTC, coordinated by Ada.');
    assert.equal(declaration({ ...STATE, roles: {} }, 'UTC'), 'Incident declared; it started at 2026-03-01 14:05 UTC.');
  });
});

describe('post-mortem file names', () => {
  it('names the first post-mortem after the record, and recognises the numbered ones beside it', () => {
    assert.equal(postmortemFileName(STATE.id), '2026-03-01-1405-travel-pay-500s-postmortem.md');
    for (const name of ['2026-03-01-1405-travel-pay-500s-postmortem.md', '2026-03-01-1405-travel-pay-500s-postmortem-2.md', 'x-postmortem-12.md']) assert.ok(isPostmortemFileName(name), name);
    for (const name of ['2026-03-01-1405-travel-pay-500s.md', '2026-03-01-1405-travel-pay-500s-2.md', 'x-postmortem-notes.md', 'x-postmortem-2.md.bak', 'x-postmortem-.md']) assert.ok(!isPostmortemFileName(name), name);
  });
});

describe('the post-mortem and messages', () => {
  const runbookText = '# R\n## Post-incident\n1. Remove maintenance windows\n2. Write a post-mortem from [the template](https://example.com/pm.md)\n   - a nested note\n';

  it('takes the post-incident checklist from the runbook source, links intact', () => {
    assert.deepEqual(postIncidentChecklist(parseRunbook(runbookText), runbookText), ['- [ ] Remove maintenance windows', '- [ ] Write a post-mortem from [the template](https://example.com/pm.md)']);
  });

  it('receives the summary, impact, timeline and checklist, and shows dated times', () => {
    const before = record();
    const change = resolveRecord(before, { summary: 'Rolled back.', now: NOW, checklist: postIncidentChecklist(parseRunbook(runbookText), runbookText), timeZone: 'UTC' });
    assert.ok(change.ok);
    const rendered = renderPostmortem(DEFAULT_POSTMORTEM, change.state, applyTextEdits(before, change.edits), NOW, { timeZone: 'UTC' });
    assert.ok(rendered.ok);
    assert.match(rendered.text, /- Started: 2026-03-01 14:05 UTC\n- Resolved: 2026-03-01 15:10 UTC\n- Duration: 1h 05m\n- Impact: Claims cannot be submitted \(12%\)\n/);
    assert.match(rendered.text, /## Summary\nRolled back\.\n/);
    assert.match(rendered.text, /## Timeline\n- 14:10 UTC — Detected: alert in #alerts\n- 15:10 UTC — Resolved after 1h 05m\.\n/);
    assert.match(rendered.text, /## Post-incident checklist\n- \[ \] Remove maintenance windows\n- \[ \] Write a post-mortem from \[the template\]\(https:\/\/example\.com\/pm\.md\)\n/);
    assert.doesNotMatch(rendered.text, ISO);
  });

  it('never shows a raw ISO time in messages', () => {
    assert.doesNotMatch(resolvedNotification(STATE, 'Fixed', NOW), ISO);
    const future = parseStartTime('2026-03-02T09:00Z', NOW);
    assert.ok(!future.ok);
    assert.doesNotMatch(future.message, ISO);
  });
});
