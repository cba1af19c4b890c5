import type { BacktestResult } from '../forecast/backtest';

/**
 * The ensemble as it would have run: at each origin, each series uses the k models with the lowest mean
 * absolute error on its own earlier backtest windows that were fully observed by then (origin + H ≤ this
 * origin). Nothing after the origin is used, so its backtest score is honest, comparable to the models'.
 */

/** Adds a model's forecasts (rows × H, row order of `result`) to a backtest result, as one more model. */
export function appendModel(result: BacktestResult, id: string, label: string, forecast: Float64Array): BacktestResult {
  const size = result.rows * result.horizon;
  if (forecast.length !== size) throw new RangeError(`invalid forecast length: ${forecast.length} (expected ${size})`);
  const merged = new Float64Array(result.forecast.length + size);
  merged.set(result.forecast);
  merged.set(forecast, result.forecast.length);
  return { ...result, modelIds: [...result.modelIds, id], modelLabels: [...result.modelLabels, label], forecast: merged };
}

/** Options of `onlineEnsembleForecasts`. */
export interface OnlineEnsembleOptions {
  /** Models averaged per series, ≥ 1. */
  k: number;
  /** Model used while a series has no fully observed earlier window (its first H origins). */
  fallbackModelId: string;
  /** Candidate model ids (default: all of the result's). */
  candidates?: string[];
}

/**
 * Computes the online ensemble's forecast for every row of the backtest (rows × H), and which models it used.
 * O(rows × H × models): running sums per (series, model), advanced as origins pass.
 */
export function onlineEnsembleForecasts(result: BacktestResult, options: OnlineEnsembleOptions): { forecast: Float64Array; chosen: Int32Array[] } {
  const H = result.horizon;
  const nRows = result.rows;
  const candidates = (options.candidates ?? result.modelIds).map((id) => result.modelIds.indexOf(id)).filter((i) => i >= 0);
  const fallback = Math.max(0, result.modelIds.indexOf(options.fallbackModelId));
  const k = Math.max(1, Math.min(options.k, candidates.length));
  const out = new Float64Array(nRows * H);
  const chosen: Int32Array[] = new Array(nRows);
  const sumAbs = new Float64Array(result.modelIds.length);
  const count = new Float64Array(result.modelIds.length);
  let seriesStart = 0;
  while (seriesStart < nRows) {
    const s = result.rowSeries[seriesStart];
    let seriesEnd = seriesStart;
    while (seriesEnd < nRows && result.rowSeries[seriesEnd] === s) seriesEnd++;
    sumAbs.fill(0);
    count.fill(0);
    let known = seriesStart; // rows before `known` are already in the sums
    for (let r = seriesStart; r < seriesEnd; r++) {
      const origin = result.rowOrigin[r];
      while (known < r && result.rowOrigin[known] + H <= origin) {
        for (const i of candidates) {
          for (let h = 0; h < H; h++) {
            const e = result.actual[known * H + h] - result.forecast[(i * nRows + known) * H + h];
            if (Number.isFinite(e)) {
              sumAbs[i] += Math.abs(e);
              count[i]++;
            }
          }
        }
        known++;
      }
      const ranked = candidates.filter((i) => count[i] > 0).sort((a, b) => sumAbs[a] / count[a] - sumAbs[b] / count[b] || a - b);
      const use = ranked.length ? Int32Array.from(ranked.slice(0, k)) : Int32Array.of(fallback);
      chosen[r] = use;
      for (let h = 0; h < H; h++) {
        let f = 0;
        for (const i of use) f += result.forecast[(i * nRows + r) * H + h];
        out[r * H + h] = f / use.length;
      }
    }
    seriesStart = seriesEnd;
  }
  return { forecast: out, chosen };
}
