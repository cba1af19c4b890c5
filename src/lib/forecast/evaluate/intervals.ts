import { invalidOption, maybeFinite, maybeInteger } from '../../core/errors';
import { forEachRow } from './score';
import type { BacktestResult, ScoreOptions } from './types';

/**
 * Prediction quantiles from the empirical distribution of backtest errors ("empirical prediction intervals",
 * Williams & Goodman 1971; Hyndman & Athanasopoulos, FPP3 §5.5 on bootstrapped residuals). For each horizon h
 * the errors of the backtest are scaled by the series level at their origin,
 *   r = (actual − forecast) / level,  level = mean |y| over the last season before the origin,
 * and their quantiles Q_h(q) give, for a new forecast f_h made at level L, the q-quantile f_h + L·Q_h(q)
 * (clipped at 0 for demand). Scaling by level lets one distribution serve series of different sizes and
 * adapts the width as a series grows; it assumes errors proportional to the level (as for multiplicative
 * errors). Errors at origins with level 0 are left out. Nothing here assumes normality. calibration.ts adds a
 * spread per series on top of this (the app's intervals and their check).
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
  return errorQuantilesOf(errors, quantiles);
}

/** The quantiles of each horizon's list of scaled errors (`errors[h]`, any order). */
export function errorQuantilesOf(errors: number[][], quantiles: number[]): ErrorQuantiles {
  const Q = quantiles.length;
  const H = errors.length;
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
