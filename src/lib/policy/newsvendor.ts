import { invalidOption, maybeFinite, maybeNonNegative } from '../core/errors';
import {
  type DiscreteDistribution,
  discreteQuantile,
  expectedLeftover,
  expectedShortage,
  poissonDistribution,
  quantileDistribution,
} from './discrete';
import { criticalZ, normalCdf, normalLoss, normalPdf } from './normal';
import { maybeFiniteArray, maybeMean, maybePositiveCost } from './options';

/**
 * Single-period newsvendor: choose Q before demand D is seen; each unit left over costs `holdingCost`
 * (overage h), each unit short costs `shortageCost` (underage p). The optimum is the critical fractile
 * F(Q*) = p / (p + h). Costs are money per unit; quantities are units.
 */
export interface NewsvendorCosts {
  /** Overage cost h per unit left over, money (> 0). */
  holdingCost: number;
  /** Underage cost p per unit short, money (> 0). */
  shortageCost: number;
  /** Evaluate this quantity instead of the optimum, units. */
  orderQuantity?: number;
}

/** A stocking quantity and its performance. */
export interface NewsvendorResult {
  /** p / (p + h). */
  criticalRatio: number;
  /** The optimal (or the given) quantity, units. */
  orderQuantity: number;
  /** E[h (Q − D)⁺ + p (D − Q)⁺], money. */
  expectedCost: number;
  /** E[(D − Q)⁺], units. */
  expectedShortage: number;
  /** E[(Q − D)⁺], units. */
  expectedLeftover: number;
  /** Fill rate 1 − E[(D − Q)⁺] / E[D]: share of demand met from stock. */
  fillRate: number;
  /** Cycle service level P(D ≤ Q): probability of no stockout. */
  cycleServiceLevel: number;
}

/** Normal-demand result: also the safety factor. */
export interface NormalNewsvendorResult extends NewsvendorResult {
  /** z = (Q − μ) / σ; at the optimum z = Φ⁻¹(p / (p + h)). */
  z: number;
}

function costs(options: NewsvendorCosts): { h: number; p: number; ratio: number } {
  const h = maybePositiveCost('holdingCost', options.holdingCost);
  const p = maybePositiveCost('shortageCost', options.shortageCost);
  return { h, p, ratio: p / (p + h) };
}

/** Normal demand N(mean, sd²): Q* = μ + zσ, cost (h + p)σφ(z) at the optimum, h(Q − μ) + (h + p)σL(z) in general. */
export function newsvendorNormal(options: NewsvendorCosts & { mean: number; sd: number }): NormalNewsvendorResult {
  const { h, p, ratio } = costs(options);
  const mu = maybeMean('mean', options.mean);
  const sigma = maybeNonNegative('sd', options.sd, true);
  const z = options.orderQuantity === undefined ? criticalZ(h, p) : (maybeFinite('orderQuantity', options.orderQuantity) - mu) / sigma;
  const q = mu + z * sigma;
  const shortage = sigma * normalLoss(z);
  const leftover = q - mu + shortage;
  return {
    criticalRatio: ratio,
    orderQuantity: q,
    z,
    expectedCost: options.orderQuantity === undefined ? (h + p) * sigma * normalPdf(z) : h * leftover + p * shortage,
    expectedShortage: shortage,
    expectedLeftover: leftover,
    fillRate: 1 - shortage / mu,
    cycleServiceLevel: normalCdf(z),
  };
}

/** Any discrete demand distribution: Q* = the smallest y with P(D ≤ y) ≥ p / (p + h). */
export function newsvendorDiscrete(options: NewsvendorCosts & { distribution: DiscreteDistribution }): NewsvendorResult {
  const { h, p, ratio } = costs(options);
  const d = options.distribution;
  if (!(d.mean > 0)) invalidOption('distribution mean', d.mean, 'a mean demand > 0');
  const q =
    options.orderQuantity === undefined ? discreteQuantile(d, ratio) : maybeFinite('orderQuantity', options.orderQuantity);
  if (!Number.isInteger(q)) invalidOption('orderQuantity', q, 'a whole number of units for discrete demand');
  const leftover = expectedLeftover(d, q);
  const shortage = Math.max(0, expectedShortage(d, q));
  let csl = 0;
  for (let k = 0; k <= Math.min(q, d.pmf.length - 1); k++) csl += d.pmf[k];
  return {
    criticalRatio: ratio,
    orderQuantity: q,
    expectedCost: h * leftover + p * shortage,
    expectedShortage: shortage,
    expectedLeftover: leftover,
    fillRate: 1 - shortage / d.mean,
    cycleServiceLevel: Math.min(1, csl),
  };
}

/** Poisson(mean) demand. */
export function newsvendorPoisson(options: NewsvendorCosts & { mean: number }): NewsvendorResult {
  return newsvendorDiscrete({ ...options, distribution: poissonDistribution(options.mean) });
}

/**
 * Empirical demand from a sample (each observation equally likely; need not be whole units).
 * Q* is the smallest sample value whose empirical CDF reaches p / (p + h).
 */
export function newsvendorSample(options: NewsvendorCosts & { sample: ArrayLike<number> }): NewsvendorResult {
  const { h, p, ratio } = costs(options);
  const sorted = maybeFiniteArray('sample', options.sample).sort();
  const n = sorted.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += sorted[i] / n;
  if (!(mean > 0)) invalidOption('sample mean', mean, 'a mean demand > 0');
  // Smallest index i with (i + 1) / n ≥ ratio, with a little slack for rounding in n·ratio.
  const index = Math.min(n - 1, Math.max(0, Math.ceil(n * ratio - 1e-9) - 1));
  const q = options.orderQuantity === undefined ? sorted[index] : maybeFinite('orderQuantity', options.orderQuantity);
  let leftover = 0;
  let shortage = 0;
  let covered = 0;
  for (let i = 0; i < n; i++) {
    const x = sorted[i];
    if (x <= q) {
      leftover += (q - x) / n;
      covered++;
    } else shortage += (x - q) / n;
  }
  return {
    criticalRatio: ratio,
    orderQuantity: q,
    expectedCost: h * leftover + p * shortage,
    expectedShortage: shortage,
    expectedLeftover: leftover,
    fillRate: 1 - shortage / mean,
    cycleServiceLevel: covered / n,
  };
}

/**
 * Demand described by forecast quantiles (e.g. levels [0.1, 0.5, 0.9]): converted to a distribution on
 * whole units by `quantileDistribution` (piecewise-linear CDF through the quantiles), then solved exactly.
 */
export function newsvendorQuantiles(
  options: NewsvendorCosts & { levels: ArrayLike<number>; values: ArrayLike<number> },
): NewsvendorResult {
  return newsvendorDiscrete({ ...options, distribution: quantileDistribution(options.levels, options.values) });
}
