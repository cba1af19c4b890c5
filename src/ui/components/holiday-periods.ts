/**
 * Uplift of each holiday period (issue #14, point 13: one bar for all holidays hid which ones matter): the total in
 * that period against the mean of the non-holiday periods up to `window` periods on either side.
 */

/** One holiday period's uplift. */
export interface HolidayPeriodUplift {
  /** Index of the period in the calendar. */
  index: number;
  /** total / mean of the neighbouring non-holiday periods − 1 (NaN when there is no neighbour to compare). */
  uplift: number;
}

/** Uplift of every holiday period of `total`, in calendar order. */
export function holidayPeriodUplifts(total: ArrayLike<number>, holidays: ArrayLike<number>, window = 4): HolidayPeriodUplift[] {
  const out: HolidayPeriodUplift[] = [];
  for (let i = 0; i < total.length; i++) {
    if (!holidays[i] || !Number.isFinite(total[i])) continue;
    let sum = 0;
    let n = 0;
    for (let j = Math.max(0, i - window); j <= Math.min(total.length - 1, i + window); j++) {
      if (j === i || holidays[j] || !Number.isFinite(total[j])) continue;
      sum += total[j];
      n++;
    }
    out.push({ index: i, uplift: n && sum !== 0 ? total[i] / (sum / n) - 1 : NaN });
  }
  return out;
}
