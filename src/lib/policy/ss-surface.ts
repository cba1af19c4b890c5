import { checkpoint } from '../core/abort';
import { invalidOption } from '../core/errors';
import type { ProgressCallback } from '../core/progress';
import { convolvePower } from './discrete';
import { createOnePeriodCost } from './one-period';
import { createRenewal, type SsModelOptions } from './ss-exact';

/**
 * The exact long-run cost c(s,S) of ss-exact.ts over a grid of policies, for the cost heatmap. Same model and
 * the same renewal function (`createRenewal`); only the order of work differs: one row per S, walking s down
 * from S − 1, adds one renewal term per step, so a row costs O(S − min s) instead of O((S − s)²).
 */

/** Options of `ssCostGrid`. */
export interface SsCostGridOptions {
  /** Cancels between rows. */
  signal: AbortSignal;
  /** Receives `{phase: 'optimizing', done, total}` in rows. */
  onProgress?: ProgressCallback;
}

/**
 * c(s, S) for every s of `sValues` (columns) and S of `SValues` (rows), both strictly increasing whole
 * numbers; row-major, NaN where S ≤ s. Yields to the event loop every 8 rows so a cancel gets through.
 */
export async function ssCostGrid(o: SsModelOptions, sValues: Int32Array, SValues: Int32Array, options: SsCostGridOptions): Promise<Float64Array> {
  if (sValues.length === 0) invalidOption('sValues', sValues, 'at least one reorder point');
  if (SValues.length === 0) invalidOption('SValues', SValues, 'at least one order-up-to level');
  const progress = options.onProgress ?? (() => undefined);
  const lead = o.leadTimePeriods ?? 0;
  const g = createOnePeriodCost(lead === 0 ? o.demand : convolvePower(o.demand, lead + 1), o.holdingCost, o.backorderCost);
  const sMin = sValues[0];
  const { mass: m, sum: cum } = createRenewal(o.demand).upTo(Math.max(1, SValues[SValues.length - 1] - sMin));
  const cols = sValues.length;
  const cost = new Float64Array(cols * SValues.length).fill(NaN);
  for (let row = 0; row < SValues.length; row++) {
    const bigS = SValues[row];
    let acc = o.orderCost;
    let col = cols - 1;
    while (col >= 0 && sValues[col] >= bigS) col--;
    for (let s = bigS - 1; s >= sMin && col >= 0; s--) {
      acc += m[bigS - 1 - s] * g.cost(s + 1);
      if (s === sValues[col]) cost[row * cols + col--] = acc / cum[bigS - s];
    }
    if (row % 8 === 7) {
      progress({ phase: 'optimizing', done: row + 1, total: SValues.length });
      await checkpoint(options.signal);
    }
  }
  progress({ phase: 'optimizing', done: SValues.length, total: SValues.length });
  return cost;
}

/** The whole numbers of `lo..hi` that are `anchor + k·step`, always including `anchor` when it lies in range. */
export function alignedGrid(anchor: number, lo: number, hi: number, step: number): Int32Array {
  const kMin = Math.floor((lo - anchor) / step);
  const kMax = Math.ceil((hi - anchor) / step);
  return Int32Array.from({ length: kMax - kMin + 1 }, (_, i) => anchor + (kMin + i) * step);
}
