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

/** Calls `fn(row)` for every row the options select. Throws `invalid series: …` (or fromOrigin, toOrigin) for a
 * bad option. */
export function forEachRow(result: BacktestResult, options: ScoreOptions, fn: (row: number) => void): void {
  const series = options.series === undefined ? -1 : maybeInteger('series', options.series, 0, result.seriesIds.length - 1);
  const from = options.fromOrigin === undefined ? -Infinity : maybeFinite('fromOrigin', options.fromOrigin);
  const to = options.toOrigin === undefined ? Infinity : maybeFinite('toOrigin', options.toOrigin);
  for (let r = 0; r < result.rows; r++) {
    if (series >= 0 && result.rowSeries[r] !== series) continue;
    const o = result.rowOrigin[r];
    if (o < from || o > to) continue;
    fn(r);
  }
}
