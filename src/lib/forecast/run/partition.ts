import { invalidOption, maybeInteger } from '../../core/errors';
import type { Progress, ProgressCallback } from '../../core/progress';
import { runBacktest } from '../evaluate/backtest';
import type { BacktestResult, BacktestSeries } from '../evaluate/types';
import { createStatModel, type StatModelId } from '../models/registry';

/**
 * Per-series statistical work split between workers. Every fit depends only on its own series (and, through warm
 * starts, on that series' earlier origins, which stay in the same part), so running the parts anywhere and
 * merging them gives exactly the result of one run over every series, whatever the number of parts.
 */

/** A statistical backtest described by data only, so it can cross to a worker (models by id). */
export interface StatBacktestRequest {
  /** The series (a part's subset, or all). */
  series: BacktestSeries[];
  /** Models by registry id. */
  modelIds: StatModelId[];
  /** Horizon, periods. */
  horizon: number;
  /** Periods per season. */
  seasonLength: number;
  /** First origin (calendar period): explicit, because a part's own calendar may be shorter than the dataset's. */
  firstOrigin: number;
  /** Last origin (calendar period). */
  lastOrigin: number;
  /** Periods between origins. */
  step: number;
}

/** Options of a backtest run (in process, in a worker or split between workers). */
export interface StatRunOptions {
  /** Cancels the run (rejects with an AbortError). */
  signal?: AbortSignal;
  /** Progress in rows (series × origins). */
  onProgress?: ProgressCallback;
}

/** Runs a statistical backtest in this thread. */
export function runStatBacktest(request: StatBacktestRequest, options: StatRunOptions = {}): Promise<BacktestResult> {
  return runBacktest(request.series, {
    models: request.modelIds.map(createStatModel),
    horizon: request.horizon,
    seasonLength: request.seasonLength,
    firstOrigin: request.firstOrigin,
    lastOrigin: request.lastOrigin,
    step: request.step,
    signal: options.signal,
    onProgress: options.onProgress,
  });
}

/**
 * Splits series 0 … n − 1 into at most `parts` groups of about equal work (work ∝ series length, the greedy
 * longest-first rule), each group's indices ascending. Deterministic; no group is empty.
 */
export function partitionSeries(lengths: ArrayLike<number>, parts: number): number[][] {
  const k = Math.min(maybeInteger('parts', parts, 1), Math.max(1, lengths.length));
  const order = Array.from({ length: lengths.length }, (_, i) => i).sort((a, b) => lengths[b] - lengths[a] || a - b);
  const groups: number[][] = Array.from({ length: k }, () => []);
  const load = new Float64Array(k);
  for (const i of order) {
    let g = 0;
    for (let j = 1; j < k; j++) if (load[j] < load[g]) g = j;
    groups[g].push(i);
    load[g] += Math.max(1, lengths[i]);
  }
  for (const g of groups) g.sort((a, b) => a - b);
  return groups.filter((g) => g.length > 0);
}

/**
 * Merges the results of backtests over disjoint subsets of `seriesIds` into the result of one backtest over all
 * of them: rows in series order (origins ascending within a series, as `runBacktest` lists them), forecasts
 * model-major. `parts[p].indices[i]` is the position in `seriesIds` of part p's i-th series.
 */
export function mergeBacktestParts(parts: Array<{ indices: number[]; result: BacktestResult }>, seriesIds: string[]): BacktestResult {
  if (parts.length === 0) invalidOption('parts', parts, 'at least one part');
  const first = parts[0].result;
  const H = first.horizon;
  const M = first.modelIds.length;
  for (const { result } of parts) {
    if (result.horizon !== H || result.modelIds.join() !== first.modelIds.join()) invalidOption('parts', 'mismatched', 'results of the same models and horizon');
  }
  // Rows of each global series: [part, first row, row count] (a part's rows are grouped by its series, in order).
  const where: Array<[number, number, number]> = seriesIds.map(() => [0, 0, 0]);
  parts.forEach(({ indices, result }, p) => {
    let r = 0;
    for (let local = 0; local < indices.length; local++) {
      const from = r;
      while (r < result.rows && result.rowSeries[r] === local) r++;
      where[indices[local]] = [p, from, r - from];
    }
  });
  const rows = parts.reduce((sum, { result }) => sum + result.rows, 0);
  const out: BacktestResult = {
    horizon: H,
    seasonLength: first.seasonLength,
    modelIds: first.modelIds.slice(),
    modelLabels: first.modelLabels.slice(),
    seriesIds: seriesIds.slice(),
    rows,
    rowSeries: new Int32Array(rows),
    rowOrigin: new Int32Array(rows),
    actual: new Float64Array(rows * H),
    forecast: new Float64Array(M * rows * H),
    scale: new Float64Array(rows),
    lastValue: new Float64Array(rows),
    level: new Float64Array(rows),
  };
  let at = 0;
  where.forEach(([p, from, count], s) => {
    const src = parts[p].result;
    for (let i = 0; i < count; i++) {
      const r = from + i;
      const q = at + i;
      out.rowSeries[q] = s;
      out.rowOrigin[q] = src.rowOrigin[r];
      out.scale[q] = src.scale[r];
      out.lastValue[q] = src.lastValue[r];
      out.level[q] = src.level[r];
    }
    out.actual.set(src.actual.subarray(from * H, (from + count) * H), at * H);
    for (let m = 0; m < M; m++) {
      out.forecast.set(src.forecast.subarray((m * src.rows + from) * H, (m * src.rows + from + count) * H), (m * rows + at) * H);
    }
    at += count;
  });
  return out;
}

/** Runs one part somewhere (this thread, a worker); `part` is its index among the parts of one run. */
export type StatPartRunner = (request: StatBacktestRequest, options: StatRunOptions, part?: number) => Promise<BacktestResult>;

/**
 * Runs `request` as up to `parts` concurrent parts through `runPart` and merges them. Progress is the sum of the
 * parts' rows; the first part to fail (or a cancel) rejects the whole run.
 */
export async function runPartitioned(
  request: StatBacktestRequest,
  parts: number,
  runPart: StatPartRunner,
  options: StatRunOptions = {},
): Promise<BacktestResult> {
  const groups = partitionSeries(request.series.map((s) => s.values.length), parts);
  const done = new Float64Array(groups.length);
  const total = new Float64Array(groups.length);
  let lastPhase: Progress['phase'] = 'backtesting';
  const report = () => {
    let d = 0;
    let t = 0;
    for (let i = 0; i < groups.length; i++) {
      d += done[i];
      t += total[i];
    }
    options.onProgress?.({ phase: lastPhase, done: d, total: t, message: `running on ${groups.length} worker${groups.length === 1 ? '' : 's'}` });
  };
  const results = await Promise.all(
    groups.map((indices, p) =>
      runPart(
        { ...request, series: indices.map((i) => request.series[i]) },
        {
          signal: options.signal,
          onProgress: (e) => {
            lastPhase = e.phase;
            done[p] = e.done;
            total[p] = e.total;
            report();
          },
        },
        p,
      ),
    ),
  );
  return mergeBacktestParts(groups.map((indices, p) => ({ indices, result: results[p] })), request.series.map((s) => s.id));
}
