import { invalidOption, maybeInteger } from '../core/errors';
import { convolvePower, type DiscreteDistribution, pointMass } from './discrete';
import { createOnePeriodCost, type OnePeriodCost } from './one-period';
import { maybeCost, maybePeriods, maybePositiveCost } from './options';

/**
 * Exact periodic-review (s,S) policies for discrete demand: long-run average cost of any (s,S) by
 * renewal reward, and the optimal (s,S) by Zheng & Federgruen (1991), "Finding optimal (s,S) policies is
 * about as simple as evaluating a single policy", Operations Research 39(4):654-665.
 *
 * Conventions (the simulator in src/lib/sim follows the same ones, so the two agree):
 * - Time is in periods; demand in successive periods is i.i.d. whole units with pmf `demand`.
 * - Sequence of events in period t: (1) orders due in t arrive; (2) review: if the inventory position
 *   x ≤ s, order S − x, paying K (it arrives at the start of period t + L, before that period's demand;
 *   with L = 0 it arrives at once); (3) demand D_t occurs; unmet demand is backordered (never lost);
 *   (4) holding h per unit on hand and backorder p per unit backordered are charged on the end-of-period
 *   net inventory.
 * - Inventory position = on hand + on order − backorders. Order when x ≤ s (s itself triggers an order).
 * - With lead time L the order placed at t is the last one to reach the shelf before the end of period
 *   t + L, so that period's cost is G(y) with y the position after ordering and D the demand over L + 1
 *   periods: G(y) = h·E[(y − D⁽ᴸ⁺¹⁾)⁺] + p·E[(D⁽ᴸ⁺¹⁾ − y)⁺]. Costs are per period; the long-run average is
 *   the same whichever period each cost is booked to.
 * - Renewal reward: with m the renewal mass function of one-period demand (m(0) = 1/(1 − p₀),
 *   m(j) = Σ_{l=1..j} p_l m(j − l) / (1 − p₀)) and M(n) = Σ_{j<n} m(j),
 *   c(s,S) = [K + Σ_{j=0}^{S−s−1} m(j) G(S − j)] / M(S − s); the position after ordering is stationary
 *   with P(y) = m(S − y) / M(S − s) for s < y ≤ S.
 */
export interface SsModelOptions {
  /** Demand per period (e.g. `poissonDistribution(10)`), units. Must not be identically 0. */
  demand: DiscreteDistribution;
  /** Lead time L, whole periods ≥ 0. Default 0. */
  leadTimePeriods?: number;
  /** Fixed cost K per order, money (≥ 0). */
  orderCost: number;
  /** Holding cost h, money per unit on hand per period (> 0). */
  holdingCost: number;
  /** Backorder cost p, money per unit backordered per period (> 0). */
  backorderCost: number;
}

/** Long-run performance of an (s,S) policy. */
export interface SsEvaluation {
  /** Reorder point s (order when inventory position ≤ s), units. */
  s: number;
  /** Order-up-to level S > s, units. */
  S: number;
  /** Long-run average cost per period, money. */
  costPerPeriod: number;
  /** Of which fixed ordering cost per period. */
  orderCostPerPeriod: number;
  /** Of which holding cost per period. */
  holdingCostPerPeriod: number;
  /** Of which backorder cost per period. */
  backorderCostPerPeriod: number;
  /** Orders per period, 1 / M(S − s). */
  ordersPerPeriod: number;
  /** Mean end-of-period on hand, units. */
  averageOnHand: number;
  /** Mean end-of-period backorders, units. */
  averageBackorders: number;
  /** Share of demand met from stock in the period it occurs. */
  fillRate: number;
}

/** The optimum found by Zheng-Federgruen. */
export interface SsOptimum extends SsEvaluation {
  /** Minimiser y* of the one-period cost G (the optimal base-stock level when K = 0). */
  myopicLevel: number;
  /** How many c(s,S) values the search computed from scratch (a cost measure). */
  fullEvaluations: number;
}

interface Model {
  g: OnePeriodCost;
  gLead: OnePeriodCost;
  k: number;
  h: number;
  p: number;
  mean: number;
  renewal: (j: number) => number;
  renewalSum: (n: number) => number;
}

/** The renewal function of per-period demand, extended on demand (see the conventions above). */
export interface Renewal {
  /** Renewal mass m(j), j ≥ 0. */
  mass: (j: number) => number;
  /** M(n) = Σ_{j<n} m(j), n ≥ 0. */
  sum: (n: number) => number;
  /** m(0..n−1) and M(0..n) as arrays, for tight loops (views: valid until the next call extends them). */
  upTo: (n: number) => { mass: Float64Array; sum: Float64Array };
}

/**
 * The renewal mass m and its running sum M of a demand with P(D = 0) < 1: m(0) = 1/(1 − p₀),
 * m(j) = Σ_{l=1..j} p_l m(j − l) / (1 − p₀). Values are computed once, on first use, in O(j · pmf length).
 */
export function createRenewal(demand: DiscreteDistribution): Renewal {
  const pmf = demand.pmf;
  const q = 1 - pmf[0];
  if (!(q > 0)) invalidOption('demand mean', demand.mean, 'a mean demand > 0');
  let m = new Float64Array(64);
  let cum = new Float64Array(65);
  m[0] = 1 / q;
  cum[1] = m[0];
  let filled = 1;
  const ensure = (n: number) => {
    if (n <= filled) return;
    if (n > m.length) {
      const size = Math.max(n, 2 * m.length);
      const nm = new Float64Array(size);
      nm.set(m.subarray(0, filled));
      const nc = new Float64Array(size + 1);
      nc.set(cum.subarray(0, filled + 1));
      m = nm;
      cum = nc;
    }
    for (let j = filled; j < n; j++) {
      let acc = 0;
      const top = Math.min(j, pmf.length - 1);
      for (let l = 1; l <= top; l++) acc += pmf[l] * m[j - l];
      m[j] = acc / q;
      cum[j + 1] = cum[j] + m[j];
    }
    filled = n;
  };
  return {
    mass: (j) => {
      ensure(j + 1);
      return m[j];
    },
    sum: (n) => {
      ensure(n);
      return cum[n];
    },
    upTo: (n) => {
      ensure(n);
      return { mass: m.subarray(0, n), sum: cum.subarray(0, n + 1) };
    },
  };
}

function createModel(options: SsModelOptions): Model {
  const demand = options.demand;
  if (!demand || !(demand.pmf instanceof Float64Array)) invalidOption('demand', demand, 'a DiscreteDistribution');
  const p0 = demand.pmf[0];
  if (!(demand.mean > 0) || !(p0 < 1)) invalidOption('demand mean', demand.mean, 'a mean demand > 0');
  const lead = maybePeriods('leadTimePeriods', options.leadTimePeriods ?? 0);
  const k = maybeCost('orderCost', options.orderCost);
  const h = maybePositiveCost('holdingCost', options.holdingCost);
  const p = maybePositiveCost('backorderCost', options.backorderCost);
  const overLead1 = lead === 0 ? demand : convolvePower(demand, lead + 1);
  const overLead = lead === 0 ? pointMass(0) : lead === 1 ? demand : convolvePower(demand, lead);
  const renewal = createRenewal(demand);
  return {
    g: createOnePeriodCost(overLead1, h, p),
    gLead: createOnePeriodCost(overLead, h, p),
    k,
    h,
    p,
    mean: demand.mean,
    renewal: renewal.mass,
    renewalSum: renewal.sum,
  };
}

function evaluate(model: Model, s: number, bigS: number): SsEvaluation {
  const n = bigS - s;
  const total = model.renewalSum(n);
  let holding = 0;
  let backorder = 0;
  let shortNew = 0;
  for (let j = 0; j < n; j++) {
    const y = bigS - j;
    const w = model.renewal(j) / total;
    holding += w * model.g.leftover(y);
    backorder += w * model.g.shortage(y);
    // Units of the period's own demand not met from stock: E[(D⁽ᴸ⁺¹⁾ − y)⁺] − E[(D⁽ᴸ⁾ − y)⁺].
    shortNew += w * (model.g.shortage(y) - model.gLead.shortage(y));
  }
  const orders = 1 / total;
  const result: SsEvaluation = {
    s,
    S: bigS,
    costPerPeriod: 0,
    orderCostPerPeriod: model.k * orders,
    holdingCostPerPeriod: model.h * holding,
    backorderCostPerPeriod: model.p * backorder,
    ordersPerPeriod: orders,
    averageOnHand: holding,
    averageBackorders: backorder,
    fillRate: Math.min(1, Math.max(0, 1 - shortNew / model.mean)),
  };
  result.costPerPeriod = result.orderCostPerPeriod + result.holdingCostPerPeriod + result.backorderCostPerPeriod;
  return result;
}

/** Exact long-run average cost and service of the (s,S) policy; s and S whole units with S > s. */
export function evaluateSs(options: SsModelOptions & { s: number; S: number }): SsEvaluation {
  const s = maybeInteger('s', options.s);
  const bigS = maybeInteger('S', options.S);
  if (!(bigS > s)) invalidOption('S', options.S, `an integer > s (${s})`);
  return evaluate(createModel(options), s, bigS);
}

/**
 * Optimal (s,S) by the Zheng-Federgruen algorithm. Work is O((S* − y*)·(S* − s*)) one-period costs; the
 * renewal function is extended on demand. Ties go to the first policy found (smallest S, then largest s).
 */
export function optimizeSs(options: SsModelOptions): SsOptimum {
  const model = createModel(options);
  const G = model.g.cost;
  const m = model.renewal;
  const M = model.renewalSum;
  let fullEvaluations = 0;
  // F(s, S) = K + Σ_{j=0}^{S−s−1} m(j) G(S − j), computed from scratch.
  const numerator = (s: number, bigS: number): number => {
    fullEvaluations++;
    let acc = model.k;
    for (let j = 0; j < bigS - s; j++) acc += m(j) * G(bigS - j);
    return acc;
  };
  const yStar = model.g.minimizer;
  let bigS0 = yStar;
  // Step 0: optimal s for S = y*: lower s until c(s, y*) ≤ G(s).
  let s = yStar - 1;
  let num = model.k + m(0) * G(yStar);
  while (num / M(bigS0 - s) > G(s)) {
    s--;
    num += m(bigS0 - s - 1) * G(s + 1);
  }
  let c0 = num / M(bigS0 - s);
  // Step 1: raise S while G(S) ≤ c0; on an improvement, raise s while c(s, S0) ≤ G(s + 1).
  for (let bigS = bigS0 + 1; G(bigS) <= c0; bigS++) {
    const trial = numerator(s, bigS);
    if (trial / M(bigS - s) < c0) {
      bigS0 = bigS;
      num = trial;
      while (s + 1 < bigS0 && num / M(bigS0 - s) <= G(s + 1)) {
        num -= m(bigS0 - s - 1) * G(s + 1);
        s++;
      }
      c0 = num / M(bigS0 - s);
    }
  }
  return { ...evaluate(model, s, bigS0), myopicLevel: yStar, fullEvaluations };
}
