import { describe, expect, it } from 'vitest';
import { runReorder } from '../../../src/lib/reorder/engine';
import { approveOrders, groupOrders, openOrdersFrom } from '../../../src/lib/reorder/orders';
import { STATUS } from '../../../src/lib/reorder/types';
import { flatForecast, item } from './helpers';

const items = [
  item({ seriesId: 'a', key: { Store: '1', Product: 'A' }, onHand: 80, packSize: 10, unitCost: 2 }),
  item({ seriesId: 'b', key: { Store: '2', Product: 'B' }, onHand: 500 }),
  item({ seriesId: 'c', key: { Store: '1', Product: 'C' }, onHand: 100, unitCost: 5 }),
];
const forecasts = items.map((it) => flatForecast(it.seriesId, 10));

describe('purchase orders', () => {
  it('approves every row with a quantity by default, keeping the explanation and the arrival day', () => {
    const r = runReorder({ items, forecasts });
    const orders = approveOrders(r, items, { approvedAt: 1_700_000_000_000 });
    expect(orders.map((o) => o.seriesId)).toEqual(['a', 'c']);
    expect(orders[0]).toMatchObject({ id: 'po-0', quantity: 60, value: 120, orderDay: 15000, expectedArrivalDay: 15007, status: 'REORDER', recommendedQuantity: 60 });
    expect(orders[0].explanation).toMatch(/^REORDER: position 80 units/);
  });

  it('user-edited quantities are kept, with the recommendation next to them; bad rows throw', () => {
    const r = runReorder({ items, forecasts });
    const [o] = approveOrders(r, items, { rows: [2], quantities: new Map([[2, 55]]), approvedAt: 0, orderDay: 15001 });
    expect(o).toMatchObject({ quantity: 55, recommendedQuantity: 40, value: 275, orderDay: 15001, expectedArrivalDay: 15008 });
    expect(() => approveOrders(r, items, { rows: [1], approvedAt: 0 })).toThrow(/invalid rows\[0\]: 1/);
    expect(() => approveOrders(r, items, { rows: [7], approvedAt: 0 })).toThrow(/invalid rows\[0\]: 7/);
    expect(() => approveOrders(r, items, { rows: [0], quantities: new Map([[0, -1]]), approvedAt: 0 })).toThrow(/invalid quantities\[0\]: -1/);
  });

  it('approved orders placed on or after the snapshot count as on order in the next run', () => {
    const r = runReorder({ items, forecasts });
    const orders = approveOrders(r, items, { approvedAt: 0 });
    expect(openOrdersFrom(orders, 15001)).toEqual([]);
    const open = openOrdersFrom(orders, 15000);
    expect(open).toEqual([
      { seriesId: 'a', quantity: 60, orderDay: 15000, expectedArrivalDay: 15007 },
      { seriesId: 'c', quantity: 40, orderDay: 15000, expectedArrivalDay: 15007 },
    ]);
    const next = runReorder({ items, forecasts, openOrders: open });
    expect(next.columns.position[0]).toBe(140);
    expect(next.status[0]).toBe(STATUS.REORDER);
    expect(next.columns.orderQuantity[0]).toBe(10);
    expect(next.status[2]).toBe(STATUS.REORDER);
    expect(next.columns.orderQuantity[2]).toBe(1);
  });

  it('groups lines into one purchase order per store, largest value first', () => {
    const r = runReorder({ items, forecasts });
    const groups = groupOrders(approveOrders(r, items, { approvedAt: 0 }), 'Store');
    expect(groups.map((g) => [g.group, g.units, g.value])).toEqual([['1', 100, 320]]);
    expect(groups[0].lines.map((l) => l.seriesId)).toEqual(['c', 'a']);
  });
});
