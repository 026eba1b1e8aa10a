import * as assert from 'node:assert/strict';
import { type ChecklistItem, checklistItemAt, checklistItems } from '../../src/core/followUps/actionItems';
import type { IssueRef } from '../../src/core/followUps/issueRefs';
import { type IssueState, issueStatesQueries, readIssueStates } from '../../src/core/followUps/issueStates';
import { type CreatedFollowUp, currentItem, recordFollowUps, tickClosedFollowUps } from '../../src/core/followUps/recordFollowUps';
import { DEFAULT_TEMPLATE, renderIncidentDocument } from '../../src/core/incident/incidentDocument';
import type { RecordChange } from '../../src/core/incident/recordEdits';
import { applyTextEdits } from '../../src/core/incident/textEdits';
import { EXAMPLE_STATE } from './exampleIncident';

const ref = (number: number, owner = 'o', repo = 'r'): IssueRef => ({ owner, repo, number, url: `https://github.com/${owner}/${repo}/issues/${number}` });
const link = (number: number, owner = 'o', repo = 'r') => `[${owner}/${repo}#${number}](https://github.com/${owner}/${repo}/issues/${number})`;
const FIELDS = 'number title url state createdAt closedAt assignees(first: 1) { nodes { login } }';

function defined<T>(value: T | undefined, what = 'value'): T {
  if (value === undefined) assert.fail(`no ${what}`);
  return value;
}

describe('follow-ups: issue state queries', () => {
  it('asks for one issue in one repository, aliased r0 / i12', () => {
    const [query, ...more] = issueStatesQueries([ref(12)]);
    assert.equal(more.length, 0);
    assert.deepEqual(query, {
      query: `query { r0: repository(owner: "o", name: "r") { i12: issue(number: 12) { ${FIELDS} } } }`,
      asked: [{ repoAlias: 'r0', issueAlias: 'i12', ref: ref(12) }],
    });
  });

  it('groups issues by repository (without case) and removes duplicates without case', () => {
    const queries = issueStatesQueries([ref(12), ref(12, 'O', 'R'), ref(12, 'o', 'other'), ref(3), ref(3, 'o', 'R')]);
    assert.equal(queries.length, 1);
    const query = defined(queries[0]);
    assert.deepEqual(
      query.asked.map((a) => `${a.repoAlias}.${a.issueAlias} ${a.ref.owner}/${a.ref.repo}#${a.ref.number}`.toLowerCase()),
      ['r0.i12 o/r#12', 'r0.i3 o/r#3', 'r1.i12 o/other#12'],
    );
    assert.match(query.query, /^query \{ r0: repository\(owner: "o", name: "r"\) \{ i12: issue\(number: 12\) \{ [^}]+\{ nodes \{ login \} \} \} i3: issue\(number: 3\) \{ [^}]+\{ nodes \{ login \} \} \} \} r1: repository\(owner: "o", name: "other"\) \{ i12: issue\(number: 12\) \{ [^}]+\{ nodes \{ login \} \} \} \} \}$/i);
    assert.equal(query.query.split('repository(').length - 1, 2);
    assert.equal(query.query.split('issue(number:').length - 1, 3);
  });

  it('one query per 100 issues, counted after duplicates are removed; none for no issues', () => {
    const refs = Array.from({ length: 250 }, (_, i) => ref(i + 1, 'o', i % 2 ? 'a' : 'b'));
    const queries = issueStatesQueries(refs);
    assert.deepEqual(
      queries.map((q) => q.asked.length),
      [100, 100, 50],
    );
    assert.deepEqual(
      queries.map((q) => q.asked[0]?.ref.number),
      [1, 101, 201],
    );
    // Every issue asked once, over all the queries.
    assert.equal(new Set(queries.flatMap((q) => q.asked.map((a) => a.ref.url))).size, 250);
    const doubled = issueStatesQueries([...refs.slice(0, 200), ...refs.slice(0, 200).map((r) => ({ ...r, owner: 'O' }))]);
    assert.deepEqual(
      doubled.map((q) => q.asked.length),
      [100, 100],
    );
    assert.deepEqual(issueStatesQueries([]), []);
  });

  it('reads OPEN and CLOSED states, the first assignee, closedAt; a null issue or repository is absent', () => {
    const query = defined(issueStatesQueries([ref(12), ref(3), ref(12, 'o', 'other'), ref(5)])[0]);
    const data = {
      r0: {
        i12: { number: 12, title: 'Add an alert', url: 'https://github.com/o/r/issues/12', state: 'CLOSED', createdAt: '2026-03-02T10:00:00Z', closedAt: '2026-03-05T09:00:00Z', assignees: { nodes: [{ login: 'ada' }, { login: 'bo' }] } },
        i3: { number: 3, title: 'Raise the pool', url: 'https://github.com/o/r/issues/3', state: 'OPEN', createdAt: '2026-03-02T10:01:00Z', closedAt: null, assignees: { nodes: [null, { login: 'bo' }] } },
        i5: null,
      },
      r1: null,
    };
    const states = readIssueStates(query, data);
    assert.deepEqual(
      [...states],
      [
        ['o/r#12', { url: 'https://github.com/o/r/issues/12', title: 'Add an alert', state: 'closed', assignee: 'ada', createdAt: '2026-03-02T10:00:00Z', closedAt: '2026-03-05T09:00:00Z' }],
        ['o/r#3', { url: 'https://github.com/o/r/issues/3', title: 'Raise the pool', state: 'open', assignee: 'bo', createdAt: '2026-03-02T10:01:00Z' }],
      ],
    );
    assert.deepEqual(readIssueStates(query, { r0: { i12: { url: 'u', state: 'OPEN', assignees: { nodes: [] } } } }), new Map([['o/r#12', { url: 'u', title: '', state: 'open' }]]));
    assert.deepEqual(readIssueStates(query, null), new Map());
    assert.deepEqual(readIssueStates(query, { r0: null, r1: null }), new Map());
  });

  it('keys the states without case, as the record may write the link', () => {
    const query = defined(issueStatesQueries([ref(12, 'Octo', 'Repo')])[0]);
    const states = readIssueStates(query, { r0: { i12: { url: 'https://github.com/Octo/Repo/issues/12', state: 'CLOSED', title: 't' } } });
    assert.deepEqual([...states.keys()], ['octo/repo#12']);
  });
});

const NOW = new Date('2026-03-01T15:20:00Z');
const OPTIONS = { now: NOW, timeZone: 'UTC', entries: true };
const DETECTED = '- 14:10 UTC — Detected: alert in #alerts\n';

/** A record made with the built-in template: it has a Post-incident section and no Action items. */
function record(): string {
  const rendered = renderIncidentDocument(EXAMPLE_STATE, DEFAULT_TEMPLATE, 'Detected: alert in #alerts', { timeZone: 'UTC' });
  assert.ok(rendered.ok);
  assert.ok(rendered.text.includes(`## Timeline\n${DETECTED}\n## Recent Changes\n`), rendered.text);
  assert.ok(rendered.text.endsWith('\n## Post-incident\n'), rendered.text);
  return rendered.text;
}

/** The record with an Action items section of a team's template. */
function withActionItems(): string {
  return `${record()}\n## Action items\n- [ ] Add an alert\n- [ ] Raise the pool size\n\n## Lessons\nnone\n`;
}

function applied(text: string, change: RecordChange | undefined): string {
  if (!change) assert.fail('no change');
  if (!change.ok) assert.fail(`refused: ${change.error}`);
  return applyTextEdits(text, change.edits);
}

/** The text with a timeline entry after the detection line. */
function withEntries(text: string, ...entries: string[]): string {
  assert.ok(text.includes(DETECTED));
  return text.replace(DETECTED, DETECTED + entries.map((e) => `- 15:20 UTC — ${e}\n`).join(''));
}

function itemTitled(text: string, title: string): ChecklistItem {
  return defined(
    checklistItems(text).find((i) => i.title === title),
    title,
  );
}

describe('follow-ups: the record', () => {
  it('links an item of the record in place, with the entry "Follow-up created: [o/r#12](url) title"', () => {
    const text = withActionItems();
    const item = itemTitled(text, 'Add an alert');
    const result = applied(text, recordFollowUps(text, [{ issue: ref(12), title: 'Add an alert', item }], OPTIONS));
    const expected = withEntries(text, `Follow-up created: ${link(12)} Add an alert`).replace('\n- [ ] Add an alert\n', `\n- [ ] ${link(12)} Add an alert\n`);
    assert.equal(result, expected);
    assert.ok(result.includes(`## Action items\n- [ ] ${link(12)} Add an alert\n- [ ] Raise the pool size\n\n## Lessons\n`), result);
  });

  it('adds an issue without an item under the record\'s Action items section, after its last item', () => {
    const text = withActionItems();
    const result = applied(text, recordFollowUps(text, [{ issue: ref(13), title: 'Rotate the keys' }], OPTIONS));
    const expected = withEntries(text, `Follow-up created: ${link(13)} Rotate the keys`).replace('- [ ] Raise the pool size\n', `- [ ] Raise the pool size\n- [ ] ${link(13)} Rotate the keys\n`);
    assert.equal(result, expected);
  });

  it('adds a "## Follow-ups" section at the end of a built-in record (Post-incident is not one)', () => {
    const text = record();
    const result = applied(text, recordFollowUps(text, [{ issue: ref(12), title: 'Add an alert' }], OPTIONS));
    assert.equal(result, `${withEntries(text, `Follow-up created: ${link(12)} Add an alert`)}\n## Follow-ups\n- [ ] ${link(12)} Add an alert\n`);
  });

  it('says "linked" for an issue a teammate had already created, and writes the entries in the order given', () => {
    const text = withActionItems();
    const item = itemTitled(text, 'Add an alert');
    const created: CreatedFollowUp[] = [
      { issue: ref(12), title: 'Add an alert', item, existing: true },
      { issue: ref(13), title: 'Other' },
    ];
    const result = applied(text, recordFollowUps(text, created, OPTIONS));
    const expected = withEntries(text, `Follow-up linked: ${link(12)} Add an alert`, `Follow-up created: ${link(13)} Other`)
      .replace('\n- [ ] Add an alert\n', `\n- [ ] ${link(12)} Add an alert\n`)
      .replace('- [ ] Raise the pool size\n', `- [ ] Raise the pool size\n- [ ] ${link(13)} Other\n`);
    assert.equal(result, expected);
  });

  it('does not add an issue the record already links (in any case), nor its entry', () => {
    const text = withActionItems().replace('- [ ] Add an alert', `- [ ] ${link(12)} Add an alert`);
    const item = itemTitled(text, 'Raise the pool size');
    const change = recordFollowUps(text, [{ issue: ref(12), title: 'Add an alert' }, { issue: ref(12, 'O', 'R'), title: 'Add an alert' }], OPTIONS);
    assert.ok(change.ok);
    assert.deepEqual(change.edits, []);
    // With a new one beside it, only the new one is written.
    const result = applied(text, recordFollowUps(text, [{ issue: ref(12), title: 'Add an alert' }, { issue: ref(14), title: 'Raise the pool size', item }], OPTIONS));
    assert.equal(result, withEntries(text, `Follow-up created: ${link(14)} Raise the pool size`).replace('- [ ] Raise the pool size\n', `- [ ] ${link(14)} Raise the pool size\n`));
  });

  it('entries: false writes no timeline entry', () => {
    const text = withActionItems();
    const item = itemTitled(text, 'Add an alert');
    const result = applied(text, recordFollowUps(text, [{ issue: ref(12), title: 'Add an alert', item }, { issue: ref(13), title: 'Other' }], { ...OPTIONS, entries: false }));
    assert.equal(result, text.replace('\n- [ ] Add an alert\n', `\n- [ ] ${link(12)} Add an alert\n`).replace('- [ ] Raise the pool size\n', `- [ ] Raise the pool size\n- [ ] ${link(13)} Other\n`));
  });

  it('links an item whose line moved since it was read (lines inserted above it)', () => {
    const read = withActionItems();
    const item = itemTitled(read, 'Add an alert');
    const text = read.replace('## Action items\n', '## Action items\n- [ ] New one\n- [ ] Another\n');
    const moved = defined(currentItem(text, item));
    assert.equal(moved.line, item.line + 2);
    const result = applied(text, recordFollowUps(text, [{ issue: ref(12), title: 'Add an alert', item }], { ...OPTIONS, entries: false }));
    assert.equal(result, text.replace('- [ ] Another\n- [ ] Add an alert\n', `- [ ] Another\n- [ ] ${link(12)} Add an alert\n`));
  });

  it('currentItem: the item on its line, the same text elsewhere, nothing when it is gone or already links an issue', () => {
    const text = withActionItems();
    const item = itemTitled(text, 'Add an alert');
    assert.deepEqual(currentItem(text, item), item);
    assert.equal(currentItem(text.replace('- [ ] Add an alert\n', ''), item), undefined);
    assert.equal(currentItem(text.replace('- [ ] Add an alert', `- [ ] ${link(9)} Add an alert`), item), undefined);
    // The item's text edited since: it is gone, and the issue gets a line of its own.
    const edited = text.replace('- [ ] Add an alert', '- [ ] Add an alert on p99');
    assert.equal(currentItem(edited, item), undefined);
    const result = applied(edited, recordFollowUps(edited, [{ issue: ref(12), title: 'Add an alert', item }], { ...OPTIONS, entries: false }));
    assert.equal(result, edited.replace('- [ ] Raise the pool size\n', `- [ ] Raise the pool size\n- [ ] ${link(12)} Add an alert\n`));
  });

  it('links two items with the same text to their own issues after lines moved above them', () => {
    const read = `${record()}\n## Action items\n- [ ] TBD\n- [ ] TBD\n`;
    const [first, second] = checklistItems(read).filter((i) => i.title === 'TBD');
    const text = read.replace('## Action items\n', '## Action items\n- [ ] inserted\n');
    const created: CreatedFollowUp[] = [
      { issue: ref(1), title: 'TBD', item: defined(first) },
      { issue: ref(2), title: 'TBD', item: defined(second) },
    ];
    const result = applied(text, recordFollowUps(text, created, { ...OPTIONS, entries: false }));
    assert.equal(result, text.replace('- [ ] TBD\n- [ ] TBD\n', `- [ ] ${link(1)} TBD\n- [ ] ${link(2)} TBD\n`));
  });

  it('keeps a CRLF record\'s line endings', () => {
    const text = withActionItems().replace(/\n/g, '\r\n');
    const item = itemTitled(text, 'Add an alert');
    const result = applied(text, recordFollowUps(text, [{ issue: ref(12), title: 'Add an alert', item }, { issue: ref(13), title: 'New' }], OPTIONS));
    const expected = withEntries(withActionItems(), `Follow-up created: ${link(12)} Add an alert`, `Follow-up created: ${link(13)} New`)
      .replace('\n- [ ] Add an alert\n', `\n- [ ] ${link(12)} Add an alert\n`)
      .replace('- [ ] Raise the pool size\n', `- [ ] Raise the pool size\n- [ ] ${link(13)} New\n`)
      .replace(/\n/g, '\r\n');
    assert.equal(result, expected);
  });

  it('refuses a document that is not a record, naming why', () => {
    assert.deepEqual(recordFollowUps('# notes\n', [{ issue: ref(12), title: 'x' }], OPTIONS), { ok: false, error: 'no front matter (the document must start with a --- block)' });
  });
});

describe('follow-ups: ticking closed ones', () => {
  const closed = (n: number, owner = 'o', repo = 'r'): [string, IssueState] => [`${owner}/${repo}#${n}`.toLowerCase(), { url: ref(n, owner, repo).url, title: 't', state: 'closed' }];
  const open = (n: number): [string, IssueState] => [`o/r#${n}`, { url: ref(n).url, title: 't', state: 'open' }];

  function followUps(): string {
    return `${record()}\n## Follow-ups\n- [ ] ${link(12)} Add an alert\n- [ ] ${link(13)} Raise the pool\n- [x] ${link(14)} Done already\n- [ ] ${link(15, 'O', 'R')} Upper case\n- [ ] Not linked\n`;
  }

  it('ticks only closed, unchecked follow-ups, with one "Follow-up closed: …" entry each', () => {
    const text = followUps();
    const states = new Map([closed(12), open(13), closed(14), closed(15), closed(16)]);
    const result = applied(text, tickClosedFollowUps(text, states, OPTIONS));
    const expected = withEntries(text, `Follow-up closed: ${link(12)} Add an alert`, `Follow-up closed: ${link(15, 'O', 'R')} Upper case`)
      .replace(`- [ ] ${link(12)}`, `- [x] ${link(12)}`)
      .replace(`- [ ] ${link(15, 'O', 'R')}`, `- [x] ${link(15, 'O', 'R')}`);
    assert.equal(result, expected);
    // Once ticked, nothing is left to tick.
    assert.equal(tickClosedFollowUps(result, states, OPTIONS), undefined);
  });

  it("dates the entry when GitHub says the issue was closed, not when it was noticed (a later time, or none, is now)", () => {
    const text = followUps();
    const at = (n: number, closedAt: string): [string, IssueState] => [`o/r#${n}`, { url: ref(n).url, title: 't', state: 'closed', closedAt }];
    const result = applied(text, tickClosedFollowUps(text, new Map([at(12, '2026-03-01T14:40:00Z'), at(13, '2026-03-01T16:00:00Z')]), OPTIONS));
    assert.ok(result.includes(`- 14:40 UTC — Follow-up closed: ${link(12)} Add an alert\n`), result);
    assert.ok(result.includes(`- 15:20 UTC — Follow-up closed: ${link(13)} Raise the pool\n`), result);
    const earlier = applied(text, tickClosedFollowUps(text, new Map([at(12, '2026-02-27T09:05:00Z')]), OPTIONS));
    assert.ok(earlier.includes(`- 2026-02-27 09:05 UTC — Follow-up closed: ${link(12)} Add an alert\n`), earlier);
  });

  it('entries: false only ticks', () => {
    const text = followUps();
    const result = applied(text, tickClosedFollowUps(text, new Map([closed(13)]), { ...OPTIONS, entries: false }));
    assert.equal(result, text.replace(`- [ ] ${link(13)}`, `- [x] ${link(13)}`));
  });

  it('returns undefined when nothing is closed, already ticked, or unknown', () => {
    const text = followUps();
    assert.equal(tickClosedFollowUps(text, new Map([open(12), open(13), closed(14)]), OPTIONS), undefined);
    assert.equal(tickClosedFollowUps(text, new Map(), OPTIONS), undefined);
    assert.equal(tickClosedFollowUps(record(), new Map([closed(12)]), OPTIONS), undefined);
  });

  it('ticks a follow-up written as the extension writes it, read back from the record', () => {
    const text = applied(record(), recordFollowUps(record(), [{ issue: ref(12), title: 'Add an alert' }], OPTIONS));
    const line = defined(checklistItems(text).find((i) => i.issue?.number === 12)).line;
    const result = applied(text, tickClosedFollowUps(text, new Map([closed(12)]), { ...OPTIONS, entries: false }));
    assert.equal(checklistItemAt(result, line)?.checked, true);
    assert.ok(result.endsWith(`\n## Follow-ups\n- [x] ${link(12)} Add an alert\n`), result);
  });
});
