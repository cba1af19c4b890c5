import { describe, expect, it } from 'vitest';
import { runDatasetClosedLoop, type DatasetClosedLoop } from '../../../src/lib/reorder-run';
import { hasSharedData, importBlob, sharedBlob, SKIP_MESSAGE } from '../csv/helpers';
import { demoWorkspace } from './helpers';

const signal = new AbortController().signal;

/** The closed-loop rows as printed in the project's closing note. */
function table(r: DatasetClosedLoop) {
  return r.rows.map((row) => ({
    policy: row.label,
    'total cost': Math.round(row.totalCost),
    holding: Math.round(row.holdingCost),
    shortage: Math.round(row.shortageCost),
    ordering: Math.round(row.orderingCost),
    'fill rate': `${(100 * row.fillRate).toFixed(1)}%`,
    'avg stock (units)': Math.round(row.averageStock),
    'avg stock value': Math.round(row.averageStockValue),
    orders: row.orders,
  }));
}

function expectConsistent(r: DatasetClosedLoop) {
  for (const row of r.rows) {
    expect(row.demand).toBeCloseTo(r.rows[0].demand, 6);
    expect(row.fillRate).toBeGreaterThanOrEqual(0);
    expect(row.fillRate).toBeLessThanOrEqual(1);
    expect(row.totalCost).toBeCloseTo(row.holdingCost + row.shortageCost + row.orderingCost, 6);
  }
}

describe('runDatasetClosedLoop', () => {
  it('demo daily items (seed 20240101): 100 series × the last 56 days, snapshot lead times and costs, weekly review', async () => {
    const demo = demoWorkspace();
    const t0 = Date.now();
    const r = await runDatasetClosedLoop(demo.datasets[1], demo.inventory, { reviewDays: 7 }, { signal });
    console.log(`demo closed loop: ${r.assumptions} (${Date.now() - t0} ms)`);
    console.table(table(r));
    expect(r.series).toBe(100);
    expect(r.periods).toBe(56);
    expect(r.reviewPeriods).toBe(7);
    expect(r.rows.map((x) => x.kind)).toEqual(['forecast', 'fixed-cover', 'order-what-sold', 'reference']);
    expectConsistent(r);
    const [engine, , sold, perfect] = r.rows;
    // The forecast engine must beat reordering what sold, the rule it replaces; a perfect forecast does at least as well on fill rate.
    expect(engine.totalCost).toBeLessThan(sold.totalCost);
    expect(perfect.fillRate).toBeGreaterThan(0.95);
  });

  it('rejects with an AbortError when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(runDatasetClosedLoop(demoWorkspace().datasets[1], null, {}, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('names a bad setting: heldOutPeriods beyond the history', async () => {
    await expect(runDatasetClosedLoop(demoWorkspace().datasets[0], null, { heldOutPeriods: 1000 }, { signal })).rejects.toThrow(/invalid heldOutPeriods: 1000/);
  });
});

describe.skipIf(!hasSharedData)(`closed loop on Walmart_Store_sales.csv (${hasSharedData ? 'data present' : SKIP_MESSAGE})`, () => {
  it('45 stores × the last 52 weeks, 14-day lead time, weekly review, service at the cost critical ratio, dollars of sales as units', async () => {
    const imported = await importBlob(sharedBlob('walmart-store-sales/Walmart_Store_sales.csv'), 'sales');
    if (imported.kind !== 'ok' || !imported.dataset) throw new Error(`Walmart import: ${imported.kind}`);
    const t0 = Date.now();
    const r = await runDatasetClosedLoop(imported.dataset, null, { reviewDays: 7 }, { signal });
    console.log(`Walmart closed loop: ${r.assumptions} (${Date.now() - t0} ms)`);
    console.table(table(r));
    expect(r.series).toBe(45);
    expect(r.periods).toBe(52);
    expectConsistent(r);
    expect(r.rows[0].totalCost).toBeLessThan(r.rows[2].totalCost);
  });
});
