/**
 * US retail holidays from their calendar rules, as day numbers (see core/dates.ts). The demo data flags and
 * shapes its peaks with these, the way the Walmart data flags Super Bowl, Labor Day, Thanksgiving and Christmas weeks.
 */
import { dayFromYmd, weekdayFromDay, ymdFromDay } from '../core/dates';

/** Holidays the demo knows. */
export type DemoHoliday =
  | 'new-year'
  | 'super-bowl'
  | 'memorial-day'
  | 'independence-day'
  | 'labor-day'
  | 'thanksgiving'
  | 'christmas';

/** The four holidays Walmart's data flags, by the week that holds them. */
export const WALMART_HOLIDAYS: readonly DemoHoliday[] = ['super-bowl', 'labor-day', 'thanksgiving', 'christmas'];

/** Every holiday the demo knows, flagged on its own day in daily data. */
export const ALL_HOLIDAYS: readonly DemoHoliday[] = [
  'new-year', 'super-bowl', 'memorial-day', 'independence-day', 'labor-day', 'thanksgiving', 'christmas',
];

/**
 * Day number of the `n`-th `weekday` (0 = Monday ... 6 = Sunday) of `month` (1-12) in `year`; `n = -1` for the last.
 */
export function nthWeekdayOfMonth(year: number, month: number, weekday: number, n: number): number {
  if (n < 0) {
    const next = month === 12 ? dayFromYmd(year + 1, 1, 1) : dayFromYmd(year, month + 1, 1);
    const last = next - 1;
    return last - ((weekdayFromDay(last) - weekday + 7) % 7);
  }
  const first = dayFromYmd(year, month, 1);
  return first + ((weekday - weekdayFromDay(first) + 7) % 7) + 7 * (n - 1);
}

/**
 * Day number of a holiday in `year`:
 * - Super Bowl Sunday: first Sunday of February through 2021, second Sunday from 2022 (the 17-game season);
 *   exact for 2004 onwards;
 * - Memorial Day: last Monday of May; Labor Day: first Monday of September;
 * - Thanksgiving: fourth Thursday of November; fixed dates for New Year, Independence Day, Christmas.
 */
export function holidayDay(name: DemoHoliday, year: number): number {
  switch (name) {
    case 'new-year':
      return dayFromYmd(year, 1, 1);
    case 'super-bowl':
      return nthWeekdayOfMonth(year, 2, 6, year >= 2022 ? 2 : 1);
    case 'memorial-day':
      return nthWeekdayOfMonth(year, 5, 0, -1);
    case 'independence-day':
      return dayFromYmd(year, 7, 4);
    case 'labor-day':
      return nthWeekdayOfMonth(year, 9, 0, 1);
    case 'thanksgiving':
      return nthWeekdayOfMonth(year, 11, 3, 4);
    case 'christmas':
      return dayFromYmd(year, 12, 25);
  }
}

/** The Friday on or after `day`: the end of the Saturday-to-Friday week that holds it (Walmart's week dates). */
export function weekEndingFriday(day: number): number {
  return day + ((4 - weekdayFromDay(day) + 7) % 7);
}

/** A dated holiday. */
export interface DatedHoliday {
  /** Day number of the holiday itself. */
  day: number;
  /** Which holiday. */
  name: DemoHoliday;
}

/** The holidays among `names` that fall in [firstDay, lastDay] (day numbers), in date order. */
export function holidaysBetween(firstDay: number, lastDay: number, names: readonly DemoHoliday[] = ALL_HOLIDAYS): DatedHoliday[] {
  const out: DatedHoliday[] = [];
  const [y0] = ymdFromDay(firstDay);
  const [y1] = ymdFromDay(lastDay);
  for (let y = y0; y <= y1; y++) {
    for (const name of names) {
      const day = holidayDay(name, y);
      if (day >= firstDay && day <= lastDay) out.push({ day, name });
    }
  }
  return out.sort((a, b) => a.day - b.day);
}
