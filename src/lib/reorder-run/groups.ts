import type { Frequency } from '../core/dates';
import type { DatasetForecast } from '../forecast/run/forecast-dataset';
import type { Calendar, SeriesRecord } from '../dataset/types';

/**
 * Store-level views of a dataset for the planner's dashboards: which key column names the store, the series
 * of each store, their summed history and forecast, and per-store sales growth. Pure and O(values).
 */

const STORE_NAME = /^(store|location|site|shop|branch|outlet|warehouse)([ _-]?(id|no|nr|number|code))?$/i;

/** The key column that names the store (Store, store_id, Location, Site...), or null when none does. */
export function storeColumnOf(keyColumns: readonly string[]): string | null {
  return keyColumns.find((k) => STORE_NAME.test(k.trim())) ?? null;
}

/** Compares key values numerically when both are numbers ('2' < '10'), else by code units. */
export function compareKeyValues(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  if (a.trim() !== '' && b.trim() !== '' && Number.isFinite(x) && Number.isFinite(y) && x !== y) return x - y;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Row indexes per value of `column` ('' when a row lacks it), values in `compareKeyValues` order. */
export function groupRows(keys: readonly Record<string, string>[], column: string): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  keys.forEach((key, i) => {
    const g = key[column] ?? '';
    const list = groups.get(g);
    if (list) list.push(i);
    else groups.set(g, [i]);
  });
  return new Map([...groups].sort((a, b) => compareKeyValues(a[0], b[0])));
}

/**
 * Sum per calendar period of the given series (`periods` = calendar length); NaN in a period where none of
 * them is observed, so gaps stay gaps on a chart.
 */
export function aggregateSeries(series: readonly SeriesRecord[], rows: readonly number[], periods: number): Float64Array {
  const out = new Float64Array(periods).fill(NaN);
  for (const i of rows) {
    const s = series[i];
    if (!s) continue;
    for (let t = 0; t < s.values.length; t++) {
      const v = s.values[t];
      const k = s.start + t;
      if (v !== v || k < 0 || k >= periods) continue;
      out[k] = out[k] !== out[k] ? v : out[k] + v;
    }
  }
  return out;
}

/** The summed forecast of a group of series. */
export interface AggregateForecast {
  /** Day number of each period. */
  days: Int32Array;
  /** Σ point forecasts. */
  point: Float64Array;
  /** Quantile levels. */
  levels: number[];
  /**
   * Σ of each quantile over the series: an approximation. It is the group's quantile only if the series' errors
   * move together (perfect correlation); for independent errors the true interval is narrower.
   */
  quantiles: Float64Array[];
  /** Series summed. */
  series: number;
  /** Series of the group without a forecast (left out of the sums). */
  missing: number;
}

/** Sums the forecasts of `seriesIds` (series of a different horizon or start than the first are left out). */
export function aggregateForecast(forecast: DatasetForecast, seriesIds: readonly string[]): AggregateForecast | null {
  const want = new Set(seriesIds);
  const parts = forecast.series.filter((s) => want.has(s.seriesId));
  const first = parts[0];
  if (!first) return null;
  const H = first.point.length;
  const levels = forecast.quantileLevels.slice();
  const point = new Float64Array(H);
  const quantiles = levels.map(() => new Float64Array(H));
  let used = 0;
  for (const s of parts) {
    if (s.point.length !== H || s.days[0] !== first.days[0] || s.quantiles.length !== levels.length) continue;
    for (let h = 0; h < H; h++) point[h] += s.point[h];
    s.quantiles.forEach((q, j) => {
      for (let h = 0; h < H; h++) quantiles[j][h] += q[h];
    });
    used++;
  }
  return { days: first.days.slice(), point, levels, quantiles, series: used, missing: seriesIds.length - used };
}

/** Calendar periods in a year for a frequency. */
export function periodsPerYear(frequency: Frequency): number {
  return frequency === 'daily' ? 365 : frequency === 'weekly' ? 52 : 12;
}

/** Sales figures of one store. */
export interface GroupFigure {
  /** Store (key value). */
  group: string;
  /** Series in the store. */
  series: number;
  /** Σ of all observed values. */
  total: number;
  /** Σ over the last year of the calendar. */
  lastYear: number;
  /** Σ over the year before it (NaN when the calendar is shorter than two years). */
  previousYear: number;
  /** lastYear / previousYear − 1 (NaN without two full years or with a zero previous year). */
  growth: number;
}

/** Per store: total sales and growth of the last year over the year before, in store order. */
export function groupFigures(series: readonly SeriesRecord[], calendar: Calendar, column: string): GroupFigure[] {
  const n = calendar.days.length;
  const year = periodsPerYear(calendar.frequency);
  const out: GroupFigure[] = [];
  for (const [group, rows] of groupRows(series.map((s) => s.key), column)) {
    const sum = aggregateSeries(series, rows, n);
    let total = 0;
    let last = 0;
    let previous = 0;
    for (let t = 0; t < n; t++) {
      const v = sum[t];
      if (v !== v) continue;
      total += v;
      if (t >= n - year) last += v;
      else if (t >= n - 2 * year) previous += v;
    }
    const twoYears = n >= 2 * year;
    out.push({
      group,
      series: rows.length,
      total,
      lastYear: last,
      previousYear: twoYears ? previous : NaN,
      growth: twoYears && previous > 0 ? last / previous - 1 : NaN,
    });
  }
  return out;
}
