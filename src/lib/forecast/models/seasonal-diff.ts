import { maybeInteger } from '../../core/errors';
import type { EtsCommonOptions } from './ets';
import { forecastEts } from './ets';
import { naiveForecast, seasonalNaiveForecast } from './naive';
import { defineModel, type StatModel } from '../types';

/**
 * Seasonal naive plus a smoothed seasonal change: the seasonal differences d[t] = y[t] − y[t − m] (this week
 * against the same week a year earlier) get simple exponential smoothing, and the forecast is last season's
 * value shifted by the smoothed change,
 *   ŷ(n + h) = ŷ(n + h − m) + ℓ,  with ŷ(t) = y[t] for t ≤ n,
 * ℓ being the SES level of d after its last value (so ℓ is added once per season ahead when h > m).
 *
 * This is the ARIMA(0,1,1)(0,1,0)ₘ model, written through the equivalence SES = ARIMA(0,1,1) (Hyndman &
 * Athanasopoulos, "Forecasting: Principles and Practice", 3rd ed., §9.9 and §8.1). Unlike STL (two whole
 * seasons, see stl-ets.ts) or seasonal ETS, it needs barely more than one season of history, which is where
 * plain seasonal naive is otherwise the only seasonal model: with 1.5 to 2 years of weekly history it carries
 * the year-on-year growth that seasonal naive ignores.
 *
 * α and ℓ₀ are fitted by maximum likelihood with the ETS(A,N,N) code (ets-fit.ts, α ∈ (1e-4, 0.9999)).
 * Fallbacks: no season (m < 2) → the naive forecast, as seasonal naive does; fewer than three seasonal
 * differences (n < m + 3) → seasonal naive (naive below one season).
 * @param y gap-free history (see `prepareHistory`).
 * @param seasonLength m, periods per season.
 */
export function forecastSeasonalDiffSes(
  y: Float64Array,
  horizon: number,
  seasonLength: number,
  options: EtsCommonOptions = {},
): Float64Array {
  const m = seasonLength;
  const n = y.length;
  if (m < 2) return naiveForecast(y, horizon);
  if (n < m + 3) return seasonalNaiveForecast(y, horizon, m);
  const d = new Float64Array(n - m);
  for (let t = m; t < n; t++) d[t - m] = y[t] - y[t - m];
  // The one-step SES forecast of d is its final level ℓ, the same at every horizon.
  const level = forecastEts(d, 1, { error: 'A', trend: 'N', season: 'N', seasonLength: 1 }, options)[0];
  const out = new Float64Array(horizon);
  for (let h = 0; h < horizon; h++) out[h] = (h < m ? y[n - m + h] : out[h - m]) + level;
  return out;
}

/** Options of the seasonal-difference SES model. */
export type SeasonalDiffSesOptions = EtsCommonOptions;

/**
 * The seasonal naive + smoothed seasonal change model (ARIMA(0,1,1)(0,1,0)ₘ), id 'sdiff-ses'.
 * Throws `invalid maxEvaluations: …` for a bad budget.
 */
export function createSeasonalDiffSesModel(options: SeasonalDiffSesOptions = {}): StatModel {
  const opts: EtsCommonOptions =
    options.maxEvaluations === undefined ? {} : { maxEvaluations: maybeInteger('maxEvaluations', options.maxEvaluations, 10, 1e6) };
  return defineModel('sdiff-ses', 'Seasonal naive + smoothed seasonal change', (y, h, ctx) =>
    forecastSeasonalDiffSes(y, h, ctx.seasonLength, opts),
  );
}
