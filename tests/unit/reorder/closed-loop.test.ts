import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/lib/core/rng';
import { isAbortError } from '../../../src/lib/core/abort';
import { runClosedLoop, runClosedLoopSync, type ClosedLoopItem, type ClosedLoopOptions } from '../../../src/lib/reorder/closed-loop';
import { formatTable, perfectAt, seasonalNaiveAt } from './seasonal-naive';

const WEEK = { periodDays: 7, day0: 14000 };

/** Three years of weekly demand with a strong yearly season (30 … 170 units), optionally with noise. */
function seasonal(noise = 0, seed = 1): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length: 156 }, (_, t) => Math.max(0, Math.round(100 + 70 * Math.sin((2 * Math.PI * t) / 52) + noise * rng.normal())));
}

const costs: Pick<ClosedLoopOptions, 'holdingCost' | 'shortageCost' | 'orderCost'> = { holdingCost: 1, shortageCost: 10, orderCost: 20 };

describe('closed-loop backtest', () => {
  it('seasonal case: a perfect forecast fills at least as much as both naive rules, at a lower cost', () => {
    const y = seasonal();
    const item: ClosedLoopItem = {
      seriesId: 's',
      demand: y,
      start: 104,
      forecastAt: perfectAt(y, { horizon: 8, ...WEEK }),
      initialOnHand: y[104] + y[105] + y[106],
      leadTimePeriods: 2,
    };
    for (const unmet of ['backorder', 'lost'] as const) {
      const { rows } = runClosedLoopSync([item], { ...WEEK, ...costs, unmet });
      const [fc, fixed, sold] = rows;
      expect(fc.policy).toBe('forecast');
      expect(fc.fillRate).toBe(1);
      expect(fc.fillRate).toBeGreaterThanOrEqual(fixed.fillRate);
      expect(fc.fillRate).toBeGreaterThanOrEqual(sold.fillRate);
      expect(fc.totalCost).toBeLessThan(fixed.totalCost);
      expect(fc.totalCost).toBeLessThan(sold.totalCost);
      expect(fixed.fillRate).toBeLessThan(1);
    }
  });

  it('seasonal naive with empirical error quantiles beats both rules on cost in a noisy seasonal case', () => {
    const y = seasonal(10, 7);
    const item: ClosedLoopItem = {
      seriesId: 's',
      demand: y,
      start: 104,
      forecastAt: seasonalNaiveAt(y, { season: 52, horizon: 8, ...WEEK }),
      initialOnHand: 300,
      leadTimePeriods: 2,
      serviceLevel: 0.9,
    };
    const { rows, periods } = runClosedLoopSync([item], { ...WEEK, ...costs, unmet: 'lost' });
    console.log(`noisy seasonal, ${periods} weeks, L = 2, R = 1, lost sales, h = 1, p = 10, K = 20\n${formatTable(rows)}`);
    expect(periods).toBe(52);
    for (const r of rows) {
      expect(r.fillRate).toBeGreaterThanOrEqual(0);
      expect(r.fillRate).toBeLessThanOrEqual(1);
      expect(r.totalCost).toBeCloseTo(r.holdingCost + r.shortageCost + r.orderingCost, 9);
    }
    expect(rows[0].totalCost).toBeLessThan(rows[1].totalCost);
    expect(rows[0].totalCost).toBeLessThan(rows[2].totalCost);
  });

  it('lead times are honoured: from empty, the first order arrives after L periods', () => {
    const y = new Float64Array(40).fill(10);
    const item: ClosedLoopItem = { seriesId: 's', demand: y, start: 10, forecastAt: perfectAt(y, { horizon: 8, ...WEEK }), initialOnHand: 0, leadTimePeriods: 3 };
    const [fc] = runClosedLoopSync([item], { ...WEEK, ...costs, unmet: 'lost', policies: ['forecast'] }).rows;
    expect(fc.stockoutPeriods).toBe(3);
    expect(fc.fillRate).toBeCloseTo(27 / 30, 12);
    const [back] = runClosedLoopSync([item], { ...WEEK, ...costs, policies: ['forecast'] }).rows;
    // backorders: 10, 20, 30 owed at the end of the first three periods, then cleared by the first arrival
    expect(back.shortageCost).toBe(10 * (10 + 20 + 30));
  });

  it('order-what-sold with backorders reorders each period what was demanded the period before', () => {
    const y = seasonal(5, 3);
    const item: ClosedLoopItem = { seriesId: 's', demand: y, start: 60, forecastAt: () => undefined, initialOnHand: 500, leadTimePeriods: 1 };
    const [sold] = runClosedLoopSync([item], { ...WEEK, ...costs, policies: ['order-what-sold'], periods: 20 }).rows;
    let expected = 0;
    for (let t = 60; t < 79; t++) expected += y[t];
    expect(sold.unitsOrdered).toBe(expected);
    const [none] = runClosedLoopSync([item], { ...WEEK, ...costs, policies: ['forecast'], periods: 20 }).rows;
    expect(none.orders).toBe(0);
  });

  it('MOQ and packs apply to every policy; review periods space the orders', () => {
    const y = seasonal();
    const item: ClosedLoopItem = { seriesId: 's', demand: y, start: 104, forecastAt: perfectAt(y, { horizon: 8, ...WEEK }), initialOnHand: 300, leadTimePeriods: 1, moq: 120, packSize: 40 };
    const { perItem } = runClosedLoopSync([item], { ...WEEK, ...costs, reviewPeriods: 2 });
    for (const r of perItem[0]) {
      expect(r.orders).toBeLessThanOrEqual(26);
      if (r.orders > 0) expect(r.unitsOrdered % 40).toBe(0);
      expect(r.unitsOrdered).toBeGreaterThanOrEqual(120 * r.orders);
    }
  });

  it('sums over items and matches the async run; cancel rejects with an AbortError', async () => {
    const items: ClosedLoopItem[] = [1, 2, 3].map((seed) => {
      const y = seasonal(8, seed);
      return { seriesId: `s${seed}`, demand: y, start: 104, forecastAt: seasonalNaiveAt(y, { season: 52, horizon: 6, ...WEEK, sigma: true }), initialOnHand: 300, leadTimePeriods: 2 };
    });
    const sync = runClosedLoopSync(items, { ...WEEK, ...costs });
    const total = sync.perItem.reduce((s, rows) => s + rows[0].totalCost, 0);
    expect(sync.rows[0].totalCost).toBeCloseTo(total, 9);
    const asyncResult = await runClosedLoop(items, { ...WEEK, ...costs }, { signal: new AbortController().signal });
    expect(asyncResult.rows).toEqual(sync.rows);
    const ac = new AbortController();
    await expect(runClosedLoop(items, { ...WEEK, ...costs }, { signal: ac.signal, onProgress: () => ac.abort() })).rejects.toSatisfy(isAbortError);
  });

  it('bad options throw naming the value', () => {
    const y = seasonal();
    const item: ClosedLoopItem = { seriesId: 's', demand: y, start: 104, forecastAt: () => undefined, initialOnHand: 0, leadTimePeriods: 1 };
    expect(() => runClosedLoopSync([item], { ...WEEK, ...costs, reviewPeriods: 0 })).toThrow(/invalid reviewPeriods: 0/);
    expect(() => runClosedLoopSync([item], { ...WEEK, ...costs, periods: 53 })).toThrow(/invalid periods: 53/);
    expect(() => runClosedLoopSync([{ ...item, leadTimePeriods: 1.5 }], { ...WEEK, ...costs })).toThrow(/invalid items\[0\].leadTimePeriods: 1.5/);
    expect(() => runClosedLoopSync([item], { ...WEEK, ...costs, unmet: 'x' as 'lost' })).toThrow(/invalid unmet: "x"/);
  });
});
