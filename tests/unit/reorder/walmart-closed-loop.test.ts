import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dayFromYmd } from '../../../src/lib/core/dates';
import { runClosedLoopSync, type ClosedLoopItem, type ClosedLoopOptions, type ClosedLoopRow } from '../../../src/lib/reorder/closed-loop';
import { formatTable, perfectAt, seasonalNaiveAt } from './seasonal-naive';

const FILE = resolve(import.meta.dirname, '../../../../shared/data/walmart-store-sales/Walmart_Store_sales.csv');

/** Weekly sales per store from the 8-column file (Store, Date DD-MM-YYYY, Weekly_Sales, Holiday_Flag, ...). */
function readStores(): { day0: number; stores: Map<string, Float64Array> } {
  const lines = readFileSync(FILE, 'utf8').trim().split(/\r?\n/);
  const header = lines[0].split(',');
  expect(header).toEqual(['Store', 'Date', 'Weekly_Sales', 'Holiday_Flag', 'Temperature', 'Fuel_Price', 'CPI', 'Unemployment']);
  const rows = lines.slice(1).map((line) => {
    const [store, date, sales] = line.split(',');
    const [d, m, y] = date.split('-').map(Number);
    return { store, day: dayFromYmd(y, m, d), sales: Number(sales) };
  });
  const day0 = Math.min(...rows.map((r) => r.day));
  const weeks = (Math.max(...rows.map((r) => r.day)) - day0) / 7 + 1;
  const stores = new Map<string, Float64Array>();
  for (const r of rows) {
    let y = stores.get(r.store);
    if (!y) stores.set(r.store, (y = new Float64Array(weeks).fill(NaN)));
    // Units: thousands of dollars of sales.
    y[(r.day - day0) / 7] = r.sales / 1000;
  }
  return { day0, stores };
}

describe.skipIf(!existsSync(FILE))(`closed loop on Walmart_Store_sales.csv (skipped: needs ${FILE})`, () => {
  it('replays the last 52 weeks of 45 stores through the engine and the naive rules', () => {
    const { day0, stores } = readStores();
    expect(stores.size).toBe(45);
    const weeks = stores.get('1')!.length;
    expect(weeks).toBe(143);
    const start = weeks - 52;
    const L = 2;
    const base = (id: string, y: Float64Array) => {
      let recent = 0;
      for (let t = start - 52; t < start; t++) recent += y[t] / 52;
      // Synthetic stock position: three weeks of last year's average sales on hand, nothing on order.
      return { seriesId: id, demand: y, start, initialOnHand: 3 * recent, leadTimePeriods: L, serviceLevel: 0.98 };
    };
    const week = { periodDays: 7, day0 };
    const items = (forecast: (y: Float64Array) => ClosedLoopItem['forecastAt']): ClosedLoopItem[] =>
      [...stores].map(([id, y]) => ({ ...base(id, y), forecastAt: forecast(y) }));
    // Money per unit (k$ of sales): holding 25 %/year of a 75 % cost; a lost sale loses the 25 % margin; $50 per order.
    const options: ClosedLoopOptions = { ...week, holdingCost: (750 * 0.25) / 52, shortageCost: 250, orderCost: 50, unmet: 'lost' };
    const quantiles = runClosedLoopSync(items((y) => seasonalNaiveAt(y, { season: 52, horizon: 8, ...week })), options).rows;
    const sigma = runClosedLoopSync(items((y) => seasonalNaiveAt(y, { season: 52, horizon: 8, ...week, sigma: true })), { ...options, policies: ['forecast'] }).rows;
    const oracle = runClosedLoopSync(items((y) => perfectAt(y, { horizon: 8, ...week })), { ...options, policies: ['forecast'] }).rows;
    const table: ClosedLoopRow[] = [
      { ...quantiles[0], label: 'engine, snaive + empirical error quantiles' },
      { ...sigma[0], label: 'engine, snaive + backtest σ (RMSE)' },
      quantiles[1],
      quantiles[2],
      { ...oracle[0], label: 'engine, perfect forecast (reference)' },
    ];
    console.log(
      `Walmart_Store_sales.csv: 45 stores × 52 weeks (${new Date((day0 + 7 * start) * 864e5).toISOString().slice(0, 10)} on), ` +
        `units = k$ of sales, L = 2 weeks, R = 1 week, 98 % cycle service, lost sales; h = ${options.holdingCost.toFixed(2)}/unit-week, p = 250/unit, K = 50/order\n${formatTable(table)}`,
    );
    for (const r of table) {
      expect(r.fillRate).toBeGreaterThan(0.5);
      expect(r.fillRate).toBeLessThanOrEqual(1);
      expect(r.demand).toBeCloseTo(table[0].demand, 6);
    }
    // The forecast-driven engine must beat replenishing what sold, the rule it is meant to replace.
    expect(table[0].totalCost).toBeLessThan(quantiles[2].totalCost);
    expect(table[4].fillRate).toBeGreaterThan(0.99);
  });
});
