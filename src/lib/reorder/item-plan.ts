import type { InventoryItem } from '../dataset/types';
import { eoq } from '../policy/eoq';
import { normalQuantile } from '../policy/normal';
import { cumulativeFillRateStock, cumulativeQuantile, cumulativeSigma, fillRateFactor } from './protection';
import { createCurve, curveAt, curveBetween, curveInverse, reserveCurve, type Curve } from './curve';
import { quantilePlan, type ItemForecast } from './forecast-input';
import type { OpenOrderIndex } from './open-orders';
import { FLAG, STATUS, type NormalizedReorderOptions, type ReorderResult } from './types';

/**
 * The plan of one item, in two passes so that each reads the forecast mean once. Time runs in days from the
 * as-of day; the forecast's time is x = x0 + days / periodDays periods, x0 = (asOf − firstDay) / periodDays, so
 * lead times that are not whole periods take the matching fraction of a period (curve.ts).
 *
 * Pass 1, `measureItem` (needs no service level; the engine runs it and pass 2 row by row once the ABC classes are
 * known from the annual values):
 * 1. the mean curve, its total (the annual value for ABC), μ_L and μ_P over the lead time L and the protection
 *    interval P = L + R;
 * 2. cover: days until the forecast mean consumes the position; stockout: days until it consumes on hand plus
 *    arrivals (snapshot on-order and open orders, each at its day).
 * Pass 2, `planItem` (after ABC, which sets the default service level):
 * 3. σ_h per period over the protection interval: backtest `errorSigma` when given; else read off the quantiles
 *    at the service level (forecast-input.ts `quantilePlan`); else Poisson √μ_h. σ_P² = (1 − ρ)·Σ w·σ_h²
 *    + ρ·(Σ w·σ_h)² + (μ_L/L)²·σ_L² — with ρ = 0 and a constant σ this is policy/safety-stock.ts's P·σ_d² + μ_d²·σ_L²;
 * 4. safety stock z·σ_P, reorder point s = μ_P + z·σ_P, order-up-to S = s (or s + EOQ); when the forecast carries
 *    the backtest's errors of cumulative demand, the safety stock comes from those instead (protection.ts), and for a
 *    fill-rate target the factor solves σ_P·G(k) = (1 − β)·Q;
 * 5. status, then the order: S − position rounded up to the MOQ and to whole packs.
 */

/** Scratch space shared by every item of a run: no allocation per item once grown. */
export interface PlanContext {
  /** Options as normalized. */
  opts: NormalizedReorderOptions;
  /** Open orders by row. */
  orders: OpenOrderIndex;
  /** Forecast mean per period. */
  mean: Curve;
  /** σ_h per period. */
  sig: Curve;
  /** σ_h² per period. */
  sig2: Curve;
  /** Arrival times (days from as-of) of the current item, sorted. */
  evTime: Float64Array;
  /** Arrival quantities, aligned with `evTime`. */
  evQty: Float64Array;
  /** z = Φ⁻¹(α) by α. */
  zOf: Map<number, number>;
  /** Per row, from pass 1: forecast demand over the overstock limit. */
  limitDemand: Float64Array;
  /** Per row, from pass 1: forecast demand over the window of the error CV. */
  cvDemand: Float64Array;
}

/**
 * A fresh context for a run of `rows` items whose longest forecast has `maxHorizon` periods. The scratch space is
 * sized up front: growing it in the middle of a run would take a branch the optimized code has never seen, and
 * V8 would drop back to unoptimized code for the rest of that run (a deopt per run).
 */
export function createPlanContext(opts: NormalizedReorderOptions, orders: OpenOrderIndex, rows: number, maxHorizon: number): PlanContext {
  let maxOrders = 0;
  for (let i = 0; i < rows; i++) maxOrders = Math.max(maxOrders, orders.start[i + 1] - orders.start[i]);
  return {
    opts,
    orders,
    mean: createCurve(maxHorizon),
    sig: createCurve(maxHorizon),
    sig2: createCurve(maxHorizon),
    evTime: new Float64Array(maxOrders + 1),
    evQty: new Float64Array(maxOrders + 1),
    zOf: new Map(),
    limitDemand: new Float64Array(rows),
    cvDemand: new Float64Array(rows),
  };
}

/** Rounds a quantity up to at least `moq` and then to whole packs (a relative 1e-9 absorbs float noise). */
export function roundOrderQuantity(quantity: number, moq: number, packSize: number): number {
  const q = Math.max(quantity, moq);
  const packs = Math.ceil(q / packSize - 1e-9 * Math.max(1, q / packSize));
  return Math.max(1, packs) * packSize;
}

/**
 * Pass 1 of row `i` (status HEALTHY on entry: the data is usable): the mean curve and everything that follows from
 * it alone. Sets INVALID_INPUT when the mean holds a value that is not finite.
 */
export function measureItem(ctx: PlanContext, r: ReorderResult, i: number, fc: ItemForecast): void {
  const c = r.columns;
  const o = ctx.opts;
  const pd = fc.periodDays;
  const n = fc.mean.length;
  const asOf = Number.isNaN(o.asOfDay) ? fc.firstDay : o.asOfDay;
  r.asOfDay[i] = asOf;
  r.periodDays[i] = pd;
  let flags = r.flags[i];
  if (fc.historyPeriods !== undefined && fc.historyPeriods < o.shortHistoryPeriods) flags |= FLAG['short-history'];

  // The mean curve (negative means clipped at 0), extended beyond the horizon at the horizon's average rate.
  const mean = ctx.mean;
  const cum = reserveCurve(mean, n);
  const m = fc.mean;
  let total = 0;
  let bad = -1;
  cum[0] = 0;
  for (let h = 0; h < n; h++) {
    const v = m[h];
    if (v > 0) total += v;
    else if (v < 0) {
      flags |= FLAG['negative-forecast-clipped'];
      if (v === -Infinity && bad < 0) bad = h;
    } else if (v !== 0 && bad < 0) bad = h;
    cum[h + 1] = total;
  }
  if (bad < 0 && !(total < Infinity)) for (let h = 0; h < n && bad < 0; h++) if (!Number.isFinite(m[h])) bad = h;
  if (bad >= 0) {
    r.status[i] = STATUS.INVALID_INPUT;
    r.reasons[i] = `the forecast mean is ${m[bad]} in period ${bad + 1}: expected finite numbers`;
    r.flags[i] = flags;
    return;
  }
  mean.n = n;
  mean.after = total / n;
  if (total === 0) flags |= FLAG['zero-forecast'];
  const unitCost = c.unitCost[i];
  c.annualValue[i] = Number.isFinite(unitCost) ? (total / (n * pd)) * 365 * unitCost : 0;

  // Windows in forecast periods: as-of x0, end of the lead time xl, of the protection interval xp, of the CV xcv.
  const L = c.leadTimeDays[i];
  const x0 = (asOf - fc.firstDay) / pd;
  const xl = x0 + L / pd;
  const xp = x0 + (L + o.reviewDays) / pd;
  const xcv = xp > x0 + 1 ? xp : x0 + 1;
  if (x0 < 0) flags |= FLAG['forecast-starts-later'];
  if (xp > n) flags |= FLAG['horizon-extended'];
  const c0 = curveAt(mean, x0);
  c.protectionDays[i] = L + o.reviewDays;
  c.demandLead[i] = curveAt(mean, xl) - c0;
  c.demandProtection[i] = curveAt(mean, xp) - c0;
  ctx.cvDemand[i] = curveAt(mean, xcv) - c0;
  ctx.limitDemand[i] = curveAt(mean, x0 + o.overstockDays / pd) - c0;

  const pos = c.position[i];
  const net = c.onHand[i] - c.backorders[i];
  c.coverDays[i] = coverDays(mean, x0, c0, pos, pd);
  c.onHandCoverDays[i] = coverDays(mean, x0, c0, net, pd);
  if (curveInverse(mean, c0 + pos) > n) flags |= FLAG['cover-beyond-horizon'];
  c.daysToStockout[i] = daysToStockout(ctx, i, asOf, L, net, c.onOrder[i], mean, x0, c0, pd);
  r.flags[i] = flags;
}

/**
 * The item's own service level as `planItem` reads it: NaN when the snapshot defaulted it (the class level applies).
 */
export function ownServiceLevel(item: InventoryItem): number {
  return item.defaulted && item.defaulted.includes('serviceLevel') ? NaN : item.serviceLevel;
}

/**
 * Pass 2 of row `i` (after `measureItem` left it HEALTHY and ABC is known): safety stock, status and order. `own` is
 * the item's service level (`ownServiceLevel`; NaN: use the class level).
 */
export function planItem(ctx: PlanContext, r: ReorderResult, i: number, own: number, fc: ItemForecast): void {
  const c = r.columns;
  const o = ctx.opts;
  const n = fc.mean.length;
  let flags = r.flags[i];

  // Service level: the item's own unless defaulted, else its ABC class's.
  const cls = r.abc[i];
  const byClass = o.serviceLevelByClass;
  let alpha = cls === 0 ? byClass.A : cls === 1 ? byClass.B : byClass.C;
  if (o.serviceLevelSource === 'item' && own > 0 && own < 1) alpha = own;
  else flags |= FLAG['service-level-from-class'];
  let z = ctx.zOf.get(alpha) ?? NaN;
  if (Number.isNaN(z)) {
    z = normalQuantile(alpha);
    ctx.zOf.set(alpha, z);
  }

  // 3. σ per period, only over the periods the protection interval touches (at least one, for the CV).
  const L = c.leadTimeDays[i];
  const pd = fc.periodDays;
  const x0 = (r.asOfDay[i] - fc.firstDay) / pd;
  const xl = x0 + L / pd;
  const xp = x0 + (L + o.reviewDays) / pd;
  const xcv = xp > x0 + 1 ? xp : x0 + 1;
  const span = Math.min(n, Math.max(1, Math.ceil(xcv)));
  const sig = ctx.sig;
  const sig2 = ctx.sig2;
  const c1 = reserveCurve(sig, span);
  const c2 = reserveCurve(sig2, span);
  const m = fc.mean;
  const es = fc.errorSigma;
  const plan = es === undefined && fc.quantileLevels.length > 0 ? quantilePlan(fc.quantileLevels, alpha) : undefined;
  let s1 = 0;
  let s2 = 0;
  let sh = 0;
  let bad = -1;
  c1[0] = 0;
  c2[0] = 0;
  if (es !== undefined) {
    flags |= FLAG['sigma-from-backtest'];
    const last = es.length - 1;
    for (let h = 0; h < span; h++) {
      sh = es[h < last ? h : last];
      if (!(sh >= 0 && sh < Infinity) && bad < 0) bad = h;
      c1[h + 1] = s1 += sh;
      c2[h + 1] = s2 += sh * sh;
    }
  } else if (plan !== undefined && plan.lo >= 0) {
    flags |= FLAG['sigma-from-quantiles'];
    const qLo = fc.quantiles[plan.lo];
    const qHi = fc.quantiles[plan.hi];
    const qMid = plan.centre >= 0 ? fc.quantiles[plan.centre] : m;
    const w = plan.w;
    const invZ = 1 / plan.z;
    for (let h = 0; h < span; h++) {
      sh = ((1 - w) * qLo[h] + w * qHi[h] - qMid[h]) * invZ;
      if (sh < 0) sh = 0;
      else if (!(sh < Infinity) && bad < 0) bad = h;
      c1[h + 1] = s1 += sh;
      c2[h + 1] = s2 += sh * sh;
    }
  } else {
    flags |= FLAG['sigma-poisson'];
    for (let h = 0; h < span; h++) {
      const v = m[h] > 0 ? m[h] : 0;
      sh = Math.sqrt(v);
      c1[h + 1] = s1 += sh;
      c2[h + 1] = s2 += v;
    }
  }
  if (bad >= 0) {
    r.status[i] = STATUS.INVALID_INPUT;
    r.reasons[i] = `the forecast error σ is not a finite number ≥ 0 in period ${bad + 1}`;
    r.flags[i] = flags;
    return;
  }
  sig.n = span;
  sig.after = sh;
  sig2.n = span;
  sig2.after = sh * sh;
  const cvMean = ctx.cvDemand[i];
  const cv = cvMean > 0 ? curveBetween(sig, x0, xcv) / cvMean : NaN;
  c.errorCv[i] = cv;
  const xyz = o.xyzThresholds;
  r.xyz[i] = cv <= xyz[0] ? 0 : cv <= xyz[1] ? 1 : 2;

  // 4. Safety stock, reorder point, order-up-to.
  const muL = c.demandLead[i];
  const muP = c.demandProtection[i];
  const rho = o.errorCorrelation;
  const corr = curveBetween(sig, x0, xp);
  const variance = (1 - rho) * curveBetween(sig2, x0, xp) + rho * corr * corr;
  let ltVariance = 0;
  const sdL = c.leadTimeStdDays[i] / pd;
  if (sdL > 0) {
    flags |= FLAG['lead-time-variability'];
    // Mean demand per period over the lead time (the first period's when L = 0).
    const rate = xl > x0 ? muL / (xl - x0) : (m[0] > 0 ? m[0] : 0);
    ltVariance = rate * rate * sdL * sdL;
  }
  const unitCost = c.unitCost[i];
  const lot = o.lotSizing;
  const annual = c.annualValue[i];
  let q = NaN;
  if (lot.kind === 'eoq' && annual > 0 && unitCost > 0) {
    q = eoq({ demandPerPeriod: annual / unitCost, orderCost: lot.orderCost, holdingCost: lot.holdingRatePerYear * unitCost }).orderQuantity;
  }
  // Demand per replenishment cycle, for fill rate: the lot when one is sized, else one review period's demand.
  const fillRate = o.serviceMeasure === 'fill-rate';
  const xr = x0 + Math.max(o.reviewDays, pd) / pd;
  const cycleDemand = q > 0 ? q : curveAt(ctx.mean, xr) - curveAt(ctx.mean, x0);
  if (fillRate) flags |= FLAG['fill-rate-target'];
  const ce = fc.cumulativeErrors;
  let sigmaP: number;
  let ss: number;
  if (ce !== undefined) {
    // The spread of demand over the whole interval, measured on the backtest's windows (protection.ts).
    flags = (flags & ~(FLAG['sigma-from-quantiles'] | FLAG['sigma-poisson'])) | FLAG['sigma-from-backtest'] | FLAG['cumulative-errors'];
    const periods = xp - x0;
    sigmaP = Math.sqrt(cumulativeSigma(ce, periods) ** 2 + ltVariance);
    if (o.cumulativeRule === 'rms') {
      z = fillRate ? fillRateFactor(alpha, sigmaP, cycleDemand) : z;
      ss = z * sigmaP;
    } else {
      const demandSs = fillRate ? cumulativeFillRateStock(ce, periods, alpha, cycleDemand) : cumulativeQuantile(ce, periods, alpha);
      const ltSs = (fillRate ? fillRateFactor(alpha, Math.sqrt(ltVariance), cycleDemand) : z) * Math.sqrt(ltVariance);
      ss = ltVariance > 0 && demandSs > 0 && ltSs > 0 ? Math.hypot(demandSs, ltSs) : demandSs + (ltVariance > 0 ? ltSs : 0);
      z = sigmaP > 0 ? ss / sigmaP : 0;
    }
  } else {
    sigmaP = Math.sqrt(variance + ltVariance);
    if (fillRate) z = fillRateFactor(alpha, sigmaP, cycleDemand);
    ss = z * sigmaP;
  }
  const s = muP + ss;
  let S = s;
  if (q > 0) {
    c.eoq[i] = q;
    S = s + q;
    flags |= FLAG['eoq-applied'];
  }
  c.serviceLevel[i] = alpha;
  c.z[i] = z;
  c.sigmaProtection[i] = sigmaP;
  c.safetyStock[i] = ss;
  c.reorderPoint[i] = s;
  c.orderUpTo[i] = S;

  // 5. Status and order.
  const pos = c.position[i];
  let status: number;
  if (c.daysToStockout[i] < L) status = STATUS.CRITICAL;
  else if (pos <= s && (s > 0 || pos < 0)) status = STATUS.REORDER;
  else if (c.coverDays[i] > o.overstockDays) status = STATUS.OVERSTOCK;
  else status = STATUS.HEALTHY;
  let qty = 0;
  if (status === STATUS.REORDER || status === STATUS.CRITICAL) {
    const raw = S - pos;
    c.rawQuantity[i] = raw;
    if (raw >= 0) {
      const moq = c.moq[i];
      const pack = c.packSize[i];
      qty = roundOrderQuantity(raw, moq, pack);
      if (moq > raw) flags |= FLAG['moq-applied'];
      if (qty > Math.max(raw, moq) + 1e-9 * qty) flags |= FLAG['pack-rounded'];
    } else {
      flags |= FLAG.expedite;
    }
  }
  c.orderQuantity[i] = qty;
  c.orderValue[i] = qty > 0 ? qty * unitCost : 0;
  const excess = status === STATUS.OVERSTOCK ? pos - ctx.limitDemand[i] : 0;
  c.excessUnits[i] = excess;
  c.excessValue[i] = excess === 0 ? 0 : excess * unitCost;
  r.status[i] = status;
  r.flags[i] = flags;
}

/** Days until the forecast mean consumes `stock` (0 when stock ≤ 0, Infinity when demand stops short of it). */
function coverDays(mean: Curve, x0: number, c0: number, stock: number, pd: number): number {
  if (!(stock > 0)) return 0;
  const x = curveInverse(mean, c0 + stock);
  return x === Infinity ? Infinity : (x - x0) * pd;
}

/**
 * Walks the forecast mean forward from on hand − backorders, adding each arrival at its day, and returns the
 * first moment demand exceeds supply, in days from as-of (Infinity when it never does). An arrival exactly when
 * the stock reaches zero prevents the stockout.
 */
function daysToStockout(
  ctx: PlanContext,
  i: number,
  asOf: number,
  L: number,
  net: number,
  onOrder: number,
  mean: Curve,
  x0: number,
  c0: number,
  pd: number,
): number {
  const { orders, opts } = ctx;
  const assumed = opts.onOrderArrival === 'now' ? 0 : opts.onOrderArrival === 'lead-time' ? L : L / 2;
  const k0 = orders.start[i];
  const k1 = orders.start[i + 1];
  const count = (onOrder > 0 ? 1 : 0) + (k1 - k0);
  if (ctx.evTime.length < count) {
    ctx.evTime = new Float64Array(2 * count);
    ctx.evQty = new Float64Array(2 * count);
  }
  const t = ctx.evTime;
  const q = ctx.evQty;
  let m = 0;
  if (onOrder > 0) {
    t[0] = assumed;
    q[0] = onOrder;
    m = 1;
  }
  for (let k = k0; k < k1; k++) {
    const a = orders.arrivalDay[k];
    const d = orders.orderDay[k];
    const tau = Number.isFinite(a) ? a - asOf : Number.isFinite(d) ? d + L - asOf : assumed;
    // Insertion sort: an item has a handful of open orders at most.
    let j = m++;
    const tt = tau > 0 ? tau : 0;
    while (j > 0 && t[j - 1] > tt) {
      t[j] = t[j - 1];
      q[j] = q[j - 1];
      j--;
    }
    t[j] = tt;
    q[j] = orders.quantity[k];
  }
  let supply = net;
  let e = 0;
  while (e < m && t[e] <= 0) supply += q[e++];
  let now = 0;
  for (;;) {
    const x = curveInverse(mean, c0 + supply);
    const out = x === Infinity ? Infinity : Math.max(now, (x - x0) * pd);
    const next = e < m ? t[e] : Infinity;
    if (out < next) return out;
    if (next === Infinity) return Infinity;
    now = next;
    while (e < m && t[e] === now) supply += q[e++];
  }
}
