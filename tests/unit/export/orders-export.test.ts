import { describe, expect, it } from 'vitest';
import { ordersDocument, ordersToJson, ORDERS_SCHEMA } from '../../../src/lib/export/json';
import { ordersToCsv, recommendationsToCsv } from '../../../src/lib/export/reorder';
import { runReorder } from '../../../src/lib/reorder/engine';
import { approveOrders } from '../../../src/lib/reorder/orders';
import { flatForecast, item } from '../reorder/helpers';

const items = [
  item({ seriesId: '=evil', key: { Store: '1', Product: '=HYPERLINK("x")' }, onHand: 80, unitCost: NaN }),
  item({ seriesId: 'b', key: { Store: '2', Product: 'B' }, onHand: 5000 }),
  item({ seriesId: 'c', key: { Store: '1', Product: 'C' }, onHand: NaN }),
];
const forecasts = items.map((it) => flatForecast(it.seriesId, 10));

describe('JSON export of approved orders', () => {
  it('writes a versioned document with ISO dates, totals, and null for a missing unit cost', () => {
    const r = runReorder({ items, forecasts });
    const orders = approveOrders(r, items, { approvedAt: Date.UTC(2024, 0, 2, 3, 4, 5) });
    const doc = ordersDocument(orders, Date.UTC(2024, 0, 2));
    expect(doc).toMatchObject({ schema: ORDERS_SCHEMA, version: 1, generatedAt: '2024-01-02T00:00:00.000Z', count: 1, totalUnits: 60, totalValue: 0 });
    expect(doc.orders[0]).toMatchObject({
      seriesId: '=evil',
      quantity: 60,
      unitCost: null,
      value: null,
      orderDate: '2011-01-26',
      expectedArrivalDate: '2011-02-02',
      approvedAt: '2024-01-02T03:04:05.000Z',
    });
    const text = ordersToJson(orders, 0);
    expect(text.endsWith('\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(ordersDocument(orders, 0))));
  });
});

describe('CSV export of recommendations and orders', () => {
  it('one row per item with key columns, status, figures, flags and the sentence; user text is guarded', () => {
    const r = runReorder({ items, forecasts });
    const text = recommendationsToCsv(r, items, { newline: '\n' });
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0].startsWith('Store,Product,seriesId,status,abc,xyz,onHand,')).toBe(true);
    expect(lines[1].startsWith(`1,"'=HYPERLINK(""x"")",'=evil,REORDER,`)).toBe(true);
    expect(lines[2]).toContain(',OVERSTOCK,');
    expect(lines[3]).toContain(',STOCK_UNKNOWN,');
    expect(lines[3]).toContain('on hand is missing (NaN)');
  });

  it('figures are rounded to 3 decimals by default and infinite ones are empty', () => {
    const r = runReorder({ items: [item({ seriesId: 'z', onHand: 5 })], forecasts: [flatForecast('z', 0)] });
    const [header, row] = recommendationsToCsv(r, [item({ seriesId: 'z', onHand: 5 })], { newline: '\n', explanations: false }).trimEnd().split('\n');
    const cells = row.split(',');
    expect(cells[header.split(',').indexOf('coverDays')]).toBe('');
    expect(cells[header.split(',').indexOf('status')]).toBe('OVERSTOCK');
  });

  it('orders CSV has the key columns first and ISO dates', () => {
    const r = runReorder({ items, forecasts });
    const text = ordersToCsv(approveOrders(r, items, { approvedAt: 0 }), { newline: '\n', bom: true });
    expect(text.startsWith('\uFEFFStore,Product,id,seriesId,quantity')).toBe(true);
    expect(text).toContain(',2011-01-26,2011-02-02,REORDER,');
  });
});
