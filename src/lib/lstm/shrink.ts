import * as tf from '@tensorflow/tfjs';
import type { LstmNetwork } from './network';
import { medianIndex, outputCount } from './quantiles';
import type { OriginLosses } from './select';
import { allocBatch, EVAL_BATCH, fillBatch, type TrainData } from './batch';

/**
 * Shrinking the trained correction towards the baseline: forecast = epoch 0 + λ · (trained − epoch 0), λ chosen on
 * the validation windows. With a seasonal skip the untrained head reads nothing of the LSTM's state (its kernel rows
 * for h are 0; the quantile outputs read only the spread input), so blending the head's weights,
 * W_λ = W₀ + λ (W − W₀), blends the two networks' outputs exactly, the median's correction included. λ = 0 is the
 * baseline bit for bit, λ = 1 the trained network.
 *
 * Why: on train.csv and the store file, training lowered the validation loss by a few per cent and the whole
 * correction then did worse on the next quarter than the baseline. A correction is partly signal and partly noise
 * fitted to the training weeks; shrinking it (as ridge regression or a James-Stein estimator shrinks towards a prior,
 * here the baseline) keeps the part that pays on held-out windows. Pure function of the network's outputs, TF.js only
 * to read them and to write the blended head.
 */

/** λ values tried, ascending. */
export const SHRINK_GRID: readonly number[] = Array.from({ length: 11 }, (_, i) => i / 10);

/** A network's outputs on a list of (series, origin) pairs, with the targets and weights they are scored against. */
export interface PairOutputs {
  /** Outputs per sample (H, or Q × H). */
  outputs: number;
  /** Samples × outputs, scaled. */
  pred: Float32Array;
  /** Samples × H targets (scaled) and weights (0 where unobserved). */
  y: Float32Array;
  weight: Float32Array;
  /** Origin of each sample. */
  origin: Int32Array;
}

/** Forecasts of `net` (no dropout) for `pairs`. */
export async function pairOutputs(net: LstmNetwork, data: TrainData, pairs: Int32Array): Promise<PairOutputs> {
  const count = pairs.length / 2;
  const H = data.layout.horizon;
  const O = outputCount(H, data.layout.quantiles);
  const out: PairOutputs = { outputs: O, pred: new Float32Array(count * O), y: new Float32Array(count * H), weight: new Float32Array(count * H), origin: new Int32Array(count) };
  for (let from = 0; from < count; from += EVAL_BATCH) {
    const batch = allocBatch(data.layout, Math.min(EVAL_BATCH, count - from));
    fillBatch(data, pairs, null, from, batch);
    out.pred.set(await net.predict(batch.x, batch.known, batch.size), from * O);
    out.y.set(batch.y, from * H);
    out.weight.set(batch.weight, from * H);
    for (let b = 0; b < batch.size; b++) out.origin[from + b] = pairs[2 * (from + b) + 1];
  }
  return out;
}

/**
 * Point-forecast loss per origin of the blend initial + λ (trained − initial): the median's weighted absolute error
 * with quantiles (the point forecast is what must beat the baseline), else the squared error. `initial` null = the
 * trained outputs as they are.
 */
export function blendedOriginLosses(trained: PairOutputs, initial: PairOutputs | null, lambda: number, quantiles: readonly number[] | undefined): OriginLosses {
  const count = trained.origin.length;
  const H = trained.y.length / Math.max(1, count);
  const O = trained.outputs;
  const column = medianIndex(quantiles) * H;
  const absolute = (quantiles?.length ?? 0) > 0;
  const origins = [...new Set(trained.origin)].sort((a, b) => a - b);
  const index = new Map(origins.map((o, i) => [o, i]));
  const sse = new Float64Array(origins.length);
  const weight = new Float64Array(origins.length);
  for (let k = 0; k < count; k++) {
    const i = index.get(trained.origin[k])!;
    for (let h = 0; h < H; h++) {
      const w = trained.weight[k * H + h];
      if (w === 0) continue;
      const p1 = trained.pred[k * O + column + h];
      const p = initial ? initial.pred[k * O + column + h] + lambda * (p1 - initial.pred[k * O + column + h]) : p1;
      const e = p - trained.y[k * H + h];
      sse[i] += w * (absolute ? Math.abs(e) : e * e);
      weight[i] += w;
    }
  }
  return { origins, sse, weight };
}

/** Mean loss over all samples of per-origin losses (Σ sse / Σ weight). */
function pooled(l: OriginLosses): number {
  let s = 0;
  let w = 0;
  for (let i = 0; i < l.sse.length; i++) {
    s += l.sse[i];
    w += l.weight[i];
  }
  return w > 0 ? s / w : Infinity;
}

/** The λ of `grid` whose blend has the lowest pooled validation loss (the smallest λ on ties), and its losses. */
export function chooseShrinkage(trained: PairOutputs, initial: PairOutputs, quantiles: readonly number[] | undefined, grid: readonly number[] = SHRINK_GRID): { lambda: number; losses: OriginLosses } {
  let best: { lambda: number; losses: OriginLosses; loss: number } | null = null;
  for (const lambda of grid) {
    const losses = blendedOriginLosses(trained, initial, lambda, quantiles);
    const loss = pooled(losses);
    if (!best || loss < best.loss * (1 - 1e-9)) best = { lambda, losses, loss };
  }
  return { lambda: best!.lambda, losses: best!.losses };
}

/** Sets the head of `net` (dense kernel and bias, the last two variables) to initial + λ (current − initial), where
 * `initial` is a snapshot of the untrained network (`LstmNetwork.snapshot` order). */
export function blendHead(net: LstmNetwork, initial: readonly tf.Tensor[], lambda: number): void {
  const n = net.variables.length;
  tf.tidy(() => {
    for (const i of [n - 2, n - 1]) {
      const v = net.variables[i];
      v.assign(tf.add(initial[i], tf.mul(tf.sub(v, initial[i]), lambda)));
    }
  });
}
