import type { BacktestResult } from '../evaluate/backtest';

/**
 * The ensemble as it would have run: at each origin, each series combines the k models with the lowest mean
 * squared error on its own earlier forecasts whose actual was known by then, weighted by the inverse of that
 * error (Bates & Granger 1969, "The combination of forecasts", without the covariances, which a few dozen
 * windows cannot estimate). A forecast for period t counts at origins > t, so the h-step forecasts of a window
 * count from h periods after its origin, not only once the whole window is observed. Every model is scored on
 * the same pairs, and nothing after the origin is used, so the ensemble's backtest score is honest, comparable
 * to the models'.
 */

/**
 * Combination weights (summing to 1) in inverse proportion to each model's mean squared error. Models with a
 * zero error share all the weight (the limit of the inverse); equal weights when any error is unknown
 * (not a finite number ≥ 0), as for a series without a score of its own.
 */
export function inverseMseWeights(mse: ArrayLike<number>): Float64Array {
  const n = mse.length;
  const w = new Float64Array(n);
  let known = true;
  let zeros = 0;
  for (let i = 0; i < n; i++) {
    if (!(Number.isFinite(mse[i]) && mse[i] >= 0)) known = false;
    else if (mse[i] === 0) zeros++;
  }
  let total = 0;
  for (let i = 0; i < n; i++) {
    w[i] = !known ? 1 : zeros > 0 ? (mse[i] === 0 ? 1 : 0) : 1 / mse[i];
    total += w[i];
  }
  for (let i = 0; i < n; i++) w[i] /= total;
  return w;
}

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
  /** Models combined per series, ≥ 1. */
  k: number;
  /** Model used while no earlier forecast of the series has been observed (its first origin). */
  fallbackModelId: string;
  /** Candidate model ids (default: all of the result's). */
  candidates?: string[];
}

/**
 * Computes the online ensemble's forecast for every row of the backtest (rows × H), which models it used (best
 * first) and their weights. O(rows × H × models): running sums per (series, model); each (row, h) pair enters
 * them once, at the first origin after its period.
 */
export function onlineEnsembleForecasts(
  result: BacktestResult,
  options: OnlineEnsembleOptions,
): { forecast: Float64Array; chosen: Int32Array[]; weights: Float64Array[] } {
  const H = result.horizon;
  const nRows = result.rows;
  const candidates = (options.candidates ?? result.modelIds).map((id) => result.modelIds.indexOf(id)).filter((i) => i >= 0);
  const fallback = Math.max(0, result.modelIds.indexOf(options.fallbackModelId));
  const k = Math.max(1, Math.min(options.k, candidates.length));
  const out = new Float64Array(nRows * H);
  const chosen: Int32Array[] = new Array(nRows);
  const weights: Float64Array[] = new Array(nRows);
  const sumSq = new Float64Array(result.modelIds.length);
  const count = new Float64Array(result.modelIds.length);
  let seriesStart = 0;
  while (seriesStart < nRows) {
    const s = result.rowSeries[seriesStart];
    let seriesEnd = seriesStart;
    while (seriesEnd < nRows && result.rowSeries[seriesEnd] === s) seriesEnd++;
    sumSq.fill(0);
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
              sumSq[i] += e * e;
              count[i]++;
            }
          }
        }
        added[q - seriesStart] = h;
      }
      while (done < r && added[done - seriesStart] === H) done++;
      const mse = (i: number) => sumSq[i] / count[i];
      const ranked = candidates.filter((i) => count[i] > 0).sort((a, b) => mse(a) - mse(b) || a - b);
      const use = ranked.length ? Int32Array.from(ranked.slice(0, k)) : Int32Array.of(fallback);
      const w = ranked.length ? inverseMseWeights(Array.from(use, mse)) : Float64Array.of(1);
      chosen[r] = use;
      weights[r] = w;
      for (let h = 0; h < H; h++) {
        let f = 0;
        for (let j = 0; j < use.length; j++) f += w[j] * result.forecast[(use[j] * nRows + r) * H + h];
        out[r * H + h] = f;
      }
    }
    seriesStart = seriesEnd;
  }
  return { forecast: out, chosen, weights };
}
