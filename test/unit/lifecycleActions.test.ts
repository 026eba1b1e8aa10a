import * as assert from 'node:assert/strict';
import { readIncident } from '../../src/core/incident/frontMatter';
import { type ActionResult, assignRole, entryOnly, parseResolvedAt, reopen, setSeverity, setStatus } from '../../src/core/incident/incidentActions';
import { changeIncident, type IncidentAction } from '../../src/core/incident/recordEdits';
import { runbookRoles } from '../../src/core/incident/roles';
import { applyTextEdits } from '../../src/core/incident/textEdits';
import { parseRunbook } from '../../src/core/runbook/parseRunbook';
import { EXAMPLE_STATE } from './exampleIncident';

const NOW = new Date('2026-03-01T14:30:00Z');


const RUNBOOK = parseRunbook('# Incident response\n\n## Points of Contact\n\n#### Technical Lead: leads the debugging.\n- Name: Tomás Ortega\n- Slack Handle: @tomas\n\n#### Communications lead:\n- Name: Lin Wu\n- Slack Handle: @lin\n');
const ROLES = runbookRoles(RUNBOOK);

function ok(result: ActionResult): IncidentAction {
  if ('error' in result) assert.fail(`refused: ${result.error}`);
  return result;
}

describe('status stages', () => {
  it('moves to Identified with the entry "Identified — note", and without a note just "Identified"', () => {
    const action = ok(setStatus(EXAMPLE_STATE, 'identified', '  bad   deploy of the gateway ', NOW));
    assert.equal(action.state.status, 'identified');
    assert.deepEqual(action.entries, [{ at: NOW, text: 'Identified — bad deploy of the gateway' }]);
    assert.deepEqual(ok(setStatus(EXAMPLE_STATE, 'monitoring', undefined, NOW)).entries, [{ at: NOW, text: 'Monitoring' }]);
  });

  it('declines as a false alarm: closed, resolvedAt now', () => {
    const action = ok(setStatus(EXAMPLE_STATE, 'declined', 'synthetic check misfired', NOW));
    assert.equal(action.state.status, 'declined');
    assert.equal(action.state.resolvedAt, NOW.toISOString());
    assert.equal(action.entries[0]?.text, 'Declined — synthetic check misfired');
  });

  it('refuses an unknown status, naming the field and the stages', () => {
    assert.deepEqual(setStatus(EXAMPLE_STATE, 'fixed', undefined, NOW), { error: 'status: "fixed" is not one of investigating, identified, monitoring, resolved, declined' });
    assert.match((setStatus(EXAMPLE_STATE, undefined, undefined, NOW) as { error: string }).error, /^status: \(missing\) is not one of/);
    assert.match((setStatus(EXAMPLE_STATE, 3, undefined, NOW) as { error: string }).error, /^status: 3 is not one of/);
  });

  it('refuses the stage it already has, a closed incident, a note that is not text, and sends Resolved to the resolve path', () => {
    assert.deepEqual(setStatus(EXAMPLE_STATE, 'investigating', 'x', NOW), { error: 'status: the incident is already Investigating' });
    assert.match((setStatus({ ...EXAMPLE_STATE, status: 'resolved' }, 'identified', undefined, NOW) as { error: string }).error, /^status: the incident is already resolved; reopen it first/);
    assert.deepEqual(setStatus(EXAMPLE_STATE, 'identified', { text: 'x' }, NOW), { error: 'note: must be text' });
    assert.match((setStatus(EXAMPLE_STATE, 'resolved', 'x', NOW) as { error: string }).error, /^status: .*resolve the incident/);
  });
});

describe('severity', () => {
  it('changes with the entry "Severity 2 → 1 — reason", from a number or its text', () => {
    const action = ok(setSeverity(EXAMPLE_STATE, 1, 'all regions', NOW));
    assert.equal(action.state.severity, 1);
    assert.deepEqual(action.entries, [{ at: NOW, text: 'Severity 2 → 1 — all regions' }]);
    assert.equal(ok(setSeverity(EXAMPLE_STATE, '4', undefined, NOW)).entries[0]?.text, 'Severity 2 → 4');
  });

  it('refuses out of range, fractions, text and the same severity, naming severity', () => {
    for (const bad of [0, 5, 1.5, 'high', '', null, undefined]) assert.match((setSeverity(EXAMPLE_STATE, bad, undefined, NOW) as { error: string }).error, /^severity: .* is not 1, 2, 3 or 4$/, String(bad));
    assert.deepEqual(setSeverity(EXAMPLE_STATE, 2, undefined, NOW), { error: 'severity: the incident is already Sev 2' });
  });
});

describe('roles', () => {
  it('the runbook\'s roles: Coordinator, Technical lead, then its contacts\' roles', () => {
    assert.deepEqual(
      ROLES.map((r) => [r.key, r.label, r.contact]),
      [
        ['coordinator', 'Coordinator', undefined],
        ['technicalLead', 'Technical lead', 'Tomás Ortega'],
        ['communicationsLead', 'Communications lead', 'Lin Wu'],
      ],
    );
  });

  it('assigns by key or by label, and says who it was handed from', () => {
    const first = ok(assignRole(EXAMPLE_STATE, ROLES, 'Technical Lead', 'Tomás Ortega', NOW));
    assert.deepEqual(first.state.roles, { coordinator: 'Ada', technicalLead: 'Tomás Ortega' });
    assert.equal(first.entries[0]?.text, 'Technical lead: Tomás Ortega');
    const handed = ok(assignRole(EXAMPLE_STATE, ROLES, 'coordinator', ' Grace  Hopper ', NOW));
    assert.deepEqual(handed.state.roles, { coordinator: 'Grace Hopper' });
    assert.equal(handed.entries[0]?.text, 'Coordinator: handed from Ada to Grace Hopper');
    assert.equal(ok(assignRole(EXAMPLE_STATE, ROLES, 'communicationsLead', 'Lin Wu', NOW)).entries[0]?.text, 'Communications lead: Lin Wu');
  });

  it('keeps a role the incident holds that the runbook no longer defines', () => {
    const state = { ...EXAMPLE_STATE, roles: { ...EXAMPLE_STATE.roles, scribe: 'Bo' } };
    assert.equal(ok(assignRole(state, ROLES, 'Scribe', 'Cy', NOW)).entries[0]?.text, 'Scribe: handed from Bo to Cy');
  });

  it('refuses an unknown role listing the valid ones, an empty name, and the holder it already has', () => {
    assert.deepEqual(assignRole(EXAMPLE_STATE, ROLES, 'Janitor', 'X', NOW), { error: 'role: "Janitor" is not a role of this incident; use Coordinator, Technical lead, Communications lead' });
    assert.match((assignRole(EXAMPLE_STATE, ROLES, 'coordinator', '   ', NOW) as { error: string }).error, /^name: who is the Coordinator\? A name is required$/);
    assert.match((assignRole(EXAMPLE_STATE, ROLES, 'coordinator', undefined, NOW) as { error: string }).error, /^name: /);
    assert.deepEqual(assignRole(EXAMPLE_STATE, ROLES, 'coordinator', 'Ada', NOW), { error: 'name: Ada is already the Coordinator' });
  });
});

describe('reopen', () => {
  it('sets a resolved incident back to Investigating without resolvedAt, with the entry "Reopened — note"', () => {
    const action = ok(reopen({ ...EXAMPLE_STATE, status: 'resolved', resolvedAt: '2026-03-01T14:20:00.000Z' }, 'errors are back', NOW));
    assert.equal(action.state.status, 'investigating');
    assert.ok(!('resolvedAt' in action.state));
    assert.deepEqual(action.entries, [{ at: NOW, text: 'Reopened — errors are back' }]);
    assert.equal(ok(reopen({ ...EXAMPLE_STATE, status: 'declined', resolvedAt: NOW.toISOString() }, undefined, NOW)).entries[0]?.text, 'Reopened');
  });

  it('refuses an incident that is still active', () => {
    assert.deepEqual(reopen({ ...EXAMPLE_STATE, status: 'monitoring' }, undefined, NOW), { error: 'status: the incident is not closed; it is Monitoring' });
  });
});

describe('the resolve time', () => {
  it('reads ISO, local and relative times; empty is now', () => {
    assert.deepEqual(parseResolvedAt(undefined, NOW), {});
    assert.deepEqual(parseResolvedAt('', NOW), {});
    assert.equal((parseResolvedAt('2026-03-01T14:20Z', NOW) as { date: Date }).date.toISOString(), '2026-03-01T14:20:00.000Z');
    assert.equal((parseResolvedAt('10 minutes ago', NOW) as { date: Date }).date.toISOString(), '2026-03-01T14:20:00.000Z');
  });

  it('names resolvedAt when the time cannot be read', () => {
    assert.match((parseResolvedAt('teatime', NOW) as { error: string }).error, /^resolvedAt: "teatime" is not a time: use an ISO 8601/);
    assert.match((parseResolvedAt(12, NOW) as { error: string }).error, /^resolvedAt: 12 is not a time/);
    assert.match((parseResolvedAt('2026-03-01T18:00Z', NOW) as { error: string }).error, /^resolvedAt: .* is in the future/);
  });
});

describe('an action written to the record', () => {
  const TEXT = '---\nid: a\ntitle: T\nstatus: investigating\nstartedAt: 2026-03-01T14:05:00.000Z\nseverity: 2\nroles:\n  coordinator: Ada\n---\n# T\n\n## Timeline\n- 14:05 UTC — Declared.\n\n## Notes\n';

  it('changes the front matter and adds one entry, in one set of edits', () => {
    const change = changeIncident(TEXT, (s) => setStatus(s, 'identified', 'bad deploy', NOW), 'UTC');
    assert.ok(change.ok);
    const after = applyTextEdits(TEXT, change.edits);
    assert.match(after, /\nstatus: identified\n/);
    assert.match(after, /- 14:05 UTC — Declared\.\n- 14:30 UTC — Identified — bad deploy\n\n## Notes/);
    const reread = readIncident(after);
    assert.ok(reread.ok);
    assert.equal(reread.state.status, 'identified');
  });

  it('a reopened record has no resolve time', () => {
    const decline = changeIncident(TEXT, (s) => setStatus(s, 'declined', undefined, NOW), 'UTC');
    assert.ok(decline.ok);
    const closed = applyTextEdits(TEXT, decline.edits);
    assert.match(closed, /\nresolvedAt: 2026-03-01T14:30:00\.000Z\n/);
    const change = changeIncident(closed, (s) => reopen(s, undefined, NOW), 'UTC');
    assert.ok(change.ok);
    const after = applyTextEdits(closed, change.edits);
    assert.match(after, /\nstatus: investigating\n/);
    assert.match(after, /\nresolvedAt: null\n/, 'unset, as in a new record');
    const reread = readIncident(after);
    assert.ok(reread.ok && reread.state.resolvedAt === undefined);
  });

  it('an entry alone leaves the front matter untouched', () => {
    const change = changeIncident(TEXT, (s) => entryOnly(s, 'Copied the resolved message', NOW), 'UTC');
    assert.ok(change.ok);
    assert.equal(change.edits.length, 1);
  });
});
