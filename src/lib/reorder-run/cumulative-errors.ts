import type { BacktestResult } from '../forecast/evaluate/types';
import type { CumulativeErrors } from '../reorder/forecast-input';

/**
 * Errors of cumulative demand from a rolling-origin backtest, per series: for each origin o and window length
 * P = 1 … K, e = Σ_{h<P} (actual_{o+s+h} − forecast_{o, s+h}), s the offset of the window inside the forecast (0 for a
 * forecast used at its origin). A level error carries through every period of a window, so these errors hold the
 * correlation that summing per-period σ as independent drops (issue #15). Windows with a missing actual stop there.
 */

/** Which errors to collect. */
export interface CumulativeErrorOptions {
  /** Offset s of the window inside each forecast, periods (0 ≤ s < H). Default 0. */
  shift?: number;
  /** Only windows fully observed before this calendar period: o + s + P ≤ `before`. Default: all. */
  before?: number;
  /** Fewest errors a window length needs to be kept (longer windows with fewer are dropped). Default 8. */
  minCount?: number;
}

/** Row indices of each series, in origin order (rows are grouped by series, origins ascending). */
export function rowsBySeries(result: Pick<BacktestResult, 'rows' | 'rowSeries' | 'seriesIds'>): Int32Array[] {
  const counts = new Int32Array(result.seriesIds.length);
  for (let r = 0; r < result.rows; r++) counts[result.rowSeries[r]]++;
  const out = Array.from(counts, (n) => new Int32Array(n));
  counts.fill(0);
  for (let r = 0; r < result.rows; r++) {
    const s = result.rowSeries[r];
    out[s][counts[s]++] = r;
  }
  return out;
}

/**
 * The cumulative errors of model `modelIndex` over the rows `rows` (one series), or undefined when not even the
 * one-period window has `minCount` errors.
 */
export function cumulativeErrorsOf(
  result: Pick<BacktestResult, 'horizon' | 'rows' | 'rowOrigin' | 'actual' | 'forecast'>,
  modelIndex: number,
  rows: ArrayLike<number>,
  options: CumulativeErrorOptions = {},
): CumulativeErrors | undefined {
  const H = result.horizon;
  const shift = options.shift ?? 0;
  const before = options.before ?? Infinity;
  const minCount = options.minCount ?? 8;
  const K = H - shift;
  if (K < 1) return undefined;
  const cols = Array.from({ length: K }, () => new Float64Array(rows.length));
  const n = new Int32Array(K);
  const base = modelIndex * result.rows;
  for (let j = 0; j < rows.length; j++) {
    const r = rows[j];
    const o = result.rowOrigin[r];
    let sum = 0;
    for (let P = 1; P <= K; P++) {
      if (o + shift + P > before) break;
      const h = shift + P - 1;
      const a = result.actual[r * H + h];
      if (a !== a) break;
      sum += a - result.forecast[(base + r) * H + h];
      cols[P - 1][n[P - 1]++] = sum;
    }
  }
  let keep = 0;
  while (keep < K && n[keep] >= minCount) keep++;
  if (keep === 0) return undefined;
  return { byPeriods: cols.slice(0, keep).map((c, P) => c.slice(0, n[P]).sort()) };
}

/** Cumulative errors of one model for every series of a backtest (index = series index; undefined where too few). */
export function cumulativeErrorsBySeries(result: BacktestResult, modelIndex: number, options: CumulativeErrorOptions = {}): Array<CumulativeErrors | undefined> {
  const label = result.modelLabels[modelIndex] ?? result.modelIds[modelIndex];
  return rowsBySeries(result).map((rows) => {
    const ce = cumulativeErrorsOf(result, modelIndex, rows, options);
    if (ce) ce.source = `${label} backtest, ${ce.byPeriods[0].length} origins`;
    return ce;
  });
}
