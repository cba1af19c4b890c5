import { checkpoint, throwIfAborted } from '../core/abort';
import { invalidOption, maybeInteger, maybeNonNegative, maybeOneOf } from '../core/errors';
import { createProgressThrottle, type ProgressCallback } from '../core/progress';
import type { InventoryItem } from '../dataset/types';
import { runReorder } from './engine';
import type { ItemForecast } from './forecast-input';
import { roundOrderQuantity } from './item-plan';
import type { OpenOrder, ReorderOptions } from './types';

/**
 * Closed-loop backtest: replays held-out actual demand, period by period, through ordering policies and counts
 * what each would have cost. Unlike a forecast-accuracy backtest it scores the decisions: an accurate forecast
 * that leads to the same orders as a naive rule earns nothing.
 *
 * Each period t (all policies see the same demand):
 * 1. arrivals due at t are received (then backorders are served from them);
 * 2. on review periods (t ≡ 0 mod R) the policy orders; an order arrives at the start of t + L (L = 0: at once);
 * 3. demand is served from stock; the rest is backordered or lost;
 * 4. costs: holding h × on hand at the end of t; backorders p × units backordered at the end of t, or lost
 *    sales p × units lost in t; K per order placed.
 *
 * Policies:
 * - 'forecast': the reorder engine itself (engine.ts) on a one-item snapshot, with the forecast made at the
 *   review's origin (`forecastAt`), the pipeline passed as open orders with their arrival days, and R as the
 *   review period: order-up-to μ_{L+R} + z·σ_{L+R}, rounded to MOQ and packs;
 * - 'fixed-cover': order up to k × the average demand of the last `fixedWindow` periods (k periods of cover,
 *   default L + R + 1), the spreadsheet rule;
 * - 'order-what-sold': order what was sold since the last review (backorders: the demand; lost sales: the
 *   units served), which holds the position at its starting level.
 *
 * Invariants (tests/unit/reorder/closed-loop.test.ts):
 * - [x] every policy sees the same demand in the same periods (equal `demand` per row);
 * - [x] an order placed in period t is on hand from period t + L on (lead time honoured);
 * - [x] total cost = holding + shortage + ordering; 0 ≤ fill rate ≤ 1;
 * - [x] order-what-sold under backorders reorders exactly the previous review period's demand.
 */

/** One item to replay. */
export interface ClosedLoopItem {
  /** Series id, for the caller's bookkeeping (the forecasts may carry any id: each item is replayed alone). */
  seriesId: string;
  /** Demand per period: history first, then the held-out periods, units. NaN counts as 0 in the replay. */
  demand: Float64Array;
  /** Index in `demand` of the first replayed period (≥ 1: the rules need one period of history). */
  start: number;
  /** The forecast made at the start of period `originIndex` (index into `demand`) from demand[0 … originIndex);
   * its first period must be period `originIndex`. Undefined: the engine reports NO_FORECAST and orders nothing. */
  forecastAt: (originIndex: number) => ItemForecast | undefined;
  /** On hand at the start, units (same for every policy). */
  initialOnHand: number;
  /** Lead time L, whole periods ≥ 0. */
  leadTimePeriods: number;
  /** Cycle service level the engine targets, in (0, 1). Default 0.95. */
  serviceLevel?: number;
  /** MOQ, units (all policies). Default 1. */
  moq?: number;
  /** Pack size, units (all policies). Default 1. */
  packSize?: number;
  /** Unit cost, money: only reported (stock value). Default 1. */
  unitCost?: number;
}

/** The three policies. */
export type ClosedLoopPolicy = 'forecast' | 'fixed-cover' | 'order-what-sold';

/** Options of the closed loop. */
export interface ClosedLoopOptions {
  /** Days per period (1 daily, 7 weekly), to express lead and review times in days for the engine. */
  periodDays: number;
  /** Periods replayed. Default: as many as every item has after its start (the shortest). */
  periods?: number;
  /** Review period R, whole periods ≥ 1. Default 1. */
  reviewPeriods?: number;
  /** Unmet demand is backordered (default) or lost. */
  unmet?: 'backorder' | 'lost';
  /** Holding cost per unit on hand per period (≥ 0). */
  holdingCost: number;
  /** Backorders: per unit backordered per period; lost sales: per unit lost (≥ 0). */
  shortageCost: number;
  /** Fixed cost per order (≥ 0). Default 0. */
  orderCost?: number;
  /** Cover k of the fixed rule, periods (> 0). Default L + R + 1 per item. */
  fixedCoverPeriods?: number;
  /** Periods averaged by the fixed rule (integer ≥ 1). Default 4. */
  fixedWindow?: number;
  /** Engine options (errorCorrelation, lotSizing, ...). `reviewDays` and `asOfDay` are set by the loop. */
  engine?: ReorderOptions;
  /** Policies to replay. Default all three. */
  policies?: ClosedLoopPolicy[];
}

/** What one policy did over all items. */
export interface ClosedLoopRow {
  /** Policy id. */
  policy: ClosedLoopPolicy;
  /** Display name, with its parameters. */
  label: string;
  /** Σ holding cost, money. */
  holdingCost: number;
  /** Σ shortage cost, money. */
  shortageCost: number;
  /** Σ order cost, money. */
  orderingCost: number;
  /** Sum of the three. */
  totalCost: number;
  /** Units served from stock on the day of demand ÷ units demanded. */
  fillRate: number;
  /** Mean over periods of the units on hand at the end of the period, summed over items. */
  averageStock: number;
  /** Same, valued at unit cost. */
  averageStockValue: number;
  /** Orders placed. */
  orders: number;
  /** Units ordered. */
  unitsOrdered: number;
  /** Item-periods that ended with unmet demand. */
  stockoutPeriods: number;
  /** Units demanded. */
  demand: number;
  /** Per replayed period (summed over items): cost, on hand at the end, units short (for charts and explanations). */
  trace?: { cost: Float64Array; stock: Float64Array; short: Float64Array };
}

/** The closed loop's output. */
export interface ClosedLoopResult {
  /** One row per policy, in the order asked. */
  rows: ClosedLoopRow[];
  /** Per item (input order), one row per policy. */
  perItem: ClosedLoopRow[][];
  /** Periods replayed. */
  periods: number;
}

const LABELS: Record<ClosedLoopPolicy, string> = {
  forecast: 'forecast engine (R,S)',
  'fixed-cover': 'order up to k × recent average',
  'order-what-sold': 'order what sold',
};

/** Runs the closed loop synchronously. Throws on bad options. */
export function runClosedLoopSync(items: readonly ClosedLoopItem[], options: ClosedLoopOptions): ClosedLoopResult {
  const o = normalize(items, options);
  const perItem = items.map((it) => o.policies.map((p) => replay(it, p, o)));
  return { rows: o.policies.map((p, k) => combine(p, perItem.map((rows) => rows[k]))), perItem, periods: o.periods };
}

/** Runs the closed loop, one item per chunk; rejects with an AbortError when `signal` is aborted. */
export async function runClosedLoop(
  items: readonly ClosedLoopItem[],
  options: ClosedLoopOptions,
  run: { signal: AbortSignal; onProgress?: ProgressCallback },
): Promise<ClosedLoopResult> {
  throwIfAborted(run.signal);
  const o = normalize(items, options);
  const progress = createProgressThrottle(run.onProgress);
  const perItem: ClosedLoopRow[][] = [];
  for (let k = 0; k < items.length; k++) {
    perItem.push(o.policies.map((p) => replay(items[k], p, o)));
    progress({ phase: 'simulating', done: k + 1, total: items.length });
    await checkpoint(run.signal);
  }
  return { rows: o.policies.map((p, k) => combine(p, perItem.map((rows) => rows[k]))), perItem, periods: o.periods };
}

interface Normalized {
  periodDays: number;
  periods: number;
  R: number;
  lost: boolean;
  h: number;
  p: number;
  K: number;
  k: number | undefined;
  window: number;
  engine: ReorderOptions;
  policies: ClosedLoopPolicy[];
}

function normalize(items: readonly ClosedLoopItem[], o: ClosedLoopOptions): Normalized {
  if (!Array.isArray(items) || items.length === 0) invalidOption('items', items, 'at least one item');
  let shortest = Infinity;
  items.forEach((it, j) => {
    maybeInteger(`items[${j}].start`, it.start, 1, it.demand.length);
    maybeInteger(`items[${j}].leadTimePeriods`, it.leadTimePeriods, 0);
    maybeNonNegative(`items[${j}].initialOnHand`, it.initialOnHand);
    shortest = Math.min(shortest, it.demand.length - it.start);
  });
  const periods = o.periods === undefined ? shortest : maybeInteger('periods', o.periods, 1, shortest);
  if (!(periods >= 1)) invalidOption('periods', periods, 'at least one held-out period per item');
  const policies = o.policies ?? ['forecast', 'fixed-cover', 'order-what-sold'];
  policies.forEach((p, j) => maybeOneOf(`policies[${j}]`, p, ['forecast', 'fixed-cover', 'order-what-sold'] as const));
  return {
    periodDays: maybeInteger('periodDays', o.periodDays, 1, 366),
    periods,
    R: maybeInteger('reviewPeriods', o.reviewPeriods ?? 1, 1),
    lost: maybeOneOf('unmet', o.unmet ?? 'backorder', ['backorder', 'lost'] as const) === 'lost',
    h: maybeNonNegative('holdingCost', o.holdingCost),
    p: maybeNonNegative('shortageCost', o.shortageCost),
    K: maybeNonNegative('orderCost', o.orderCost ?? 0),
    k: o.fixedCoverPeriods === undefined ? undefined : maybeNonNegative('fixedCoverPeriods', o.fixedCoverPeriods, true),
    window: maybeInteger('fixedWindow', o.fixedWindow ?? 4, 1),
    engine: o.engine ?? {},
    policies,
  };
}

function emptyRow(policy: ClosedLoopPolicy, label: string): ClosedLoopRow {
  return { policy, label, holdingCost: 0, shortageCost: 0, orderingCost: 0, totalCost: 0, fillRate: NaN, averageStock: 0, averageStockValue: 0, orders: 0, unitsOrdered: 0, stockoutPeriods: 0, demand: 0 };
}

function combine(policy: ClosedLoopPolicy, rows: ClosedLoopRow[]): ClosedLoopRow {
  return sumClosedLoopRows(rows, policy, rows.length > 0 && new Set(rows.map((r) => r.label)).size === 1 ? rows[0].label : LABELS[policy]);
}

/** Adds up rows of one policy (items, or runs): costs, stock and orders summed, fill rate weighted by demand. */
export function sumClosedLoopRows(rows: readonly ClosedLoopRow[], policy: ClosedLoopPolicy, label: string): ClosedLoopRow {
  const out = emptyRow(policy, label);
  let served = 0;
  for (const r of rows) {
    out.holdingCost += r.holdingCost;
    out.shortageCost += r.shortageCost;
    out.orderingCost += r.orderingCost;
    out.averageStock += r.averageStock;
    out.averageStockValue += r.averageStockValue;
    out.orders += r.orders;
    out.unitsOrdered += r.unitsOrdered;
    out.stockoutPeriods += r.stockoutPeriods;
    out.demand += r.demand;
    served += r.fillRate * r.demand || 0;
  }
  out.totalCost = out.holdingCost + out.shortageCost + out.orderingCost;
  out.fillRate = out.demand > 0 ? served / out.demand : NaN;
  const T = rows[0]?.trace?.cost.length ?? 0;
  if (T > 0 && rows.every((r) => r.trace && r.trace.cost.length === T)) {
    const trace = { cost: new Float64Array(T), stock: new Float64Array(T), short: new Float64Array(T) };
    for (const r of rows) {
      for (let t = 0; t < T; t++) {
        trace.cost[t] += r.trace!.cost[t];
        trace.stock[t] += r.trace!.stock[t];
        trace.short[t] += r.trace!.short[t];
      }
    }
    out.trace = trace;
  }
  return out;
}

const at = (a: Float64Array, i: number) => (Number.isFinite(a[i]) ? a[i] : 0);

/** Replays one item under one policy. */
function replay(it: ClosedLoopItem, policy: ClosedLoopPolicy, o: Normalized): ClosedLoopRow {
  const L = it.leadTimePeriods;
  const T = o.periods;
  const moq = it.moq ?? 1;
  const pack = it.packSize ?? 1;
  const k = o.k ?? L + o.R + 1;
  const label = policy === 'fixed-cover' ? `order up to ${k} × ${o.window}-period average` : LABELS[policy];
  const row = emptyRow(policy, label);
  const trace = { cost: new Float64Array(T), stock: new Float64Array(T), short: new Float64Array(T) };
  row.trace = trace;
  let before = 0;
  const arrivals = new Float64Array(T + L + 1);
  let onHand = it.initialOnHand;
  let backorders = 0;
  let onOrder = 0;
  let served = 0;
  let soldSinceReview = 0;
  for (let t = 0; t < T; t++) {
    const abs = it.start + t;
    onHand += arrivals[t];
    onOrder -= arrivals[t];
    if (backorders > 0) {
      const fill = Math.min(onHand, backorders);
      onHand -= fill;
      backorders -= fill;
    }
    if (t % o.R === 0) {
      const position = onHand + onOrder - backorders;
      let q = 0;
      if (policy === 'forecast') q = engineOrder(it, o, abs, t, onHand, backorders, arrivals);
      else {
        const target = policy === 'fixed-cover' ? k * recentMean(it.demand, abs, o.window) : NaN;
        const raw = policy === 'fixed-cover' ? target - position : soldSinceReview;
        q = raw > 1e-9 ? roundOrderQuantity(raw, moq, pack) : 0;
      }
      soldSinceReview = 0;
      if (q > 0) {
        row.orders++;
        row.unitsOrdered += q;
        row.orderingCost += o.K;
        if (L === 0) onHand += q;
        else {
          arrivals[t + L] += q;
          onOrder += q;
        }
      }
    }
    const d = at(it.demand, abs);
    const fromStock = Math.min(onHand, d);
    onHand -= fromStock;
    served += fromStock;
    const short = d - fromStock;
    if (short > 0) row.stockoutPeriods++;
    if (o.lost) {
      row.shortageCost += o.p * short;
      soldSinceReview += fromStock;
    } else {
      backorders += short;
      row.shortageCost += o.p * backorders;
      soldSinceReview += d;
    }
    row.holdingCost += o.h * onHand;
    row.averageStock += onHand / T;
    row.demand += d;
    const total = row.holdingCost + row.shortageCost + row.orderingCost;
    trace.cost[t] = total - before;
    before = total;
    trace.stock[t] = onHand;
    trace.short[t] = short;
  }
  row.averageStockValue = row.averageStock * (it.unitCost ?? 1);
  row.totalCost = row.holdingCost + row.shortageCost + row.orderingCost;
  row.fillRate = row.demand > 0 ? served / row.demand : NaN;
  return row;
}

function recentMean(demand: Float64Array, abs: number, window: number): number {
  const from = Math.max(0, abs - window);
  let s = 0;
  for (let i = from; i < abs; i++) s += at(demand, i);
  return abs > from ? s / (abs - from) : 0;
}

/** The engine's recommendation at period t, on a one-item snapshot with the pipeline as open orders. */
function engineOrder(it: ClosedLoopItem, o: Normalized, abs: number, t: number, onHand: number, backorders: number, arrivals: Float64Array): number {
  const fc = it.forecastAt(abs);
  const pd = o.periodDays;
  const asOf = fc ? fc.firstDay : 0;
  // A one-item snapshot: the forecast is this item's whatever id it carries.
  const seriesId = fc ? fc.seriesId : it.seriesId;
  const open: OpenOrder[] = [];
  for (let u = t + 1; u < arrivals.length; u++) {
    if (arrivals[u] > 0) open.push({ seriesId, quantity: arrivals[u], expectedArrivalDay: asOf + (u - t) * pd });
  }
  const item: InventoryItem = {
    seriesId,
    key: {},
    onHand,
    onOrder: 0,
    backorders,
    leadTimeDays: it.leadTimePeriods * pd,
    leadTimeStdDays: 0,
    unitCost: it.unitCost ?? 1,
    moq: it.moq ?? 1,
    packSize: it.packSize ?? 1,
    serviceLevel: it.serviceLevel ?? 0.95,
    defaulted: [],
  };
  const r = runReorder({
    items: [item],
    forecasts: fc ? [fc] : [],
    openOrders: open,
    options: { ...o.engine, reviewDays: o.R * pd, asOfDay: asOf, serviceLevelSource: 'item' },
  });
  const q = r.columns.orderQuantity[0];
  return q > 0 ? q : 0;
}
