import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { IncidentViewRow } from '../../src/api';
import { activateExtension, eventually, readText } from './helpers';

const RUNBOOK = 'samples/incident-response.md';
const PLACEHOLDER = '[Timeframe, e.g., 15 minutes]';
const HOURS = 60 * 60_000;

/** Notifications the escalation service hands out, and the answer each gets. */
const notifications: string[] = [];
let answer: string | undefined;

async function startBackdated(title: string, hoursAgo: number): Promise<vscode.Uri> {
  const uri = await vscode.commands.executeCommand<vscode.Uri>('runbook.startIncident', { title, startedAt: new Date(Date.now() - hoursAgo * HOURS).toISOString(), runbook: RUNBOOK });
  assert.ok(uri);
  return uri;
}

async function escalationGroup(title: string): Promise<IncidentViewRow | undefined> {
  const { api } = await activateExtension();
  const incident = (await api.testing.getIncidentView()).find((r) => r.label === title);
  return incident?.children.find((r) => r.label === 'Escalation');
}

describe('Escalation timers in the real extension host', () => {
  before(async () => {
    const { api } = await activateExtension();
    api.testing.setEscalationNotifier(async (message) => {
      notifications.push(message);
      return answer;
    });
  });

  after(async () => {
    const { api } = await activateExtension();
    api.testing.setEscalationNotifier(undefined);
    for (let active = await api.getActiveIncident(); active; active = await api.getActiveIncident()) {
      await vscode.commands.executeCommand('runbook.switchIncident', { uri: active.uri });
      await vscode.commands.executeCommand('runbook.resolveIncident', { summary: 'closed by the test suite', postmortem: false });
    }
  });

  beforeEach(() => {
    notifications.length = 0;
    answer = undefined;
  });

  it('a start 3 hours ago shows the elapsed steps as overdue in the Incident view and makes one notification', async () => {
    await startBackdated('Backdated escalation', 3);
    const group = await eventually(() => escalationGroup('Backdated escalation'), 'the Escalation rows');
    assert.equal(group.description, '2 overdue');
    // Up to 3 hours after midnight the due times are yesterday's, and dated.
    assert.deepEqual(
      group.children.map((r) => [r.description?.split(':')[0], r.icon, r.label.replace(/^(?:\d{4}-\d{2}-\d{2} )?\d{2}:\d{2} \S+/, 'HH:mm zone')]),
      [
        ['Initial triage', 'warning', 'HH:mm zone · overdue'],
        ['Technical escalation', 'warning', 'HH:mm zone · overdue'],
      ],
    );
    assert.equal(notifications.length, 1, `one summary, not one popup per step:\n${notifications.join('\n---\n')}`);
    const [summary = ''] = notifications;
    assert.match(summary, /^2 escalation steps are overdue\. /);
    assert.ok(summary.includes('Initial triage') && summary.includes('Technical escalation'), summary);
    assert.equal(summary.split(PLACEHOLDER).length - 1, 1, `the placeholder quoted once: ${summary}`);
    assert.doesNotMatch(summary, /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/, 'no ISO string');

    // A change of the record schedules the timers again; what was shown is not shown again.
    await vscode.commands.executeCommand('runbook.addTimelineEntry', { text: 'Paged the technical lead' });
    await eventually(async () => ((await escalationGroup('Backdated escalation')) ? true : undefined), 'the view after the change');
    assert.equal(notifications.length, 1, notifications.join('\n---\n'));
  });

  it('Done on the summary records every step in one timeline edit and clears the overdue rows', async () => {
    answer = 'Done';
    const uri = await startBackdated('Backdated and handled', 3);
    const text = await eventually(async () => {
      const record = await readText(uri);
      return /Escalation step done: Technical escalation/.test(record) ? record : undefined;
    }, 'the Done entries in the record');
    assert.match(text, /— Escalation step done: Initial triage[^\n]*\n- (?:\d{4}-\d{2}-\d{2} )?\d{2}:\d{2} \S+ — Escalation step done: Technical escalation/);
    assert.equal(notifications.length, 1);
    await eventually(async () => ((await escalationGroup('Backdated and handled')) === undefined ? true : undefined), 'no escalation rows left');
  });
});
