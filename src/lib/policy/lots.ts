import { type DiscreteDistribution, empiricalDistribution, roundedNormalDistribution } from './discrete';
import type { SsEvaluation, SsOptimum } from './ss-exact';

/**
 * Counting large demand in lots for the exact (s,S) formulas. Zheng-Federgruen works on whole units and the
 * renewal function costs O(S · pmf length), so a store's weekly sales (tens of thousands of units) are
 * counted in lots of 500 or 1000: the model's s and S are then multiples of the lot.
 */

/** Demand means up to this many units per period are modelled exactly in whole units. */
export const MAX_UNIT_MEAN = 200;

/** Lot size: 1 up to a mean of MAX_UNIT_MEAN, else a 1-2-5 number that brings the mean to 40..100 lots. */
export function lotSize(mean: number): number {
  if (!(mean > MAX_UNIT_MEAN)) return 1;
  const x = mean / 100;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 5, 10]) if (m * p >= x) return m * p;
  return 10 * p;
}

/**
 * One per-period demand distribution per lot size, built on first use. Lot 1 is `exact()`. Larger lots
 * rescale the `sample` when there is one (empirical demand), else take the rounded normal with the same mean
 * and variance, which stands in for Poisson and negative binomial there (their shape is close to normal at
 * such means).
 */
export function createLotDistributions(
  exact: () => DiscreteDistribution,
  moments: { mean: number; sd: number },
  sample?: ArrayLike<number>,
): (lot: number) => DiscreteDistribution {
  const cache = new Map<number, DiscreteDistribution>();
  return (lot) => {
    let d = cache.get(lot);
    if (!d) {
      if (lot === 1) d = exact();
      else if (sample) d = empiricalDistribution(Array.from(sample, (v) => v / lot));
      else d = roundedNormalDistribution(moments.mean / lot, moments.sd / lot);
      cache.set(lot, d);
    }
    return d;
  };
}

/** An evaluation in lots converted back to units (money figures and rates are unchanged). */
export function ssInUnits<T extends SsEvaluation>(e: T, lot: number): T {
  if (lot === 1) return e;
  const out = { ...e, s: e.s * lot, S: e.S * lot, averageOnHand: e.averageOnHand * lot, averageBackorders: e.averageBackorders * lot };
  if ('myopicLevel' in out) (out as unknown as SsOptimum).myopicLevel *= lot;
  return out;
}
