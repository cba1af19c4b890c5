import { fillKnown, fillWindow, knownWidth, stepWidth, type FeatureLayout, type SeriesFeatures } from './features';
import type { Batch } from './network';
import type { SampleSplit } from './samples';

/** Batches of (series, origin) samples for training, validation and the checks on a trained network. Pure TS. */

/** What one network trains on. */
export interface TrainData {
  /** Feature rows per series (null where a series has no observation in the training window). */
  features: Array<SeriesFeatures | null>;
  /** Training and validation samples. */
  samples: SampleSplit;
  /** Feature layout. */
  layout: FeatureLayout;
  /** Calendar inputs (see `calendarTable`) covering the training window. */
  table: Float32Array;
  /** Loss weight per series (index-aligned with `features`), 1 when absent: see `seriesLossWeights`. */
  seriesWeights?: Float32Array;
}

/** Batch size of validation and prediction passes (no gradients, so larger is cheaper). */
export const EVAL_BATCH = 256;

/** Allocates a batch of `size` samples. */
export function allocBatch(layout: FeatureLayout, size: number): Batch {
  return {
    size,
    x: new Float32Array(layout.lookback * size * stepWidth(layout)),
    known: new Float32Array(size * knownWidth(layout)),
    y: new Float32Array(size * layout.horizon),
    weight: new Float32Array(size * layout.horizon),
  };
}

/** Fills `batch` with samples `order[from … from + batch.size)` of `pairs` (order null = identity). */
export function fillBatch(data: TrainData, pairs: Int32Array, order: Int32Array | null, from: number, batch: Batch): void {
  const { layout, table } = data;
  const H = layout.horizon;
  const K = knownWidth(layout);
  for (let b = 0; b < batch.size; b++) {
    const k = order ? order[from + b] : from + b;
    const s = pairs[2 * k];
    const sf = data.features[s]!;
    const origin = pairs[2 * k + 1];
    const w = data.seriesWeights?.[s] ?? 1;
    fillWindow(batch.x, b, batch.size, sf, origin, layout);
    fillKnown(batch.known, b * K, origin, sf, layout, table);
    for (let h = 0; h < H; h++) {
      const v = sf.target[origin - sf.first + h];
      const observed = Number.isFinite(v);
      batch.y[b * H + h] = observed ? v : 0;
      batch.weight[b * H + h] = observed ? w : 0;
    }
  }
}

/**
 * Loss weight per series of one network: with 'level', each series' level (mean |value| of its training window) over
 * the mean level of the network's series, so that the loss of level-scaled values, Σ level·|ŷ/level − y/level|, is the
 * error in units and the catalogue's volume weighs it, as WAPE does; with 'equal', 1 for every series (a small
 * noisy series then counts as much as the largest). Series without features get 0.
 *
 * Why: trained on equal weights, the network spent its capacity on the small store × department series whose
 * relative errors are largest, and its correction of the large ones, which carry WAPE, did not pay.
 */
export function seriesLossWeights(features: ReadonlyArray<SeriesFeatures | null>, indices: readonly number[], mode: 'level' | 'equal'): Float32Array {
  const out = new Float32Array(features.length);
  let sum = 0;
  let n = 0;
  for (const i of indices) {
    const sf = features[i];
    if (!sf) continue;
    sum += sf.scale.level;
    n++;
  }
  const mean = n > 0 && sum > 0 ? sum / n : 1;
  for (const i of indices) {
    const sf = features[i];
    if (sf) out[i] = mode === 'level' ? sf.scale.level / mean : 1;
  }
  return out;
}
