import * as assert from 'node:assert/strict';
import { escalationTimers } from '../../src/core/incident/escalation';
import { formatElapsed, type IncidentState, incidentFileName, parseStartTime, slugify, validateIncidentInput } from '../../src/core/incident/incident';
import { DEFAULT_TEMPLATE, insertUnderSection, renderIncidentDocument } from '../../src/core/incident/incidentDocument';
import { readIncident, withState } from '../../src/core/incident/frontMatter';
import { fillNotification, findNotificationTemplate, unfilledMark } from '../../src/core/incident/notification';
import { parseRunbook } from '../../src/core/runbook/parseRunbook';
import { requireSeeds } from './seeds';

const NOW = new Date('2026-03-01T14:30:00Z');

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
  systems: ['Travel Pay API', 'Claims CRM'],
  roles: { coordinator: 'Ada', technicalLead: 'Grace' },
  runbook: 'runbooks/incident-response.md',
  progress: [],
};

describe('incident input', () => {
  it('accepts a full argument object and fills defaults', () => {
    const result = validateIncidentInput({ title: ' Travel Pay 500s ', errorTypes: ['500s', 'timeouts'], systems: 'API, CRM', startedAt: '25 minutes ago', severity: 2, affected: '12%' }, NOW);
    assert.ok(result.ok);
    assert.equal(result.value.title, 'Travel Pay 500s');
    assert.equal(result.value.startedAt, '2026-03-01T14:05:00.000Z');
    assert.deepEqual(result.value.systems, ['API', 'CRM']);
    assert.equal(result.value.severity, 2);
  });

  it('names every bad field', () => {
    const result = validateIncidentInput({ title: '', errorTypes: ['502s'], severity: 7, startedAt: 'tomorrow', affected: 'lots' }, NOW);
    assert.ok(!result.ok);
    assert.deepEqual(result.errors.map((e) => e.field).sort(), ['affected', 'errorTypes', 'severity', 'startedAt', 'title']);
    assert.match(result.errors.find((e) => e.field === 'errorTypes')?.message ?? '', /"502s"/);
  });

  it('parses start times: now, relative, local, ISO with offset; refuses the future and nonsense', () => {
    assert.equal((parseStartTime('', NOW) as { date: Date }).date.getTime(), NOW.getTime());
    assert.equal((parseStartTime('2 hours ago', NOW) as { date: Date }).date.toISOString(), '2026-03-01T12:30:00.000Z');
    assert.equal((parseStartTime('2026-03-01T15:05+01:00', NOW) as { date: Date }).date.toISOString(), '2026-03-01T14:05:00.000Z');
    assert.ok(parseStartTime('2026-03-01T09:00', NOW).ok);
    assert.match((parseStartTime('2026-03-02T09:00Z', NOW) as { message: string }).message, /in the future/);
    assert.match((parseStartTime('yesterday-ish', NOW) as { message: string }).message, /not a start time/);
    assert.ok(!parseStartTime('2026-02-30T09:00', NOW).ok, 'February 30th');
  });

  it('makes slugs and file names from the UTC start', () => {
    assert.equal(slugify('Travel Pay: 500s & Timeouts!'), 'travel-pay-500s-timeouts');
    assert.equal(slugify('Café crème'), 'cafe-creme');
    assert.equal(slugify('🔥🔥'), 'incident');
    assert.equal(incidentFileName('2026-03-01T14:05:00.000Z', 'Travel Pay 500s'), '2026-03-01-1405-travel-pay-500s.md');
  });

  it('formats elapsed time', () => {
    assert.deepEqual([formatElapsed(23), formatElapsed(65), formatElapsed(1500)], ['23m', '1h 05m', '1d 1h']);
  });
});

describe('the traceability document', () => {
  it('renders front matter and the sections, with the detection as the first timeline entry', () => {
    const rendered = renderIncidentDocument(STATE, DEFAULT_TEMPLATE, 'Detected: alert in #alerts', { timeZone: 'UTC' });
    assert.ok(rendered.ok);
    const text = rendered.text;
    assert.match(text, /^---\nid: 2026-03-01-1405-travel-pay-500s\ntitle: Travel Pay 500s\nstatus: investigating\n/);
    for (const section of ['Summary', 'Impact', 'Timeline', 'Recent Changes', 'Dashboards', 'Debugging Details', 'Post-incident']) assert.match(text, new RegExp(`^## ${section}$`, 'm'));
    assert.match(text, /## Timeline\n- 14:10 UTC — Detected: alert in #alerts\n\n## Recent Changes/);
  });

  it('round-trips the state through YAML, keeping the body byte for byte', () => {
    const rendered = renderIncidentDocument(STATE, DEFAULT_TEMPLATE, 'x', { timeZone: 'UTC' });
    assert.ok(rendered.ok);
    const read = readIncident(rendered.text);
    assert.ok(read.ok);
    assert.deepEqual(read.state, STATE);
    const resolved = { ...STATE, status: 'resolved' as const, resolvedAt: '2026-03-01T15:00:00.000Z', progress: ['a', 'b: c'] };
    const updated = withState(`${rendered.text}\nuser text: with "quotes"\n`, resolved);
    const again = readIncident(updated);
    assert.ok(again.ok);
    assert.deepEqual(again.state, resolved);
    assert.ok(updated.endsWith('\nuser text: with "quotes"\n'));
  });

  it('explains broken front matter instead of throwing', () => {
    assert.match((readIncident('# no front matter') as { error: string }).error, /no front matter/);
    assert.match((readIncident('---\ntitle: [unclosed\n---\n') as { error: string }).error, /not valid YAML/);
    assert.match((readIncident('---\ntitle: x\n---\n') as { error: string }).error, /lacks id, status, startedAt/);
    assert.match((readIncident('---\nid: a\ntitle: b\nstatus: paused\nstartedAt: 2026-01-01T00:00Z\n---\n') as { error: string }).error, /status is "paused"/);
  });

  it('inserts under a section, after its last line, ignoring headings in code fences', () => {
    const text = '---\na: 1\n---\n# T\n## Timeline\n- one\n\n```\n## not a heading\n```\n\n## Next\n';
    const result = insertUnderSection(text, /^timeline$/i, ['- two']);
    assert.equal(result?.text, '---\na: 1\n---\n# T\n## Timeline\n- one\n\n```\n## not a heading\n```\n- two\n\n## Next\n');
    assert.equal(insertUnderSection('# T\n', /^timeline$/i, ['x']), undefined);
  });
});

describe('notifications', () => {
  const template = 'Impacted %:  xx% (or explicit #)\nSystems:     System A, System B\nTimeframe:   going on for X minutes.\n{{title}} <OWNER>';

  it('fills every placeholder style and marks the unknown ones', () => {
    const filled = fillNotification(template, STATE, NOW);
    assert.equal(filled.text, `Impacted %:  12%\nSystems:     Travel Pay API, Claims CRM\nTimeframe:   going on for 25 minutes.\nTravel Pay 500s ${unfilledMark('<OWNER>')}`);
    assert.deepEqual(filled.unfilled, ['owner']);
  });

  it('marks fields the incident has no value for', () => {
    const filled = fillNotification('xx% on System A, System B', { ...STATE, affected: undefined, systems: [] } as IncidentState, NOW);
    assert.equal(filled.text, `${unfilledMark('xx%')} on ${unfilledMark('System A, System B')}`);
  });

  it('finds the template and its channel in the real incident response plan', function () {
    const seed = requireSeeds(this).find((s) => s.name.startsWith('001'));
    if (!seed) this.skip();
    const runbook = parseRunbook(seed.text);
    const found = findNotificationTemplate(runbook);
    assert.match(found?.text ?? '', /^@kay/);
    assert.equal(found?.channel?.label, '#beneficiary-travel-team');
    const filled = fillNotification(found?.text ?? '', STATE, NOW);
    assert.match(filled.text, /Impacted Veterans %:\s+12%\n/);
    assert.match(filled.text, /Issue has been going on for 25 minutes\./);
    assert.deepEqual(filled.unfilled, []);
  });
});

describe('escalation timers', () => {
  it('come from escalation steps, using a placeholder\'s example and saying so', function () {
    const seed = requireSeeds(this).find((s) => s.name.startsWith('001'));
    if (!seed) this.skip();
    const timers = escalationTimers(parseRunbook(seed.text));
    assert.equal(timers.length, 1);
    assert.equal(timers[0]?.minutes, 15);
    assert.equal(timers[0]?.fromExample, '[Timeframe, e.g., 15 minutes]');
    assert.match(timers[0]?.step ?? '', /^Initial Triage/);
  });

  it('take bounding durations from on-call steps but not "1 hour before and after"', () => {
    const runbook = parseRunbook('# R\n## On-call\n- Be on call 1 hour before and 1 hour after a deploy.\n- Acknowledge within 5 minutes.\n## Escalation\n- Page the lead after 30 minutes.\n- Page leadership after 2 hours.\n');
    assert.deepEqual(escalationTimers(runbook).map((t) => [t.minutes, t.step]), [
      [5, 'Acknowledge within 5 minutes.'],
      [30, 'Page the lead after 30 minutes.'],
      [120, 'Page leadership after 2 hours.'],
    ]);
  });
});

describe('front matter edits (regressions from review)', () => {
  const base = renderIncidentDocument(STATE, DEFAULT_TEMPLATE, 'x', { timeZone: 'UTC' });
  assert.ok(base.ok);

  it('removing a progress key that shares its prefix with others keeps the record readable', () => {
    const two = withState(base.text, { ...STATE, progress: ['/section:Setup/step:Deploy the fix', '/section:Triage/step:Check logs'] });
    const one = withState(two, { ...STATE, progress: ['/section:Triage/step:Check logs'] });
    const read = readIncident(one);
    assert.ok(read.ok);
    assert.deepEqual(read.state.progress, ['/section:Triage/step:Check logs']);
  });

  it('keeps keys and comments a person added to the front matter', () => {
    const edited = base.text.replace('severity: 2\n', 'severity: 2 # agreed with the PO\nticket: JIRA-1\n');
    const updated = withState(edited, { ...STATE, status: 'resolved', resolvedAt: '2026-03-01T15:00:00.000Z' });
    assert.match(updated, /\nseverity: 2 # agreed with the PO\nticket: JIRA-1\n/);
    assert.match(updated, /\nstatus: resolved\n/);
    const read = readIncident(updated);
    assert.ok(read.ok);
    assert.equal(read.state.resolvedAt, '2026-03-01T15:00:00.000Z');
  });

  it('reports an unresolvable alias instead of throwing', () => {
    const read = readIncident('---\nid: a\ntitle: b\nstatus: active\nstartedAt: 2026-01-01T00:00:00Z\nroles:\n  coordinator: *oncall\n---\n');
    assert.ok(!read.ok);
  });
});
