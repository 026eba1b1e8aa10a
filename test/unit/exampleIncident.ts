import type { IncidentState } from '../../src/core/incident/incident';

/** An active incident's state, for tests that act on one (lifecycle actions, follow-ups). */
export const EXAMPLE_STATE: IncidentState = {
  id: '2026-03-01-1405-travel-pay-500s',
  title: 'Travel Pay 500s',
  status: 'investigating',
  startedAt: '2026-03-01T14:05:00.000Z',
  detectedAt: '2026-03-01T14:10:00.000Z',
  severity: 2,
  impact: 'Claims cannot be submitted',
  errorTypes: ['500s'],
  systems: ['Travel Pay API'],
  roles: { coordinator: 'Ada' },
  progress: [],
};
