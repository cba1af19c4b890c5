import { invalidOption } from '../core/errors';
import type { ItemForecast } from './forecast-input';

/**
 * Item forecasts packed for a worker boundary: every number in one Float64Array (copied once, then transferred)
 * and a header of offsets per row, instead of tens of thousands of small typed arrays, which structured clone
 * copies one by one. Only what the per-item plans read crosses (mean, quantiles, σ, cumulative errors, history
 * length); unpacked forecasts are views into the one array.
 */
export interface PackedForecasts {
  /** Per row, 8 numbers: mean offset, horizon H, quantiles offset (levels × H, −1: none), levels index (−1: none),
   * σ offset (−1: none), σ length, first cumulative window (−1: none), windows. A row without forecast has H = 0. */
  head: Int32Array;
  /** Days per period per row. */
  periodDays: Int32Array;
  /** First forecast day per row. */
  firstDay: Int32Array;
  /** Observed history periods per row (NaN: unknown). */
  historyPeriods: Float64Array;
  /** The distinct quantile-level arrays (shared, as the forecasting side shares one). */
  levels: number[][];
  /** Cumulative-error window w is values[cumBounds[2w] … cumBounds[2w + 1]). */
  cumBounds: Int32Array;
  /** All the numbers. */
  values: Float64Array;
}

const FIELDS = 8;

/** Copies `src` into `dst` at `at`: a plain loop, faster than `set` for the short arrays of one item. */
function copyInto(dst: Float64Array, src: Float64Array, at: number): number {
  const n = src.length;
  if (n > 64) dst.set(src, at);
  else for (let k = 0; k < n; k++) dst[at + k] = src[k];
  return at + n;
}
const NO_LEVELS: readonly number[] = Object.freeze([]);

/** Packs the forecasts of a part's rows (undefined: the row has none). */
export function packForecasts(forecasts: ReadonlyArray<ItemForecast | undefined>): PackedForecasts {
  const m = forecasts.length;
  const head = new Int32Array(FIELDS * m).fill(-1);
  const periodDays = new Int32Array(m);
  const firstDay = new Int32Array(m);
  const historyPeriods = new Float64Array(m).fill(NaN);
  const levels: number[][] = [];
  const levelIndex = new Map<readonly number[], number>();
  let size = 0;
  let windows = 0;
  for (const fc of forecasts) {
    if (!fc) continue;
    size += fc.mean.length * (1 + fc.quantiles.length) + (fc.errorSigma?.length ?? 0);
    for (const e of fc.cumulativeErrors?.byPeriods ?? []) size += e.length;
    windows += fc.cumulativeErrors?.byPeriods.length ?? 0;
  }
  const values = new Float64Array(size);
  const cumBounds = new Int32Array(2 * windows);
  let at = 0;
  let w = 0;
  for (let i = 0; i < m; i++) {
    const fc = forecasts[i];
    const h = FIELDS * i;
    if (!fc) {
      head[h + 1] = 0;
      continue;
    }
    const H = fc.mean.length;
    periodDays[i] = fc.periodDays;
    firstDay[i] = fc.firstDay;
    if (fc.historyPeriods !== undefined) historyPeriods[i] = fc.historyPeriods;
    head[h] = at;
    head[h + 1] = H;
    at = copyInto(values, fc.mean, at);
    if (fc.quantiles.length > 0) {
      let k = levelIndex.get(fc.quantileLevels);
      if (k === undefined) levelIndex.set(fc.quantileLevels, (k = levels.push([...fc.quantileLevels]) - 1));
      head[h + 2] = at;
      head[h + 3] = k;
      for (const q of fc.quantiles) at = copyInto(values, q, at);
    }
    if (fc.errorSigma) {
      head[h + 4] = at;
      head[h + 5] = fc.errorSigma.length;
      at = copyInto(values, fc.errorSigma, at);
    }
    const byPeriods = fc.cumulativeErrors?.byPeriods;
    if (byPeriods) {
      head[h + 6] = w;
      head[h + 7] = byPeriods.length;
      for (const e of byPeriods) {
        cumBounds[2 * w] = at;
        at = copyInto(values, e, at);
        cumBounds[2 * w++ + 1] = at;
      }
    }
  }
  return { head, periodDays, firstDay, historyPeriods, levels, cumBounds, values };
}

/**
 * What the engine's insights and explanations read besides the plans' numbers (plan-inputs.ts stores them): per row
 * its series id, recent mean (NaN: unknown), and the index of its model and of its cumulative errors' source among
 * the distinct ones (−1: none).
 */
export interface ForecastLabels {
  /** Series id per row. */
  seriesIds: readonly string[];
  /** Recent mean demand per period per row (NaN: unknown). */
  recentMean: Float64Array;
  /** The distinct model labels. */
  models: readonly string[];
  /** Per row, its index in `models` (−1: none). */
  modelOfRow: Int32Array;
  /** The distinct cumulative-error sources. */
  sources: readonly string[];
  /** Per row, its index in `sources` (−1: none). */
  sourceOfRow: Int32Array;
}

/**
 * The forecasts of `rows` rows as views into the packed values, with `labels` when given (else empty series ids
 * and no model, recent mean or source: a plan worker needs none). Throws `invalid …` for a malformed pack.
 */
export function unpackForecasts(p: PackedForecasts, rows: number, labels?: ForecastLabels): Array<ItemForecast | undefined> {
  const ok =
    p != null && p.head instanceof Int32Array && p.head.length === FIELDS * rows && p.periodDays instanceof Int32Array && p.periodDays.length === rows &&
    p.firstDay instanceof Int32Array && p.firstDay.length === rows && p.historyPeriods instanceof Float64Array && p.historyPeriods.length === rows &&
    Array.isArray(p.levels) && p.cumBounds instanceof Int32Array && p.values instanceof Float64Array;
  if (!ok) invalidOption('packed forecasts', rows, `arrays for ${rows} rows`);
  if (labels && !(labels.seriesIds?.length === rows && labels.recentMean?.length === rows && labels.modelOfRow?.length === rows && labels.sourceOfRow?.length === rows)) {
    invalidOption('forecast labels', labels.seriesIds?.length, `labels of ${rows} rows`);
  }
  const { head, values, cumBounds } = p;
  const view = (from: number, length: number) => {
    if (!(from >= 0 && length >= 0 && from + length <= values.length)) invalidOption('packed forecast offset', from, `a range inside ${values.length} values`);
    return values.subarray(from, from + length);
  };
  const out = new Array<ItemForecast | undefined>(rows);
  for (let i = 0; i < rows; i++) {
    const h = FIELDS * i;
    const H = head[h + 1];
    if (H <= 0) continue;
    const levels = head[h + 3] >= 0 ? p.levels[head[h + 3]] : NO_LEVELS;
    if (!levels) invalidOption('packed forecast levels', head[h + 3], `an index below ${p.levels.length}`);
    const quantiles: Float64Array[] = [];
    if (head[h + 2] >= 0) for (let k = 0; k < levels.length; k++) quantiles.push(view(head[h + 2] + k * H, H));
    let cumulativeErrors: ItemForecast['cumulativeErrors'] = undefined;
    if (head[h + 6] >= 0) {
      const byPeriods: Float64Array[] = [];
      for (let w = head[h + 6]; w < head[h + 6] + head[h + 7]; w++) byPeriods.push(view(cumBounds[2 * w], cumBounds[2 * w + 1] - cumBounds[2 * w]));
      cumulativeErrors = { byPeriods, source: labels && labels.sourceOfRow[i] >= 0 ? labels.sources[labels.sourceOfRow[i]] : undefined };
    }
    const recentMean = labels ? labels.recentMean[i] : NaN;
    // Every object gets every field, in one order: one hidden class, so the per-item plans' property reads stay
    // monomorphic (objects built field by field on some rows only made them several times slower).
    const fc: ItemForecast = {
      seriesId: labels ? labels.seriesIds[i] : '',
      periodDays: p.periodDays[i],
      firstDay: p.firstDay[i],
      mean: view(head[h], H),
      quantileLevels: levels,
      quantiles,
      errorSigma: head[h + 4] >= 0 ? view(head[h + 4], head[h + 5]) : undefined,
      cumulativeErrors,
      historyPeriods: Number.isFinite(p.historyPeriods[i]) ? p.historyPeriods[i] : undefined,
      recentMean: recentMean === recentMean ? recentMean : undefined,
      model: labels && labels.modelOfRow[i] >= 0 ? labels.models[labels.modelOfRow[i]] : undefined,
    };
    out[i] = fc;
  }
  return out;
}
