import { invalidOption, maybeFinite, maybeNonNegative } from '../core/errors';
import { convolve, type DiscreteDistribution, pointMass } from './discrete';
import { criticalZ, normalCdf, normalLoss } from './normal';
import { createOnePeriodCost, type OnePeriodCost } from './one-period';
import { maybeMean, maybePeriods, maybePositiveCost } from './options';

/**
 * Periodic-review order-up-to (base-stock) policies with backorders: every R periods order up to S; the
 * order arrives L periods later. Period sequence as in ss-exact.ts (arrive, review and order, demand,
 * charge h and p on the end-of-period net inventory). After an order at t, the net inventory at the end
 * of period t + L + j − 1 (j = 1..R) is S − D⁽ᴸ⁺ʲ⁾, so the cost per period is
 * (1/R)·Σⱼ [h·E(S − D⁽ᴸ⁺ʲ⁾)⁺ + p·E(D⁽ᴸ⁺ʲ⁾ − S)⁺], minimised where (1/R)·Σⱼ P(D⁽ᴸ⁺ʲ⁾ ≤ S) = p/(p + h).
 * For R = 1 this is the newsvendor on demand over L + 1 periods: S* = μ(L+1) + z·σ√(L+1), z = Φ⁻¹(p/(p+h)).
 */
export interface BaseStockOptions {
  /** Lead time L, whole periods ≥ 0. */
  leadTimePeriods: number;
  /** Review period R, whole periods ≥ 1. Default 1. */
  reviewPeriods?: number;
  /** Holding cost h, money per unit per period (> 0). */
  holdingCost: number;
  /** Backorder cost p, money per unit per period (> 0). */
  backorderCost: number;
  /** Evaluate this order-up-to level instead of the optimum, units. */
  orderUpTo?: number;
}

/** An order-up-to level and its long-run performance. */
export interface BaseStockResult {
  /** S, units. */
  orderUpTo: number;
  /** Expected cost per period (holding + backorder), money. */
  costPerPeriod: number;
  /** Mean end-of-period on hand, units. */
  averageOnHand: number;
  /** Mean end-of-period backorders, units. */
  averageBackorders: number;
  /** P(D⁽ᴸ⁺ᴿ⁾ ≤ S): no backorder at the end of the review cycle. */
  cycleServiceLevel: number;
  /** 1 − [E(D⁽ᴸ⁺ᴿ⁾ − S)⁺ − E(D⁽ᴸ⁾ − S)⁺] / (μR): share of demand met from stock. */
  fillRate: number;
}

function common(options: BaseStockOptions) {
  const lead = maybePeriods('leadTimePeriods', options.leadTimePeriods);
  const review = maybePeriods('reviewPeriods', options.reviewPeriods ?? 1, 1);
  const h = maybePositiveCost('holdingCost', options.holdingCost);
  const p = maybePositiveCost('backorderCost', options.backorderCost);
  return { lead, review, h, p, ratio: p / (p + h) };
}

/** Normal demand N(μ, σ²) per period, independent across periods. S is real-valued. */
export function baseStockNormal(
  options: BaseStockOptions & { meanPerPeriod: number; sdPerPeriod: number },
): BaseStockResult & { z: number } {
  const { lead, review, h, p, ratio } = common(options);
  const mu = maybeMean('meanPerPeriod', options.meanPerPeriod);
  const sd = maybeNonNegative('sdPerPeriod', options.sdPerPeriod, true);
  const mean = (n: number) => mu * n;
  const sdOf = (n: number) => sd * Math.sqrt(n);
  const avgCdf = (y: number) => {
    let acc = 0;
    for (let j = 1; j <= review; j++) acc += normalCdf((y - mean(lead + j)) / sdOf(lead + j));
    return acc / review;
  };
  let bigS: number;
  if (options.orderUpTo !== undefined) bigS = maybeFinite('orderUpTo', options.orderUpTo);
  else if (review === 1) bigS = mean(lead + 1) + criticalZ(h, p) * sdOf(lead + 1);
  else {
    let lo = mean(lead + 1) - 40 * sdOf(lead + review);
    let hi = mean(lead + review) + 40 * sdOf(lead + review);
    for (let i = 0; i < 200 && hi - lo > 1e-12 * Math.max(1, Math.abs(hi)); i++) {
      const mid = 0.5 * (lo + hi);
      if (avgCdf(mid) >= ratio) hi = mid;
      else lo = mid;
    }
    bigS = 0.5 * (lo + hi);
  }
  let onHand = 0;
  let backorders = 0;
  for (let j = 1; j <= review; j++) {
    const z = (bigS - mean(lead + j)) / sdOf(lead + j);
    const short = sdOf(lead + j) * normalLoss(z);
    backorders += short / review;
    onHand += (bigS - mean(lead + j) + short) / review;
  }
  const shortLeadR = sdOf(lead + review) * normalLoss((bigS - mean(lead + review)) / sdOf(lead + review));
  const shortLead = lead === 0 ? Math.max(0, -bigS) : sdOf(lead) * normalLoss((bigS - mean(lead)) / sdOf(lead));
  const zFull = (bigS - mean(lead + 1)) / sdOf(lead + 1);
  return {
    orderUpTo: bigS,
    z: zFull,
    costPerPeriod: h * onHand + p * backorders,
    averageOnHand: onHand,
    averageBackorders: backorders,
    cycleServiceLevel: normalCdf((bigS - mean(lead + review)) / sdOf(lead + review)),
    fillRate: Math.max(0, Math.min(1, 1 - (shortLeadR - shortLead) / (mu * review))),
  };
}

/** Discrete demand per period (e.g. Poisson); S is a whole number of units. */
export function baseStockDiscrete(options: BaseStockOptions & { demand: DiscreteDistribution }): BaseStockResult {
  const { lead, review, h, p, ratio } = common(options);
  const demand = options.demand;
  if (!demand || !(demand.mean > 0)) invalidOption('demand mean', demand?.mean, 'a mean demand > 0');
  // Demand over L + j periods for j = 0..R (j = 0 is D⁽ᴸ⁾, needed for the fill rate).
  let acc = pointMass(0);
  for (let i = 0; i < lead; i++) acc = convolve(acc, demand);
  const overLead = createOnePeriodCost(acc, h, p);
  const costs: OnePeriodCost[] = [];
  for (let j = 1; j <= review; j++) {
    acc = convolve(acc, demand);
    costs.push(createOnePeriodCost(acc, h, p));
  }
  let bigS: number;
  if (options.orderUpTo !== undefined) {
    bigS = maybeFinite('orderUpTo', options.orderUpTo);
    if (!Number.isInteger(bigS)) invalidOption('orderUpTo', bigS, 'a whole number of units for discrete demand');
  } else {
    bigS = costs[0].minimizer;
    const avgCdf = (y: number) => costs.reduce((a, c) => a + c.cdf(y), 0) / review;
    while (bigS > 0 && avgCdf(bigS - 1) >= ratio * (1 - 1e-12)) bigS--;
    while (avgCdf(bigS) < ratio * (1 - 1e-12)) bigS++;
  }
  let onHand = 0;
  let backorders = 0;
  for (const c of costs) {
    onHand += c.leftover(bigS) / review;
    backorders += c.shortage(bigS) / review;
  }
  const last = costs[costs.length - 1];
  return {
    orderUpTo: bigS,
    costPerPeriod: h * onHand + p * backorders,
    averageOnHand: onHand,
    averageBackorders: backorders,
    cycleServiceLevel: last.cdf(bigS),
    fillRate: Math.max(0, Math.min(1, 1 - (last.shortage(bigS) - overLead.shortage(bigS)) / (demand.mean * review))),
  };
}
