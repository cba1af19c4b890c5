/**
 * Dates are whole days since 1970-01-01 (UTC), called day numbers. They are time-zone free,
 * fit in an Int32Array and subtract to give day counts. Only these helpers convert them.
 */

const MS_PER_DAY = 86_400_000;

/** Day number of a calendar date; `month` is 1-12. Returns NaN when the date does not exist (31-02). */
export function dayFromYmd(year: number, month: number, day: number): number {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return NaN;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to 1900-1999.
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return Math.round(d.getTime() / MS_PER_DAY);
}

/** True in leap years of the proleptic Gregorian calendar. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in `month` (1-12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? NaN;
}

/** `[year, month (1-12), day]` of a day number. */
export function ymdFromDay(day: number): [number, number, number] {
  const d = new Date(day * MS_PER_DAY);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}

/** ISO `YYYY-MM-DD` of a day number. */
export function isoFromDay(day: number): string {
  const [y, m, d] = ymdFromDay(day);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Day of week: 0 = Monday ... 6 = Sunday (ISO 8601). */
export function weekdayFromDay(day: number): number {
  // 1970-01-01 was a Thursday (ISO weekday index 3).
  return (((day + 3) % 7) + 7) % 7;
}

/** ISO 8601 week number (1-53) of a day number. */
export function isoWeekFromDay(day: number): number {
  const thursday = day - weekdayFromDay(day) + 3;
  const [year] = ymdFromDay(thursday);
  const jan1 = dayFromYmd(year, 1, 1);
  return Math.floor((thursday - jan1) / 7) + 1;
}

/** Day of year, 1-366. */
export function dayOfYear(day: number): number {
  const [y] = ymdFromDay(day);
  return day - dayFromYmd(y, 1, 1) + 1;
}

/** Month index since year 0 (year * 12 + month - 1): consecutive months differ by 1. */
export function monthIndexFromDay(day: number): number {
  const [y, m] = ymdFromDay(day);
  return y * 12 + (m - 1);
}

/** Day number of the first day of a month index. */
export function dayFromMonthIndex(monthIndex: number): number {
  const y = Math.floor(monthIndex / 12);
  return dayFromYmd(y, monthIndex - y * 12 + 1, 1);
}

/** Adds `n` steps of a frequency to a day number (months keep the day of month, clamped to the month's end). */
export function addPeriods(day: number, n: number, frequency: Frequency): number {
  if (frequency === 'daily') return day + n;
  if (frequency === 'weekly') return day + 7 * n;
  const [y, m, d] = ymdFromDay(day);
  const idx = y * 12 + (m - 1) + n;
  const ny = Math.floor(idx / 12);
  const nm = idx - ny * 12 + 1;
  return dayFromYmd(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

/** Sampling frequency of a series. */
export type Frequency = 'daily' | 'weekly' | 'monthly';

/** Periods in one seasonal cycle: 7 for daily (weekly cycle), 52 for weekly, 12 for monthly. */
export function seasonLength(frequency: Frequency): number {
  return frequency === 'daily' ? 7 : frequency === 'weekly' ? 52 : 12;
}

/** Index of the first of the ascending day numbers `days` that is ≥ `day` (binary search); `days.length` when none. */
export function firstDayAtOrAfter(days: ArrayLike<number>, day: number): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (days[mid] < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
