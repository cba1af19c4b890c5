import { describe, expect, it } from 'vitest';
import { dayFromYmd, isoFromDay } from '../../../src/lib/core/dates';
import {
  WALMART_HOLIDAYS,
  holidayDay,
  holidaysBetween,
  nthWeekdayOfMonth,
  weekEndingFriday,
  type DemoHoliday,
} from '../../../src/lib/demo/holidays';

describe('holidayDay follows the US calendar rules', () => {
  const table: Array<[DemoHoliday, number, string]> = [
    ['super-bowl', 2010, '2010-02-07'],
    ['super-bowl', 2011, '2011-02-06'],
    ['super-bowl', 2012, '2012-02-05'],
    ['super-bowl', 2013, '2013-02-03'],
    ['super-bowl', 2021, '2021-02-07'],
    ['super-bowl', 2022, '2022-02-13'],
    ['super-bowl', 2023, '2023-02-12'],
    ['super-bowl', 2024, '2024-02-11'],
    ['super-bowl', 2025, '2025-02-09'],
    ['labor-day', 2010, '2010-09-06'],
    ['labor-day', 2012, '2012-09-03'],
    ['labor-day', 2024, '2024-09-02'],
    ['thanksgiving', 2010, '2010-11-25'],
    ['thanksgiving', 2012, '2012-11-22'],
    ['thanksgiving', 2024, '2024-11-28'],
    ['memorial-day', 2024, '2024-05-27'],
    ['memorial-day', 2021, '2021-05-31'],
    ['christmas', 2023, '2023-12-25'],
    ['independence-day', 2023, '2023-07-04'],
    ['new-year', 2024, '2024-01-01'],
  ];
  it.each(table)('%s %i is %s', (name, year, iso) => {
    expect(isoFromDay(holidayDay(name, year))).toBe(iso);
  });
  it('nthWeekdayOfMonth: first Monday of Sept 2010, last Monday of May 2024', () => {
    expect(isoFromDay(nthWeekdayOfMonth(2010, 9, 0, 1))).toBe('2010-09-06');
    expect(isoFromDay(nthWeekdayOfMonth(2024, 5, 0, -1))).toBe('2024-05-27');
    expect(isoFromDay(nthWeekdayOfMonth(2023, 12, 6, -1))).toBe('2023-12-31');
  });
});

describe('weekEndingFriday', () => {
  it.each([
    ['2010-02-07', '2010-02-12'],
    ['2010-02-12', '2010-02-12'],
    ['2010-12-25', '2010-12-31'],
    ['2012-12-25', '2012-12-28'],
  ])('%s is in the week ending %s', (day, friday) => {
    const [y, m, d] = day.split('-').map(Number);
    expect(isoFromDay(weekEndingFriday(dayFromYmd(y, m, d)))).toBe(friday);
  });
});

describe('holidaysBetween', () => {
  it("reproduces the Walmart data's holiday weeks 2010-02-05 … 2012-10-26 (walmart-store-sales PROVENANCE.md)", () => {
    const weeks = holidaysBetween(dayFromYmd(2010, 1, 30), dayFromYmd(2012, 10, 26), WALMART_HOLIDAYS).map((h) =>
      isoFromDay(weekEndingFriday(h.day)),
    );
    expect(weeks).toEqual([
      '2010-02-12', '2010-09-10', '2010-11-26', '2010-12-31', '2011-02-11', '2011-09-09', '2011-11-25', '2011-12-30',
      '2012-02-10', '2012-09-07',
    ]);
  });
  it('returns every known holiday of a year in date order', () => {
    const names = holidaysBetween(dayFromYmd(2023, 1, 1), dayFromYmd(2023, 12, 31)).map((h) => h.name);
    expect(names).toEqual(['new-year', 'super-bowl', 'memorial-day', 'independence-day', 'labor-day', 'thanksgiving', 'christmas']);
  });
});
