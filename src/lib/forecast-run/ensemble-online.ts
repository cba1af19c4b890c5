import type { BacktestResult } from '../forecast/backtest';

/**
 * The ensemble as it would have run: at each origin, each series uses the k models with the lowest mean
 * absolute error on its own earlier forecasts whose actual was known by then (a forecast for period t counts
 * at origins > t, so the h-step forecasts of a window count from h periods after its origin, not only once
 * the whole window is observed). Every model is scored on the same pairs, and nothing after the origin is
 * used, so the ensemble's backtest score is honest, comparable to the models'.
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
  /** Model used while no earlier forecast of the series has been observed (its first origin). */
  fallbackModelId: string;
  /** Candidate model ids (default: all of the result's). */
  candidates?: string[];
}

/**
 * Computes the online ensemble's forecast for every row of the backtest (rows × H), and which models it used.
 * O(rows × H × models): running sums per (series, model); each (row, h) pair enters them once, at the first
 * origin after its period.
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
    // Invariants, at row r with origin o:
    // - the sums hold exactly the pairs (q, h) with q < r and rowOrigin[q] + h < o: horizon h (0-based) of row q
    //   forecasts calendar period rowOrigin[q] + h, which is in the training data of origin o when it is < o;
    // - row q has its first added[q − seriesStart] horizons in the sums, all H of them for q < done.
    let done = seriesStart;
    const added = new Int32Array(seriesEnd - seriesStart);
    for (let r = seriesStart; r < seriesEnd; r++) {
      const origin = result.rowOrigin[r];
      for (let q = done; q < r; q++) {
        let h = added[q - seriesStart];
        for (; h < H && result.rowOrigin[q] + h < origin; h++) {
          for (const i of candidates) {
            const e = result.actual[q * H + h] - result.forecast[(i * nRows + q) * H + h];
            if (Number.isFinite(e)) {
              sumAbs[i] += Math.abs(e);
              count[i]++;
            }
          }
        }
        added[q - seriesStart] = h;
      }
      while (done < r && added[done - seriesStart] === H) done++;
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
