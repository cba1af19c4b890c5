import { daysInMonth, weekdayFromDay, ymdFromDay } from '../../core/dates';

/** Order of the two small numbers in `05-02-2010`: day-first or month-first. */
export type DateOrder = 'dmy' | 'mdy';

/** The grid a set of dates falls on. */
export type GridStep = 'daily' | 'weekly' | 'monthly' | 'irregular';

/** How regular a column's dates are when read in one order. */
export interface DateGridReading {
  /** The order the dates were read in. */
  order: DateOrder;
  /** The grid most gaps fit; 'irregular' when under half of them fit any. */
  step: GridStep;
  /** Share (0-1) of gaps between consecutive distinct dates that fit `step`: 1 day (daily), a multiple of 7 days (weekly, missing weeks allowed), the same day of month or both month-ends (monthly). */
  regularity: number;
  /** Weekday (0 = Monday ... 6 = Sunday) when every date falls on it, else null. */
  weekday: number | null;
  /** Distinct dates read. */
  dates: number;
}

/** A suggestion for an ambiguous column, for the UI to offer when it asks the user. */
export interface DateOrderHint {
  /** The order whose dates are clearly more regular (by ≥ 0.2); null when neither is. */
  order: DateOrder | null;
  /** Day-first reading, then month-first reading. */
  readings: [DateGridReading, DateGridReading];
  /** One sentence for people, e.g. "Day-first gives weekly dates, all Fridays; month-first gives irregular dates." */
  message: string;
}

/** Minimum difference in regularity for the hint to prefer one order. */
export const HINT_MARGIN = 0.2;

const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** How regular `days` (day numbers, any order, repeats and NaN ignored) are when read in `order`. */
export function readGrid(order: DateOrder, days: readonly number[]): DateGridReading {
  const sorted = Float64Array.from(days.filter((d) => Number.isFinite(d))).sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[n - 1]) sorted[n++] = sorted[i];
  let daily = 0;
  let weekly = 0;
  let monthly = 0;
  let weekday: number | null = n > 0 ? weekdayFromDay(sorted[0]) : null;
  let prev = n > 0 ? ymdFromDay(sorted[0]) : [0, 0, 0];
  for (let i = 1; i < n; i++) {
    const gap = sorted[i] - sorted[i - 1];
    const ymd = ymdFromDay(sorted[i]);
    if (gap === 1) daily++;
    if (gap % 7 === 0) weekly++;
    if (ymd[2] === prev[2] || (isMonthEnd(ymd) && isMonthEnd(prev))) monthly++;
    if (weekday !== null && weekdayFromDay(sorted[i]) !== weekday) weekday = null;
    prev = ymd;
  }
  const gaps = Math.max(n - 1, 0);
  let step: GridStep = 'daily';
  let best = daily;
  if (weekly > best) [step, best] = ['weekly', weekly];
  if (monthly > best) [step, best] = ['monthly', monthly];
  const regularity = gaps > 0 ? best / gaps : 0;
  if (regularity < 0.5) step = 'irregular';
  return { order, step, regularity, weekday: n > 1 ? weekday : null, dates: n };
}

/** Compares the two readings of an ambiguous column (day numbers read day-first and month-first). */
export function hintDateOrder(dayFirst: readonly number[], monthFirst: readonly number[]): DateOrderHint {
  const dmy = readGrid('dmy', dayFirst);
  const mdy = readGrid('mdy', monthFirst);
  const diff = dmy.regularity - mdy.regularity;
  const order: DateOrder | null = diff >= HINT_MARGIN ? 'dmy' : -diff >= HINT_MARGIN ? 'mdy' : null;
  const describe = (r: DateGridReading) => {
    const grid = r.step === 'irregular' ? 'irregular dates' : `${r.step} dates`;
    const day = r.weekday !== null && r.step !== 'daily' ? `, all ${WEEKDAY_NAMES[r.weekday]}s` : '';
    return `${grid}${day} (${Math.round(r.regularity * 100)}% on the grid)`;
  };
  const verdict = order === null ? 'Both readings are equally plausible.' : `${order === 'dmy' ? 'Day-first' : 'Month-first'} looks right.`;
  const message = `Day-first gives ${describe(dmy)}; month-first gives ${describe(mdy)}. ${verdict}`;
  return { order, readings: [dmy, mdy], message };
}

function isMonthEnd([y, m, d]: readonly number[]): boolean {
  return d === daysInMonth(y, m);
}
