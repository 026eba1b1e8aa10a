import * as assert from 'node:assert/strict';
import { readIncident } from '../../src/core/incident/frontMatter';
import { roleKey, roleLabel, validateIncidentInput } from '../../src/core/incident/incident';
import { changeIncident, resolveRecord } from '../../src/core/incident/recordEdits';
import { applyTextEdits } from '../../src/core/incident/textEdits';
import { entryTime, timelineEdits } from '../../src/core/incident/timeline';

const HEAD = '---\nid: a\ntitle: T\nstatus: active\nstartedAt: 2026-03-01T14:05:00.000Z\n---\n# T\n';
const at = (hhmm: string, day = '2026-03-01') => new Date(`${day}T${hhmm}:00Z`);

function insert(body: string, entries: { at: Date; text: string }[]): string {
  const text = HEAD + body;
  return applyTextEdits(text, timelineEdits(text, entries, '2026-03-01T14:05:00.000Z', 'UTC')).slice(HEAD.length);
}

describe('the timeline, in time order', () => {
  it('appends an entry later than every other after the section\'s last line', () => {
    assert.equal(insert('## Timeline\n- 14:05 UTC — Declared.\n\n## Next\n', [{ at: at('14:20'), text: 'Identified' }]), '## Timeline\n- 14:05 UTC — Declared.\n- 14:20 UTC — Identified\n\n## Next\n');
  });

  it('puts an earlier entry before the first later one, never moving a person\'s own lines', () => {
    const body = '## Timeline\n- 14:05 UTC — Declared.\nCalled Ada on the phone.\n- 14:30 UTC — Rolled back.\n  - a note under it\n- 15:00 UTC — Monitoring.\n';
    assert.equal(
      insert(body, [{ at: at('14:40'), text: 'Resolved after 35m.' }]),
      '## Timeline\n- 14:05 UTC — Declared.\nCalled Ada on the phone.\n- 14:30 UTC — Rolled back.\n  - a note under it\n- 14:40 UTC — Resolved after 35m.\n- 15:00 UTC — Monitoring.\n',
    );
  });

  it('keeps entries of the same minute in the order they were written, and several entries of one action in time order', () => {
    const body = '## Timeline\n- 14:05 UTC — Declared.\n- 14:20 UTC — A.\n';
    assert.equal(insert(body, [{ at: at('14:20'), text: 'B.' }, { at: at('14:10'), text: 'Early.' }]), '## Timeline\n- 14:05 UTC — Declared.\n- 14:10 UTC — Early.\n- 14:20 UTC — A.\n- 14:20 UTC — B.\n');
  });

  it('reads dated entries of later days, and leaves entries in another time zone where they are', () => {
    assert.deepEqual(entryTime('- 2026-03-02 09:10 CET — x', '2026-03-01'), { key: '2026-03-02 09:10', zone: 'CET' });
    assert.deepEqual(entryTime('- 9:10 UTC — x', '2026-03-01'), { key: '2026-03-01 09:10', zone: 'UTC' });
    assert.equal(entryTime('- Called Ada — no answer', '2026-03-01'), undefined);
    const body = '## Timeline\n- 14:05 UTC — Declared.\n- 2026-03-02 08:00 UTC — Next day.\n- 23:59 PST — elsewhere.\n';
    assert.equal(insert(body, [{ at: at('23:00'), text: 'Late.' }]), '## Timeline\n- 14:05 UTC — Declared.\n- 23:00 UTC — Late.\n- 2026-03-02 08:00 UTC — Next day.\n- 23:59 PST — elsewhere.\n');
  });

  it('adds the section to a record that lacks one, and keeps Windows line endings', () => {
    assert.equal(insert('notes\n', [{ at: at('14:20'), text: 'X.' }]), 'notes\n\n## Timeline\n- 14:20 UTC — X.\n');
    assert.equal(insert('notes', [{ at: at('14:20'), text: 'X.' }, { at: at('14:21'), text: 'Y.' }]), 'notes\n\n## Timeline\n- 14:20 UTC — X.\n- 14:21 UTC — Y.\n');
    const crlf = insert('## Timeline\r\n- 14:05 UTC — Declared.\r\n', [{ at: at('14:20'), text: 'X.' }]);
    assert.equal(crlf, '## Timeline\r\n- 14:05 UTC — Declared.\r\n- 14:20 UTC — X.\r\n');
  });

  it('stays linear on a hostile timeline line', () => {
    const line = `- 1:${'0'.repeat(50_000)} ${' '.repeat(50_000)}x`;
    const started = performance.now();
    entryTime(line, '2026-03-01');
    assert.ok(performance.now() - started < 1000);
  });
});

describe('one action, one change of the record', () => {
  it('writes the new state and its entry together, and refuses without changing anything', () => {
    const text = `${HEAD}## Timeline\n- 14:05 UTC — Declared.\n`;
    const change = changeIncident(text, (s) => ({ state: { ...s, status: 'identified' }, entries: [{ at: at('14:30'), text: 'Identified — bad deploy' }] }), 'UTC');
    assert.ok(change.ok);
    const after = applyTextEdits(text, change.edits);
    assert.match(after, /\nstatus: identified\n/);
    assert.match(after, /- 14:30 UTC — Identified — bad deploy\n$/);
    assert.equal(after.split('\n')[change.ok ? after.slice(0, change.focus).split('\n').length - 1 : 0], '- 14:30 UTC — Identified — bad deploy');
    const refused = changeIncident(text, () => ({ error: 'status: "fixed" is not a status' }));
    assert.deepEqual(refused, { ok: false, error: 'status: "fixed" is not a status' });
  });

  it('leaves the front matter alone when only an entry is added', () => {
    const text = `${HEAD}## Timeline\n`;
    const change = changeIncident(text, (s) => ({ state: s, entries: [{ at: at('14:30'), text: 'Notification copied' }] }), 'UTC');
    assert.ok(change.ok);
    assert.equal(change.edits.length, 1);
    assert.ok((change.edits[0]?.start ?? 0) > HEAD.length);
  });

  it('reads a record written before status stages ("active") as investigating', () => {
    const read = readIncident(HEAD);
    assert.ok(read.ok);
    assert.equal(read.state.status, 'investigating');
    assert.match((readIncident(HEAD.replace('active', 'fixed')) as { error: string }).error, /status is "fixed"; it must be one of investigating, identified, monitoring, resolved, declined/);
  });

  it('resolves at an earlier time, placing its entry there, and refuses a time before the start or in the future', () => {
    const text = `${HEAD}## Timeline\n- 14:05 UTC — Declared.\n- 14:50 UTC — Still looking.\n`;
    const now = at('15:00');
    const change = resolveRecord(text, { summary: 'ok', now, resolvedAt: at('14:40'), checklist: [], timeZone: 'UTC' });
    assert.ok(change.ok);
    assert.equal(change.state.resolvedAt, '2026-03-01T14:40:00.000Z');
    assert.match(applyTextEdits(text, change.edits), /- 14:05 UTC — Declared\.\n- 14:40 UTC — Resolved after 35m\.\n- 14:50 UTC/);
    assert.deepEqual(resolveRecord(text, { summary: 'ok', now, resolvedAt: at('13:00'), checklist: [] }), { ok: false, error: 'resolvedAt is before the incident started' });
    assert.deepEqual(resolveRecord(text, { summary: 'ok', now, resolvedAt: at('16:00'), checklist: [] }), { ok: false, error: 'resolvedAt is in the future' });
  });
});

describe('role keys', () => {
  it('turn a role\'s name into its front-matter key and back', () => {
    assert.equal(roleKey('Technical Lead'), 'technicalLead');
    assert.equal(roleKey('  Communications lead: '), 'communicationsLead');
    assert.equal(roleKey('technicalLead'), 'technicalLead', 'a key is its own key');
    assert.equal(roleLabel('technicalLead'), 'Technical lead');
    assert.equal(roleLabel('coordinator'), 'Coordinator');
  });

  it('a start request keeps every role it names, by key, and refuses roles that are not names', () => {
    const now = new Date('2026-03-01T15:00:00Z');
    const ok = validateIncidentInput({ title: 'T', roles: { coordinator: 'Ada', 'Communications Lead': 'Lin', technicalLead: 'Grace', scribe: '' } }, now);
    assert.ok(ok.ok);
    assert.deepEqual(ok.value.roles, { coordinator: 'Ada', communicationsLead: 'Lin', technicalLead: 'Grace' });
    const bad = validateIncidentInput({ title: 'T', roles: { coordinator: 42 } }, now);
    assert.ok(!bad.ok);
    assert.equal(bad.errors[0]?.field, 'roles');
  });
});
