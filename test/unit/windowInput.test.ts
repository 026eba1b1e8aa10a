import * as assert from 'node:assert/strict';
import { checkFrom, checkTo, readWindow } from '../../src/core/time/windowInput';

const now = new Date('2026-03-01T12:00:00Z');

describe('a custom window typed into From and To boxes', () => {
  it('From: refuses an empty box, a non-date and a future time, each with a message naming From', () => {
    assert.match(checkFrom('', now) ?? '', /^From: empty/);
    assert.match(checkFrom('yesterday', now) ?? '', /^From: "yesterday" is not a date/);
    assert.match(checkFrom('2026-03-01T13:00:00Z', now) ?? '', /^From: .* is in the future/);
    assert.equal(checkFrom('2026-03-01T10:00:00Z', now), undefined);
  });

  it('To: empty means now; a non-date or a time not after From is refused, naming To', () => {
    const from = new Date('2026-03-01T10:00:00Z');
    assert.equal(checkTo('', from, now), undefined);
    assert.equal(checkTo('2026-03-01T11:00:00Z', from, now), undefined);
    assert.match(checkTo('soon', from, now) ?? '', /^To: "soon" is not a date/);
    assert.match(checkTo('2026-03-01T10:00:00Z', from, now) ?? '', /^To: .* is not after From/);
  });

  it('reads both boxes into a window, or says why not: never silently nothing', () => {
    assert.deepEqual(readWindow('2026-03-01T10:00:00Z', '', now), { ok: true, window: { from: new Date('2026-03-01T10:00:00Z'), to: now } });
    assert.deepEqual(readWindow('2026-03-01T10:00:00Z', '2026-03-01T11:00:00Z', now), { ok: true, window: { from: new Date('2026-03-01T10:00:00Z'), to: new Date('2026-03-01T11:00:00Z') } });
    const empty = readWindow('', '', now);
    assert.equal(empty.ok, false);
    assert.match(empty.ok ? '' : empty.message, /^From: empty/);
  });
});
