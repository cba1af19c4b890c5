import { describe, expect, it } from 'vitest';
import { runReorder, STATUS, type ItemForecast } from '../../../src/lib/reorder';
import { indexItems, queryRows, stockAtRisk, urgencyOrder, type TableQuery } from '../../../src/lib/reorder-run';
import type { InventoryItem } from '../../../src/lib/dataset/types';

const item = (store: string, name: string, onHand: number, unitCost = 2): InventoryItem => ({
  seriesId: `${store} / ${name}`, key: { Store: store, Item: name }, onHand, onOrder: 0, backorders: 0, leadTimeDays: 7, leadTimeStdDays: 0, unitCost, moq: 1, packSize: 1, serviceLevel: 0.95, defaulted: [],
});
const flat = (seriesId: string, perDay: number): ItemForecast => ({ seriesId, periodDays: 1, firstDay: 19000, mean: new Float64Array(60).fill(perDay), quantileLevels: [], quantiles: [], errorSigma: new Float64Array([1]), historyPeriods: 365 });

// 10/day, 7-day lead time, 7-day review: reorder point ≈ 140 + safety stock.
const items = [item('2', 'B', 5), item('10', 'A', 120), item('2', 'C', 500), item('1', 'D', 3000), item('1', 'E', 40)];
const forecasts = items.filter((it) => it.key.Item !== 'E').map((it) => flat(it.seriesId, 10));
const result = runReorder({ items, forecasts });
const index = indexItems(items, 'Store');
const all: TableQuery = { status: null, store: null, abc: null, text: '', rows: null, sort: 'status', descending: false };

describe('queryRows', () => {
  it('statuses are as designed: CRITICAL, REORDER, HEALTHY, OVERSTOCK and NO_FORECAST', () => {
    expect(Array.from(result.status)).toEqual([STATUS.CRITICAL, STATUS.REORDER, STATUS.HEALTHY, STATUS.OVERSTOCK, STATUS.NO_FORECAST]);
  });

  it('sorts by urgency by default: CRITICAL, REORDER, data problems, OVERSTOCK, HEALTHY', () => {
    expect(Array.from(queryRows(result, index, all))).toEqual([0, 1, 4, 3, 2]);
  });

  it('the urgency order made with the result (in the worker) is the first view; any other query sorts for itself', async () => {
    const { createSyntheticReorderInput } = await import('../../../src/lib/reorder/bench');
    const big = createSyntheticReorderInput({ items: 3000, horizonDays: 28 });
    const r = runReorder(big);
    const idx = indexItems(big.items, null);
    const urgency = urgencyOrder(r);
    expect(Array.from(urgency)).toEqual(Array.from(queryRows(r, idx, all)));
    expect(queryRows(r, idx, all, urgency)).toBe(urgency);
    expect(queryRows(r, idx, { ...all, descending: true }, urgency)).not.toBe(urgency);
    expect(Array.from(queryRows(r, idx, { ...all, status: STATUS.REORDER }, urgency))).toEqual(Array.from(queryRows(r, idx, { ...all, status: STATUS.REORDER })));
    expect(queryRows(result, index, all, urgency)).not.toBe(urgency);
  });

  it('filters by status, "with an order", store, text and a row set, together', () => {
    expect(Array.from(queryRows(result, index, { ...all, status: STATUS.OVERSTOCK }))).toEqual([3]);
    expect(Array.from(queryRows(result, index, { ...all, status: 'order' }))).toEqual([0, 1]);
    expect(Array.from(queryRows(result, index, { ...all, store: '1' }))).toEqual([4, 3]);
    expect(Array.from(queryRows(result, index, { ...all, text: ' c ' }))).toEqual([2]);
    expect(Array.from(queryRows(result, index, { ...all, text: '2 / b' }))).toEqual([0]);
    expect(Array.from(queryRows(result, index, { ...all, rows: new Set([2, 3]), store: '2' }))).toEqual([2]);
  });

  it('sorts stores numerically, items by name, and order quantities largest first when descending', () => {
    expect(Array.from(queryRows(result, index, { ...all, sort: 'store' })).map((i) => index.stores[i])).toEqual(['1', '1', '2', '2', '10']);
    expect(Array.from(queryRows(result, index, { ...all, sort: 'item' }))).toEqual([1, 0, 2, 3, 4]);
    const byOrder = Array.from(queryRows(result, index, { ...all, sort: 'order', descending: true }));
    expect(result.columns.orderQuantity[byOrder[0]]).toBeGreaterThanOrEqual(result.columns.orderQuantity[byOrder[1]]);
  });
});

describe('stockAtRisk', () => {
  it('values CRITICAL and REORDER items’ lead-time demand at unit cost and takes the excess from the summary', () => {
    const risk = stockAtRisk(result);
    expect(risk.items).toBe(2);
    expect(risk.demandValue).toBeCloseTo(2 * (70 * 2), 6);
    expect(risk.orderValue).toBeCloseTo(result.columns.orderValue[0] + result.columns.orderValue[1], 6);
    expect(risk.excessValue).toBe(result.summary.totalExcessValue);
    expect(risk.overstockItems).toBe(1);
  });
});
