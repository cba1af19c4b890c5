import { invalidOption, maybeInteger } from '../../core/errors';
import { forecastAutoEts, forecastFromFit, selectEts, type AutoEtsOptions, type EtsCommonOptions } from './ets';
import { naiveForecast, seasonalNaiveForecast } from './naive';
import { stl } from './stl';
import { fitWindowStart, warmEntry, type WarmContext } from './ets-warm';
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
  const etsOptions: AutoEtsOptions = { maxEvaluations: options.maxEvaluations, seasonal: false, multiplicative: options.multiplicative };
  if (m < 2) return forecastAutoEts(y, horizon, 1, etsOptions, warm);
  etsOptions.skipAiccGap = STL_SKIP_AICC_GAP;
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
  const fit = selectEts(adjusted, 1, etsOptions, warm ? warmContext(warm, adjusted, start, n) : null);
  const out = fit ? forecastFromFit(adjusted, fit, horizon) : naiveForecast(adjusted, horizon);
  for (let h = 0; h < horizon; h++) out[h] += seasonal[nw - m + (h % m)];
  return out;
}

/**
 * Skip threshold of the adjusted series' candidate forms in a rolling backtest (`AutoEtsOptions.skipAiccGap`),
 * lower than auto ETS's 30. The six non-seasonal forms are nested in pairs (a trend adds 2 parameters, about 4
 * AICc points of penalty; damping 1 more), and on the store-item file the trend forms trailed by 4-9 AICc points
 * at the median and won 10 of 1,064 fits. A form more than 3 points behind is refitted every fourth origin
 * instead of at every one: there 2.7 form fits per origin instead of 5.9, WAPE 13.186 against 13.187
 * (docs/fast-ets.md).
 */
export const STL_SKIP_AICC_GAP = 3;

/** The adjusted window of the previous origin, kept to carry its fits' states forward when the window moves. */
interface AdjustedWindow {
  /** First period of the window in the full history. */
  start: number;
  /** y − seasonal on the window, as the previous origin's STL gave it. */
  values: Float64Array;
}

const ADJUSTED_KEY = 'stl-adjusted';

/**
 * The warm context of the ETS on the adjusted window y[start, n): positions are those of the full history, so
 * a fit stored at an earlier origin (window start s₀ ≤ start) is carried to `start` by filtering it through that
 * origin's adjusted values on [s₀, start). Each origin's STL adjusts its own window, slightly differently from
 * the previous one; the carried states are only a starting point of the polish, as in auto ETS.
 */
function warmContext(store: Map<string, unknown>, adjusted: Float64Array, start: number, n: number): WarmContext {
  const previous = store.get(ADJUSTED_KEY) as AdjustedWindow | undefined;
  // A fit from before the previous window (a form skipped across a move) has no adjusted values to be carried
  // through: it is dropped, and that form starts cold.
  if (previous) {
    for (const key of [...store.keys()]) {
      const entry = warmEntry({ store, y: adjusted, start }, key);
      if (entry && entry.start < previous.start) store.delete(key);
    }
  }
  store.set(ADJUSTED_KEY, { start, values: adjusted } satisfies AdjustedWindow);
  const y = new Float64Array(n);
  // Only [s₀, start) is read before `start` (warmParams), and only when the window moved.
  if (previous && previous.start < start) y.set(previous.values.subarray(0, Math.min(previous.values.length, start - previous.start)), previous.start);
  y.set(adjusted, start);
  return { store, y, start };
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
