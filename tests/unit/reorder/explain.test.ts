import { describe, expect, it } from 'vitest';
import { runReorder } from '../../../src/lib/reorder/engine';
import { explainAll, explainRow } from '../../../src/lib/reorder/explain';
import { formatDays, formatMoney, formatNumber, formatPercent, formatUnits } from '../../../src/lib/reorder/format';
import type { ReorderColumns } from '../../../src/lib/reorder/types';
import { flatForecast, item } from './helpers';

const run = () =>
  runReorder({
    items: [
      item({ seriesId: 'reorder', onHand: 80, onOrder: 30, moq: 100, packSize: 12, leadTimeStdDays: 1 }),
      item({ seriesId: 'critical', onHand: 20, leadTimeDays: 10 }),
      item({ seriesId: 'healthy', onHand: 400 }),
      item({ seriesId: 'over', onHand: 5000, unitCost: 3 }),
      item({ seriesId: 'unknown', onHand: NaN }),
      item({ seriesId: 'none' }),
      item({ seriesId: 'expedite', onHand: 5, onOrder: 900 }),
    ],
    forecasts: ['reorder', 'critical', 'healthy', 'over', 'unknown', 'expedite'].map((id) => flatForecast(id, 10, { errorSigma: new Float64Array([3]) })),
    options: { onOrderArrival: 'lead-time' },
  });

describe('explanations', () => {
  it('explanation numbers equal the computed columns, row by row', () => {
    const r = run();
    const all = explainAll(r);
    expect(all.map((e) => e.status)).toEqual(['REORDER', 'CRITICAL', 'HEALTHY', 'OVERSTOCK', 'STOCK_UNKNOWN', 'NO_FORECAST', 'CRITICAL']);
    for (let i = 0; i < r.count; i++) {
      for (const key of Object.keys(r.columns) as (keyof ReorderColumns)[]) {
        expect(Object.is(all[i].numbers[key], r.columns[key][i]), `${key} of row ${i}`).toBe(true);
      }
      expect(all[i].numbers.reviewDays).toBe(r.options.reviewDays);
      expect(all[i].reason).toBe(r.reasons[i]);
    }
  });

  it('the REORDER sentence is built from those numbers: position, reorder point and its parts, the order and its rounding', () => {
    const e = explainRow(run(), 0);
    const n = e.numbers;
    for (const figure of [n.position, n.onHand, n.onOrder, n.reorderPoint, n.demandProtection, n.safetyStock, n.sigmaProtection, n.orderUpTo, n.orderQuantity, n.moq, n.packSize]) {
      expect(e.sentence).toContain(formatUnits(figure));
    }
    expect(e.sentence).toContain(`= ${formatNumber(n.rawQuantity, 1)}`);
    expect(e.sentence).toContain(formatPercent(n.serviceLevel));
    expect(e.sentence).toContain(formatNumber(n.z, 2));
    expect(e.sentence).toContain(`${formatDays(n.protectionDays)} days`);
    expect(e.sentence).toContain(formatMoney(n.orderValue));
    expect(e.sentence).toMatch(/rounded up to MOQ 100 and packs of 12/);
    expect(e.flags).toEqual(expect.arrayContaining(['moq-applied', 'pack-rounded', 'lead-time-variability', 'sigma-from-backtest']));
  });

  it('CRITICAL names the days to stockout and the lead time; the expedite case orders nothing', () => {
    const r = run();
    const critical = explainRow(r, 1);
    expect(critical.sentence).toContain(`runs out in ${formatDays(critical.numbers.daysToStockout)} days`);
    expect(critical.sentence).toContain('lead time 10 days');
    const expedite = explainRow(r, 6);
    expect(expedite.sentence).toMatch(/No new order is needed: .* expedite the 900 units on order/);
    expect(expedite.numbers.orderQuantity).toBe(0);
  });

  it('OVERSTOCK names the cover, the limit and the excess value; data problems give their reason', () => {
    const r = run();
    const over = explainRow(r, 3);
    expect(over.sentence).toContain(`covers ${formatDays(over.numbers.coverDays)} days, beyond the 120-day limit`);
    expect(over.sentence).toContain(formatMoney(over.numbers.excessValue));
    expect(explainRow(r, 4).sentence).toBe(`STOCK_UNKNOWN: ${r.reasons[4]}.`);
    expect(explainRow(r, 5).sentence).toMatch(/^NO_FORECAST: no forecast for series "none"/);
  });

  it('negative stock and defaulted fields are named in the sentence', () => {
    const r = runReorder({ items: [item({ seriesId: 'n', onHand: -5, unitCost: NaN, moq: 0 })], forecasts: [flatForecast('n', 10)] });
    const e = explainRow(r, 0);
    expect(e.flags).toEqual(expect.arrayContaining(['negative-on-hand', 'unit-cost-missing', 'moq-defaulted']));
    expect(e.sentence).toContain('On hand is negative (-5 units): the snapshot is probably wrong, so count the stock.');
    expect(e.sentence).toContain('The unit cost is missing, so values are unknown.');
  });

  it('zero forecast and no stock: HEALTHY says why there is no order', () => {
    const r = runReorder({ items: [item({ seriesId: 'z', onHand: 0 })], forecasts: [flatForecast('z', 0)] });
    expect(explainRow(r, 0).sentence).toBe('HEALTHY: no demand is forecast and the position 0 units (on hand 0 + on order 0 − backorders 0) owes nothing. No order.');
  });

  it('formatting is locale-free', () => {
    expect(formatNumber(1234567.891, 2)).toBe('1,234,567.89');
    expect(formatNumber(-1234.5, 0)).toBe('-1,235');
    expect(formatNumber(-0.01, 1)).toBe('0');
    expect(formatUnits(99.95)).toBe('100');
    expect(formatUnits(12.34)).toBe('12.3');
    expect(formatMoney(999.5)).toBe('999.5');
    expect(formatPercent(0.975)).toBe('97.5%');
    expect(formatNumber(Infinity)).toBe('∞');
  });
});
