import { addPeriods, isoFromDay, monthIndexFromDay, type Frequency } from '../core/dates';
import { AppError } from '../core/errors';
import { MAX_PERIODS } from '../core/limits';

/** The result of frequency detection over a column's distinct dates. */
export type FrequencyDetection =
  | { ok: true; frequency: Frequency; /** Typical spacing in days. */ stepDays: number }
  | { ok: false; /** Why no supported frequency fits, for people. */ reason: string };

/**
 * Detects daily, weekly or monthly sampling from distinct day numbers (any order). The most common gap
 * between consecutive dates decides: 1 → daily (gaps such as closed Sundays become missing periods),
 * 7 or 14 → weekly, 28-31 → monthly. Anything else is refused with the gap named.
 */
export function detectFrequency(days: ArrayLike<number>): FrequencyDetection {
  const sorted = Int32Array.from(days).sort();
  if (sorted.length < 2) return { ok: false, reason: `only ${sorted.length} distinct date${sorted.length === 1 ? '' : 's'}: a series needs at least 2` };
  const counts = new Map<number, number>();
  for (let i = 1; i < sorted.length; i++) {
    const d = sorted[i] - sorted[i - 1];
    if (d > 0) counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  let mode = 0;
  let best = -1;
  for (const [d, n] of counts) if (n > best || (n === best && d < mode)) [mode, best] = [d, n];
  if (mode >= 1 && mode <= 3) return { ok: true, frequency: 'daily', stepDays: 1 };
  if (mode === 7 || mode === 14) return { ok: true, frequency: 'weekly', stepDays: 7 };
  if (mode >= 28 && mode <= 31) return { ok: true, frequency: 'monthly', stepDays: 30 };
  return { ok: false, reason: `dates are mostly ${mode} days apart; daily, weekly and monthly data are supported` };
}

/** A regular grid of periods and the mapping from a day number to its period. */
export interface PeriodGrid {
  /** Day number of each period. */
  days: Int32Array;
  /** Period index of `day`, or -1 when the day is not on the grid (e.g. a Saturday in Friday-weekly data). */
  indexOf(day: number): number;
}

/** Periods of a grid from day `min` to day `max` (an upper bound for weekly grids), computed without building it. */
export function gridLength(min: number, max: number, frequency: Frequency): number {
  if (frequency === 'daily') return max - min + 1;
  if (frequency === 'weekly') return Math.floor((max - min) / 7) + 1;
  return monthIndexFromDay(max) - monthIndexFromDay(min) + 1;
}

/**
 * Why the dates of a file cannot form one calendar of at most MAX_PERIODS periods, naming the first and last
 * dates and where most dates lie (so a stray 0001-01-01 or 9999-12-31 is easy to find), or null when they can.
 */
export function calendarTooLong(days: ArrayLike<number>, frequency: Frequency): string | null {
  const sorted = Int32Array.from(days).sort();
  if (sorted.length === 0) return null;
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  const n = gridLength(min, max, frequency);
  if (n <= MAX_PERIODS) return null;
  const q = (p: number) => isoFromDay(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]);
  return (
    `the dates run from ${isoFromDay(min)} to ${isoFromDay(max)}, which is ${n.toLocaleString('en')} ${frequency} periods; ` +
    `at most ${MAX_PERIODS.toLocaleString('en')} are supported. Half of the dates lie between ${q(0.25)} and ${q(0.75)}: check the dates far from those (a mistyped year, a placeholder such as 0001-01-01 or 9999-12-31)`
  );
}

/**
 * Builds the period grid covering `days` (distinct, any order). Weekly grids are anchored on the most common
 * weekday, so one stray date cannot shift every week; monthly grids map any day of a month to that month.
 * Throws (naming the dates) for more than MAX_PERIODS periods, before allocating anything for them.
 */
export function buildGrid(days: ArrayLike<number>, frequency: Frequency): PeriodGrid {
  const tooLong = calendarTooLong(days, frequency);
  if (tooLong) throw new AppError('invalid-input', `The calendar is too long: ${tooLong}.`);
  const sorted = Int32Array.from(days).sort();
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  if (frequency === 'daily') {
    const out = new Int32Array(max - min + 1);
    for (let i = 0; i < out.length; i++) out[i] = min + i;
    return { days: out, indexOf: (day) => (day >= min && day <= max ? day - min : -1) };
  }
  if (frequency === 'weekly') {
    const residues = new Int32Array(7);
    for (const d of sorted) residues[((d % 7) + 7) % 7]++;
    let r = 0;
    for (let i = 1; i < 7; i++) if (residues[i] > residues[r]) r = i;
    let first = min;
    while (((first % 7) + 7) % 7 !== r) first++;
    let last = max;
    while (((last % 7) + 7) % 7 !== r) last--;
    const n = Math.floor((last - first) / 7) + 1;
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = first + 7 * i;
    return {
      days: out,
      indexOf: (day) => {
        const k = (day - first) / 7;
        return Number.isInteger(k) && k >= 0 && k < n ? k : -1;
      },
    };
  }
  const m0 = monthIndexFromDay(min);
  const n = monthIndexFromDay(max) - m0 + 1;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = addPeriods(min, i, 'monthly');
  return { days: out, indexOf: (day) => monthIndexFromDay(day) - m0 };
}
