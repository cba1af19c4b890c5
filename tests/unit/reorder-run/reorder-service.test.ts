import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Progress } from '../../../src/lib/core/progress';
import { approveOrders, FLAG, STATUS } from '../../../src/lib/reorder';
import { backtestDataset } from '../../../src/lib/forecast/run/backtest-dataset';
import { forecastDataset } from '../../../src/lib/forecast/run/forecast-dataset';
import { createOrderLines, fromResultWire, toReorderOptions, DEFAULT_PLANNER_OPTIONS } from '../../../src/lib/reorder-run';
import { openWorkspaceDb } from '../../../src/persistence/db';
import { saveDataset } from '../../../src/persistence/datasets';
import { listOrderLines, saveOrderLines, setOrderLineState } from '../../../src/persistence/orders';
import { putRecord } from '../../../src/persistence/records';
import { createReorderHandlers } from '../../../src/workers/reorder-service';
import { demoDailyForecast, demoWorkspace } from './helpers';

// The handlers the reorder worker serves (reorder.worker.ts is serveWorker around them), on a fake IndexedDB
// holding the demo workspace; e2e runs them through the real worker.
let n = 0;
async function demoDb() {
  const db = await openWorkspaceDb(`reorder-test-${++n}`);
  const demo = demoWorkspace();
  await saveDataset(db, demo.datasets[0]);
  await saveDataset(db, demo.datasets[1], { inventory: demo.inventory });
  return db;
}
const ctx = (progress: Progress[] = [], signal = new AbortController().signal) => ({ signal, onProgress: (p: Progress) => progress.push(p) });
const options = toReorderOptions(DEFAULT_PLANNER_OPTIONS);

describe('reorder service', () => {
  it('without a forecast every item is NO_FORECAST with its reason; a snapshot that is gone is named', async () => {
    const db = await demoDb();
    const h = createReorderHandlers(async () => db);
    const out = await h.run({ inventoryId: 'demo-inventory', forecastId: null, options }, ctx());
    expect(out.result.count).toBe(100);
    expect(out.result.summary.statusCounts[STATUS.NO_FORECAST]).toBe(100);
    // Reasons travel for the rows that have one; series ids and items stay with the page (result-wire.ts).
    expect(out.result.reasonRows[0]).toBe(0);
    expect(out.result.reasonTexts[0]).toMatch(/no forecast/);
    expect(out).not.toHaveProperty('items');
    expect(out.workers).toBe(0);
    expect(out.storeColumn).toBe('Store');
    await expect(h.run({ inventoryId: 'nope', forecastId: null, options }, ctx())).rejects.toThrow(/no longer in the workspace/);
    await expect(h.run({ inventoryId: 'demo-inventory', forecastId: null, options: { ...options, reviewDays: -1 } }, ctx())).rejects.toThrow(/invalid reviewDays: -1/);
  });

  it('plans the demo with its forecast, then counts approved lines as on order and drops received ones', async () => {
    const db = await demoDb();
    const fc = await demoDailyForecast();
    await putRecord(db, 'forecasts', { id: 'f1', datasetId: fc.datasetId, name: 'demo forecast', kind: 'forecast', createdAt: 1, updatedAt: 1, payload: fc });
    const h = createReorderHandlers(async () => db);
    const progress: Progress[] = [];
    const first = await h.run({ inventoryId: 'demo-inventory', forecastId: 'f1', options }, ctx(progress));
    expect(progress.at(-1)).toMatchObject({ phase: 'reordering', done: 200, total: 200 });
    expect(first.openOrders).toBe(0);
    // The summary comes in a second call, for the latest run only.
    expect((await h.insights({ runId: first.runId }, ctx()))?.map((s) => s.id)).toContain('risk');
    const ordering = Array.from({ length: 100 }, (_, i) => i).filter((i) => first.result.columns.orderQuantity[i] > 0);
    expect(ordering.length).toBeGreaterThan(10);

    // Approve three lines (one with an edited quantity) in one batch, reject one.
    const rows = ordering.slice(0, 3);
    const items = demoWorkspace().inventory.items;
    const firstResult = fromResultWire(first.result, items.map((it) => it.seriesId));
    const approved = approveOrders(firstResult, items, { rows, quantities: new Map([[rows[0], 999]]), approvedAt: 5 });
    const saved = await saveOrderLines(db, 'demo-daily-items', createOrderLines(approved, 'demo-inventory', 'approved', 5), 5);
    const rejected = approveOrders(firstResult, items, { rows: [ordering[3]], approvedAt: 6 });
    await saveOrderLines(db, 'demo-daily-items', createOrderLines(rejected, 'demo-inventory', 'rejected', 6), 6);
    expect((await listOrderLines(db, 'demo-inventory', 'demo-daily-items')).map((r) => r.payload.state).sort()).toEqual(['approved', 'approved', 'approved', 'rejected']);

    const second = await h.run({ inventoryId: 'demo-inventory', forecastId: 'f1', options }, ctx());
    expect(await h.insights({ runId: first.runId }, ctx())).toBeNull();
    expect(second.openOrders).toBe(3);
    expect(second.result.columns.openOrderUnits[rows[0]]).toBe(999);
    for (const i of rows.slice(1)) expect(second.result.columns.openOrderUnits[i]).toBe(first.result.columns.orderQuantity[i]);
    expect(second.result.columns.openOrderUnits[ordering[3]]).toBe(0);
    const toOrder = (o: typeof first) => Array.from(o.result.columns.orderQuantity).filter((q) => q > 0).length;
    expect(toOrder(second)).toBeLessThan(toOrder(first));

    await setOrderLineState(db, [saved[0].id], 'received', 7);
    const third = await h.run({ inventoryId: 'demo-inventory', forecastId: 'f1', options }, ctx());
    expect(third.openOrders).toBe(2);
  });

  it('overview, store view and a small closed loop of the demo dataset', async () => {
    const db = await demoDb();
    const fc = await demoDailyForecast();
    await putRecord(db, 'forecasts', { id: 'f1', datasetId: fc.datasetId, name: 'demo forecast', kind: 'forecast', createdAt: 1, updatedAt: 1, payload: fc });
    const h = createReorderHandlers(async () => db);
    const o = await h.overview({ datasetId: 'demo-daily-items', storeColumn: 'Store' }, ctx());
    expect(o.days).toHaveLength(731);
    expect(o.stores.map((s) => s.group)).toEqual(['S01', 'S02', 'S03', 'S04', 'S05']);
    expect(o.accuracy).toBeNull();
    expect(Number.isFinite(o.holidayUplift)).toBe(true);
    const s = await h.storeView({ datasetId: 'demo-daily-items', forecastId: 'f1', storeColumn: 'Store', store: 'S02' }, ctx());
    expect(s.series).toBe(20);
    expect(s.forecast).toMatchObject({ series: 20, missing: 0 });
    expect(s.forecast!.point).toHaveLength(32);
    const loop = await h.closedLoop({ datasetId: 'demo-daily-items', inventoryId: 'demo-inventory', settings: { maxSeries: 5, heldOutPeriods: 28 } }, ctx());
    expect(loop.series).toBe(5);
    expect(loop.skipped).toBe(95);
    expect(loop.rows).toHaveLength(4);
  });

  it('with a backtest saved: the closed loop replays its models, the run reads safety stock from its cumulative errors', async () => {
    const db = await demoDb();
    const daily = demoWorkspace().datasets[1];
    const report = await backtestDataset(daily, { modelIds: ['snaive', 'ses'], horizon: 14, firstOrigin: 402, step: 14, quantiles: [0.1, 0.5, 0.9], ensembleK: 2 });
    await putRecord(db, 'backtests', { id: 'b1', datasetId: daily.meta.id, name: 'quick backtest', kind: 'backtest', createdAt: 2, updatedAt: 2, payload: report });
    const fc = await forecastDataset(daily, report, { horizon: 32, createdAt: 3 });
    await putRecord(db, 'forecasts', { id: 'f1', datasetId: fc.datasetId, name: 'ensemble forecast', kind: 'forecast', createdAt: 3, updatedAt: 3, payload: fc });
    const h = createReorderHandlers(async () => db);
    const settings = { maxSeries: 5 };
    const loop = await h.closedLoop({ datasetId: 'demo-daily-items', inventoryId: 'demo-inventory', settings }, ctx());
    expect(loop.source).toBe('backtest');
    expect(loop.rows.filter((r) => r.modelId).map((r) => r.modelId)).toEqual(report.result.modelIds);
    expect(loop.assumptions).toMatch(/quick backtest/);
    const naive = await h.closedLoop({ datasetId: 'demo-daily-items', inventoryId: 'demo-inventory', settings, source: 'seasonal-naive' }, ctx());
    expect(naive.source).toBe('seasonal-naive');
    expect(naive.rows).toHaveLength(4);
    const out = await h.run({ inventoryId: 'demo-inventory', forecastId: 'f1', options }, ctx());
    const planned = Array.from({ length: out.result.count }, (_, i) => i).filter((i) => out.result.status[i] <= STATUS.OVERSTOCK);
    expect(planned.length).toBeGreaterThan(50);
    for (const i of planned) expect(out.result.flags[i] & FLAG['cumulative-errors'], String(i)).toBeTruthy();
  });
});
