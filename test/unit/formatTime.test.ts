import * as assert from 'node:assert/strict';
import { formatClock, formatDate, formatSpan, formatTime } from '../../src/core/time/formatTime';

describe('formatTime: one format for every time a person reads', () => {
  const now = new Date('2026-11-23T15:00:00Z');

  it('shows HH:mm and the zone for today', () => {
    assert.equal(formatTime(new Date('2026-11-23T14:05:00Z'), { now, timeZone: 'UTC' }), '14:05 UTC');
  });

  it('adds the date for any other day, in the viewer zone', () => {
    assert.equal(formatTime(new Date('2026-11-22T23:30:00Z'), { now, timeZone: 'UTC' }), '2026-11-22 23:30 UTC');
    // 23:30 UTC on the 22nd is already the 23rd in Berlin: today there.
    assert.equal(formatTime(new Date('2026-11-22T23:30:00Z'), { now, timeZone: 'Europe/Berlin' }), '00:30 CET');
  });

  it('formats a day alone in the viewer zone', () => {
    assert.equal(formatDate(new Date('2026-11-22T23:30:00Z'), 'UTC'), '2026-11-22');
    assert.equal(formatDate(new Date('2026-11-22T23:30:00Z'), 'Europe/Berlin'), '2026-11-23');
    assert.equal(formatDate(new Date('nonsense')), 'an invalid date');
  });

  it('never prints an ISO string, even for an invalid date', () => {
    assert.doesNotMatch(formatTime(new Date('nonsense'), { now }), /T\d\d:|NaN/);
  });

  it('formats clocks and spans the same way', () => {
    assert.equal(formatClock(new Date('2026-01-05T09:07:00Z'), 'UTC'), '09:07 UTC');
    // A span across midnight dates both ends: "to 14:00" alone would read as the start's day.
    assert.equal(formatSpan(new Date('2026-11-22T23:00:00Z'), new Date('2026-11-23T14:00:00Z'), { now, timeZone: 'UTC' }), '2026-11-22 23:00 UTC to 2026-11-23 14:00 UTC');
    assert.equal(formatSpan(new Date('2026-11-23T09:00:00Z'), new Date('2026-11-23T14:00:00Z'), { now, timeZone: 'UTC' }), '09:00 UTC to 14:00 UTC');
    assert.equal(formatSpan(new Date('2026-11-20T09:00:00Z'), new Date('2026-11-20T14:00:00Z'), { now, timeZone: 'UTC' }), '2026-11-20 09:00 UTC to 2026-11-20 14:00 UTC');
  });
});
