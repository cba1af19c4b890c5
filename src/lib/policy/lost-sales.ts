import { maybeInteger, maybeNonNegative } from '../core/errors';
import { maybeMean, maybePositiveCost } from './options';

/**
 * Lost sales where the exact policy math has a closed form: continuous-review base stock (S − 1, S) with Poisson
 * demand at rate λ and lead times of mean L (any distribution, orders independent). Units on order behave as busy
 * servers of an M/G/S/S queue, so by Palm's theorem a demand is lost with the Erlang loss probability
 *   B(S, a) = (a^S / S!) / Σ_{k=0}^{S} a^k / k!,   a = λL,  computed by B(0) = 1, B(n) = a·B(n − 1) / (n + a·B(n − 1)),
 * the fill rate is 1 − B, the mean on hand S − a·(1 − B), and the cost per period h·(S − a(1 − B)) + p·λ·B
 * (Hadley & Whitin 1963, §4-11; Zipkin 2000, §7.2.3). With periodic review and a zero lead time the lost-sales base
 * stock is the newsvendor with critical ratio p/(p + h) (newsvendor.ts). Other lost-sales systems (periodic review
 * with L > 0, (s, S)) have no closed form: the Inventory view's simulator handles them, with confidence intervals.
 */

/** Erlang loss probability B(S, a) (a ≥ 0, S whole ≥ 0). */
export function erlangLoss(servers: number, load: number): number {
  const S = maybeInteger('servers', servers, 0);
  const a = maybeNonNegative('load', load);
  let b = 1;
  for (let n = 1; n <= S; n++) b = (a * b) / (n + a * b);
  return b;
}

/** Performance of a lost-sales (S − 1, S) policy. */
export interface LostSalesBaseStock {
  /** S, units. */
  baseStock: number;
  /** Share of demand served, 1 − B(S, λL). */
  fillRate: number;
  /** Units lost per period, λ·B. */
  lostPerPeriod: number;
  /** Mean units on hand, S − λL·(1 − B). */
  averageOnHand: number;
  /** h·on hand + p·lost, money per period. */
  costPerPeriod: number;
}

interface Costs {
  /** Demand rate λ per period (> 0). */
  demandRate: number;
  /** Mean lead time L, periods (≥ 0). */
  leadTime: number;
  /** Holding cost per unit per period (> 0). */
  holdingCost: number;
  /** Cost per unit of lost sales (> 0). */
  lostSaleCost: number;
}

/** The exact performance of base stock S. */
export function lostSalesBaseStock(o: Costs & { baseStock: number }): LostSalesBaseStock {
  const lambda = maybeMean('demandRate', o.demandRate);
  const a = lambda * maybeNonNegative('leadTime', o.leadTime);
  const h = maybePositiveCost('holdingCost', o.holdingCost);
  const p = maybePositiveCost('lostSaleCost', o.lostSaleCost);
  const S = maybeInteger('baseStock', o.baseStock, 0);
  const B = erlangLoss(S, a);
  const onHand = S - a * (1 - B);
  return { baseStock: S, fillRate: 1 - B, lostPerPeriod: lambda * B, averageOnHand: onHand, costPerPeriod: h * onHand + p * lambda * B };
}

/** The cost-minimising S (the cost has increasing differences in S: B is decreasing and convex). */
export function optimizeLostSalesBaseStock(o: Costs): LostSalesBaseStock {
  let best = lostSalesBaseStock({ ...o, baseStock: 0 });
  for (let S = 1; S < 1e6; S++) {
    const next = lostSalesBaseStock({ ...o, baseStock: S });
    if (next.costPerPeriod > best.costPerPeriod) break;
    best = next;
  }
  return best;
}
