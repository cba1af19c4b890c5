import { quantileSorted } from '../../../src/lib/forecast/evaluate/intervals';
import { seasonalNaiveForecast } from '../../../src/lib/forecast/models/naive';
import type { ItemForecast } from '../../../src/lib/reorder/forecast-input';

/** Quantile levels the test forecaster reports. */
export const LEVELS = [0.5, 0.8, 0.9, 0.95, 0.98, 0.99];

/** Options of the test forecaster. */
export interface SeasonalNaiveOptions {
  /** Season length m, periods. */
  season: number;
  /** Horizon H, periods. */
  horizon: number;
  /** Days per period. */
  periodDays: number;
  /** Day number of period 0. */
  day0: number;
  /** Give the engine the RMSE of the seasonal errors as `errorSigma` instead of quantiles. */
  sigma?: boolean;
}

/**
 * A tiny seasonal-naive forecaster with empirical error quantiles, for closed-loop tests: at origin o the mean is
 * y[o − m + (h mod m)] (src/lib/forecast/naive.ts), and the quantile at level p is mean + the p-quantile of the
 * in-sample seasonal errors y[t] − y[t − m], t < o (R type 7, src/lib/forecast/intervals.ts), clipped at 0.
 */
export function seasonalNaiveAt(y: Float64Array, o: SeasonalNaiveOptions): (origin: number) => ItemForecast {
  return (origin) => {
    const history = y.subarray(0, origin);
    const mean = seasonalNaiveForecast(history, o.horizon, o.season);
    const errors: number[] = [];
    for (let t = o.season; t < origin; t++) errors.push(y[t] - y[t - o.season]);
    errors.sort((a, b) => a - b);
    const base: Omit<ItemForecast, 'quantileLevels' | 'quantiles'> = {
      seriesId: 's',
      periodDays: o.periodDays,
      firstDay: o.day0 + origin * o.periodDays,
      mean,
      historyPeriods: origin,
      model: 'snaive',
    };
    if (o.sigma) {
      const rmse = Math.sqrt(errors.reduce((s, e) => s + e * e, 0) / Math.max(1, errors.length));
      return { ...base, quantileLevels: [], quantiles: [], errorSigma: new Float64Array([rmse]) };
    }
    const quantiles = LEVELS.map((p) => {
      const q = quantileSorted(errors, p);
      return mean.map((m) => Math.max(0, m + q));
    });
    return { ...base, quantileLevels: LEVELS, quantiles };
  };
}

/** A perfect forecast: the actual future values, no error. */
export function perfectAt(y: Float64Array, o: { horizon: number; periodDays: number; day0: number }): (origin: number) => ItemForecast {
  return (origin) => ({
    seriesId: 's',
    periodDays: o.periodDays,
    firstDay: o.day0 + origin * o.periodDays,
    mean: y.slice(origin, Math.min(y.length, origin + o.horizon)),
    quantileLevels: [],
    quantiles: [],
    errorSigma: new Float64Array([0]),
    historyPeriods: origin,
  });
}

/** The closed-loop rows as a fixed-width table for the test log. */
export function formatTable(rows: { label: string; totalCost: number; holdingCost: number; shortageCost: number; orderingCost: number; fillRate: number; averageStock: number; orders: number }[]): string {
  const head = ['policy', 'total cost', 'holding', 'shortage', 'ordering', 'fill rate', 'avg stock', 'orders'];
  const data = rows.map((r) => [
    r.label,
    r.totalCost.toFixed(0),
    r.holdingCost.toFixed(0),
    r.shortageCost.toFixed(0),
    r.orderingCost.toFixed(0),
    `${(100 * r.fillRate).toFixed(1)}%`,
    r.averageStock.toFixed(0),
    String(r.orders),
  ]);
  const w = head.map((h, k) => Math.max(h.length, ...data.map((d) => d[k].length)));
  const line = (cells: string[]) => `| ${cells.map((c, k) => (k === 0 ? c.padEnd(w[k]) : c.padStart(w[k]))).join(' | ')} |`;
  return [line(head), `|${w.map((x) => '-'.repeat(x + 2)).join('|')}|`, ...data.map(line)].join('\n');
}
