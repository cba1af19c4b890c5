import type { Rng } from '../core/rng';
import { baselineAt, seasonalDrift, seasonalSource, stepWidth, type FeatureLayout, type SeriesFeatures } from './features';

/**
 * Training samples of the LSTM forecaster: which (series, origin) pairs train and which validate, and the naive
 * baselines the validation report compares with. Pure TS.
 */

/** Training and validation samples as flat (series index, origin) pairs. */
export interface SampleSplit {
  /** Training pairs. */
  train: Int32Array;
  /** Validation pairs: the latest origins; their targets all lie after every training target. */
  val: Int32Array;
  /** The first validation origin (calendar period): every training target lies before it. `end` without validation. */
  validationStart: number;
}

/**
 * Periods after a series' first observation before its first sample origin: the history window L and, with a
 * seasonal skip, also the seasons the baseline averages (`seasonalAverage`) plus the drift window, so that every sample's baseline is the full one (seasonal
 * naive plus a drift averaged over `driftWindow` periods), as it is at every forecast origin later.
 *
 * Why: on the Walmart protocol at origin 78 the origins 52-59 (all 8 training origins then) had a baseline with
 * no drift or a drift from 1-7 periods, whose error (MSE 5.1e-3 to 1.1e-2, scaled) was 2-5 times that of the
 * full baseline at the validation origins (2.1e-3 to 2.3e-3). The network learnt to correct that noisier baseline
 * and the correction hurt where the baseline was full: validation loss 2.21e-3 at epoch 0, 8.65e-3 after one epoch.
 */
export function firstSampleOffset(layout: FeatureLayout & { seasonalSkip?: boolean }): number {
  return Math.max(layout.lookback, layout.seasonalSkip ? layout.seasonLength * (layout.seasonalAverage ?? 1) + layout.driftWindow : 0);
}

/**
 * Lists the samples of a training window ending at `end` (exclusive): origins o ≥ first + `firstSampleOffset`, a
 * target window inside the training window (o + H ≤ end) and at least one observed target.
 * The latest `validationFraction` of the origins validate; training origins stop H − 1 periods before the first
 * validation origin, so no training target falls in a validation target window.
 */
export function listSamples(
  features: Array<SeriesFeatures | null>,
  indices: number[],
  end: number,
  layout: FeatureLayout & { seasonalSkip?: boolean },
  validationFraction: number,
): SampleSplit {
  const L = firstSampleOffset(layout);
  const H = layout.horizon;
  let minOrigin = Infinity;
  for (const s of indices) if (features[s]) minOrigin = Math.min(minOrigin, features[s]!.first + L);
  const maxOrigin = end - H;
  const empty = { train: new Int32Array(0), val: new Int32Array(0), validationStart: end };
  if (!(maxOrigin >= minOrigin)) return empty;
  const origins = maxOrigin - minOrigin + 1;
  let nVal = validationFraction > 0 ? Math.max(1, Math.round(validationFraction * origins)) : 0;
  if (origins - nVal - (H - 1) < 1) nVal = 0;
  const firstVal = maxOrigin - nVal + 1;
  const lastTrain = nVal > 0 ? firstVal - H : maxOrigin;
  const train: number[] = [];
  const val: number[] = [];
  for (const s of indices) {
    const sf = features[s];
    if (!sf) continue;
    for (let o = sf.first + L; o <= maxOrigin; o++) {
      let observed = false;
      for (let h = 0; h < H && !observed; h++) observed = Number.isFinite(sf.target[o - sf.first + h]);
      if (!observed) continue;
      if (o <= lastTrain) train.push(s, o);
      else if (o >= firstVal) val.push(s, o);
    }
  }
  return { train: Int32Array.from(train), val: Int32Array.from(val), validationStart: nVal > 0 ? firstVal : end };
}

/** Naive (last value), seasonal-naive and skip-baseline (seasonal naive plus drift) forecasts of one sample, series
 * units, for the validation report. */
export function naiveForecasts(sf: SeriesFeatures, origin: number, layout: FeatureLayout): { naive: Float64Array; seasonal: Float64Array; baseline: Float64Array } {
  const H = layout.horizon;
  const m = layout.seasonLength;
  const width = stepWidth(layout);
  const level = sf.scale.level;
  const valueAt = (p: number) => sf.steps[(p - sf.first) * width] * level;
  const naive = new Float64Array(H).fill(valueAt(origin - 1));
  const seasonal = Float64Array.from({ length: H }, (_, h) => valueAt(seasonalSource(sf, origin, h, m)));
  const drift = seasonalDrift(sf, origin, layout);
  const baseline = Float64Array.from({ length: H }, (_, h) => baselineAt(sf, origin, h, layout, drift).value * level);
  return { naive, seasonal, baseline };
}

/** `pairs` itself when it holds at most `max` pairs, else `max` of them drawn without replacement, in their order. */
export function subsamplePairs(pairs: Int32Array, max: number, rng: Rng): Int32Array {
  const count = pairs.length / 2;
  if (count <= max) return pairs;
  const index = Int32Array.from({ length: count }, (_, i) => i);
  for (let i = 0; i < max; i++) {
    const j = i + rng.int(count - i);
    [index[i], index[j]] = [index[j], index[i]];
  }
  const chosen = index.subarray(0, max).sort();
  const out = new Int32Array(2 * max);
  chosen.forEach((k, i) => out.set(pairs.subarray(2 * k, 2 * k + 2), 2 * i));
  return out;
}
