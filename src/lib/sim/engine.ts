import type { OrderRule } from './policies';
import type { SimEvent, SimKpis, SimTrace } from './types';

/**
 * One policy on one demand path, periodic review, advanced in chunks so the caller can yield between them.
 *
 * Sequence of events in period t (the same as src/lib/policy/ss-exact.ts, so long-run costs agree with
 * the exact renewal-reward formula):
 *   1. Orders due in t arrive; arrivals first fill backorders.
 *   2. Review: the rule sees x = on hand + on order − backorders and may order q; the order is due in
 *      t + L_t (L_t drawn up front per period, so with random lead times orders can cross); with L_t = 0 it
 *      arrives at once. Order cost K and purchase cost c·q are booked in t.
 *   3. Demand D_t: met from on hand; the rest is backordered or lost.
 *   4. Holding h·(on hand) and shortage p·(backorders) [backorder mode] or p·(lost) [lost-sales mode]
 *      are charged on the end-of-period state.
 *
 * Invariants (asserted in tests/unit/sim/engine.test.ts):
 *   - [x] inventory position = on hand + on order − backorders, at review and at the end of every period
 *   - [x] on hand ≥ 0, backorders ≥ 0, and never both > 0 at the end of a period
 *   - [x] units conserved: on hand₀ + Σ arrivals − Σ (demand − lost) = on hand − backorders (end)
 *   - [x] Σ ordered = Σ arrived + on order (end); on order₀ = 0
 *   - [x] lost-sales mode: backorders stay 0
 *   - [x] the event log is in time order
 */
export interface RunConfig {
  /** Periods to simulate (warm-up included). */
  horizon: number;
  /** Periods excluded from the KPIs. */
  warmupPeriods: number;
  /** Unmet demand is backordered or lost. */
  unmet: 'backorder' | 'lost';
  /** Money per unit on hand per period. */
  holdingCost: number;
  /** Money per unit backordered per period, or per unit lost. */
  shortageCost: number;
  /** Money per order. */
  orderCost: number;
  /** Money per unit ordered. */
  purchaseCost: number;
  /** Round order quantities up to whole units. */
  integerOrders: boolean;
  /** The policy's order rule. */
  rule: OrderRule;
  /** On hand at the start of period 0, units. */
  initialOnHand: number;
  /** Demand per period, length ≥ horizon. */
  demand: Float64Array;
  /** Lead time of an order placed in each period, length ≥ horizon. */
  leadTimes: Int32Array;
  /** Largest value in leadTimes. */
  maxLeadTime: number;
  /** Keep the per-period trace and the event log. */
  keepTrace: boolean;
  /** Most events kept. */
  maxEvents: number;
}

/** Mutable state of a run. */
export interface Run {
  /** What is simulated. */
  readonly config: RunConfig;
  /** Next period to simulate. */
  t: number;
  /** Units on hand now. */
  onHand: number;
  /** Units backordered now. */
  backorders: number;
  /** Units ordered and not yet arrived. */
  onOrder: number;
  /** Units due per period. */
  readonly pipeline: Float64Array;
  /** Sums over the measured periods (money, units, counts) and the open replenishment cycle. */
  readonly acc: {
    holding: number;
    shortage: number;
    ordering: number;
    purchase: number;
    onHand: number;
    backorders: number;
    demand: number;
    short: number;
    periodsOk: number;
    orders: number;
    cycles: number;
    cyclesOk: number;
    cycleOpen: boolean;
    cycleStockout: boolean;
  };
  /** Per-period trace, when kept. */
  readonly trace: SimTrace | undefined;
  /** Event log, when kept. */
  readonly events: SimEvent[];
  /** True once the log hit maxEvents. */
  eventsTruncated: boolean;
}

function createTrace(n: number): SimTrace {
  const f = () => new Float64Array(n);
  return {
    demand: f(), onHand: f(), backorders: f(), onOrder: f(), inventoryPosition: f(), orderPlaced: f(),
    arrivals: f(), lostSales: f(), holdingCost: f(), shortageCost: f(), orderCost: f(), purchaseCost: f(),
  };
}

/** A fresh run at period 0 with `initialOnHand` on hand and nothing on order. */
export function createRun(config: RunConfig): Run {
  return {
    config,
    t: 0,
    onHand: config.initialOnHand,
    backorders: 0,
    onOrder: 0,
    pipeline: new Float64Array(config.horizon + config.maxLeadTime + 1),
    acc: {
      holding: 0, shortage: 0, ordering: 0, purchase: 0, onHand: 0, backorders: 0, demand: 0, short: 0,
      periodsOk: 0, orders: 0, cycles: 0, cyclesOk: 0, cycleOpen: false, cycleStockout: false,
    },
    trace: config.keepTrace ? createTrace(config.horizon) : undefined,
    events: [],
    eventsTruncated: false,
  };
}

function log(run: Run, e: SimEvent): void {
  if (run.events.length < run.config.maxEvents) run.events.push(e);
  else run.eventsTruncated = true;
}

/** Simulates periods run.t .. min(until, horizon) − 1. */
export function advance(run: Run, until: number): void {
  const c = run.config;
  const end = Math.min(until, c.horizon);
  const lost = c.unmet === 'lost';
  const a = run.acc;
  const tr = run.trace;
  const keep = c.keepTrace;
  let onHand = run.onHand;
  let backorders = run.backorders;
  let onOrder = run.onOrder;
  for (let t = run.t; t < end; t++) {
    const measured = t >= c.warmupPeriods;
    // 1. Arrivals, which fill backorders first.
    let arrived = run.pipeline[t];
    if (arrived > 0) {
      run.pipeline[t] = 0;
      onOrder -= arrived;
      onHand += arrived;
      if (keep) log(run, { period: t, kind: 'order-arrived', quantity: arrived });
    }
    // 2. Review and order.
    let q = c.rule(t, onHand + onOrder - backorders);
    if (c.integerOrders && q > 0) q = Math.ceil(q - 1e-9);
    let orderCost = 0;
    let purchaseCost = 0;
    if (q > 0) {
      const due = t + c.leadTimes[t];
      orderCost = c.orderCost;
      purchaseCost = c.purchaseCost * q;
      if (keep) log(run, { period: t, kind: 'order-placed', quantity: q, duePeriod: due });
      if (due === t) {
        onHand += q;
        arrived += q;
        if (keep) log(run, { period: t, kind: 'order-arrived', quantity: q });
      } else {
        run.pipeline[due] += q;
        onOrder += q;
      }
      if (measured) a.orders++;
    }
    if (backorders > 0 && onHand > 0) {
      const filled = Math.min(backorders, onHand);
      backorders -= filled;
      onHand -= filled;
    }
    if (measured && arrived > 0) {
      if (a.cycleOpen) {
        a.cycles++;
        if (!a.cycleStockout) a.cyclesOk++;
      }
      a.cycleOpen = true;
      a.cycleStockout = false;
    }
    // 3. Demand.
    const d = c.demand[t];
    const short = d > onHand ? d - onHand : 0;
    onHand = d > onHand ? 0 : onHand - d;
    let lostUnits = 0;
    if (lost) lostUnits = short;
    else backorders += short;
    if (short > 0 && keep) log(run, { period: t, kind: 'stockout', quantity: short });
    // 4. End-of-period costs.
    const holding = c.holdingCost * onHand;
    const shortage = c.shortageCost * (lost ? lostUnits : backorders);
    if (measured) {
      a.holding += holding;
      a.shortage += shortage;
      a.ordering += orderCost;
      a.purchase += purchaseCost;
      a.onHand += onHand;
      a.backorders += backorders;
      a.demand += d;
      a.short += short;
      if (short === 0) a.periodsOk++;
      else a.cycleStockout = true;
    }
    if (tr) {
      tr.demand[t] = d;
      tr.onHand[t] = onHand;
      tr.backorders[t] = backorders;
      tr.onOrder[t] = onOrder;
      tr.inventoryPosition[t] = onHand + onOrder - backorders;
      tr.orderPlaced[t] = q > 0 ? q : 0;
      tr.arrivals[t] = arrived;
      tr.lostSales[t] = lostUnits;
      tr.holdingCost[t] = holding;
      tr.shortageCost[t] = shortage;
      tr.orderCost[t] = orderCost;
      tr.purchaseCost[t] = purchaseCost;
    }
  }
  run.t = Math.max(run.t, end);
  run.onHand = onHand;
  run.backorders = backorders;
  run.onOrder = onOrder;
}

/** KPIs of a finished run over its measured periods. */
export function runKpis(run: Run): SimKpis {
  const a = run.acc;
  const n = run.config.horizon - run.config.warmupPeriods;
  const total = a.holding + a.shortage + a.ordering + a.purchase;
  const periodServiceLevel = a.periodsOk / n;
  return {
    totalCostPerPeriod: total / n,
    holdingCostPerPeriod: a.holding / n,
    shortageCostPerPeriod: a.shortage / n,
    orderCostPerPeriod: a.ordering / n,
    purchaseCostPerPeriod: a.purchase / n,
    totalCost: total,
    totalHoldingCost: a.holding,
    totalShortageCost: a.shortage,
    totalOrderCost: a.ordering,
    totalPurchaseCost: a.purchase,
    fillRate: a.demand > 0 ? 1 - a.short / a.demand : 1,
    // With no completed replenishment cycle in the window, fall back to the share of good periods.
    cycleServiceLevel: a.cycles > 0 ? a.cyclesOk / a.cycles : periodServiceLevel,
    periodServiceLevel,
    averageOnHand: a.onHand / n,
    averageBackorders: a.backorders / n,
    ordersPlaced: a.orders,
    unitsDemanded: a.demand,
    unitsShort: a.short,
  };
}
