import { describe, expect, it } from 'vitest';
import {
  addPeriods,
  dayFromYmd,
  firstDayAtOrAfter,
  isoFromDay,
  isoWeekFromDay,
  monthIndexFromDay,
  dayFromMonthIndex,
  weekdayFromDay,
  ymdFromDay,
} from '../../../src/lib/core/dates';

describe('day numbers', () => {
  it('dayFromYmd(1970, 1, 1) is 0 and round-trips through ymdFromDay', () => {
    expect(dayFromYmd(1970, 1, 1)).toBe(0);
    for (const [y, m, d] of [[2010, 2, 5], [2012, 2, 29], [1999, 12, 31], [2024, 1, 1]] as const) {
      expect(ymdFromDay(dayFromYmd(y, m, d))).toEqual([y, m, d]);
    }
  });
  it('dayFromYmd returns NaN for impossible dates such as 31-02-2012 and 29-02-2011', () => {
    expect(dayFromYmd(2012, 2, 31)).toBeNaN();
    expect(dayFromYmd(2011, 2, 29)).toBeNaN();
    expect(dayFromYmd(2012, 13, 1)).toBeNaN();
    expect(dayFromYmd(2012, 0, 1)).toBeNaN();
  });
  it('years below 100 are not shifted to the 1900s', () => {
    expect(ymdFromDay(dayFromYmd(12, 3, 4))).toEqual([12, 3, 4]);
  });
  it('isoFromDay formats YYYY-MM-DD', () => {
    expect(isoFromDay(dayFromYmd(2010, 2, 5))).toBe('2010-02-05');
  });
  it('weekdayFromDay: 2010-02-05 is a Friday (4), 1970-01-01 a Thursday (3)', () => {
    expect(weekdayFromDay(dayFromYmd(2010, 2, 5))).toBe(4);
    expect(weekdayFromDay(0)).toBe(3);
    expect(weekdayFromDay(-1)).toBe(2);
  });
  it('isoWeekFromDay follows ISO 8601 at year boundaries', () => {
    expect(isoWeekFromDay(dayFromYmd(2010, 1, 1))).toBe(53);
    expect(isoWeekFromDay(dayFromYmd(2010, 1, 4))).toBe(1);
    expect(isoWeekFromDay(dayFromYmd(2012, 12, 31))).toBe(1);
    expect(isoWeekFromDay(dayFromYmd(2010, 2, 5))).toBe(5);
  });
  it('addPeriods steps days, weeks and months (clamping the day of month)', () => {
    const d = dayFromYmd(2012, 1, 31);
    expect(isoFromDay(addPeriods(d, 1, 'daily'))).toBe('2012-02-01');
    expect(isoFromDay(addPeriods(d, 2, 'weekly'))).toBe('2012-02-14');
    expect(isoFromDay(addPeriods(d, 1, 'monthly'))).toBe('2012-02-29');
    expect(isoFromDay(addPeriods(d, -2, 'monthly'))).toBe('2011-11-30');
  });
  it('monthIndexFromDay and dayFromMonthIndex are inverse on first days', () => {
    const idx = monthIndexFromDay(dayFromYmd(2011, 7, 19));
    expect(isoFromDay(dayFromMonthIndex(idx))).toBe('2011-07-01');
    expect(monthIndexFromDay(dayFromYmd(2011, 8, 1)) - idx).toBe(1);
  });

  it('firstDayAtOrAfter finds the first day ≥ the one asked, by binary search', () => {
    const days = Int32Array.of(10, 17, 24, 31);
    expect([9, 10, 11, 17, 30, 31, 32].map((d) => firstDayAtOrAfter(days, d))).toEqual([0, 0, 1, 1, 3, 3, 4]);
    expect(firstDayAtOrAfter([], 5)).toBe(0);
  });
});
