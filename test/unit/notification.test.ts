import * as assert from 'node:assert/strict';
import type { IncidentState } from '../../src/core/incident/incident';
import { composeNotification, copiedEntryText, fieldLabel, fillNotification, unfilledMark, updateNotification } from '../../src/core/incident/notification';
import { UNFILLED_MARK } from '../../webview/notification/messages';

const NOW = new Date('2026-03-01T14:50:00Z');

const STATE: IncidentState = {
  id: '2026-03-01-1405-parcel-tracking-500s',
  title: 'Parcel tracking 500s',
  status: 'identified',
  startedAt: '2026-03-01T14:05:00.000Z',
  detectedAt: '2026-03-01T14:10:00.000Z',
  severity: 2,
  impact: 'Customers cannot see parcel status',
  affected: '12%',
  errorTypes: ['500s'],
  systems: ['Tracking API', 'Carrier Gateway'],
  roles: { coordinator: 'Priya Raman' },
  progress: [],
};

describe('notification updates', () => {
  it('carries the stage, the time in, what changed (to fill in), the impact and the systems', () => {
    const update = updateNotification(STATE, NOW);
    assert.equal(
      update.text,
      [
        'Update — Identified (45m in): Parcel tracking 500s',
        `Latest: ${unfilledMark('the cause, and the fix under way')}`,
        'Impact: Customers cannot see parcel status, 12% affected',
        'Systems: Tracking API, Carrier Gateway',
        'Next update in this thread.',
      ].join('\n'),
    );
    assert.deepEqual(update.unfilled, ['latest']);
    assert.deepEqual(update.marks, [{ mark: unfilledMark('the cause, and the fix under way'), name: 'latest' }]);
  });

  it('asks for the impact when the incident has none, and leaves out unknown systems', () => {
    const update = updateNotification({ ...STATE, status: 'monitoring', impact: '', affected: undefined, systems: [], startedAt: '2026-03-01T12:40:00.000Z' }, NOW);
    const lines = update.text.split('\n');
    assert.equal(lines[0], 'Update — Monitoring (2h 10m in): Parcel tracking 500s');
    assert.equal(lines[2], `Impact: ${unfilledMark('who is affected, how')}`);
    assert.ok(!update.text.includes('Systems:'));
    assert.deepEqual(update.unfilled, ['latest', 'impact']);
    assert.deepEqual(update.unfilled.map(fieldLabel), ['Latest news', 'Impact']);
  });

  it('composes the first message from the template only, the update without one', () => {
    assert.equal(composeNotification('first', undefined, STATE, NOW), undefined);
    assert.equal(composeNotification('first', 'Going on for X minutes', STATE, NOW)?.text, 'Going on for 45 minutes');
    assert.match(composeNotification('update', undefined, STATE, NOW)?.text ?? '', /^Update — Identified/);
  });

  it('lists each mark it leaves, with its field; the preview finds the same marks in the text', () => {
    const filled = fillNotification('xx% on System A, System B for {{owner}}', { ...STATE, affected: undefined, systems: [] }, NOW);
    assert.deepEqual(filled.marks, [
      { mark: unfilledMark('xx%'), name: 'affected' },
      { mark: unfilledMark('System A, System B'), name: 'systems' },
      { mark: unfilledMark('{{owner}}'), name: 'owner' },
    ]);
    assert.deepEqual(filled.text.match(UNFILLED_MARK), filled.marks.map((m) => m.mark));
    assert.deepEqual(filled.unfilled.map(fieldLabel), ['Affected users', 'Systems', 'owner']);
  });
});

describe('the timeline entry of a copied message', () => {
  it('names the message by its first line that says something, skipping blank and @mention-only lines', () => {
    assert.equal(copiedEntryText('@tracking-oncall @support-leads\n\nWe\'re investigating an issue with Parcel Tracking.\n\nMore', 'first'), 'Notification copied: We\'re investigating an issue with Parcel Tracking.');
    assert.equal(copiedEntryText('Update — Identified (45m in): Parcel tracking 500s\nLatest: rollback', 'update'), 'Update copied: Update — Identified (45m in): Parcel tracking 500s');
  });

  it('clips a long first line to 80 characters and collapses its spaces', () => {
    const entry = copiedEntryText(`  Impacted   customers:  ${'x'.repeat(200)}\nnext`, 'first');
    assert.ok(entry.startsWith('Notification copied: Impacted customers: xxx'), entry);
    assert.equal(entry.length, 'Notification copied: '.length + 80);
    assert.ok(entry.endsWith('…'));
  });

  it('says only what was copied when the message has no line to quote', () => {
    assert.equal(copiedEntryText('\n@oncall, @leads\n  \n', 'first'), 'Notification copied');
    assert.equal(copiedEntryText('', 'update'), 'Update copied');
  });
});
