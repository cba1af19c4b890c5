import { invalidOption, maybeFinite, maybeInteger } from '../core/errors';
import { normalQuantile } from '../policy/normal';

/**
 * The contract between the forecasting side and the reorder engine: per series, a point forecast and
 * quantiles per future period. Either side can change its internals as long as this shape holds.
 */
export interface ItemForecast {
  /** Id of the series (same key convention as `SeriesRecord.id` and `InventoryItem.seriesId`). */
  seriesId: string;
  /** Days in one forecast period: 1 for daily, 7 for weekly (integer ≥ 1). */
  periodDays: number;
  /** Day number (core/dates.ts) on which the first forecast period starts. */
  firstDay: number;
  /** Mean demand per future period, units; length H ≥ 1. Negative values are clipped at 0 (flagged). */
  mean: Float64Array;
  /** Quantile levels in (0, 1), strictly increasing; may be empty. */
  quantileLevels: readonly number[];
  /** Per level (same order as `quantileLevels`), the demand quantile per period, units; each of length H. */
  quantiles: readonly Float64Array[];
  /**
   * Standard deviation of the forecast error (actual − forecast) per horizon step from a backtest, units
   * per period; index 0 is one step ahead. Any length ≥ 1: the last value is reused beyond it.
   */
  errorSigma?: Float64Array;
  /**
   * Backtest errors of *cumulative* demand: for each origin of this series' backtest, Σ_{h<P} (actual − forecast)
   * over the first P periods. A level error carries through every period of a window, so these, not the σ_h summed
   * as independent, measure the spread of demand over a protection interval. Takes precedence over `errorSigma`.
   */
  cumulativeErrors?: CumulativeErrors;
  /** Observed periods in the history the model was fitted on. 0 means no history (status NO_HISTORY). */
  historyPeriods?: number;
  /** Mean demand per period over the recent history (e.g. the last 8 periods), units; used by insights. */
  recentMean?: number;
  /** Id of the model that made the forecast, for explanations (e.g. 'snaive', 'ets-auto'). */
  model?: string;
}

/** Backtest errors of cumulative demand over the first P periods of each origin's forecast, P = 1 … K. */
export interface CumulativeErrors {
  /** Index P − 1: the errors over the first P periods, one per origin, sorted ascending (units). Each non-empty. */
  byPeriods: readonly Float64Array[];
  /** Where they came from, for explanations (e.g. 'ensemble backtest, 29 origins'). */
  source?: string;
}

// Levels arrays already checked: the forecasting side shares one array across items (treat it as immutable).
const checkedLevels = new WeakSet<readonly number[]>();

/**
 * Throws `invalid forecast.<field>: …` when the forecast's shape is wrong (a programming error on the
 * forecasting side). Values inside the arrays are data: non-finite means are reported per item by the engine.
 */
export function maybeItemForecast(forecast: unknown): ItemForecast {
  if (forecast == null || typeof forecast !== 'object') invalidOption('forecast', forecast, 'an ItemForecast object');
  const f = forecast as ItemForecast;
  if (typeof f.seriesId !== 'string') invalidOption('forecast.seriesId', f.seriesId, 'a string');
  maybeInteger('forecast.periodDays', f.periodDays, 1, 366);
  maybeInteger('forecast.firstDay', f.firstDay);
  if (!(f.mean instanceof Float64Array) || f.mean.length < 1) invalidOption('forecast.mean', f.mean, 'a non-empty Float64Array');
  const levels = f.quantileLevels;
  if (!Array.isArray(levels)) invalidOption('forecast.quantileLevels', levels, 'an array of levels in (0, 1)');
  if (!Array.isArray(f.quantiles) || f.quantiles.length !== levels.length) {
    invalidOption('forecast.quantiles', f.quantiles, `one Float64Array per level (${levels.length})`);
  }
  if (!checkedLevels.has(levels)) {
    for (let k = 0; k < levels.length; k++) {
      const p = maybeFinite(`forecast.quantileLevels[${k}]`, levels[k]);
      if (!(p > 0 && p < 1) || (k > 0 && !(p > levels[k - 1]))) {
        invalidOption(`forecast.quantileLevels[${k}]`, p, 'increasing levels in (0, 1)');
      }
    }
    checkedLevels.add(levels);
  }
  for (let k = 0; k < levels.length; k++) {
    const q = f.quantiles[k];
    if (!(q instanceof Float64Array) || q.length !== f.mean.length) {
      invalidOption(`forecast.quantiles[${k}]`, q, `a Float64Array of length ${f.mean.length}`);
    }
  }
  if (f.errorSigma !== undefined && (!(f.errorSigma instanceof Float64Array) || f.errorSigma.length < 1)) {
    invalidOption('forecast.errorSigma', f.errorSigma, 'a non-empty Float64Array');
  }
  if (f.cumulativeErrors !== undefined) {
    const b = f.cumulativeErrors?.byPeriods;
    if (!Array.isArray(b) || b.length < 1 || b.some((e) => !(e instanceof Float64Array) || e.length < 1)) {
      invalidOption('forecast.cumulativeErrors', b, 'non-empty sorted Float64Arrays, one per window length');
    }
  }
  if (f.historyPeriods !== undefined) maybeInteger('forecast.historyPeriods', f.historyPeriods, 0);
  return f;
}

/**
 * How to read σ per period off the quantiles at one service level α, precomputed once per (levels, α)
 * and shared by every item with the same levels array:
 *   σ_h = (q_α(h) − centre_h) / z_α,
 * with q_α interpolated linearly in z = Φ⁻¹(level) between the two levels around α (or the top level when α is
 * above all of them), and centre the 0.5 quantile when given, else the mean. Using the upper half of the
 * distribution keeps the skew of demand where safety stock needs it.
 */
export interface QuantilePlan {
  /** Index of the lower bracketing level (−1: no usable level above the centre, σ cannot be read). */
  lo: number;
  /** Index of the upper bracketing level (equals `lo` when α is at or beyond the top level). */
  hi: number;
  /** Weight of `hi` in the interpolation, in [0, 1]. */
  w: number;
  /** The z the interpolated quantile stands at (z_α, or the top level's z when α is beyond it). */
  z: number;
  /** Index of the 0.5 level, or −1 to use the mean as the centre. */
  centre: number;
}

const planCache = new WeakMap<readonly number[], Map<number, QuantilePlan>>();

/** The precomputed interpolation for `levels` at service level `alpha` (cached per levels array). */
export function quantilePlan(levels: readonly number[], alpha: number): QuantilePlan {
  let byAlpha = planCache.get(levels);
  if (!byAlpha) {
    byAlpha = new Map();
    planCache.set(levels, byAlpha);
  }
  let plan = byAlpha.get(alpha);
  if (!plan) {
    plan = buildPlan(levels, alpha);
    byAlpha.set(alpha, plan);
  }
  return plan;
}

function buildPlan(levels: readonly number[], alpha: number): QuantilePlan {
  const centre = levels.indexOf(0.5);
  // Only levels above the centre carry information about the upper tail.
  let first = -1;
  for (let k = 0; k < levels.length; k++) {
    if (levels[k] > 0.5) {
      first = k;
      break;
    }
  }
  if (first < 0) return { lo: -1, hi: -1, w: 0, z: NaN, centre };
  const top = levels.length - 1;
  const za = normalQuantile(alpha);
  // α at or above the top level (or too close to the centre for z_α to divide by): read σ at a level.
  if (alpha >= levels[top] || !(za > 0.05)) {
    const k = alpha >= levels[top] ? top : first;
    return { lo: k, hi: k, w: 0, z: normalQuantile(levels[k]), centre };
  }
  if (alpha <= levels[first]) return { lo: first, hi: first, w: 0, z: normalQuantile(levels[first]), centre };
  let hi = first;
  while (levels[hi] < alpha) hi++;
  const lo = hi - 1;
  const zLo = normalQuantile(levels[lo]);
  const zHi = normalQuantile(levels[hi]);
  return { lo, hi, w: (za - zLo) / (zHi - zLo), z: za, centre };
}

/**
 * The shape of a whole-dataset forecast as the forecasting side stores it (src/lib/forecast/run), declared
 * structurally here so that neither side imports the other.
 */
export interface DatasetForecastLike {
  /** Days per period. */
  periodDays: number;
  /** Quantile levels, ascending (one array shared by every series). */
  quantileLevels: number[];
  /** Per series. */
  series: ReadonlyArray<{ seriesId: string; days: Int32Array; point: Float64Array; quantiles: Float64Array[] }>;
}

/** What the forecasting side knows about a series' history, for flags and insights. */
export interface SeriesHistoryInfo {
  /** Observed periods the model was fitted on. */
  historyPeriods?: number;
  /** Recent mean demand per period. */
  recentMean?: number;
  /** Backtest σ of the forecast error per horizon. */
  errorSigma?: Float64Array;
}

/**
 * Adapts a dataset forecast to the engine's `ItemForecast[]` (same order), sharing the levels array so the
 * quantile interpolation is computed once. Series with no forecast periods are left out (their items will be
 * NO_FORECAST). `history` adds what the forecast itself does not carry.
 */
export function itemForecastsFrom(forecast: DatasetForecastLike, history?: (seriesId: string) => SeriesHistoryInfo | undefined): ItemForecast[] {
  const periodDays = Math.max(1, Math.round(forecast.periodDays));
  const levels = forecast.quantileLevels;
  const out: ItemForecast[] = [];
  for (const s of forecast.series) {
    if (s.point.length === 0 || s.days.length === 0) continue;
    const info = history?.(s.seriesId);
    const f: ItemForecast = { seriesId: s.seriesId, periodDays, firstDay: s.days[0], mean: s.point, quantileLevels: levels, quantiles: s.quantiles };
    if (info?.historyPeriods !== undefined) f.historyPeriods = info.historyPeriods;
    if (info?.recentMean !== undefined) f.recentMean = info.recentMean;
    if (info?.errorSigma !== undefined) f.errorSigma = info.errorSigma;
    out.push(f);
  }
  return out;
}
