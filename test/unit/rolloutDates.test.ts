import * as assert from 'node:assert/strict';
import { formatStageDate, parseStageDate, parseStageLength } from '../../src/core/rollout/stageDates';

// Every expectation is built so the suite passes in any machine zone: an instant with Date.UTC, a day or time
// the plan writes without a zone with the local constructor (the viewer's midnight, the viewer's time).
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function utc(year: number, month: number, day: number, hour = 0, minute = 0): Date {
  return new Date(Date.UTC(year, month - 1, day, hour, minute));
}

function local(year: number, month: number, day: number, hour = 0, minute = 0): Date {
  return new Date(year, month - 1, day, hour, minute);
}

/** ISO strings, so a failure shows both instants and the value that was read. */
function reads(value: string, expected: Date | undefined): void {
  assert.equal(parseStageDate(value)?.toISOString(), expected?.toISOString(), `parseStageDate(${JSON.stringify(value)})`);
}

describe('parseStageDate', () => {
  describe('a day without a time: the viewer’s midnight', () => {
    it('reads an ISO day, with or without leading zeros', () => {
      reads('2026-11-20', local(2026, 11, 20));
      reads('2026-1-5', local(2026, 1, 5));
      reads('2026-01-05', local(2026, 1, 5));
    });

    it('reads the US team’s month/day/year', () => {
      reads('11/20/2026', local(2026, 11, 20));
      reads('1/5/2026', local(2026, 1, 5));
    });

    it('reads a month name before the day, abbreviated, with a full stop, an ordinal or a comma', () => {
      reads('Nov 20, 2026', local(2026, 11, 20));
      reads('November 20th, 2026', local(2026, 11, 20));
      reads('nov 20 2026', local(2026, 11, 20));
      reads('Sept. 3, 2026', local(2026, 9, 3));
      reads('Dec. 1st 2026', local(2026, 12, 1));
    });

    it('reads a day before the month name', () => {
      reads('20 November 2026', local(2026, 11, 20));
      reads('20th Nov. 2026', local(2026, 11, 20));
      reads('2 Feb, 2026', local(2026, 2, 2));
      reads('3rd march 2026', local(2026, 3, 3));
    });

    it('reads a leap day in a leap year', () => {
      reads('2028-02-29', local(2028, 2, 29));
      reads('Feb 29, 2028', local(2028, 2, 29));
    });
  });

  describe('a time', () => {
    it('without a zone is the viewer’s time, after a space or a T, with one or two digits of hour', () => {
      reads('2026-11-20 14:05', local(2026, 11, 20, 14, 5));
      reads('2026-11-20T14:05', local(2026, 11, 20, 14, 5));
      reads('2026-11-20 9:05', local(2026, 11, 20, 9, 5));
      reads('2026-11-20 00:00', local(2026, 11, 20));
    });

    it('with Z, UTC or GMT (any case, with or without a space) is UTC', () => {
      for (const zone of [' UTC', ' utc', 'Z', ' Z', ' GMT', 'UTC', ' gmt']) reads(`2026-11-20 14:05${zone}`, utc(2026, 11, 20, 14, 5));
    });

    it('with an offset east of UTC is that many hours and minutes earlier in UTC', () => {
      reads('2026-11-20 14:05 UTC+01:00', utc(2026, 11, 20, 13, 5));
      reads('2026-11-20 14:05 UTC+1', utc(2026, 11, 20, 13, 5));
      reads('2026-11-20 14:05 GMT+2', utc(2026, 11, 20, 12, 5));
      reads('2026-11-20 14:05 +0100', utc(2026, 11, 20, 13, 5));
      reads('2026-11-20T14:05+01:00', utc(2026, 11, 20, 13, 5));
      reads('2026-11-20 14:05 UTC+05:30', utc(2026, 11, 20, 8, 35));
      reads('2026-11-20 14:05 UTC+05:45', utc(2026, 11, 20, 8, 20));
    });

    it('with an offset west of UTC, whole or half hours, is later in UTC', () => {
      reads('2026-11-20 14:05 -5', utc(2026, 11, 20, 19, 5));
      reads('2026-11-20 14:05 UTC-05:00', utc(2026, 11, 20, 19, 5));
      reads('2026-11-20 14:05 UTC-05:30', utc(2026, 11, 20, 19, 35));
      reads('2026-11-20 14:05 -0330', utc(2026, 11, 20, 17, 35));
      reads('2026-11-20T14:05-09:30', utc(2026, 11, 20, 23, 35));
    });

    it('crosses into another UTC day when the offset says so', () => {
      reads('2026-11-20 00:30 UTC+14:00', utc(2026, 11, 19, 10, 30));
      reads('2026-12-31 20:00 UTC-05:00', utc(2027, 1, 1, 1, 0));
    });

    it('keeps the zone written after seconds and a fraction (an ISO timestamp pasted in)', () => {
      reads('2026-11-20T14:05:30Z', utc(2026, 11, 20, 14, 5));
      reads('2026-11-20T14:05:30.000Z', utc(2026, 11, 20, 14, 5));
      reads('2026-11-20 14:05:30 UTC+01:00', utc(2026, 11, 20, 13, 5));
      reads('2026-11-20 14:05:30', local(2026, 11, 20, 14, 5));
    });
  });

  describe('a date that does not exist', () => {
    it('is no date: February 30th, 29th of a common year, month 13 or 0, day 0 or 32, in every form', () => {
      for (const value of ['2026-02-30', '2026-02-29', '2026-13-01', '2026-00-10', '2026-11-00', '2026-01-32', '02/30/2026', '13/01/2026', 'Feb 30, 2026', '30 Feb 2026', '31 April 2026']) reads(value, undefined);
    });

    it('is no date with a time either, nor is a time past 23:59', () => {
      for (const value of ['2026-02-30 14:05 UTC', '2026-02-30 14:05', '2026-11-20 24:00', '2026-11-20 14:60 UTC', '2026-11-20 14:60', '2026-11-20 99:00 UTC+01:00']) reads(value, undefined);
    });

    it('does not read the European day/month as a US date', () => {
      reads('20/11/2026', undefined);
    });

    it('is passed over for a real date later in the value', () => {
      reads('2026-02-30, moved to 2026-03-02', local(2026, 3, 2));
      reads('2026-11-20 25:00 then 2026-11-21', local(2026, 11, 21));
    });
  });

  describe('a value that names no date', () => {
    it('is undefined: empty, white space, a placeholder', () => {
      for (const value of ['', '   ', 'TBD', 'N/A', 'after the code freeze', '[date]']) reads(value, undefined);
    });

    it('reads a date only where a word starts: not "2026-11-20" inside a word, not a month inside "dismay"', () => {
      reads('x2026-11-20', undefined);
      reads('build2026-11-20', undefined);
      reads('dismay 5, 2026', undefined);
      reads('remarkable 20 2026', undefined);
    });

    it('does not take a number of days for a day of a month', () => {
      reads('3 days 2026', undefined);
      reads('1 week, starting 2026', undefined);
    });
  });

  it('reads the first date of the value: a start with an earlier or planned one kept after it', () => {
    reads('2026-12-02 14:05 UTC (planned: 2026-12-10)', utc(2026, 12, 2, 14, 5));
    reads('2026-12-02 14:05 UTC+01:00 (earlier start: 2026-11-19 09:00 UTC)', utc(2026, 12, 2, 13, 5));
    reads('week of Nov 30, 2026', local(2026, 11, 30));
    reads('TBD, then 2026-12-10', local(2026, 12, 10));
    reads('(started 2026-11-20 09:00 UTC)', utc(2026, 11, 20, 9, 0));
  });
});

describe('formatStageDate', () => {
  const instant = new Date(Date.UTC(2026, 11, 2, 13, 5, 59, 999));

  it('writes UTC as "UTC", to the minute (seconds dropped, not rounded)', () => {
    assert.equal(formatStageDate(instant, 0), '2026-12-02 13:05 UTC');
  });

  it('writes the time in the offset given, with the offset after it', () => {
    assert.equal(formatStageDate(instant, 60), '2026-12-02 14:05 UTC+01:00');
    assert.equal(formatStageDate(instant, 600), '2026-12-02 23:05 UTC+10:00');
  });

  it('writes negative offsets with a minus sign and two-digit hours', () => {
    assert.equal(formatStageDate(instant, -300), '2026-12-02 08:05 UTC-05:00');
    assert.equal(formatStageDate(instant, -480), '2026-12-02 05:05 UTC-08:00');
    assert.equal(formatStageDate(instant, -720), '2026-12-02 01:05 UTC-12:00');
  });

  it('writes half- and quarter-hour offsets, east and west', () => {
    assert.equal(formatStageDate(instant, 330), '2026-12-02 18:35 UTC+05:30');
    assert.equal(formatStageDate(instant, 345), '2026-12-02 18:50 UTC+05:45');
    assert.equal(formatStageDate(instant, -210), '2026-12-02 09:35 UTC-03:30');
    assert.equal(formatStageDate(instant, -570), '2026-12-02 03:35 UTC-09:30');
  });

  it('writes the writer’s day when the offset moves the time across midnight or a year', () => {
    assert.equal(formatStageDate(instant, 840), '2026-12-03 03:05 UTC+14:00');
    assert.equal(formatStageDate(new Date(Date.UTC(2027, 0, 1, 2, 0)), -300), '2026-12-31 21:00 UTC-05:00');
    assert.equal(formatStageDate(new Date(Date.UTC(2026, 11, 31, 23, 30)), 60), '2027-01-01 00:30 UTC+01:00');
  });

  it('pads single-digit months, days, hours and minutes', () => {
    assert.equal(formatStageDate(new Date(Date.UTC(2026, 0, 5, 3, 7)), 0), '2026-01-05 03:07 UTC');
  });

  it('uses this machine’s offset at that instant by default', () => {
    for (const date of [instant, new Date(Date.UTC(2026, 6, 1, 12, 0))]) assert.equal(formatStageDate(date), formatStageDate(date, -date.getTimezoneOffset()));
  });

  it('is read back by parseStageDate as the same minute, whatever the offset', () => {
    const minute = new Date(Math.floor(instant.getTime() / MINUTE) * MINUTE);
    for (const offset of [-720, -570, -300, -210, 0, 60, 330, 345, 540, 840]) {
      const written = formatStageDate(instant, offset);
      assert.equal(parseStageDate(written)?.toISOString(), minute.toISOString(), written);
    }
  });
});

describe('parseStageLength', () => {
  it('reads weeks, days and hours as milliseconds', () => {
    assert.equal(parseStageLength('1 week'), 7 * DAY);
    assert.equal(parseStageLength('2 weeks'), 14 * DAY);
    assert.equal(parseStageLength('3 days'), 3 * DAY);
    assert.equal(parseStageLength('48 hours'), 48 * HOUR);
    assert.equal(parseStageLength('90 minutes'), 90 * MINUTE);
  });

  it('reads a number written as a word, a fraction, and a length with words after it', () => {
    assert.equal(parseStageLength('a week'), 7 * DAY);
    assert.equal(parseStageLength('two weeks'), 14 * DAY);
    assert.equal(parseStageLength('1.5 days'), 36 * HOUR);
    assert.equal(parseStageLength('3 days (extend if quiet)'), 3 * DAY);
  });

  it('is undefined for an empty or unreadable length, and for none at all', () => {
    for (const value of ['', '   ', 'TBD', 'until the numbers look good', '0 days']) assert.equal(parseStageLength(value), undefined, JSON.stringify(value));
  });
});
