import * as assert from 'node:assert/strict';
import { type LinkNode, walk } from '../../src/core/runbook/model';
import { parseRunbook } from '../../src/core/runbook/parseRunbook';
import { runbookSystems, systemSuggestions } from '../../src/core/incident/systemSuggestions';
import { requireSeeds } from './seeds';

const FIXTURE = parseRunbook(
  [
    '# Checkout Incident Response',
    '## First Reaction',
    '### 1. Collect',
    '1. Impact: **Who cannot pay?**',
    '2. Systems: **Which systems are involved (e.g. Checkout API, Payment Gateway, and Ledger)?**',
    '   - Fraud Scoring',
    '3. Timeframe: **How long has it been going on?**',
    '### 2. Notify',
    '- Post in #checkout with the systems (System A, System B).',
    '## Points of Contact',
    '### Coordinator: runs the response',
    '- Name: Ada Lovelace',
    '- Slack Handle: @ada',
    '### Supporting Teams',
    '#### Search Platform Team:',
    '- Slack Channel: `#search`',
    '#### Contacts',
    '| Role | Name | Handle |',
    '| --- | --- | --- |',
    '| Payment Gateway on-call | Sam | @sam |',
    '| Warehouse team | Ines | @ines |',
    '| Support lead | Kim | @kim |',
    '## Release Team',
    'Ships on Tuesdays.',
    '## Debugging',
    '- Dashboards',
    '  - [Checkout Latency Dashboard](https://app.datadoghq.com/dashboard/abc-123/checkout?from_ts=1&to_ts=2)',
    '  - [Payments Overview](https://grafana.example.com/d/pay/payments?from=now-6h&to=now)',
    '',
  ].join('\n'),
);

function dashboardLabels(runbook: ReturnType<typeof parseRunbook>): string[] {
  return [...walk(runbook.children)].filter((n): n is LinkNode => n.kind === 'link' && n.linkKind === 'dashboard').map((n) => n.label);
}

describe('system suggestions for the Start Incident form', () => {
  it('come from the Collect step\'s systems item, then the contacts\' teams', () => {
    assert.deepEqual(runbookSystems(FIXTURE), ['Checkout API', 'Payment Gateway', 'Ledger', 'Fraud Scoring', 'Search Platform', 'Warehouse']);
  });

  it('never include dashboard names or template placeholders', () => {
    const systems = runbookSystems(FIXTURE);
    assert.deepEqual(dashboardLabels(FIXTURE).length, 2);
    for (const label of dashboardLabels(FIXTURE)) assert.ok(!systems.includes(label), label);
    assert.ok(!systems.includes('System A'));
  });

  it('put the configured systems first and drop repeats, whatever their case', () => {
    assert.deepEqual(systemSuggestions([FIXTURE, FIXTURE], [' Ledger ', 'Identity', '']), ['Ledger', 'Identity', 'Checkout API', 'Payment Gateway', 'Fraud Scoring', 'Search Platform', 'Warehouse']);
    assert.deepEqual(systemSuggestions([], ['checkout api', 'Checkout API']), ['checkout api']);
  });

  it('a runbook without a Collect step or teams suggests nothing', () => {
    assert.deepEqual(runbookSystems(parseRunbook('# Notes\n- [Latency](https://grafana.example.com/d/x/y)\n')), []);
  });

  it('keeps names with quotes and angle brackets as written: escaping is the form\'s job', () => {
    const runbook = parseRunbook('# R\n## Collect\n- Systems: which ones (Billing "v2" \\<beta\\> & Co, Search)?\n');
    assert.deepEqual(runbookSystems(runbook), ['Billing "v2" <beta> & Co', 'Search']);
  });

  it('on the seeds: systems the runbooks name, never their dashboards', function () {
    const seeds = requireSeeds(this);
    for (const seed of seeds) {
      const runbook = parseRunbook(seed.text);
      const systems = runbookSystems(runbook);
      for (const label of dashboardLabels(runbook)) assert.ok(!systems.includes(label), `${seed.name}: dashboard ${label}`);
    }
    const plan = seeds.find((s) => s.name.startsWith('001'));
    if (plan) assert.deepEqual(runbookSystems(parseRunbook(plan.text)), ['Travel Pay API', 'VFS Platform']);
  });
});
