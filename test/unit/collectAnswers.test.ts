import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { answeredCollectSteps } from '../../src/core/incident/collectAnswers';
import type { NewIncident } from '../../src/core/incident/incident';
import { DEFAULT_TEMPLATE, renderIncidentDocument } from '../../src/core/incident/incidentDocument';
import { runbookRoles } from '../../src/core/incident/roles';
import { rolesAtStart } from '../../src/core/incident/rolesAtStart';
import { parseRunbook } from '../../src/core/runbook/parseRunbook';
import { buildViewTree, type ViewNode } from '../../src/core/runbook/treeModel';
import { requireSeeds } from './seeds';

const ROOT = 'file:///ws/runbooks/incident-response.md';
const SAMPLE = parseRunbook(readFileSync(join(__dirname, '..', '..', 'sample', 'runbooks', 'incident-response.md'), 'utf8'));

const INCIDENT: NewIncident = {
  title: 'Parcel tracking 500s',
  startedAt: '2026-03-01T13:40:00.000Z',
  detectedAt: '2026-03-01T14:05:00.000Z',
  severity: 2,
  impact: 'customers cannot track parcels',
  affected: '12%',
  errorTypes: ['500s', 'timeouts'],
  systems: ['Tracking API'],
  roles: {},
};

/** The labels of the rows the Playbook would show checked, given these progress keys. */
function checkedLabels(runbook: ReturnType<typeof parseRunbook>, keys: readonly string[]): string[] {
  const rows = buildViewTree(runbook, ROOT, { isDone: (id, root) => keys.includes(id.slice(root.length)) });
  const checked: string[] = [];
  const visit = (list: readonly ViewNode[]) => list.forEach((row) => (row.checked && checked.push(row.label), visit(row.children)));
  visit(rows);
  return checked;
}

describe('the Collect items a new incident answers', () => {
  it('ticks impact, error type, systems and timeframe of the sample, each with a short entry, keyed as the Playbook keys them', () => {
    const answered = answeredCollectSteps(SAMPLE, ROOT, INCIDENT, 'UTC');
    assert.deepEqual(
      answered.map((a) => a.text),
      ['Collected impact: 12% — customers cannot track parcels', 'Collected error type: 500s, timeouts', 'Collected systems: Tracking API', 'Collected timeframe: going on for 25m (since 13:40 UTC)'],
    );
    assert.deepEqual(checkedLabels(SAMPLE, answered.map((a) => a.key)), answered.map((a) => a.label));
    assert.match(answered[0]?.label ?? '', /^1 Impact: How many customers/);
    assert.ok(answered.every((a) => a.key.startsWith('/') && !a.key.includes(ROOT)), 'keys without the runbook\'s URI, the same on every machine');
  });

  it('leaves unanswered questions open: no impact, no error type, no system, and a start of "now" is no timeframe', () => {
    const bare: NewIncident = { ...INCIDENT, impact: '', errorTypes: [], systems: [], startedAt: INCIDENT.detectedAt };
    assert.deepEqual(answeredCollectSteps(SAMPLE, ROOT, { ...bare, affected: undefined } as NewIncident), []);
    assert.deepEqual(answeredCollectSteps(SAMPLE, ROOT, bare).map((a) => a.text), ['Collected impact: 12%']);
  });

  it('finds nothing in a runbook without a Collect step, and only steps in it (a checklist box is the runbook\'s own text)', () => {
    assert.deepEqual(answeredCollectSteps(parseRunbook('# Plan\n\n## Triage\n1. Impact: who?\n'), ROOT, INCIDENT), []);
    const checklist = parseRunbook('# Plan\n\n## Collect\n- [ ] Impact: who?\n2. Systems: which?\n');
    assert.deepEqual(answeredCollectSteps(checklist, ROOT, INCIDENT).map((a) => a.text), ['Collected systems: Tracking API']);
  });

  it('clips a long answer', () => {
    const [impact] = answeredCollectSteps(SAMPLE, ROOT, { ...INCIDENT, affected: undefined, impact: 'x'.repeat(500) } as NewIncident);
    assert.equal(impact?.text.length, 'Collected impact: '.length + 120);
    assert.ok(impact?.text.endsWith('…'));
  });

  it('puts the entries right after the declaration in the new record', () => {
    const answered = answeredCollectSteps(SAMPLE, ROOT, INCIDENT, 'UTC');
    const state = { ...(INCIDENT as Omit<NewIncident, 'template'>), id: 'x', status: 'investigating' as const, progress: answered.map((a) => a.key) };
    const rendered = renderIncidentDocument(state, DEFAULT_TEMPLATE, 'Incident declared.', { timeZone: 'UTC', more: answered.map((a) => a.text) });
    assert.ok(rendered.ok);
    const timeline = rendered.text.slice(rendered.text.indexOf('## Timeline\n') + 12, rendered.text.indexOf('\n\n## Recent Changes'));
    assert.deepEqual(timeline.split('\n'), ['- 14:05 UTC — Incident declared.', ...answered.map((a) => `- 14:05 UTC — ${a.text}`)]);
  });

  it('ticks the Collect items of the real incident response plan', function () {
    const seed = requireSeeds(this).find((s) => /^001_/.test(s.name));
    if (!seed) this.skip();
    const runbook = parseRunbook(seed.text);
    const answered = answeredCollectSteps(runbook, ROOT, INCIDENT, 'UTC');
    assert.deepEqual(answered.map((a) => a.text.slice(0, a.text.indexOf(':'))), ['Collected impact', 'Collected error type', 'Collected systems', 'Collected timeframe']);
    assert.deepEqual(checkedLabels(runbook, answered.map((a) => a.key)), answered.map((a) => a.label));
    assert.deepEqual(answered.map((a) => a.label.split(':')[0]), ['1 Impact', '2 Error Type', '3 System', '4 Timeframe']);
  });
});

describe('the roles a new incident starts with', () => {
  const roles = runbookRoles(SAMPLE);

  it('takes Coordinator and Technical lead from the runbook\'s contacts when the request does not mention them', () => {
    assert.deepEqual(rolesAtStart(undefined, {}, roles), { coordinator: 'Priya Raman', technicalLead: 'Tomás Ortega' });
    assert.deepEqual(rolesAtStart({ coordinator: 'Sam' }, { coordinator: 'Sam' }, roles), { coordinator: 'Sam', technicalLead: 'Tomás Ortega' });
  });

  it('reads a role given empty (a cleared field) as nobody', () => {
    assert.deepEqual(rolesAtStart({ coordinator: '', technicalLead: 'Ines' }, { technicalLead: 'Ines' }, roles), { technicalLead: 'Ines' });
    assert.deepEqual(rolesAtStart({ coordinator: '', technicalLead: '' }, {}, roles), {});
    assert.deepEqual(rolesAtStart({ Coordinator: '', 'Technical Lead': 'Ines' }, { technicalLead: 'Ines' }, roles), { technicalLead: 'Ines' });
  });

  it('has no default without a runbook', () => {
    assert.deepEqual(rolesAtStart(undefined, {}, runbookRoles(undefined)), {});
  });
});
