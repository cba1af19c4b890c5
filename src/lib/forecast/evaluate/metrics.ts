import { invalidOption } from '../../core/errors';

/**
 * Forecast accuracy measures, following Hyndman & Koehler (2006), "Another look at measures of forecast
 * accuracy", and R's forecast::accuracy. The error is e = actual − forecast (R's convention), so a positive
 * mean error means under-forecasting. Pairs whose actual or forecast is not finite (a missing observation)
 * are skipped by every measure. A measure that is undefined for the data (no pairs, or a zero denominator)
 * is null, never NaN.
 */

/** Accuracy of a set of (actual, forecast) pairs. */
export interface AccuracyMetrics {
  /** Number of pairs used. */
  count: number;
  /** Mean absolute error, series units. */
  mae: number | null;
  /** Root mean squared error, series units. */
  rmse: number | null;
  /** Mean absolute percentage error, in percent, over the pairs whose actual is positive (R's convention: a zero
   * actual has an infinite percentage error, and a negative one, a return or correction in sales data, turns
   * the measure's meaning around). Null when no actual is positive. */
  mape: number | null;
  /** Weighted absolute percentage error Σ|e| / Σ|actual|, in percent. Null when Σ|actual| = 0. */
  wape: number | null;
  /** Mean absolute scaled error: mean of |e| / scale, the scale being the in-sample MAE of the seasonal naive
   * forecast on the training window of each pair (see `seasonalNaiveScale`). Null without positive scales. */
  mase: number | null;
  /** Mean error (bias) mean(actual − forecast), series units; > 0 = under-forecast. */
  me: number | null;
  /** Share (0-1) of pairs where the forecast moves the same way from the last observed value as the actual
   * did (up, down or flat). Null without a last value. */
  directionAccuracy: number | null;
}

/** Running sums behind `AccuracyMetrics`; add pairs with `addPair`, read with `summarize`. */
export interface AccuracyAccumulator {
  /** Pairs added. */
  n: number;
  /** Σ|e|, series units. */
  sumAbs: number;
  /** Σe², squared series units. */
  sumSq: number;
  /** Σe, series units. */
  sumErr: number;
  /** Σ|e|/actual over positive actuals (a fraction, not percent). */
  sumApe: number;
  /** Pairs with a positive actual. */
  nApe: number;
  /** Σ|actual|, series units. */
  sumAbsActual: number;
  /** Σ|e|/scale over pairs with a positive scale. */
  sumScaled: number;
  /** Pairs with a positive scale. */
  nScaled: number;
  /** Pairs whose direction from the last value was right. */
  directionHits: number;
  /** Pairs with a last value. */
  nDirection: number;
}

/** A fresh accumulator with every sum at 0. */
export function createAccumulator(): AccuracyAccumulator {
  return {
    n: 0,
    sumAbs: 0,
    sumSq: 0,
    sumErr: 0,
    sumApe: 0,
    nApe: 0,
    sumAbsActual: 0,
    sumScaled: 0,
    nScaled: 0,
    directionHits: 0,
    nDirection: 0,
  };
}

/**
 * Adds one (actual, forecast) pair. `scale` (the MASE denominator, > 0) and `last` (the last observed value
 * before the forecast, for direction accuracy) are optional: pass NaN to leave a pair out of those measures.
 */
export function addPair(acc: AccuracyAccumulator, actual: number, forecast: number, scale = NaN, last = NaN): void {
  if (!Number.isFinite(actual) || !Number.isFinite(forecast)) return;
  const e = actual - forecast;
  const ae = Math.abs(e);
  acc.n++;
  acc.sumAbs += ae;
  acc.sumSq += e * e;
  acc.sumErr += e;
  acc.sumAbsActual += Math.abs(actual);
  if (actual > 0) {
    acc.sumApe += ae / actual;
    acc.nApe++;
  }
  if (scale > 0 && Number.isFinite(scale)) {
    acc.sumScaled += ae / scale;
    acc.nScaled++;
  }
  if (Number.isFinite(last)) {
    acc.nDirection++;
    if (Math.sign(forecast - last) === Math.sign(actual - last)) acc.directionHits++;
  }
}

/** Adds the sums of `from` into `into` (the pairs of both, as if added to one accumulator). */
export function mergeAccumulator(into: AccuracyAccumulator, from: AccuracyAccumulator): void {
  into.n += from.n;
  into.sumAbs += from.sumAbs;
  into.sumSq += from.sumSq;
  into.sumErr += from.sumErr;
  into.sumApe += from.sumApe;
  into.nApe += from.nApe;
  into.sumAbsActual += from.sumAbsActual;
  into.sumScaled += from.sumScaled;
  into.nScaled += from.nScaled;
  into.directionHits += from.directionHits;
  into.nDirection += from.nDirection;
}

/** The measures of everything added so far. */
export function summarize(acc: AccuracyAccumulator): AccuracyMetrics {
  const n = acc.n;
  return {
    count: n,
    mae: n > 0 ? acc.sumAbs / n : null,
    rmse: n > 0 ? Math.sqrt(acc.sumSq / n) : null,
    mape: acc.nApe > 0 ? (100 * acc.sumApe) / acc.nApe : null,
    wape: acc.sumAbsActual > 0 ? (100 * acc.sumAbs) / acc.sumAbsActual : null,
    mase: acc.nScaled > 0 ? acc.sumScaled / acc.nScaled : null,
    me: n > 0 ? acc.sumErr / n : null,
    directionAccuracy: acc.nDirection > 0 ? acc.directionHits / acc.nDirection : null,
  };
}

/** Options of `accuracy`. */
export interface AccuracyOptions {
  /** MASE denominator for every pair (e.g. `seasonalNaiveScale(train, m)`). Default: no MASE. */
  scale?: number;
  /** Last observed value before the forecasts, for direction accuracy. Default: no direction accuracy. */
  last?: number;
}

/** Accuracy of `forecast` against `actual` (same length; NaN actuals are skipped). Throws on a length mismatch. */
export function accuracy(
  actual: ArrayLike<number>,
  forecast: ArrayLike<number>,
  options: AccuracyOptions = {},
): AccuracyMetrics {
  if (actual.length !== forecast.length) invalidOption('forecast length', forecast.length, `${actual.length}`);
  const acc = createAccumulator();
  for (let i = 0; i < actual.length; i++) addPair(acc, actual[i], forecast[i], options.scale, options.last);
  return summarize(acc);
}

/**
 * The MASE scale of a training window: the mean absolute difference y[t] − y[t − m] over the window, i.e.
 * the in-sample MAE of the seasonal naive forecast (Hyndman & Koehler 2006). Lag 1 (naive) when the window
 * has no more than m values or m < 2. NaN pairs are skipped; 0 when there is no pair.
 */
export function seasonalNaiveScale(train: Float64Array, seasonLength: number): number {
  const lag = seasonLength >= 2 && train.length > seasonLength ? seasonLength : 1;
  let sum = 0;
  let count = 0;
  for (let t = lag; t < train.length; t++) {
    const d = train[t] - train[t - lag];
    if (Number.isFinite(d)) {
      sum += Math.abs(d);
      count++;
    }
  }
  return count > 0 ? sum / count : 0;
}

/**
 * Pinball (quantile) loss of predicted `q`-quantiles: mean of max(q·(a − p), (q − 1)·(a − p)). It is minimised
 * in expectation by the true q-quantile; at q = 0.5 it is half the MAE. Null without finite pairs.
 */
export function pinballLoss(actual: ArrayLike<number>, predicted: ArrayLike<number>, q: number): number | null {
  if (!(q > 0 && q < 1)) invalidOption('quantile', q, 'a number in (0, 1)');
  let sum = 0;
  let n = 0;
  for (let i = 0; i < Math.min(actual.length, predicted.length); i++) {
    const d = actual[i] - predicted[i];
    if (!Number.isFinite(d)) continue;
    sum += Math.max(q * d, (q - 1) * d);
    n++;
  }
  return n > 0 ? sum / n : null;
}

/** Share (0-1) of finite actuals inside [lower, upper] (bounds included). Null without finite actuals. */
export function intervalCoverage(
  actual: ArrayLike<number>,
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
): number | null {
  let inside = 0;
  let n = 0;
  for (let i = 0; i < actual.length; i++) {
    if (!Number.isFinite(actual[i])) continue;
    n++;
    if (actual[i] >= lower[i] && actual[i] <= upper[i]) inside++;
  }
  return n > 0 ? inside / n : null;
}
