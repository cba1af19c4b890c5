import { maybeFinite, maybeInteger } from '../../core/errors';
import { addPair, createAccumulator, summarize } from './metrics';
import type { BacktestResult, ModelScore, ScoreOptions } from './types';

export type { ModelScore, ScoreOptions } from './types';

/** Scores model `modelIndex` of `result` over the selected rows. */
export function scoreModel(result: BacktestResult, modelIndex: number, options: ScoreOptions = {}): ModelScore {
  const i = maybeInteger('modelIndex', modelIndex, 0, result.modelIds.length - 1);
  const H = result.horizon;
  const overall = createAccumulator();
  const byHorizon = Array.from({ length: H }, createAccumulator);
  forEachRow(result, options, (r) => {
    for (let h = 0; h < H; h++) {
      const a = result.actual[r * H + h];
      const f = result.forecast[(i * result.rows + r) * H + h];
      addPair(overall, a, f, result.scale[r], result.lastValue[r]);
      addPair(byHorizon[h], a, f, result.scale[r], result.lastValue[r]);
    }
  });
  return {
    modelId: result.modelIds[i],
    label: result.modelLabels[i],
    overall: summarize(overall),
    byHorizon: byHorizon.map(summarize),
  };
}

/** Scores every model of `result`, in model order. */
export function scoreBacktest(result: BacktestResult, options: ScoreOptions = {}): ModelScore[] {
  return result.modelIds.map((_, i) => scoreModel(result, i, options));
}

/** The rows of every series: those of series s are `rows[start[s]]` … `rows[start[s + 1] − 1]`, in row order. */
export interface SeriesRowIndex {
  /** Offsets into `rows`, length series + 1. */
  start: Int32Array;
  /** Row indices, grouped by series. */
  rows: Int32Array;
}

// Keyed by the rowSeries array, which every result derived from one backtest (appendModel, merges) shares.
const rowIndexCache = new WeakMap<Int32Array, SeriesRowIndex>();

/**
 * The rows of each series, built once per backtest in O(rows) (a counting sort) and cached, so that a per-series
 * loop over all series costs O(rows) in all rather than O(series × rows) (issue #18).
 */
export function seriesRowIndex(result: Pick<BacktestResult, 'rows' | 'rowSeries' | 'seriesIds'>): SeriesRowIndex {
  const cached = rowIndexCache.get(result.rowSeries);
  if (cached && cached.start.length === result.seriesIds.length + 1) return cached;
  const S = result.seriesIds.length;
  const start = new Int32Array(S + 1);
  for (let r = 0; r < result.rows; r++) start[result.rowSeries[r] + 1]++;
  for (let s = 0; s < S; s++) start[s + 1] += start[s];
  const next = start.slice(0, S);
  const rows = new Int32Array(result.rows);
  for (let r = 0; r < result.rows; r++) rows[next[result.rowSeries[r]]++] = r;
  const index = { start, rows };
  rowIndexCache.set(result.rowSeries, index);
  return index;
}

/** Calls `fn(row)` for every row the options select, in row order. One series costs O(its rows) through
 * `seriesRowIndex`. Throws `invalid series: …` (or fromOrigin, toOrigin) for a bad option. */
export function forEachRow(result: BacktestResult, options: ScoreOptions, fn: (row: number) => void): void {
  const series = options.series === undefined ? -1 : maybeInteger('series', options.series, 0, result.seriesIds.length - 1);
  const from = options.fromOrigin === undefined ? -Infinity : maybeFinite('fromOrigin', options.fromOrigin);
  const to = options.toOrigin === undefined ? Infinity : maybeFinite('toOrigin', options.toOrigin);
  if (series >= 0) {
    const { start, rows } = seriesRowIndex(result);
    for (let k = start[series]; k < start[series + 1]; k++) {
      const o = result.rowOrigin[rows[k]];
      if (o >= from && o <= to) fn(rows[k]);
    }
    return;
  }
  for (let r = 0; r < result.rows; r++) {
    const o = result.rowOrigin[r];
    if (o < from || o > to) continue;
    fn(r);
  }
}
