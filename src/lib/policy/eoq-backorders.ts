import { invalidOption, maybeFinite, maybeNonNegative } from '../core/errors';
import { maybeMean, maybePositiveCost } from './options';

/**
 * EOQ with planned backorders at any order quantity Q and any backorder fraction x (Snyder & Shen 2019, §3.5;
 * Hadley & Whitin 1963): each cycle of length Q/λ starts with (1 − x)·Q on hand and ends with x·Q backordered, so
 *   g(Q, x) = K·λ/Q + h·(1 − x)²·Q/2 + p·x²·Q/2   (money per period),
 * minimised at x* = h/(h + p), Q* = √(2Kλ(h + p)/(hp)), g* = √(2Kλ·hp/(h + p)) (eoq.ts gives the optimum).
 */
export interface EoqBackorderCost {
  /** Ordering cost Kλ/Q. */
  orderingCost: number;
  /** Holding cost h(1 − x)²Q/2. */
  holdingCost: number;
  /** Backorder cost p·x²·Q/2. */
  backorderCost: number;
  /** The sum, money per period. */
  costPerPeriod: number;
  /** Largest backorder x·Q, units. */
  maxBackorder: number;
}

/** The cost of ordering Q with backorder fraction x; throws `invalid <name>: <value>` on a bad option. */
export function eoqBackorderCost(o: { demandPerPeriod: number; orderCost: number; holdingCost: number; backorderCost: number; orderQuantity: number; backorderFraction: number }): EoqBackorderCost {
  const lambda = maybeMean('demandPerPeriod', o.demandPerPeriod);
  const K = maybePositiveCost('orderCost', o.orderCost);
  const h = maybePositiveCost('holdingCost', o.holdingCost);
  const p = maybePositiveCost('backorderCost', o.backorderCost);
  const Q = maybeNonNegative('orderQuantity', o.orderQuantity, true);
  const x = maybeFinite('backorderFraction', o.backorderFraction);
  if (!(x >= 0 && x <= 1)) invalidOption('backorderFraction', x, 'a number in [0, 1]');
  const orderingCost = (K * lambda) / Q;
  const holdingCost = (h * (1 - x) ** 2 * Q) / 2;
  const backorderCost = (p * x * x * Q) / 2;
  return { orderingCost, holdingCost, backorderCost, costPerPeriod: orderingCost + holdingCost + backorderCost, maxBackorder: x * Q };
}
