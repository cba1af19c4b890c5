import { maybeInteger } from '../core/errors';
import type { DatasetForecast, SeriesForecast } from '../forecast/run/forecast-dataset';
import type { SeriesRecord } from '../dataset/types';
import { normalQuantile } from '../policy/normal';
import type { ItemForecast } from '../reorder/forecast-input';

/**
 * The bridge from the Forecast tab's stored `DatasetForecast` to the reorder engine's `ItemForecast` contract
 * (src/lib/reorder/forecast-input.ts): one ItemForecast per forecast series, with
 * - `errorSigma` per horizon read off the quantiles (see `sigmaFromQuantiles`);
 * - `historyPeriods` = observed (non-missing) periods of the series in the dataset;
 * - `recentMean` = mean of its last `recentPeriods` observed values, for the insights' "rising" sentences.
 * A forecast series whose arrays are malformed is left out and named in `skipped`: its item then gets the
 * engine's NO_FORECAST status with its reason instead of stopping the whole run (the engine throws on shapes).
 */

/** Options of `toItemForecasts`. */
export interface ItemForecastOptions {
  /** Periods averaged for `recentMean` (integer ≥ 1). Default by period: 28 days, 8 weeks, 3 months. */
  recentPeriods?: number;
}

/** What `toItemForecasts` returns. */
export interface ItemForecasts {
  /** One per usable forecast series, in forecast order (the engine matches them to items by series id). */
  forecasts: ItemForecast[];
  /** Series left out, each with why. */
  skipped: Array<{ seriesId: string; reason: string }>;
}

/** Default `recentPeriods` for a period length in days. */
export function defaultRecentPeriods(periodDays: number): number {
  return periodDays <= 1 ? 28 : periodDays <= 7 ? 8 : 3;
}

/**
 * σ of the forecast error per period, from quantiles: σ_h = (q_top(h) − centre_h) / Φ⁻¹(top), where `top` is
 * the highest level above 0.5 and the centre is the 0.5 quantile when given, else the point forecast. The upper
 * half is used because demand quantiles are clipped at 0 below (an intermittent item's q10 is 0), which would
 * shrink a symmetric spread; the upper tail is also where safety stock lives. Without a level above 0.5 the
 * lowest level below it is used the same way. Undefined when no level differs from 0.5. Negative σ (crossed
 * quantiles) counts as 0; a non-finite one is kept, so the engine reports the item as INVALID_INPUT.
 */
export function sigmaFromQuantiles(levels: readonly number[], quantiles: readonly Float64Array[], point: Float64Array): Float64Array | undefined {
  let k = -1;
  for (let j = levels.length - 1; j >= 0; j--) {
    if (levels[j] > 0.5) {
      k = j;
      break;
    }
  }
  if (k < 0) k = levels.findIndex((p) => p < 0.5);
  if (k < 0) return undefined;
  const z = normalQuantile(levels[k]);
  const c = levels.indexOf(0.5);
  const centre = c >= 0 ? quantiles[c] : point;
  const q = quantiles[k];
  const out = new Float64Array(point.length);
  for (let h = 0; h < point.length; h++) {
    const s = (q[h] - centre[h]) / z;
    out[h] = s < 0 ? 0 : s;
  }
  return out;
}

/** Observed periods and the mean of the last `recent` observed values of a series. */
export function historyFacts(values: Float64Array, recent: number): { observed: number; recentMean: number } {
  let observed = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) observed++;
  let n = 0;
  let sum = 0;
  for (let i = values.length - 1; i >= 0 && n < recent; i--) {
    const v = values[i];
    if (v !== v) continue;
    sum += v;
    n++;
  }
  return { observed, recentMean: n > 0 ? sum / n : NaN };
}

function validLevels(levels: unknown): levels is number[] {
  return Array.isArray(levels) && levels.every((p, k) => typeof p === 'number' && p > 0 && p < 1 && (k === 0 || p > levels[k - 1]));
}

function shapeProblem(s: SeriesForecast, levels: readonly number[]): string | null {
  const H = s.point instanceof Float64Array ? s.point.length : -1;
  if (H < 1) return 'the forecast has no periods';
  if (!(s.days instanceof Int32Array) || s.days.length !== H || !Number.isInteger(s.days[0])) return 'the forecast has no dates for its periods';
  if (levels.length === 0) return null;
  if (!Array.isArray(s.quantiles) || s.quantiles.length !== levels.length || s.quantiles.some((q) => !(q instanceof Float64Array) || q.length !== H)) {
    return 'the forecast quantiles do not match its periods';
  }
  return null;
}

/**
 * ItemForecasts of a dataset forecast. `series` are the dataset's series (for history facts); a forecast series
 * not among them keeps `historyPeriods` undefined (the engine then does not flag short history).
 */
export function toItemForecasts(forecast: DatasetForecast, series: readonly SeriesRecord[], options: ItemForecastOptions = {}): ItemForecasts {
  const periodDays = Number.isInteger(forecast.periodDays) && forecast.periodDays >= 1 && forecast.periodDays <= 366 ? forecast.periodDays : 1;
  const recent = maybeInteger('recentPeriods', options.recentPeriods ?? defaultRecentPeriods(periodDays), 1);
  // One levels array shared by every item: the engine validates and plans it once (forecast-input.ts).
  const levels: readonly number[] = validLevels(forecast.quantileLevels) ? forecast.quantileLevels : [];
  const byId = new Map<string, SeriesRecord>();
  for (const s of series) if (!byId.has(s.id)) byId.set(s.id, s);
  const out: ItemForecasts = { forecasts: [], skipped: [] };
  for (const s of forecast.series ?? []) {
    const problem = shapeProblem(s, levels);
    if (problem) {
      out.skipped.push({ seriesId: String(s.seriesId), reason: problem });
      continue;
    }
    const quantiles = levels.length === 0 ? [] : s.quantiles;
    const f: ItemForecast = {
      seriesId: s.seriesId,
      periodDays,
      firstDay: s.days[0],
      mean: s.point,
      quantileLevels: levels,
      quantiles,
      model: s.modelIds?.join(' + '),
    };
    const sigma = levels.length === 0 ? undefined : sigmaFromQuantiles(levels, quantiles, s.point);
    if (sigma) f.errorSigma = sigma;
    const record = byId.get(s.seriesId);
    if (record) {
      const facts = historyFacts(record.values, recent);
      f.historyPeriods = facts.observed;
      if (Number.isFinite(facts.recentMean)) f.recentMean = facts.recentMean;
    }
    out.forecasts.push(f);
  }
  return out;
}
