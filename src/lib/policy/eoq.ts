import { invalidOption, maybeInteger, maybeNonNegative } from '../core/errors';
import { maybeMean, maybePositiveCost } from './options';

/**
 * Economic order quantity (Harris 1913) and its planned-backorder variant. Time is any unit ("period")
 * used consistently: a year, a week, a day. Demand is deterministic and constant, lead time does not
 * change the quantity, and costs are per period.
 */
export interface EoqOptions {
  /** Demand rate, units per period (> 0). */
  demandPerPeriod: number;
  /** Fixed cost per order placed, money (> 0). */
  orderCost: number;
  /** Holding cost, money per unit per period (> 0). */
  holdingCost: number;
  /** Backorder cost, money per unit per period short (> 0). Omit for the classic EOQ without shortages. */
  backorderCost?: number;
}

/** The optimal lot size and what it costs. */
export interface EoqResult {
  /** Q*, units per order. */
  orderQuantity: number;
  /** Largest backorder just before an order arrives, units (0 without planned backorders). */
  maxBackorder: number;
  /** Fraction of each cycle spent out of stock, h / (h + p) (0 without backorders). */
  stockoutFraction: number;
  /** Q* / demand, periods between orders. */
  cycleLength: number;
  /** Orders per period, demand / Q*. */
  ordersPerPeriod: number;
  /** Ordering plus holding (plus backorder) cost per period at Q*, money per period. */
  costPerPeriod: number;
}

interface EoqInputs {
  demand: number;
  order: number;
  holding: number;
  backorder: number | undefined;
}

function normalize(options: EoqOptions): EoqInputs {
  return {
    demand: maybeMean('demandPerPeriod', options.demandPerPeriod),
    order: maybePositiveCost('orderCost', options.orderCost),
    holding: maybePositiveCost('holdingCost', options.holdingCost),
    backorder: options.backorderCost === undefined ? undefined : maybePositiveCost('backorderCost', options.backorderCost),
  };
}

/** Holding-cost share h·p/(h+p) with planned backorders, h without. */
function effectiveHolding(x: EoqInputs): number {
  return x.backorder === undefined ? x.holding : (x.holding * x.backorder) / (x.holding + x.backorder);
}

/**
 * Q* = √(2Kλ/h); with backorders Q* = √(2Kλ(h+p)/(hp)), max backorder Q*·h/(h+p), and the cost per period
 * √(2Kλh) or √(2Kλ·hp/(h+p)).
 */
export function eoq(options: EoqOptions): EoqResult {
  const x = normalize(options);
  const hEff = effectiveHolding(x);
  const q = Math.sqrt((2 * x.order * x.demand) / hEff);
  const fraction = x.backorder === undefined ? 0 : x.holding / (x.holding + x.backorder);
  return {
    orderQuantity: q,
    maxBackorder: q * fraction,
    stockoutFraction: fraction,
    cycleLength: q / x.demand,
    ordersPerPeriod: x.demand / q,
    costPerPeriod: Math.sqrt(2 * x.order * x.demand * hEff),
  };
}

/** Cost per period of ordering `orderQuantity` each time (with the best backorder level for that Q). */
export function eoqCost(options: EoqOptions & { orderQuantity: number }): number {
  const x = normalize(options);
  const q = maybeNonNegative('orderQuantity', options.orderQuantity, true);
  return (x.order * x.demand) / q + (effectiveHolding(x) * q) / 2;
}

/** Points of the EOQ cost curve, for a chart: one entry per quantity, money per period. */
export interface EoqCostCurve {
  /** Order quantities, units, increasing. */
  quantity: Float64Array;
  /** Ordering cost Kλ/Q. */
  orderingCost: Float64Array;
  /** Holding (and backorder) cost h_eff·Q/2. */
  holdingCost: Float64Array;
  /** Sum of the two. */
  totalCost: Float64Array;
  /** Q*, for a marker. */
  optimalQuantity: number;
}

/**
 * Samples the cost curve at `points` quantities evenly spaced from `minQuantity` (default Q* ÷ 4) to
 * `maxQuantity` (default 3·Q*).
 */
export function eoqCostCurve(options: EoqOptions & { points?: number; minQuantity?: number; maxQuantity?: number }): EoqCostCurve {
  const x = normalize(options);
  const best = eoq(options).orderQuantity;
  const n = maybeInteger('points', options.points ?? 101, 2, 100_000);
  const lo = options.minQuantity === undefined ? best / 4 : maybeNonNegative('minQuantity', options.minQuantity, true);
  const hi = options.maxQuantity === undefined ? best * 3 : maybeNonNegative('maxQuantity', options.maxQuantity, true);
  if (!(hi > lo)) invalidOption('maxQuantity', hi, `a number > minQuantity (${lo})`);
  const hEff = effectiveHolding(x);
  const curve: EoqCostCurve = {
    quantity: new Float64Array(n),
    orderingCost: new Float64Array(n),
    holdingCost: new Float64Array(n),
    totalCost: new Float64Array(n),
    optimalQuantity: best,
  };
  for (let i = 0; i < n; i++) {
    const q = lo + ((hi - lo) * i) / (n - 1);
    curve.quantity[i] = q;
    curve.orderingCost[i] = (x.order * x.demand) / q;
    curve.holdingCost[i] = (hEff * q) / 2;
    curve.totalCost[i] = curve.orderingCost[i] + curve.holdingCost[i];
  }
  return curve;
}
