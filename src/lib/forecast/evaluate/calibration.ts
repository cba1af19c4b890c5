import { maybeInteger } from '../../core/errors';
import { DEFAULT_QUANTILES, errorQuantilesOf, forecastQuantiles, maybeQuantiles, type ErrorQuantiles } from './intervals';
import { intervalCoverage, pinballLoss } from './metrics';
import { forEachRow, seriesRowIndex } from './score';
import type { BacktestResult } from './types';

/**
 * Prediction intervals calibrated per series (issue #19). Errors scaled by the level alone (intervals.ts) assume
 * every series' errors are the same share of its level. They are not: on the daily store-item file the pooled 80 %
 * intervals covered 67 % of the actuals of the smallest third of the series and 90 % of the largest third (80 %
 * overall), since a small series is relatively noisier (count data: the spread grows like √level, not level).
 *
 * So each series gets its own relative spread, the ratio ρ_s = mean |e| / level over its calibration errors,
 * shrunk by `priorSamples` pseudo-errors towards the ratio ρ_g of its group, the series of about its size (up to
 * ten groups by mean level, at least 20 series each): a series with few windows borrows from series like it
 * instead of trusting a handful of correlated errors, and small and large series are not pulled to one average:
 *   ρ_s = (Σ_s |e| / level + n₀·ρ_g) / (n_s + n₀),
 * and the errors standardised by level·ρ_s are pooled per horizon into quantiles Z_h(q). The q-quantile of a
 * forecast f_h at level L is then f_h + L·ρ_s·Z_h(q). A series with at least `minSamples` errors at every
 * horizon uses the quantiles of its own level-scaled errors instead. docs/accuracy.md compares the variants
 * tried on both real files. */

/** Options of `fitIntervalModel`. */
export interface IntervalModelOptions {
  /** Probability levels. Default [0.1, 0.5, 0.9]. */
  quantiles?: number[];
  /** Only origins ≥ this. Default: all. */
  fromOrigin?: number;
  /** Only origins ≤ this. Default: all. */
  toOrigin?: number;
  /** Own quantiles for a series with at least this many errors at every horizon. Default 100: errors at
   * consecutive origins overlap and are strongly correlated, so a few dozen of one series' errors understate
   * its spread (on the Walmart check, own quantiles from 29 origins covered 58 % with a nominal 80 %). */
  minSamples?: number;
  /** Weight n₀ of the group's ratio in each series' ratio, in errors. Default H: one window's worth (its H
   * errors are strongly correlated, so they weigh about as one). */
  priorSamples?: number;
}

/** Calibrated intervals of one model over a backtest's series. */
export interface IntervalModel {
  /** Probability levels, ascending. */
  quantiles: number[];
  /** Horizons fitted. */
  horizon: number;
  /** Quantiles Z_h of the errors standardised by level·ρ_s, pooled over the series. */
  pooled: ErrorQuantiles;
  /** ρ_s per series (index into `seriesIds`): its shrunk mean |error| / level. */
  seriesRatio: Float64Array;
  /** The mean |error| / level over all series, for a series the backtest did not see. */
  groupRatio: number;
  /** A series' own level-scaled quantiles where it had `minSamples` errors per horizon, else null. */
  own: Array<ErrorQuantiles | null>;
}

/** Fits the calibrated intervals of model `modelIndex` on the rows whose origin is in [fromOrigin, toOrigin]. */
export function fitIntervalModel(result: BacktestResult, modelIndex: number, options: IntervalModelOptions = {}): IntervalModel {
  const i = maybeInteger('modelIndex', modelIndex, 0, result.modelIds.length - 1);
  const quantiles = maybeQuantiles(options.quantiles ?? [...DEFAULT_QUANTILES]);
  const H = result.horizon;
  const minSamples = maybeInteger('minSamples', options.minSamples ?? 100, 1);
  const n0 = maybeInteger('priorSamples', options.priorSamples ?? H, 0);
  const S = result.seriesIds.length;
  const range = { fromOrigin: options.fromOrigin, toOrigin: options.toOrigin };
  const error = (r: number, h: number) => (result.actual[r * H + h] - result.forecast[(i * result.rows + r) * H + h]) / result.level[r];

  const sum = new Float64Array(S);
  const count = new Int32Array(S);
  const levelSum = new Float64Array(S);
  const levelRows = new Int32Array(S);
  forEachRow(result, range, (r) => {
    if (!(result.level[r] > 0)) return;
    const s = result.rowSeries[r];
    levelSum[s] += result.level[r];
    levelRows[s]++;
    for (let h = 0; h < H; h++) {
      const e = error(r, h);
      if (!Number.isFinite(e)) continue;
      sum[s] += Math.abs(e);
      count[s]++;
    }
  });
  const groupRatio = ratioOf(sum, count, Array.from({ length: S }, (_, s) => s)) ?? 1;
  const seriesRatio = new Float64Array(S).fill(groupRatio);
  for (const members of sizeGroups(levelSum, levelRows)) {
    const rho = ratioOf(sum, count, members) ?? groupRatio;
    for (const s of members) seriesRatio[s] = (sum[s] + n0 * rho) / (count[s] + n0) || rho;
  }

  const errors: number[][] = Array.from({ length: H }, () => []);
  forEachRow(result, range, (r) => {
    if (!(result.level[r] > 0)) return;
    const ratio = seriesRatio[result.rowSeries[r]];
    for (let h = 0; h < H; h++) {
      const z = error(r, h) / ratio;
      if (Number.isFinite(z)) errors[h].push(z);
    }
  });
  const pooled = errorQuantilesOf(errors, quantiles);

  const own: Array<ErrorQuantiles | null> = new Array(S).fill(null);
  const { start, rows } = seriesRowIndex(result);
  const from = options.fromOrigin ?? -Infinity;
  const to = options.toOrigin ?? Infinity;
  for (let s = 0; s < S; s++) {
    if (count[s] < minSamples * H) continue;
    const list: number[][] = Array.from({ length: H }, () => []);
    for (let k = start[s]; k < start[s + 1]; k++) {
      const r = rows[k];
      if (!(result.level[r] > 0) || result.rowOrigin[r] < from || result.rowOrigin[r] > to) continue;
      for (let h = 0; h < H; h++) {
        const e = error(r, h);
        if (Number.isFinite(e)) list[h].push(e);
      }
    }
    if (list.every((l) => l.length >= minSamples)) own[s] = errorQuantilesOf(list, quantiles);
  }
  return { quantiles, horizon: H, pooled, seriesRatio, groupRatio, own };
}

/**
 * Quantile forecasts (one array per level) of series `series` (index into the backtest's `seriesIds`; −1 or
 * out of range: a series the backtest did not see, which gets the group's ratio) around `forecast`, made at
 * `level` (the history's `errorScale`). Clipped at 0 unless `nonNegative` is false.
 */
export function intervalQuantiles(model: IntervalModel, series: number, forecast: Float64Array, level: number, nonNegative = true): Float64Array[] {
  const own = model.own[series];
  if (own) return forecastQuantiles(forecast, level, own, nonNegative);
  const ratio = series >= 0 && series < model.seriesRatio.length ? model.seriesRatio[series] : model.groupRatio;
  return forecastQuantiles(forecast, level * ratio, model.pooled, nonNegative);
}

/** Σ sum / Σ count over `members`; null when that is not a positive number (no errors, or all of them 0). */
function ratioOf(sum: Float64Array, count: Int32Array, members: number[]): number | null {
  let total = 0;
  let n = 0;
  for (const s of members) {
    total += sum[s];
    n += count[s];
  }
  return n > 0 && total > 0 ? total / n : null;
}

/** Series with calibration rows in up to 10 groups of consecutive mean level, at least 20 series each. */
function sizeGroups(levelSum: Float64Array, levelRows: Int32Array): number[][] {
  const seen = Array.from(levelSum.keys()).filter((s) => levelRows[s] > 0);
  const mean = (s: number) => levelSum[s] / levelRows[s];
  seen.sort((a, b) => mean(a) - mean(b) || a - b);
  const B = Math.max(1, Math.min(10, Math.floor(seen.length / 20)));
  const groups: number[][] = Array.from({ length: B }, () => []);
  seen.forEach((s, k) => groups[Math.floor((k * B) / seen.length)].push(s));
  return groups;
}

/** Options of `measureIntervals`. */
export interface IntervalCheckOptions {
  /** Probability levels. Default [0.1, 0.5, 0.9]. */
  quantiles?: number[];
  /** Origins ≤ this calibrate; later origins are scored. Required. */
  splitOrigin: number;
  /** See `IntervalModelOptions.minSamples`. Default 100. */
  minSamples?: number;
}

/** Measured quality of quantile forecasts on held-out origins. */
export interface IntervalCheck {
  /** One entry per symmetric pair (quantiles[j], quantiles[Q − 1 − j]): nominal and observed coverage. */
  coverage: Array<{ lower: number; upper: number; nominal: number; observed: number | null }>;
  /** Pinball loss per quantile, in series units (null without test data). */
  pinball: Array<number | null>;
  /** Actuals scored. */
  count: number;
}

/**
 * Calibrates on origins ≤ splitOrigin (`fitIntervalModel`) and measures coverage and pinball loss on the later
 * ones, so the figures are out of sample. O(rows × H) plus the sorts.
 */
export function measureIntervals(result: BacktestResult, modelIndex: number, options: IntervalCheckOptions): IntervalCheck {
  const quantiles = maybeQuantiles(options.quantiles ?? [...DEFAULT_QUANTILES]);
  const split = maybeInteger('splitOrigin', options.splitOrigin, 1);
  const H = result.horizon;
  const Q = quantiles.length;
  const model = fitIntervalModel(result, modelIndex, { quantiles, toOrigin: split, minSamples: options.minSamples });
  const actual: number[] = [];
  const predicted: number[][] = quantiles.map(() => []);
  forEachRow(result, { fromOrigin: split + 1 }, (r) => {
    const f = result.forecast.subarray((modelIndex * result.rows + r) * H, (modelIndex * result.rows + r + 1) * H);
    const qf = intervalQuantiles(model, result.rowSeries[r], f, result.level[r]);
    for (let h = 0; h < H; h++) {
      actual.push(result.actual[r * H + h]);
      for (let j = 0; j < Q; j++) predicted[j].push(qf[j][h]);
    }
  });
  const coverage = [];
  for (let j = 0; j < Math.floor(Q / 2); j++) {
    const lower = quantiles[j];
    const upper = quantiles[Q - 1 - j];
    coverage.push({ lower, upper, nominal: upper - lower, observed: intervalCoverage(actual, predicted[j], predicted[Q - 1 - j]) });
  }
  const pinball = quantiles.map((q, j) => pinballLoss(actual, predicted[j], q));
  return { coverage, pinball, count: actual.filter(Number.isFinite).length };
}
