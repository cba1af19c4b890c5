import type { DiscreteDistribution } from './discrete';

/**
 * Expected one-period cost G(y) = h·E[(y − D)⁺] + p·E[(D − y)⁺] for integer stock y and a discrete demand D,
 * in O(1) per call after an O(n) table. With lead time L, D is the demand over L + 1 periods and y the
 * inventory position after ordering, so G(y) is the expected cost charged at the end of period t + L.
 */
export interface OnePeriodCost {
  /** G(y), money per period. */
  cost(y: number): number;
  /** E[(y − D)⁺], units on hand at the end of the period. */
  leftover(y: number): number;
  /** E[(D − y)⁺], units backordered at the end of the period. */
  shortage(y: number): number;
  /** P(D ≤ y). */
  cdf(y: number): number;
  /** Smallest minimiser of G: the smallest y with P(D ≤ y) ≥ p / (p + h). */
  readonly minimizer: number;
}

/** Builds G for demand `d`, holding `h` and backorder `p` per unit per period (both already validated > 0). */
export function createOnePeriodCost(d: DiscreteDistribution, h: number, p: number): OnePeriodCost {
  const n = d.pmf.length;
  // cdfTable[k] = P(D ≤ k); leftTable[k] = E[(k − D)⁺] = Σ_{i<k} P(D ≤ i), for k = 0..n.
  const cdfTable = new Float64Array(n);
  const leftTable = new Float64Array(n + 1);
  let c = 0;
  for (let k = 0; k < n; k++) {
    c += d.pmf[k];
    cdfTable[k] = k === n - 1 ? 1 : Math.min(1, c);
    leftTable[k + 1] = leftTable[k] + cdfTable[k];
  }
  const mean = d.mean;
  const leftover = (y: number): number => {
    if (y <= 0) return 0;
    if (y <= n) return leftTable[y];
    return leftTable[n] + (y - n);
  };
  const cdf = (y: number): number => (y < 0 ? 0 : y >= n ? 1 : cdfTable[y]);
  const ratio = p / (p + h);
  let minimizer = n - 1;
  for (let k = 0; k < n; k++) {
    // The slack keeps a ratio that equals a CDF value up to rounding from moving the answer by one.
    if (cdfTable[k] >= ratio * (1 - 1e-12)) {
      minimizer = k;
      break;
    }
  }
  return {
    leftover,
    shortage: (y) => Math.max(0, leftover(y) + mean - y),
    cost: (y) => {
      const left = leftover(y);
      return h * left + p * Math.max(0, left + mean - y);
    },
    cdf,
    minimizer,
  };
}
