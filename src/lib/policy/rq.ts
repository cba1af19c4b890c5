import { goldenSection } from '../core/optimize';
import { maybeFinite, maybeNonNegative } from '../core/errors';
import { eoq } from './eoq';
import { criticalZ, normalCdf, normalLoss, normalLoss2 } from './normal';
import { maybeMean, maybePositiveCost } from './options';
import { type ServiceTarget, safetyStock } from './safety-stock';

/**
 * Continuous-review (r,Q) with normal lead-time demand and backorders: when the inventory position falls
 * to r, order Q; it arrives L later. Demand per period N(λ, σ²), so lead-time demand is N(λL, σ²L).
 * The inventory position is uniform on (r, r + Q], giving the exact long-run cost per period
 * C(r,Q) = [Kλ + ∫_r^{r+Q} g(y) dy] / Q with g(y) = h·E(y − D_L)⁺ + p·E(D_L − y)⁺
 * (Zipkin, Foundations of Inventory Management, §6.4; Snyder & Shen eq. 5.7).
 */
export interface RqOptions {
  /** Mean demand λ, units per period (> 0). */
  demandPerPeriod: number;
  /** Standard deviation of demand per period σ, units (> 0). */
  sdPerPeriod: number;
  /** Lead time L, periods (> 0; may be fractional, e.g. 1/12 of a year). */
  leadTimePeriods: number;
  /** Fixed cost per order K, money (> 0). */
  orderCost: number;
  /** Holding cost h, money per unit per period (> 0). */
  holdingCost: number;
  /** Backorder cost p, money per unit per period (> 0). */
  backorderCost: number;
}

/** An (r,Q) policy and its long-run performance. */
export interface RqResult {
  /** Reorder point r, units. */
  reorderPoint: number;
  /** Order quantity Q, units. */
  orderQuantity: number;
  /** Long-run cost per period, money. */
  costPerPeriod: number;
  /** Kλ/Q. */
  orderCostPerPeriod: number;
  /** h × average on hand. */
  holdingCostPerPeriod: number;
  /** p × average backorders. */
  backorderCostPerPeriod: number;
  /** Average backorders, units. */
  averageBackorders: number;
  /** Φ(z_r): no stockout in a replenishment cycle. */
  cycleServiceLevel: number;
  /** 1 − σ_L[L(z_r) − L(z_{r+Q})] / Q. */
  fillRate: number;
}

function normalize(options: RqOptions) {
  const lambda = maybeMean('demandPerPeriod', options.demandPerPeriod);
  const sd = maybeNonNegative('sdPerPeriod', options.sdPerPeriod, true);
  const lead = maybeNonNegative('leadTimePeriods', options.leadTimePeriods, true);
  return {
    lambda,
    k: maybePositiveCost('orderCost', options.orderCost),
    h: maybePositiveCost('holdingCost', options.holdingCost),
    p: maybePositiveCost('backorderCost', options.backorderCost),
    mu: lambda * lead,
    sigma: sd * Math.sqrt(lead),
  };
}

type Inputs = ReturnType<typeof normalize>;

function g(x: Inputs, y: number): number {
  return x.h * (y - x.mu) + (x.h + x.p) * x.sigma * normalLoss((y - x.mu) / x.sigma);
}

function evaluate(x: Inputs, r: number, q: number): RqResult {
  const zr = (r - x.mu) / x.sigma;
  const zq = (r + q - x.mu) / x.sigma;
  // ∫_r^{r+Q} σL((y − μ)/σ) dy = σ²[L²(z_r) − L²(z_{r+Q})], because d/dz L²(z) = −L(z).
  const backorders = (x.sigma * x.sigma * (normalLoss2(zr) - normalLoss2(zq))) / q;
  const onHand = r + q / 2 - x.mu + backorders;
  const orderCost = (x.k * x.lambda) / q;
  return {
    reorderPoint: r,
    orderQuantity: q,
    costPerPeriod: orderCost + x.h * onHand + x.p * backorders,
    orderCostPerPeriod: orderCost,
    holdingCostPerPeriod: x.h * onHand,
    backorderCostPerPeriod: x.p * backorders,
    averageBackorders: backorders,
    cycleServiceLevel: normalCdf(zr),
    fillRate: Math.max(0, 1 - (x.sigma * (normalLoss(zr) - normalLoss(zq))) / q),
  };
}

/** Exact long-run cost of a given (r,Q). */
export function rqCost(options: RqOptions & { reorderPoint: number; orderQuantity: number }): RqResult {
  const x = normalize(options);
  return evaluate(x, maybeFinite('reorderPoint', options.reorderPoint), maybeNonNegative('orderQuantity', options.orderQuantity, true));
}

/** For a given Q, the r with g(r) = g(r + Q) (the cost-optimal r; g is convex). */
function bestReorderPoint(x: Inputs, q: number): number {
  const peak = x.mu + x.sigma * criticalZ(x.h, x.p);
  let lo = peak - q;
  let hi = peak;
  for (let i = 0; i < 200 && hi - lo > 1e-13 * Math.max(1, Math.abs(peak), q); i++) {
    const mid = 0.5 * (lo + hi);
    if (g(x, mid + q) - g(x, mid) >= 0) hi = mid;
    else lo = mid;
  }
  return 0.5 * (lo + hi);
}

/**
 * The exact optimal (r,Q): r(Q) from g(r) = g(r + Q), then golden-section search on Q of C(r(Q), Q), which
 * is unimodal in Q because C(r,Q) is jointly convex for normal demand (Zipkin, Foundations of Inventory
 * Management, ch. 6).
 */
export function rqOptimize(options: RqOptions): RqResult {
  const x = normalize(options);
  const cost = (q: number) => evaluate(x, bestReorderPoint(x, q), q).costPerPeriod;
  const start = eoq({ demandPerPeriod: x.lambda, orderCost: x.k, holdingCost: x.h, backorderCost: x.p }).orderQuantity;
  const b = 4 * start + 20 * x.sigma;
  const q = goldenSection(cost, start * 1e-3, b, { tolerance: 1e-10 * b }).x;
  return evaluate(x, bestReorderPoint(x, q), q);
}

/**
 * Service-driven (r,Q): Q from the EOQ (or `orderQuantity`), r = μ_L + z·σ_L for the target. For a
 * fill-rate target the demand per cycle is Q.
 */
export function rqForService(
  options: RqOptions & { target: { kind: 'cycle' | 'fill-rate'; level: number }; orderQuantity?: number },
): RqResult {
  const x = normalize(options);
  const q =
    options.orderQuantity === undefined
      ? eoq({ demandPerPeriod: x.lambda, orderCost: x.k, holdingCost: x.h }).orderQuantity
      : maybeNonNegative('orderQuantity', options.orderQuantity, true);
  const target: ServiceTarget =
    options.target?.kind === 'fill-rate'
      ? { kind: 'fill-rate', level: options.target.level, demandPerCycle: q }
      : { kind: 'cycle', level: options.target?.level };
  const ss = safetyStock({
    target,
    demand: { kind: 'moments', mean: x.lambda, sd: options.sdPerPeriod },
    protectionPeriods: options.leadTimePeriods,
  });
  return evaluate(x, ss.level, q);
}
