import { normalLoss, normalLossInverse } from '../policy/normal';
import type { CumulativeErrors } from './forecast-input';

/**
 * Safety stock over a protection interval of P periods (P = (L + R) / period length, fractional), from either
 * - a σ_P (normal demand over the interval): cycle service α → SS = z_α·σ_P; fill rate β → SS = k·σ_P with the
 *   standard loss-function condition σ_P·G(k) = (1 − β)·Q, Q the demand per replenishment cycle
 *   (Silver, Pyke & Thomas 2017, §6.7.4 / §6.9, "P₂" service), G the standard normal loss function; or
 * - the backtest's errors of cumulative demand over P periods (forecast-input.ts `CumulativeErrors`): cycle service
 *   → SS = the empirical α-quantile of those errors; fill rate → the SS with mean(E − SS)⁺ = (1 − β)·Q over them.
 *   Their root mean square (about 0, so a bias counts) is the σ_P reported next to it.
 * Windows longer than the backtest horizon K scale the K-period errors by P / K (a level error grows linearly with
 * the window; this is the cautious end of √(P/K) … P/K); shorter than one period scale the one-period errors by P.
 */

/** How to read safety stock off cumulative errors. */
export type CumulativeRule =
  /** The empirical quantile (cycle) or the empirical loss (fill rate) of the errors themselves. */
  | 'empirical'
  /** A normal distribution with σ_P = root mean square of the errors. */
  | 'rms';

/** The errors over a window of P periods: the two nearest window lengths, interpolated, and a scale beyond them. */
interface Window {
  lo: Float64Array;
  hi: Float64Array;
  /** Weight of `hi`. */
  w: number;
  /** Multiplier on the interpolated errors. */
  scale: number;
}

function windowAt(ce: CumulativeErrors, periods: number): Window {
  const b = ce.byPeriods;
  const K = b.length;
  if (periods <= 1) return { lo: b[0], hi: b[0], w: 0, scale: Math.max(0, periods) };
  if (periods >= K) return { lo: b[K - 1], hi: b[K - 1], w: 0, scale: periods / K };
  const f = Math.floor(periods);
  return { lo: b[f - 1], hi: b[f], w: periods - f, scale: 1 };
}

/** Sample quantile, R type 7, of a sorted array. */
function sortedQuantile(a: Float64Array, p: number): number {
  const x = (a.length - 1) * p;
  const i = Math.floor(x);
  return i + 1 < a.length ? a[i] + (x - i) * (a[i + 1] - a[i]) : a[a.length - 1];
}

function rms(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return Math.sqrt(s / a.length);
}

/** Mean of (e − ss)⁺ over a sample. */
function meanExcess(a: Float64Array, ss: number): number {
  let s = 0;
  for (let i = a.length - 1; i >= 0 && a[i] > ss; i--) s += a[i] - ss;
  return s / a.length;
}

/** The ss with mean(e − ss)⁺ = target over a sorted sample (target > 0); mean excess is convex, decreasing in ss. */
function empiricalLossInverse(a: Float64Array, target: number): number {
  let lo = a[0] - target - 1;
  let hi = a[a.length - 1];
  for (let it = 0; it < 100 && hi - lo > 1e-9 * Math.max(1, Math.abs(hi)); it++) {
    const mid = 0.5 * (lo + hi);
    if (meanExcess(a, mid) > target) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** σ_P of cumulative errors over `periods`: their root mean square, interpolated between window lengths. */
export function cumulativeSigma(ce: CumulativeErrors, periods: number): number {
  const v = windowAt(ce, periods);
  return v.scale * ((1 - v.w) * rms(v.lo) + v.w * rms(v.hi));
}

/** Safety stock for cycle service `alpha` from cumulative errors (their empirical α-quantile over `periods`). */
export function cumulativeQuantile(ce: CumulativeErrors, periods: number, alpha: number): number {
  const v = windowAt(ce, periods);
  return v.scale * ((1 - v.w) * sortedQuantile(v.lo, alpha) + v.w * sortedQuantile(v.hi, alpha));
}

/**
 * Safety stock for fill rate `beta` from cumulative errors: expected units short per cycle, mean(E − SS)⁺, equal to
 * (1 − β)·`cycleDemand`. Scaled windows solve on the scaled errors (SS / scale on the unscaled ones).
 */
export function cumulativeFillRateStock(ce: CumulativeErrors, periods: number, beta: number, cycleDemand: number): number {
  const v = windowAt(ce, periods);
  const target = (1 - beta) * cycleDemand;
  if (!(v.scale > 0)) return 0;
  if (!(target > 0)) return v.scale * ((1 - v.w) * v.lo[v.lo.length - 1] + v.w * v.hi[v.hi.length - 1]);
  return v.scale * ((1 - v.w) * empiricalLossInverse(v.lo, target / v.scale) + v.w * empiricalLossInverse(v.hi, target / v.scale));
}

/**
 * The safety factor k for fill rate β under normal demand over the interval: σ_P·G(k) = (1 − β)·Q. When Q or σ_P is
 * 0 no stock is short on average whatever k: 0 then (no safety stock is needed to meet β).
 */
export function fillRateFactor(beta: number, sigmaP: number, cycleDemand: number): number {
  if (!(sigmaP > 0) || !(cycleDemand > 0)) return 0;
  return normalLossInverse(((1 - beta) * cycleDemand) / sigmaP);
}

/** Expected fill rate of safety factor k under normal demand: 1 − σ_P·G(k) / Q (for the UI's "which service"). */
export function fillRateOf(k: number, sigmaP: number, cycleDemand: number): number {
  if (!(cycleDemand > 0)) return NaN;
  return Math.max(0, 1 - (sigmaP * normalLoss(k)) / cycleDemand);
}
