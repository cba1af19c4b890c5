/**
 * The initial head of a quantile LSTM with a seasonal skip. Every output adds its period's baseline (the skip), the
 * median's kernel starts at 0 (so epoch 0's point forecast is the baseline exactly) and the kernel of quantile q at
 * period h starts with one non-zero weight, on the spread input s (quantiles.ts `spreadAt`): c_{q,h}, the q-quantile
 * over training windows of the baseline's error in units of the window's spread, (y − baseline) / s. So epoch 0's
 * 10 % and 90 % outputs are the baseline ± its own empirical error spread, wider for series whose seasonal naive
 * errs more, and training moves them from there.
 */
import { knownWidth, seasonalSkipIndices, spreadIndex, type FeatureLayout } from './features';
import type { Rng } from '../core/rng';
import { empiricalQuantile, outputCount } from './quantiles';
import { subsamplePairs } from './samples';
import { allocBatch, EVAL_BATCH, fillBatch, type TrainData } from './train';

/** Training windows the initial spread multipliers are estimated from (a random subset when there are more). */
const HEAD_SAMPLES = 4096;

/**
 * The initial head kernel [units + K, Q × H] of a network with quantiles and a seasonal skip, or undefined (the
 * network's default start) without either. Also returns the multipliers c_{q,h} for the record.
 */
export function initialQuantileHead(
  data: TrainData,
  layout: FeatureLayout & { seasonalSkip: boolean; quantiles: number[] },
  units: number,
  rng: Rng,
): { kernel: Float32Array; multipliers: number[][] } | undefined {
  const { quantiles, horizon: H } = layout;
  const si = spreadIndex(layout);
  if (!layout.seasonalSkip || quantiles.length === 0 || si < 0) return undefined;
  const K = knownWidth(layout);
  const skip = seasonalSkipIndices(layout);
  const residuals: number[][] = Array.from({ length: H }, () => []);
  const pairs = subsamplePairs(data.samples.train, HEAD_SAMPLES, rng);
  const count = pairs.length / 2;
  for (let from = 0; from < count; from += EVAL_BATCH) {
    const batch = allocBatch(layout, Math.min(EVAL_BATCH, count - from));
    fillBatch(data, pairs, null, from, batch);
    for (let b = 0; b < batch.size; b++) {
      const spread = batch.known[b * K + si];
      if (!(spread > 1e-9)) continue;
      for (let h = 0; h < H; h++) {
        if (batch.weight[b * H + h] === 0) continue;
        residuals[h].push((batch.y[b * H + h] - batch.known[b * K + skip[h]]) / spread);
      }
    }
  }
  const outputs = outputCount(H, quantiles);
  const kernel = new Float32Array((units + K) * outputs);
  const multipliers = quantiles.map((q) => residuals.map((r) => (q === 0.5 ? 0 : empiricalQuantile(r, q))));
  quantiles.forEach((_, j) => {
    for (let h = 0; h < H; h++) kernel[(units + si) * outputs + j * H + h] = multipliers[j][h];
  });
  return { kernel, multipliers };
}
