import { invalidOption, maybeInteger } from '../../core/errors';
import { forecastAutoEts, type EtsCommonOptions } from './ets';
import { seasonalNaiveForecast } from './naive';
import { stl } from './stl';
import { fitWindowStart } from './ets-warm';
import { defineModel, type StatModel } from '../types';

/** Options of the STL + ETS model. */
export interface StlEtsOptions extends EtsCommonOptions {
  /** STL seasonal window (R's s.window), odd ≥ 3. Default 11, the value forecast::stlf passes through mstl. */
  seasonalWindow?: number;
  /** Robust STL (bisquare weights against outliers). Default false, as stlf. */
  robust?: boolean;
  /** Let the ETS of the adjusted series use multiplicative errors when it is positive. Default true. */
  multiplicative?: boolean;
}

/**
 * Forecasts like R's forecast::stlf(y, method = "ets"): STL decomposition (STL proper, see stl.ts), a
 * non-seasonal ETS chosen by AICc (forecast's etsmodel = "ZZN") on the seasonally adjusted series y − seasonal,
 * then the last observed seasonal cycle added back: ŷ(n+h) = ETS(n+h) + seasonal[n − m + ((h − 1) mod m)].
 *
 * Fallbacks: with no season (m < 2) it is the non-seasonal auto ETS of y; with two seasons of history or less
 * (n ≤ 2m, where STL is undefined) it is the seasonal naive forecast (naive below one season), the protocol of
 * the Walmart reference figures in tests/unit/forecast/walmart.test.ts.
 */
export function forecastStlEts(
  y: Float64Array,
  horizon: number,
  seasonLength: number,
  options: StlEtsOptions = {},
  warm: Map<string, unknown> | null = null,
): Float64Array {
  const m = seasonLength;
  const n = y.length;
  const etsOptions = { maxEvaluations: options.maxEvaluations, seasonal: false, multiplicative: options.multiplicative };
  if (m < 2) return forecastAutoEts(y, horizon, 1, etsOptions, warm);
  if (n <= 2 * m) return seasonalNaiveForecast(y, horizon, m);
  // Long histories are decomposed on their recent window only (ets-warm.ts): STL's loess windows span about a
  // dozen seasons, so the seasonal component at the end, the only part the forecast uses, hardly depends on
  // data further back; the ETS of the adjusted series then sees the same window.
  const start = fitWindowStart(n, m);
  const yw = y.subarray(start);
  const nw = yw.length;
  const { seasonal } = stl(yw, { period: m, seasonalWindow: options.seasonalWindow ?? 11, robust: options.robust });
  const adjusted = new Float64Array(nw);
  for (let t = 0; t < nw; t++) adjusted[t] = yw[t] - seasonal[t];
  // Warm-started like auto ETS. The store's positions are positions in `adjusted`, which starts at `start`:
  // when the window moves, the earlier fits' states belong to another time, so the store starts afresh.
  if (warm && warm.get('stl-window-start') !== start) {
    warm.clear();
    warm.set('stl-window-start', start);
  }
  const out = forecastAutoEts(adjusted, horizon, 1, etsOptions, warm);
  for (let h = 0; h < horizon; h++) out[h] += seasonal[nw - m + (h % m)];
  return out;
}

/** The STL + ETS model, id 'stl-ets'. Throws `invalid seasonalWindow: …` for an even or small window. */
export function createStlEtsModel(options: StlEtsOptions = {}): StatModel {
  const seasonalWindow = maybeInteger('seasonalWindow', options.seasonalWindow ?? 11, 3, 10_001);
  if (seasonalWindow % 2 === 0) invalidOption('seasonalWindow', seasonalWindow, 'an odd integer ≥ 3');
  const { robust = false, multiplicative = true } = options;
  if (typeof robust !== 'boolean') invalidOption('robust', robust, 'a boolean');
  if (typeof multiplicative !== 'boolean') invalidOption('multiplicative', multiplicative, 'a boolean');
  const maxEvaluations =
    options.maxEvaluations === undefined ? undefined : maybeInteger('maxEvaluations', options.maxEvaluations, 10, 1e6);
  const opts: StlEtsOptions = { seasonalWindow, robust, multiplicative, maxEvaluations };
  return defineModel('stl-ets', 'STL + ETS', (y, h, ctx) => forecastStlEts(y, h, ctx.seasonLength, opts, ctx.warm));
}
