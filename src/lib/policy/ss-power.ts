import { maybeInteger } from '../core/errors';
import type { DiscreteDistribution } from './discrete';
import { maybeMean, maybePositiveCost } from './options';
import { evaluateSs, optimizeSs, type SsEvaluation, type SsOptimum } from './ss-exact';

/**
 * The power approximation for periodic-review (s, S) (Ehrhardt 1979; revised by Ehrhardt & Mosier 1984, Management
 * Science 30:618-622), as Snyder & Shen (2019) state it in eqs. (4.77)-(4.80), with demand over the lead time plus
 * one period μ_L = (L + 1)·μ, σ_L = σ·√(L + 1):
 *   Q = 1.30·μ^0.494·(K/h)^0.506·(1 + σ_L²/μ²)^0.116,   z = √(Q·h / (σ_L·p)),
 *   s = 0.973·μ_L + σ_L·(0.183/z + 1.063 − 2.192·z),   S = s + Q.
 * (The 1984 paper also caps s and S at the newsvendor level when Q/μ ≤ 1.5; the textbook form above does not, and
 * is what is reproduced here.) `compareSsPower` sets it next to the exact optimum of ss-exact.ts.
 */
export interface PowerApproximation {
  /** Reorder point s, units (not rounded). */
  s: number;
  /** Order-up-to level S = s + Q, units. */
  S: number;
  /** Q, units. */
  orderQuantity: number;
  /** z = √(Qh / (σ_L p)). */
  z: number;
}

/** The power approximation; throws `invalid <name>: <value>` on a bad option. */
export function powerApproximation(o: { mean: number; sd: number; leadTimePeriods?: number; orderCost: number; holdingCost: number; backorderCost: number }): PowerApproximation {
  const mu = maybeMean('mean', o.mean);
  const sd = maybeMean('sd', o.sd);
  const L = maybeInteger('leadTimePeriods', o.leadTimePeriods ?? 0, 0);
  const K = maybePositiveCost('orderCost', o.orderCost);
  const h = maybePositiveCost('holdingCost', o.holdingCost);
  const p = maybePositiveCost('backorderCost', o.backorderCost);
  const muL = (L + 1) * mu;
  const sdL = sd * Math.sqrt(L + 1);
  const Q = 1.3 * mu ** 0.494 * (K / h) ** 0.506 * (1 + (sdL * sdL) / (mu * mu)) ** 0.116;
  const z = Math.sqrt((Q * h) / (sdL * p));
  const s = 0.973 * muL + sdL * (0.183 / z + 1.063 - 2.192 * z);
  return { s, S: s + Q, orderQuantity: Q, z };
}

/** The power approximation rounded to whole units and evaluated exactly, next to the exact optimum. */
export interface PowerVsExact {
  /** The approximation. */
  power: PowerApproximation;
  /** Its exact long-run cost at (round(s), round(S)). */
  powerEvaluation: SsEvaluation;
  /** The exact optimum (Zheng & Federgruen). */
  exact: SsOptimum;
  /** Cost penalty of the approximation: power cost ÷ optimal cost − 1. */
  penalty: number;
}

/** Both policies on a discrete demand distribution (its mean and standard deviation feed the approximation). */
export function compareSsPower(o: { demand: DiscreteDistribution; leadTimePeriods?: number; orderCost: number; holdingCost: number; backorderCost: number }): PowerVsExact {
  const power = powerApproximation({ mean: o.demand.mean, sd: Math.sqrt(o.demand.variance), ...o });
  const s = Math.round(power.s);
  const S = Math.max(s + 1, Math.round(power.S));
  const powerEvaluation = evaluateSs({ ...o, s, S });
  const exact = optimizeSs(o);
  return { power, powerEvaluation, exact, penalty: powerEvaluation.costPerPeriod / exact.costPerPeriod - 1 };
}
