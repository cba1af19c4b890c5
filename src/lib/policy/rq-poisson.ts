import { maybeNonNegative } from '../core/errors';
import { maybeCost, maybeMean, maybePositiveCost } from './options';
import { expectedLeftover, expectedShortage, pointMass, poissonDistribution, type DiscreteDistribution } from './discrete';

/**
 * Exact continuous-review (r, Q) with Poisson demand (Zipkin 2000, §6.4; Snyder & Shen 2019, §5.5; Federgruen &
 * Zheng 1992): with unit Poisson demand at rate λ and lead time L, the inventory position is uniform on
 * r + 1 … r + Q, and the long-run cost per period is
 *   g(r, Q) = [K·λ + Σ_{y=r+1}^{r+Q} G(y)] / Q,   G(y) = h·E[(y − D)⁺] + p·E[(D − y)⁺],  D ~ Poisson(λL),
 * exact, with no normal approximation. G is convex, so for each Q the best r puts the Q smallest G values in the
 * window (it slides one step at a time), and g is convex in Q along those windows (Federgruen & Zheng 1992): the
 * search stops at the first Q whose best cost rises.
 */
export interface RqPoissonOptions {
  /** Demand rate λ, units per period (> 0). */
  demandRate: number;
  /** Lead time L, periods (≥ 0; may be fractional). */
  leadTime: number;
  /** Fixed cost per order K (≥ 0). */
  orderCost: number;
  /** Holding cost h per unit per period (> 0). */
  holdingCost: number;
  /** Backorder cost p per unit per period (> 0). */
  backorderCost: number;
}

/** An (r, Q) and its exact cost. */
export interface RqPoissonResult {
  /** Reorder point r (order when the position falls to r), units. */
  reorderPoint: number;
  /** Order quantity Q, units. */
  orderQuantity: number;
  /** g(r, Q), money per period. */
  costPerPeriod: number;
}

interface Model {
  d: DiscreteDistribution;
  K: number;
  h: number;
  p: number;
  lambda: number;
}

function model(o: RqPoissonOptions): Model {
  const lambda = maybeMean('demandRate', o.demandRate);
  const L = maybeNonNegative('leadTime', o.leadTime);
  return { d: L > 0 ? poissonDistribution(lambda * L) : pointMass(0), K: maybeCost('orderCost', o.orderCost), h: maybePositiveCost('holdingCost', o.holdingCost), p: maybePositiveCost('backorderCost', o.backorderCost), lambda };
}

const G = (m: Model, y: number) => m.h * expectedLeftover(m.d, y) + m.p * expectedShortage(m.d, y);

/** The exact cost of a given (r, Q) (Q a whole number ≥ 1). */
export function rqPoissonCost(o: RqPoissonOptions & { reorderPoint: number; orderQuantity: number }): RqPoissonResult {
  const m = model(o);
  const r = Math.round(o.reorderPoint);
  const Q = Math.max(1, Math.round(o.orderQuantity));
  let sum = 0;
  for (let y = r + 1; y <= r + Q; y++) sum += G(m, y);
  return { reorderPoint: r, orderQuantity: Q, costPerPeriod: (m.K * m.lambda + sum) / Q };
}

/** The exact optimum (r*, Q*). */
export function rqPoissonOptimize(o: RqPoissonOptions): RqPoissonResult {
  const m = model(o);
  // Q = 1: the window is the single minimiser of G (G convex: walk down from the mean).
  let y = Math.max(0, Math.round(m.d.mean));
  while (G(m, y - 1) <= G(m, y) && y > -1e6) y--;
  while (G(m, y + 1) < G(m, y)) y++;
  let lo = y;
  let hi = y;
  let sum = G(m, y);
  let best: RqPoissonResult = { reorderPoint: lo - 1, orderQuantity: 1, costPerPeriod: m.K * m.lambda + sum };
  for (let Q = 2; Q < 1e6; Q++) {
    // Grow the window on the side with the smaller next G.
    const left = G(m, lo - 1);
    const right = G(m, hi + 1);
    if (left <= right) {
      lo--;
      sum += left;
    } else {
      hi++;
      sum += right;
    }
    const cost = (m.K * m.lambda + sum) / Q;
    if (cost > best.costPerPeriod) break;
    best = { reorderPoint: lo - 1, orderQuantity: Q, costPerPeriod: cost };
  }
  return best;
}
