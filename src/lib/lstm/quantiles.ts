/**
 * Quantile outputs of the LSTM: the pinball loss (Koenker & Bassett 1978; as in MQ-RNN, Wen et al. 2017,
 * https://arxiv.org/abs/1711.11053, and the M5 uncertainty track) in plain TS, for the validation scores and the
 * one-standard-error check, and the per-origin spread input the 10 % and 90 % outputs start from. Pure TS, no TF.js,
 * and no import of features.ts (which imports this file).
 *
 * Output layout: the head gives Q × H values per sample, column j·H + h = quantile `quantiles[j]` of period h. The
 * point forecast is the median column (level 0.5).
 */

/** The LSTM's default quantile levels: an 80 % interval and the median (the point forecast). */
export const LSTM_QUANTILES: readonly number[] = [0.1, 0.5, 0.9];

/** Outputs per sample: H, or Q × H with quantiles. */
export function outputCount(horizon: number, quantiles: readonly number[] | undefined): number {
  return horizon * Math.max(1, quantiles?.length ?? 0);
}

/** Index of the median among `quantiles` (the point forecast's column block); 0 without quantiles. */
export function medianIndex(quantiles: readonly number[] | undefined): number {
  if (!quantiles?.length) return 0;
  const j = quantiles.indexOf(0.5);
  return j >= 0 ? j : Math.floor(quantiles.length / 2);
}

/** Pinball loss ρ_q(y − ŷ) = max(q (y − ŷ), (q − 1)(y − ŷ)). */
export function pinball(y: number, yHat: number, q: number): number {
  const e = y - yHat;
  return e >= 0 ? q * e : (q - 1) * e;
}

/**
 * Loss of one sample, summed over its observed targets: Σ_h w_h · mean_j ρ_{q_j}(y_h − ŷ_{j,h}) with quantiles,
 * else Σ_h w_h (ŷ_h − y_h)². `pred` holds the sample's outputs from `offset`; `y`, `w` its H targets and weights
 * from `yOffset`. The same loss the network trains on (network.ts), so validation and training agree.
 */
export function sampleLoss(
  pred: ArrayLike<number>,
  offset: number,
  y: ArrayLike<number>,
  w: ArrayLike<number>,
  yOffset: number,
  horizon: number,
  quantiles: readonly number[] | undefined,
): number {
  let loss = 0;
  const Q = quantiles?.length ?? 0;
  for (let h = 0; h < horizon; h++) {
    const wh = w[yOffset + h];
    if (wh === 0) continue;
    if (Q === 0) {
      loss += wh * (pred[offset + h] - y[yOffset + h]) ** 2;
      continue;
    }
    let s = 0;
    for (let j = 0; j < Q; j++) s += pinball(y[yOffset + h], pred[offset + j * horizon + h], quantiles![j]);
    loss += (wh * s) / Q;
  }
  return loss;
}

/**
 * The spread input at `origin`: the mean of |v[t] − v[t − m]| over t = origin − window … origin − 1 (v the scaled,
 * gap-filled value in column 0 of `steps`, rows from calendar period `first`), skipping t whose season-earlier
 * period precedes `first`; when fewer than 2 such periods exist, the mean |v[t] − v[t − 1]| of the window instead;
 * 0 when there is none. This is the scaled in-sample error of seasonal naive over the recent window (the MASE scale),
 * so the 10 % and 90 % outputs can start as the baseline ± a multiple of it and widen for noisy series. Reads no
 * value at or after the origin.
 */
export function spreadAt(steps: Float32Array, width: number, first: number, origin: number, seasonLength: number, window: number): number {
  const from = Math.max(origin - window, first);
  let sum = 0;
  let n = 0;
  for (let t = Math.max(from, first + seasonLength); t < origin; t++) {
    sum += Math.abs(steps[(t - first) * width] - steps[(t - seasonLength - first) * width]);
    n++;
  }
  if (n >= 2) return sum / n;
  sum = 0;
  n = 0;
  for (let t = Math.max(from, first + 1); t < origin; t++) {
    sum += Math.abs(steps[(t - first) * width] - steps[(t - 1 - first) * width]);
    n++;
  }
  return n > 0 ? sum / n : 0;
}

/** Empirical quantile (type 7) of unsorted values; 0 for none. */
export function empiricalQuantile(values: number[], q: number): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  return lo + 1 < s.length ? s[lo] + (h - lo) * (s[lo + 1] - s[lo]) : s[lo];
}
