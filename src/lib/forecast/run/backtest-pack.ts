import type { BacktestReport } from './backtest-dataset';

/**
 * A backtest report with its per-series scores in two flat typed arrays, for the trip from the worker to the page
 * (issue #13). As `perSeries`, 30,000 series are 90,000 objects and arrays: structured cloning them back to life
 * took the page's main thread about 100 ms of one task (and a major GC) when a 30,000-series backtest arrived;
 * packed, they are two buffers that are transferred, and the page reads the one series it shows (`seriesScores`).
 */
export interface PackedBacktestReport extends Omit<BacktestReport, 'perSeries'> {
  /** MASE of series s for leaderboard model k at index s·M + k (M = leaderboard length); NaN where undefined. */
  perSeriesMase: Float64Array;
  /** MAPE, laid out as `perSeriesMase`. */
  perSeriesMape: Float64Array;
}

/** Packs a report's per-series scores (the input stays usable). Series s of `perSeries` is `result.seriesIds[s]`. */
export function packBacktest(report: BacktestReport): PackedBacktestReport {
  const { perSeries, ...rest } = report;
  const M = report.leaderboard.length;
  const mase = new Float64Array(perSeries.length * M).fill(NaN);
  const mape = new Float64Array(perSeries.length * M).fill(NaN);
  perSeries.forEach((p, s) => {
    for (let k = 0; k < M; k++) {
      mase[s * M + k] = p.mase[k] ?? NaN;
      mape[s * M + k] = p.mape[k] ?? NaN;
    }
  });
  return { ...rest, perSeriesMase: mase, perSeriesMape: mape };
}

/** Series `index`'s scores per leaderboard model (null where undefined), or null for an index out of range. */
export function seriesScores(packed: Pick<PackedBacktestReport, 'leaderboard' | 'perSeriesMase' | 'perSeriesMape' | 'result'>, index: number): { seriesId: string; mase: Array<number | null>; mape: Array<number | null> } | null {
  const M = packed.leaderboard.length;
  if (!(index >= 0 && index < packed.result.seriesIds.length) || (index + 1) * M > packed.perSeriesMase.length) return null;
  const read = (a: Float64Array) => Array.from(a.subarray(index * M, index * M + M), (x) => (Number.isNaN(x) ? null : x));
  return { seriesId: packed.result.seriesIds[index], mase: read(packed.perSeriesMase), mape: read(packed.perSeriesMape) };
}
