import { invalidOption, maybeFinite, maybeInteger } from '../../core/errors';
import { forEachRow } from './score';
import type { BacktestResult, ScoreOptions } from './types';
import { intervalCoverage, pinballLoss } from './metrics';

/**
 * Prediction quantiles from the empirical distribution of backtest errors ("empirical prediction intervals",
 * Williams & Goodman 1971; Hyndman & Athanasopoulos, FPP3 §5.5 on bootstrapped residuals). For each horizon h
 * the errors of the backtest are scaled by the series level at their origin,
 *   r = (actual − forecast) / level,  level = mean |y| over the last season before the origin,
 * and their quantiles Q_h(q) give, for a new forecast f_h made at level L, the q-quantile f_h + L·Q_h(q)
 * (clipped at 0 for demand). Scaling by level lets one distribution serve series of different sizes and
 * adapts the width as a series grows; it assumes errors proportional to the level (as for multiplicative
 * errors). Errors at origins with level 0 are left out. Nothing here assumes normality.
 */

/** Quantiles of scaled backtest errors, per horizon. */
export interface ErrorQuantiles {
  /** Probability levels, ascending, each in (0, 1). */
  quantiles: number[];
  /** Number of horizons H. */
  horizon: number;
  /** values[(h − 1)·Q + j] is the quantile `quantiles[j]` of the scaled errors at horizon h. */
  values: Float64Array;
  /** Errors used per horizon. */
  samples: Int32Array;
}

/** Options of `fitErrorQuantiles`. */
export interface ErrorQuantileOptions extends ScoreOptions {
  /** Probability levels. Default [0.1, 0.5, 0.9]. Each in (0, 1), strictly ascending. */
  quantiles?: number[];
}

/** Default probability levels: an 80 % interval and the median. */
export const DEFAULT_QUANTILES: readonly number[] = [0.1, 0.5, 0.9];

/** Validates probability levels: a non-empty, strictly ascending list in (0, 1). Throws `invalid quantiles: …`. */
export function maybeQuantiles(value: unknown): number[] {
  if (!Array.isArray(value) || value.length === 0) invalidOption('quantiles', value, 'a non-empty array');
  const qs = value.map((q) => maybeFinite('quantile', q));
  qs.forEach((q, i) => {
    if (!(q > 0 && q < 1) || (i > 0 && q <= qs[i - 1])) invalidOption('quantiles', value, 'ascending levels in (0, 1)');
  });
  return qs;
}

/** The error scale of a history: mean |value| over its last max(1, seasonLength) finite values (0 if none). */
export function errorScale(history: Float64Array, seasonLength: number): number {
  const want = Math.max(1, seasonLength);
  let count = 0;
  let sum = 0;
  for (let t = history.length - 1; t >= 0 && count < want; t--) {
    if (!Number.isFinite(history[t])) continue;
    sum += Math.abs(history[t]);
    count++;
  }
  return count > 0 ? sum / count : 0;
}

/** Quantile of sorted values, linear interpolation between order statistics (R's default, type 7). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return 0;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  return lo + 1 < n ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[n - 1];
}

/** Fits the scaled-error quantiles of model `modelIndex` over the selected rows (one series or all). */
export function fitErrorQuantiles(
  result: BacktestResult,
  modelIndex: number,
  options: ErrorQuantileOptions = {},
): ErrorQuantiles {
  const i = maybeInteger('modelIndex', modelIndex, 0, result.modelIds.length - 1);
  const quantiles = maybeQuantiles(options.quantiles ?? [...DEFAULT_QUANTILES]);
  const H = result.horizon;
  const errors: number[][] = Array.from({ length: H }, () => []);
  forEachRow(result, options, (r) => {
    const level = result.level[r];
    if (!(level > 0)) return;
    for (let h = 0; h < H; h++) {
      const e = (result.actual[r * H + h] - result.forecast[(i * result.rows + r) * H + h]) / level;
      if (Number.isFinite(e)) errors[h].push(e);
    }
  });
  const Q = quantiles.length;
  const values = new Float64Array(H * Q);
  const samples = new Int32Array(H);
  errors.forEach((list, h) => {
    const sorted = Float64Array.from(list).sort();
    samples[h] = sorted.length;
    quantiles.forEach((q, j) => (values[h * Q + j] = quantileSorted(sorted, q)));
  });
  return { quantiles, horizon: H, values, samples };
}

/**
 * Turns a point forecast into quantile forecasts: result[j][h] = forecast[h] + level·Q_h(quantiles[j]),
 * clipped at 0 unless `nonNegative` is false; horizons beyond the fitted ones reuse the last fitted horizon.
 * @param level the history's `errorScale`.
 */
export function forecastQuantiles(
  forecast: Float64Array,
  level: number,
  eq: ErrorQuantiles,
  nonNegative = true,
): Float64Array[] {
  const Q = eq.quantiles.length;
  const L = Number.isFinite(level) ? level : 0;
  return eq.quantiles.map((_, j) => {
    const out = new Float64Array(forecast.length);
    for (let h = 0; h < forecast.length; h++) {
      const v = forecast[h] + L * eq.values[Math.min(h, eq.horizon - 1) * Q + j];
      out[h] = nonNegative && v < 0 ? 0 : v;
    }
    return out;
  });
}

/** Options of `measureIntervals`. */
export interface IntervalCheckOptions {
  /** Probability levels. Default [0.1, 0.5, 0.9]. */
  quantiles?: number[];
  /** Origins ≤ this calibrate; later origins are scored. Required. */
  splitOrigin: number;
  /** Fit quantiles per series when it has at least this many calibration errors per horizon, else pooled
   * over all series. Default 100: errors at consecutive origins overlap and are strongly correlated, so a few
   * dozen of one series' errors understate its spread (on the Walmart check, per-series quantiles from 29
   * origins covered 58 % of later actuals with a nominal 80 %, pooled ones 88 %). */
  minSamples?: number;
}

/** Measured quality of quantile forecasts on held-out origins. */
export interface IntervalCheck {
  /** One entry per symmetric pair (quantiles[j], quantiles[Q − 1 − j]): nominal and observed coverage. */
  coverage: Array<{ lower: number; upper: number; nominal: number; observed: number | null }>;
  /** Pinball loss per quantile, in series units (null without test data). */
  pinball: Array<number | null>;
  /** Held-out (row, horizon) pairs scored. */
  count: number;
}

/**
 * Calibrates on origins ≤ splitOrigin and measures coverage and pinball loss on the later ones, so the figures
 * are out of sample. Per-series quantiles where a series has `minSamples` errors per horizon, pooled otherwise.
 */
export function measureIntervals(result: BacktestResult, modelIndex: number, options: IntervalCheckOptions): IntervalCheck {
  const quantiles = maybeQuantiles(options.quantiles ?? [...DEFAULT_QUANTILES]);
  const split = maybeInteger('splitOrigin', options.splitOrigin, 1);
  const minSamples = maybeInteger('minSamples', options.minSamples ?? 100, 1);
  const H = result.horizon;
  const Q = quantiles.length;
  const pooled = fitErrorQuantiles(result, modelIndex, { quantiles, toOrigin: split });
  const perSeries = result.seriesIds.map((_, series) => {
    const eq = fitErrorQuantiles(result, modelIndex, { quantiles, toOrigin: split, series });
    return eq.samples.every((n) => n >= minSamples) ? eq : pooled;
  });
  const actual: number[] = [];
  const predicted: number[][] = quantiles.map(() => []);
  forEachRow(result, { fromOrigin: split + 1 }, (r) => {
    const f = result.forecast.subarray((modelIndex * result.rows + r) * H, (modelIndex * result.rows + r + 1) * H);
    const qf = forecastQuantiles(f, result.level[r], perSeries[result.rowSeries[r]]);
    for (let h = 0; h < H; h++) {
      actual.push(result.actual[r * H + h]);
      for (let j = 0; j < Q; j++) predicted[j].push(qf[j][h]);
    }
  });
  const coverage = [];
  for (let j = 0; j < Math.floor(Q / 2); j++) {
    const lower = quantiles[j];
    const upper = quantiles[Q - 1 - j];
    coverage.push({ lower, upper, nominal: upper - lower, observed: intervalCoverage(actual, predicted[j], predicted[Q - 1 - j]) });
  }
  const pinball = quantiles.map((q, j) => pinballLoss(actual, predicted[j], q));
  return { coverage, pinball, count: actual.filter(Number.isFinite).length };
}
