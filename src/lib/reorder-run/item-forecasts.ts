import { maybeInteger } from '../core/errors';
import type { DatasetForecast, SeriesForecast } from '../forecast/run/forecast-dataset';
import type { SeriesRecord } from '../dataset/types';
import type { CumulativeErrors, ItemForecast } from '../reorder/forecast-input';

/**
 * The bridge from the Forecast tab's stored `DatasetForecast` to the reorder engine's `ItemForecast` contract
 * (src/lib/reorder/forecast-input.ts): one ItemForecast per forecast series, with
 * - the quantiles, with the forecast's service levels (0.95, 0.98, 0.99) merged in, from which the engine reads σ at
 *   each item's service level (forecast-input.ts `quantilePlan`: the one σ-from-quantile rule);
 * - `cumulativeErrors` from the latest backtest when the caller has them: the safety stock then comes from the
 *   errors of cumulative demand over the protection interval, not from the quantiles;
 * - `historyPeriods` = observed (non-missing) periods of the series in the dataset;
 * - `recentMean` = mean of its last `recentPeriods` observed values, for the insights' "rising" sentences.
 * A forecast series whose arrays are malformed is left out and named in `skipped`: its item then gets the
 * engine's NO_FORECAST status with its reason instead of stopping the whole run (the engine throws on shapes).
 */

/** Options of `toItemForecasts`. */
export interface ItemForecastOptions {
  /** Periods averaged for `recentMean` (integer ≥ 1). Default by period: 28 days, 8 weeks, 3 months. */
  recentPeriods?: number;
  /** The backtest's errors of cumulative demand for a series, when known (cumulative-errors.ts). */
  cumulativeErrors?: (seriesId: string) => CumulativeErrors | undefined;
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
  const base: readonly number[] = validLevels(forecast.quantileLevels) ? forecast.quantileLevels : [];
  // Service levels only when every series carries them (one levels array is shared by all items).
  const sl = forecast.serviceLevels;
  const withService = base.length > 0 && validLevels(sl) && (forecast.series ?? []).every((s) => Array.isArray(s.serviceQuantiles) && s.serviceQuantiles.length === sl.length && s.serviceQuantiles.every((q) => q instanceof Float64Array && q.length === s.point?.length));
  const extra = withService ? sl : [];
  const merged = mergeLevels(base, extra);
  const levels: readonly number[] = merged.levels;
  const byId = new Map<string, SeriesRecord>();
  for (const s of series) if (!byId.has(s.id)) byId.set(s.id, s);
  const out: ItemForecasts = { forecasts: [], skipped: [] };
  for (const s of forecast.series ?? []) {
    const problem = shapeProblem(s, base);
    if (problem) {
      out.skipped.push({ seriesId: String(s.seriesId), reason: problem });
      continue;
    }
    const quantiles = levels.length === 0 ? [] : mergeQuantiles(s, merged.from, s.point.length);
    const f: ItemForecast = {
      seriesId: s.seriesId,
      periodDays,
      firstDay: s.days[0],
      mean: s.point,
      quantileLevels: levels,
      quantiles,
      model: s.modelIds?.join(' + '),
    };
    const ce = options.cumulativeErrors?.(s.seriesId);
    if (ce) f.cumulativeErrors = ce;
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

/** The union of the forecast's levels and its service levels, ascending, with where each comes from. */
function mergeLevels(base: readonly number[], extra: readonly number[]): { levels: number[]; from: Array<[0 | 1, number]> } {
  const all: Array<[number, 0 | 1, number]> = [...base.map((p, k): [number, 0 | 1, number] => [p, 0, k]), ...extra.filter((p) => !base.includes(p)).map((p, k): [number, 0 | 1, number] => [p, 1, extra.indexOf(p)])];
  all.sort((a, b) => a[0] - b[0]);
  return { levels: all.map((x) => x[0]), from: all.map((x) => [x[1], x[2]]) };
}

/** The series' quantiles at the merged levels, made non-decreasing across levels (fitted apart, they may cross). */
function mergeQuantiles(s: SeriesForecast, from: ReadonlyArray<[0 | 1, number]>, H: number): Float64Array[] {
  const service = s.serviceQuantiles;
  const out = from.map(([src, k]) => (src === 0 ? s.quantiles[k] : service![k]));
  if (!from.some((x) => x[0] === 1)) return out;
  const fixed = out.map((q) => q.slice());
  for (let j = 1; j < fixed.length; j++) for (let h = 0; h < H; h++) if (fixed[j][h] < fixed[j - 1][h]) fixed[j][h] = fixed[j - 1][h];
  return fixed;
}
