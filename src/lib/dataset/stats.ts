import { isoWeekFromDay, weekdayFromDay, ymdFromDay } from '../core/dates';
import type { Calendar, SeriesRecord, SeriesStats } from './types';

/** Summary statistics of one series over its observed (non-NaN) values. */
export function computeSeriesStats(series: SeriesRecord, calendar: Calendar): SeriesStats {
  const v = series.values;
  let observed = 0;
  let sum = 0;
  let sumSq = 0;
  let min = Infinity;
  let max = -Infinity;
  let zeros = 0;
  let negatives = 0;
  let firstIdx = -1;
  let lastIdx = -1;
  let holidaySum = 0;
  let holidayN = 0;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (Number.isNaN(x)) continue;
    if (firstIdx < 0) firstIdx = i;
    lastIdx = i;
    observed++;
    sum += x;
    sumSq += x * x;
    if (x < min) min = x;
    if (x > max) max = x;
    if (x === 0) zeros++;
    if (x < 0) negatives++;
    if (calendar.holidays[series.start + i]) {
      holidaySum += x;
      holidayN++;
    }
  }
  const mean = observed ? sum / observed : NaN;
  const variance = observed > 1 ? Math.max(0, (sumSq - observed * mean * mean) / (observed - 1)) : NaN;
  const std = Math.sqrt(variance);
  const otherN = observed - holidayN;
  const otherMean = otherN ? (sum - holidaySum) / otherN : NaN;
  const length = firstIdx < 0 ? 0 : lastIdx - firstIdx + 1;
  return {
    id: series.id,
    length,
    observed,
    missing: length - observed,
    mean,
    std,
    cv: mean !== 0 ? std / Math.abs(mean) : NaN,
    min: observed ? min : NaN,
    max: observed ? max : NaN,
    total: sum,
    zeros,
    negatives,
    firstDay: firstIdx < 0 ? NaN : calendar.days[series.start + firstIdx],
    lastDay: lastIdx < 0 ? NaN : calendar.days[series.start + lastIdx],
    holidayUplift: holidayN && otherN && otherMean !== 0 ? holidaySum / holidayN / otherMean - 1 : NaN,
  };
}

/**
 * Sum over series per calendar period (missing values count as 0); a period where no series is observed is NaN.
 * `pick` restricts the sum to some series.
 */
export function aggregateTotal(series: readonly SeriesRecord[], periods: number, pick?: (s: SeriesRecord) => boolean): Float64Array {
  const total = new Float64Array(periods).fill(NaN);
  for (const s of series) {
    if (pick && !pick(s)) continue;
    const v = s.values;
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (Number.isNaN(x)) continue;
      const t = s.start + i;
      total[t] = Number.isNaN(total[t]) ? x : total[t] + x;
    }
  }
  return total;
}

/** A seasonal profile: mean level per position in the cycle, relative to the overall mean (1 = average). */
export interface SeasonalProfile {
  /** What one position is: ISO week (1-53), weekday (Mon-Sun) or month (Jan-Dec). */
  unit: 'week' | 'weekday' | 'month';
  /** Position labels. */
  labels: string[];
  /** Mean of the values at each position divided by the overall mean; NaN where no value falls. */
  index: Float64Array;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Seasonal profile of a series over a calendar: weekday for daily data, ISO week for weekly, month for monthly. */
export function seasonalProfile(values: Float64Array, calendar: Calendar, start = 0): SeasonalProfile {
  const unit = calendar.frequency === 'daily' ? 'weekday' : calendar.frequency === 'weekly' ? 'week' : 'month';
  const size = unit === 'weekday' ? 7 : unit === 'week' ? 53 : 12;
  const sums = new Float64Array(size);
  const counts = new Float64Array(size);
  let total = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (Number.isNaN(x)) continue;
    const day = calendar.days[start + i];
    const pos = unit === 'weekday' ? weekdayFromDay(day) : unit === 'week' ? isoWeekFromDay(day) - 1 : ymdFromDay(day)[1] - 1;
    sums[pos] += x;
    counts[pos]++;
    total += x;
    n++;
  }
  const mean = n ? total / n : NaN;
  const index = new Float64Array(size);
  for (let p = 0; p < size; p++) index[p] = counts[p] && mean ? sums[p] / counts[p] / mean : NaN;
  const labels = unit === 'weekday' ? WEEKDAYS : unit === 'month' ? MONTHS : Array.from({ length: 53 }, (_, i) => `W${i + 1}`);
  return { unit, labels, index };
}

/**
 * One collator for every natural comparison. `localeCompare` with options builds an Intl.Collator on every call
 * (V8 caches only the option-less form): sorting the 3,331 series keys of Walmart's train.csv took about 1 s in
 * Node that way, 23 ms with this shared one.
 */
// Pure: a bundle that takes this module for something else (the page's entry chunk, through persistence/datasets)
// drops the unused collator instead of building it at load, 10-15 ms of ICU set-up, cold (issue #13).
const NATURAL = /* @__PURE__ */ new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Compares two key strings naturally: "2" < "10", "S002" < "S010". */
export function naturalCompare(a: string, b: string): number {
  return NATURAL.compare(a, b);
}
