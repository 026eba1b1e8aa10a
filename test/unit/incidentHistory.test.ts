import * as assert from 'node:assert/strict';
import type { IncidentState } from '../../src/core/incident/incident';
import { closedHistory, incidentDescription, statusDetail } from '../../src/core/incident/incidentHistory';
import { generatedState } from '../fakes/incidentRecords';

const NOW = new Date('2026-11-20T12:00:00Z');
const state = (overrides: Partial<IncidentState>): IncidentState => ({ ...generatedState(0, NOW), ...overrides });

describe('the incident history of the Incident view', () => {
  it('describes an active incident by its stage, severity and age; a closed one by severity, duration and day', () => {
    assert.equal(incidentDescription(state({ status: 'identified', severity: 2, startedAt: '2026-11-20T11:37:00Z' }), NOW), 'Identified · Sev 2 · 23m');
    assert.equal(incidentDescription(state({ status: 'resolved', severity: 2, startedAt: '2026-11-20T09:00:00Z', resolvedAt: '2026-11-20T10:05:00Z' }), NOW, 'UTC'), 'Sev 2 · 1h 05m · 2026-11-20');
    assert.equal(incidentDescription(state({ status: 'declined', severity: 3, startedAt: '2026-11-19T23:50:00Z', resolvedAt: '2026-11-20T00:02:00Z' }), NOW, 'UTC'), 'Declined · Sev 3 · 12m · 2026-11-19');
    assert.deepEqual(statusDetail(state({ status: 'identified', severity: 2, startedAt: '2026-11-20T11:37:00Z' }), NOW), { label: 'Identified', description: 'Sev 2 · 23m' });
    assert.deepEqual(statusDetail(state({ status: 'declined', severity: 3, startedAt: '2026-11-19T23:50:00Z', resolvedAt: '2026-11-20T00:02:00Z' }), NOW, 'UTC'), { label: 'Declined', description: 'Sev 3 · 12m · 2026-11-19' });
    assert.equal(incidentDescription(state({ status: 'resolved', severity: 4, startedAt: '2026-11-19T23:50:00Z', resolvedAt: undefined }), NOW, 'UTC'), 'Sev 4 · 2026-11-19');
  });

  it('lists the most recently closed first, then the older ones by year; active ones are left out', () => {
    const states = Array.from({ length: 2000 }, (_, i) => generatedState(i, NOW));
    states.push({ ...state({ status: 'monitoring', title: 'still open' }), name: 'open.md' });
    const history = closedHistory(states, (s) => s, { timeZone: 'UTC' });
    assert.equal(history.recent.length, 25);
    assert.equal(history.recent[0], states[0]);
    assert.ok(history.recent.every((s, i) => i === 0 || Date.parse(s.resolvedAt ?? '') <= Date.parse(history.recent[i - 1]?.resolvedAt ?? '')));
    assert.deepEqual(history.years.map((y) => y.year), ['2026', '2025', '2024']);
    assert.equal(history.recent.length + history.years.reduce((n, y) => n + y.items.length, 0), 2000);
    assert.ok(history.years.every((y) => y.items.every((s) => s.startedAt.startsWith(y.year))));
  });

  it('keeps the selected incident among the recent ones even when it is older', () => {
    const states = Array.from({ length: 100 }, (_, i) => generatedState(i, NOW));
    const old = states[90] as IncidentState;
    const history = closedHistory(states, (s) => s, { selected: old, limit: 10 });
    assert.equal(history.recent.length, 11);
    assert.equal(history.recent.at(-1), old);
    assert.ok(history.years.every((y) => !y.items.includes(old)));
  });
});
