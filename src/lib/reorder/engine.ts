import { checkpoint, throwIfAborted } from '../core/abort';
import { invalidOption } from '../core/errors';
import { createProgressThrottle, type ProgressCallback } from '../core/progress';
import type { InventoryItem } from '../dataset/types';
import { abcClasses } from './classify';
import { maybeItemForecast, type ItemForecast } from './forecast-input';
import { createPlanContext, measureItem, ownServiceLevel, planItem, type PlanContext } from './item-plan';
import { indexOpenOrders } from './open-orders';
import { maybeReorderOptions } from './options';
import {
  FLAG,
  REORDER_STATUSES,
  STATUS,
  type ReorderColumns,
  type ReorderInput,
  type ReorderResult,
} from './types';

/**
 * The reorder engine. `prepare` matches forecasts and screens every row (stock fields, data-problem statuses);
 * the value pass gives every usable row its annual value, from which the ABC classes follow; then each row is
 * measured from its forecast mean (demand, cover, stockout) and planned (service level, safety stock, status,
 * order), one row at a time. See item-plan.ts for the per-row math. No closure or allocation per row in any pass.
 * Once the classes are known, rows are independent: parts.ts plans them in parts, on a pool of workers.
 *
 * Invariants, per row (tests/unit/reorder/engine.test.ts):
 * - [x] position = on hand + on order + open orders − backorders;
 * - [x] reorder point = μ_P + safety stock, safety stock = z·σ_P, z = Φ⁻¹(service level);
 * - [x] order-up-to ≥ reorder point;
 * - [x] order quantity is 0 or a whole number of packs ≥ MOQ;
 * - [x] status REORDER ⇔ position ≤ reorder point (and not CRITICAL);
 * - [x] status CRITICAL ⇔ days to stockout < lead time days;
 * - [x] every row whose status is a data problem has a non-empty reason, and every other row an empty one;
 * - [x] a data-problem row recommends no order (order quantity NaN).
 */

/** The result's columns, in the order of their shared buffer. */
export const COLUMN_NAMES = [
  'onHand', 'onOrder', 'openOrderUnits', 'backorders', 'position', 'leadTimeDays', 'leadTimeStdDays', 'protectionDays',
  'serviceLevel', 'z', 'demandLead', 'demandProtection', 'sigmaProtection', 'safetyStock', 'reorderPoint', 'orderUpTo',
  'eoq', 'rawQuantity', 'orderQuantity', 'orderValue', 'coverDays', 'onHandCoverDays', 'daysToStockout', 'excessUnits',
  'excessValue', 'annualValue', 'errorCv', 'unitCost', 'moq', 'packSize',
] as const satisfies readonly (keyof ReorderColumns)[];

/** Every column is a view of one NaN-filled buffer: one allocation, and one transfer across a worker boundary. */
function allocateColumns(n: number): ReorderColumns {
  const buffer = new Float64Array(COLUMN_NAMES.length * n).fill(NaN);
  const cols = {} as Record<keyof ReorderColumns, Float64Array>;
  COLUMN_NAMES.forEach((name, k) => (cols[name] = buffer.subarray(k * n, (k + 1) * n)));
  return cols;
}

/** Options of the cancellable `reorder`. */
export interface ReorderRunOptions {
  /** Cancels the run: it rejects with an AbortError at the next chunk. */
  signal: AbortSignal;
  /** Progress in phase 'reordering', counted in item passes (two per item); throttled to about 10 per second. */
  onProgress?: ProgressCallback;
  /** Items planned between checkpoints (integer ≥ 1). Default 5 000. */
  chunkSize?: number;
}

/** Runs the engine synchronously (for tests, benchmarks and the closed loop). Throws only on bad options or forecast shapes. */
export function runReorder(input: ReorderInput): ReorderResult {
  const run = prepare(input);
  classify(run, 0, run.n);
  planRange(run, 0, run.n);
  return finish(run);
}

/**
 * Runs the engine in chunks, yielding to the event loop between them so a worker can receive its cancel
 * message; rejects with an AbortError when `signal` is aborted.
 */
export async function reorder(input: ReorderInput, run: ReorderRunOptions): Promise<ReorderResult> {
  throwIfAborted(run.signal);
  const chunk = run.chunkSize ?? 5000;
  if (!Number.isInteger(chunk) || chunk < 1) invalidOption('chunkSize', chunk, 'an integer ≥ 1');
  const progress = createProgressThrottle(run.onProgress);
  const state = prepare(input);
  const n = state.n;
  // Progress counts item passes: two per item (the annual values for ABC, then the plan).
  for (let from = 0; from < n; from += chunk) {
    valueRange(state, from, Math.min(n, from + chunk));
    progress({ phase: 'reordering', done: Math.min(n, from + chunk), total: 2 * n });
    await checkpoint(run.signal);
  }
  state.result.abc = abcClasses(state.result.columns.annualValue, state.ctx.opts.abcThresholds);
  for (let from = 0; from < n; from += chunk) {
    planRange(state, from, Math.min(n, from + chunk));
    progress({ phase: 'reordering', done: n + Math.min(n, from + chunk), total: 2 * n });
    if (from + chunk < n) await checkpoint(run.signal);
  }
  if (n === 0) progress({ phase: 'reordering', done: 0, total: 0 });
  return finish(state);
}

/** A run in progress: the result being filled, each row's forecast and service level, the scratch space. */
export interface RunState {
  /** Rows. */
  n: number;
  /** The forecast of each row, or undefined. */
  fcOfRow: (ItemForecast | undefined)[];
  /** Each row's own service level (NaN: its class's), see item-plan.ts `ownServiceLevel`. */
  ownLevel: Float64Array;
  /** Scratch space. */
  ctx: PlanContext;
  /** The result. */
  result: ReorderResult;
}

/** Validates the input, matches forecasts and screens every row. */
export function prepare(input: ReorderInput): RunState {
  if (input == null || typeof input !== 'object') invalidOption('input', input, 'a ReorderInput');
  if (!Array.isArray(input.items)) invalidOption('items', input.items, 'an array of InventoryItem');
  if (!Array.isArray(input.forecasts)) invalidOption('forecasts', input.forecasts, 'an array of ItemForecast');
  const opts = maybeReorderOptions(input.options);
  const items = input.items;
  const n = items.length;
  const forecasts = input.forecasts;
  let maxHorizon = 1;
  for (let k = 0; k < forecasts.length; k++) maxHorizon = Math.max(maxHorizon, maybeItemForecast(forecasts[k]).mean.length);
  const orders = indexOpenOrders(input.openOrders ?? [], items);
  const result: ReorderResult = {
    count: n,
    seriesIds: new Array<string>(n),
    status: new Uint8Array(n),
    flags: new Uint32Array(n),
    reasons: new Array<string>(n).fill(''),
    abc: new Uint8Array(n).fill(2),
    xyz: new Uint8Array(n).fill(3),
    asOfDay: new Int32Array(n),
    periodDays: new Int32Array(n),
    columns: allocateColumns(n),
    summary: { statusCounts: new Int32Array(REORDER_STATUSES.length), totalOrderValue: 0, totalOrderUnits: 0, totalExcessValue: 0 },
    ignoredOpenOrders: orders.ignored,
    options: opts,
  };
  const fcOfRow = matchForecasts(items, forecasts);
  const ownLevel = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const item = items[i];
    result.seriesIds[i] = item.seriesId;
    ownLevel[i] = ownServiceLevel(item);
    const fc = fcOfRow[i];
    screenItem(result, i, item, fc, orders.quantity, orders.start);
  }
  return { n, fcOfRow, ownLevel, ctx: createPlanContext(opts, orders, n, maxHorizon), result };
}

/**
 * The forecast of each item, matched by series id. The forecasting side usually lists forecasts in item order,
 * with gaps (items without a forecast, forecasts of other series), so a cursor walks the forecasts alongside the
 * items: a match at the cursor, or one or two places after it, needs no lookup. Items left over are then looked
 * up in a map of the forecasts the cursor did not use, which is empty when the lists line up.
 */
function matchForecasts(items: readonly InventoryItem[], forecasts: readonly ItemForecast[]): (ItemForecast | undefined)[] {
  const n = items.length;
  const f = forecasts.length;
  const out = new Array<ItemForecast | undefined>(n);
  const used = new Uint8Array(f);
  let left = 0;
  let j = 0;
  for (let i = 0; i < n; i++) {
    const id = items[i].seriesId;
    let k = j < f && forecasts[j].seriesId === id ? j : j + 1 < f && forecasts[j + 1].seriesId === id ? j + 1 : j + 2 < f && forecasts[j + 2].seriesId === id ? j + 2 : -1;
    if (k >= 0) {
      out[i] = forecasts[k];
      used[k] = 1;
      j = k + 1;
    } else left++;
  }
  if (left === 0) return out;
  const rest = new Map<string, ItemForecast>();
  for (let k = 0; k < f; k++) if (!used[k] && !rest.has(forecasts[k].seriesId)) rest.set(forecasts[k].seriesId, forecasts[k]);
  if (rest.size === 0) return out;
  for (let i = 0; i < n; i++) if (out[i] === undefined) out[i] = rest.get(items[i].seriesId);
  return out;
}

/**
 * First look at a row: copies the stock fields, normalizes the defaults and sets a data-problem status with
 * its reason, or leaves HEALTHY for `planItem` to decide.
 */
function screenItem(
  r: ReorderResult,
  i: number,
  item: InventoryItem,
  fc: ItemForecast | undefined,
  orderQty: Float64Array,
  orderStart: Int32Array,
): void {
  const c = r.columns;
  let flags = 0;
  const onOrder = Number.isFinite(item.onOrder) ? item.onOrder : ((flags |= FLAG['on-order-missing']), 0);
  const backorders = Number.isFinite(item.backorders) ? item.backorders : ((flags |= FLAG['backorders-missing']), 0);
  let open = 0;
  for (let k = orderStart[i]; k < orderStart[i + 1]; k++) open += orderQty[k];
  if (open > 0) flags |= FLAG['open-orders'];
  const unitCost = Number.isFinite(item.unitCost) && item.unitCost >= 0 ? item.unitCost : ((flags |= FLAG['unit-cost-missing']), NaN);
  const moq = Number.isFinite(item.moq) && item.moq > 0 ? item.moq : ((flags |= FLAG['moq-defaulted']), 1);
  const pack = Number.isFinite(item.packSize) && item.packSize > 0 ? item.packSize : ((flags |= FLAG['pack-size-defaulted']), 1);
  c.onHand[i] = item.onHand;
  c.onOrder[i] = onOrder;
  c.openOrderUnits[i] = open;
  c.backorders[i] = backorders;
  c.position[i] = item.onHand + onOrder + open - backorders;
  c.leadTimeDays[i] = item.leadTimeDays;
  c.leadTimeStdDays[i] = Number.isFinite(item.leadTimeStdDays) ? item.leadTimeStdDays : 0;
  c.unitCost[i] = unitCost;
  c.moq[i] = moq;
  c.packSize[i] = pack;
  if (item.onHand < 0) flags |= FLAG['negative-on-hand'];
  r.flags[i] = flags;
  let status: number = STATUS.HEALTHY;
  let reason = '';
  if (typeof item.onHand !== 'number' || !Number.isFinite(item.onHand)) {
    status = STATUS.STOCK_UNKNOWN;
    reason = `on hand is missing (${String(item.onHand)}): the stock position cannot be computed`;
  } else if (!(item.leadTimeDays >= 0) || !Number.isFinite(item.leadTimeDays)) {
    status = STATUS.INVALID_INPUT;
    reason = `lead time is ${String(item.leadTimeDays)} days: expected a number ≥ 0`;
  } else if (!(c.leadTimeStdDays[i] >= 0)) {
    status = STATUS.INVALID_INPUT;
    reason = `lead-time standard deviation is ${item.leadTimeStdDays} days: expected a number ≥ 0`;
  } else if (!(backorders >= 0) || !(onOrder >= 0)) {
    status = STATUS.INVALID_INPUT;
    reason = `${backorders < 0 ? `backorders are ${backorders}` : `on order is ${onOrder}`}: expected a number ≥ 0`;
  } else if (!fc) {
    status = STATUS.NO_FORECAST;
    reason = `no forecast for series ${JSON.stringify(item.seriesId)}: run a forecast that includes it`;
  } else if (fc.historyPeriods === 0) {
    status = STATUS.NO_HISTORY;
    reason = `the forecast for series ${JSON.stringify(item.seriesId)} was made without any history`;
  }
  r.status[i] = status;
  r.reasons[i] = reason;
}

/** Annual forecast demand × unit cost: the mean daily rate over the horizon times 365 (negative means count as 0). */
export function annualValue(fc: ItemForecast, unitCost: number): number {
  const m = fc.mean;
  let s = 0;
  for (let h = 0; h < m.length; h++) if (m[h] > 0) s += m[h];
  const perYear = (s / (m.length * fc.periodDays)) * 365;
  return Number.isFinite(unitCost) ? perYear * unitCost : 0;
}

/**
 * The annual value of rows [from, to) (the ABC basis), as pass 1 of `measureItem` computes it: a usable forecast
 * mean's total per year × unit cost, NaN when the mean holds a value that is not finite (the row becomes
 * INVALID_INPUT in its plan). Unknown stock does not make an item less valuable: it keeps its ABC class.
 */
export function valueRange(run: RunState, from: number, to: number): void {
  const { result, fcOfRow } = run;
  const value = result.columns.annualValue;
  for (let i = from; i < to; i++) {
    const fc = fcOfRow[i];
    if (fc === undefined) continue;
    const st = result.status[i];
    if (st === STATUS.HEALTHY) value[i] = meanValue(fc, result.columns.unitCost[i]);
    else if (st === STATUS.STOCK_UNKNOWN) value[i] = annualValue(fc, result.columns.unitCost[i]);
  }
}

/** `measureItem`'s annual value of a HEALTHY row: NaN when the mean is not all finite. */
function meanValue(fc: ItemForecast, unitCost: number): number {
  const m = fc.mean;
  let total = 0;
  for (let h = 0; h < m.length; h++) {
    const v = m[h];
    if (v > 0) total += v;
    else if (v !== 0 && !(v < 0 && v > -Infinity)) return NaN;
  }
  if (!(total < Infinity)) return NaN;
  return Number.isFinite(unitCost) ? (total / (m.length * fc.periodDays)) * 365 * unitCost : 0;
}

/** ABC needs every annual value: rows [from, to) of the value pass, then the classes of all rows. */
function classify(run: RunState, from: number, to: number): void {
  valueRange(run, from, to);
  run.result.abc = abcClasses(run.result.columns.annualValue, run.ctx.opts.abcThresholds);
}

/**
 * Rows [from, to), ABC known: pass 1 (`measureItem`: mean curve, cover, stockout) then pass 2 (`planItem`: safety
 * stock, status, order), one row at a time, so pass 2 reads the curve pass 1 built for the same row.
 */
export function planRange(run: RunState, from: number, to: number): void {
  const { result, ownLevel, fcOfRow, ctx } = run;
  for (let i = from; i < to; i++) {
    const fc = fcOfRow[i];
    if (fc === undefined) continue;
    if (result.status[i] !== STATUS.HEALTHY) continue;
    measureItem(ctx, result, i, fc);
    if (result.status[i] === STATUS.HEALTHY) planItem(ctx, result, i, ownLevel[i], fc);
  }
}

/** Totals over the rows. */
export function finish(run: Pick<RunState, 'result'>): ReorderResult {
  const r = run.result;
  const s = r.summary;
  const c = r.columns;
  for (let i = 0; i < r.count; i++) {
    s.statusCounts[r.status[i]]++;
    const q = c.orderQuantity[i];
    if (q > 0) {
      s.totalOrderUnits += q;
      if (c.orderValue[i] > 0) s.totalOrderValue += c.orderValue[i];
    }
    if (c.excessValue[i] > 0) s.totalExcessValue += c.excessValue[i];
  }
  return r;
}
