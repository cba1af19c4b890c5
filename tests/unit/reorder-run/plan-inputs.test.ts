import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Progress } from '../../../src/lib/core/progress';
import { approveOrders, runReorder } from '../../../src/lib/reorder';
import { saveOrderLines } from '../../../src/persistence/orders';
import { backtestDataset, ENSEMBLE_ID, type BacktestReport } from '../../../src/lib/forecast/run/backtest-dataset';
import { forecastDataset, type DatasetForecast } from '../../../src/lib/forecast/run/forecast-dataset';
import { buildPlanInputs, createOrderLines, cumulativeErrorsBySeries, DEFAULT_PLANNER_OPTIONS, fromResultWire, fromPlanInputs, PLAN_INPUTS_FORMAT, toItemForecasts, toPlanInputs, toReorderOptions } from '../../../src/lib/reorder-run';
import { openWorkspaceDb, type ShelfcastDB } from '../../../src/persistence/db';
import { deleteDataset, saveDataset, saveInventory } from '../../../src/persistence/datasets';
import { planInputsId } from '../../../src/persistence/plan-inputs';
import { deleteRecord, putRecord } from '../../../src/persistence/records';
import { createReorderHandlers } from '../../../src/workers/reorder-service';
import { createForecastHandlers } from '../../../src/workers/forecast-service';
import { demoWorkspace } from './helpers';

// Issue #13: the reorder engine's inputs made once per (forecast, backtest, dataset) and stored as a few typed
// arrays must give exactly the item forecasts, and so the orders, of the per-run path they replace.
const daily = () => demoWorkspace().datasets[1];
let report: BacktestReport;
let fc: DatasetForecast;
beforeAll(async () => {
  // 23 origins: enough for cumulative errors (8 or more per window), so every field of the inputs is exercised.
  report = await backtestDataset(daily(), { modelIds: ['snaive', 'ses'], horizon: 14, firstOrigin: 402, step: 14, quantiles: [0.1, 0.5, 0.9], ensembleK: 2 });
  fc = await forecastDataset(daily(), report, { horizon: 32, createdAt: 3 });
});

/** The per-run path as the reorder worker took it before the plan inputs. */
function oldItemForecasts(forecast: DatasetForecast) {
  const ensemble = report.result.modelIds.indexOf(ENSEMBLE_ID);
  const errors = cumulativeErrorsBySeries(report.result, ensemble);
  const index = new Map(report.result.seriesIds.map((id, k) => [id, k]));
  return toItemForecasts(forecast, daily().series, { cumulativeErrors: (id) => errors[index.get(id) ?? -1] });
}

describe('plan inputs', () => {
  it('stored (structured clone) and unpacked, they are the item forecasts of the per-run path, field for field', () => {
    const broken = { ...fc, series: fc.series.map((s, i) => (i === 7 ? { ...s, days: new Int32Array(0) } : s)) };
    const old = oldItemForecasts(broken);
    const inputs = buildPlanInputs({ forecast: broken, series: daily().series, backtest: report.result });
    const back = fromPlanInputs(structuredClone(inputs));
    expect(old.skipped).toHaveLength(1);
    expect(back.skipped).toEqual(old.skipped);
    expect(back.forecasts).toHaveLength(old.forecasts.length);
    expect(old.forecasts.every((f) => f.cumulativeErrors && f.recentMean !== undefined && f.historyPeriods !== undefined && f.model)).toBe(true);
    back.forecasts.forEach((f, i) => expect(f, f.seriesId).toEqual(old.forecasts[i]));
    // A handful of typed arrays cross, not one per series and field.
    const arrays = Object.values(inputs).filter((v) => ArrayBuffer.isView(v)).length + Object.values(inputs.forecasts).filter((v) => ArrayBuffer.isView(v)).length;
    expect(arrays).toBeLessThan(12);
  });

  it('the engine proposes the same orders from them as from the per-run path', () => {
    const items = demoWorkspace().inventory.items;
    const options = toReorderOptions(DEFAULT_PLANNER_OPTIONS);
    const old = runReorder({ items, forecasts: oldItemForecasts(fc).forecasts, options });
    const stored = structuredClone(toPlanInputs(oldItemForecasts(fc)));
    const now = runReorder({ items, forecasts: fromPlanInputs(stored).forecasts, options });
    expect(now.columns).toEqual(old.columns);
    expect([now.status, now.flags, now.abc, now.xyz, now.reasons, now.summary]).toEqual([old.status, old.flags, old.abc, old.xyz, old.reasons, old.summary]);
    expect(old.summary.totalOrderUnits).toBeGreaterThan(0);
  });

  it('a record of another format or a malformed one is refused with a reason (the worker makes it again)', () => {
    const inputs = toPlanInputs(oldItemForecasts(fc));
    expect(() => fromPlanInputs({ ...inputs, format: PLAN_INPUTS_FORMAT + 1 })).toThrow(/invalid plan inputs/);
    expect(() => fromPlanInputs({ ...inputs, seriesIds: inputs.seriesIds.slice(1) })).toThrow(/invalid forecast labels/);
    expect(() => fromPlanInputs({ ...inputs, forecasts: { ...inputs.forecasts, values: new Float64Array(3) } })).toThrow(/invalid packed forecast offset/);
  });
});

let n = 0;
const ctx = () => ({ signal: new AbortController().signal, onProgress: (_: Progress) => undefined });
const options = toReorderOptions(DEFAULT_PLANNER_OPTIONS);
async function workspace(): Promise<ShelfcastDB> {
  const db = await openWorkspaceDb(`plan-inputs-${++n}`);
  await saveDataset(db, daily(), { inventory: demoWorkspace().inventory });
  await putRecord(db, 'backtests', { id: 'b1', datasetId: daily().meta.id, name: 'backtest', kind: 'backtest', createdAt: 2, updatedAt: 2, payload: report });
  await putRecord(db, 'forecasts', { id: 'f1', datasetId: daily().meta.id, name: 'forecast', kind: 'forecast', createdAt: 3, updatedAt: 3, payload: fc });
  return db;
}
const key = () => planInputsId('f1', 'b1', daily().meta.id);

describe('the reorder worker with stored plan inputs', () => {
  it('the first run makes and stores them; a new worker reads them; every path proposes the same orders', async () => {
    const db = await workspace();
    const run = { inventoryId: 'demo-inventory', forecastId: 'f1', options };
    const unsaved = await createReorderHandlers(async () => db, { saveInputs: false }).run(run, ctx());
    expect(await db.count('planInputs')).toBe(0);
    const made = await createReorderHandlers(async () => db).run(run, ctx());
    expect(await db.getKey('planInputs', key())).toBe(key());
    const reader = createReorderHandlers(async () => db);
    expect(await reader.prepare({ datasetId: daily().meta.id, forecastId: 'f1' }, ctx())).toMatchObject({ source: 'stored' });
    expect(await reader.prepare({ datasetId: daily().meta.id, forecastId: 'f1' }, ctx())).toMatchObject({ source: 'memory' });
    const stored = await reader.run(run, ctx());
    for (const out of [made, stored]) {
      expect(out.result.columns).toEqual(unsaved.result.columns);
      expect([out.result.status, out.result.flags, out.result.reasonRows, out.result.reasonTexts, out.skippedForecasts]).toEqual([unsaved.result.status, unsaved.result.flags, unsaved.result.reasonRows, unsaved.result.reasonTexts, unsaved.skippedForecasts]);
    }
    expect(await reader.insights({ runId: stored.runId }, ctx())).not.toBeNull();
    expect(Array.from(unsaved.result.columns.orderQuantity).some((q) => q > 0)).toBe(true);
  });

  it('prepare with onlyStored (the app opening) reads stored inputs but never makes them', async () => {
    const db = await workspace();
    const prep = { datasetId: daily().meta.id, forecastId: 'f1', onlyStored: true };
    const h = createReorderHandlers(async () => db);
    expect(await h.prepare(prep, ctx())).toMatchObject({ source: null });
    expect(await db.count('planInputs')).toBe(0);
    expect((await h.run({ inventoryId: 'demo-inventory', forecastId: 'f1', options }, ctx())).inputsFrom).toBe('made');
    expect(await createReorderHandlers(async () => db).prepare(prep, ctx())).toMatchObject({ source: 'stored' });
  });

  it('a damaged record is made again; a newer backtest makes another; deleting the backtest, the forecast or the dataset deletes theirs', async () => {
    const db = await workspace();
    const h = () => createReorderHandlers(async () => db);
    await h().prepare({ datasetId: daily().meta.id, forecastId: 'f1' }, ctx());
    const record = await db.get('planInputs', key());
    await db.put('planInputs', { ...record!, payload: { ...(record!.payload as object), inputs: { format: -1 } } });
    expect(await h().prepare({ datasetId: daily().meta.id, forecastId: 'f1' }, ctx())).toMatchObject({ source: 'made' });
    expect(await h().prepare({ datasetId: daily().meta.id, forecastId: 'f1' }, ctx())).toMatchObject({ source: 'stored' });

    await putRecord(db, 'backtests', { id: 'b2', datasetId: daily().meta.id, name: 'newer', kind: 'backtest', createdAt: 4, updatedAt: 4, payload: report });
    expect(await h().prepare({ datasetId: daily().meta.id, forecastId: 'f1' }, ctx())).toMatchObject({ source: 'made' });
    expect((await db.getAllKeys('planInputs')).sort()).toEqual([key(), planInputsId('f1', 'b2', daily().meta.id)].sort());
    await deleteRecord(db, 'backtests', 'b2');
    expect(await db.getAllKeys('planInputs')).toEqual([key()]);
    await deleteRecord(db, 'forecasts', 'f1');
    expect(await db.count('planInputs')).toBe(0);
    await expect(h().prepare({ datasetId: daily().meta.id, forecastId: 'f1' }, ctx())).rejects.toThrow(/no longer in the workspace/);

    const again = await workspace();
    await createReorderHandlers(async () => again).prepare({ datasetId: daily().meta.id, forecastId: 'f1' }, ctx());
    expect(await again.count('planInputs')).toBe(1);
    await deleteDataset(again, daily().meta.id);
    expect(await again.count('planInputs')).toBe(0);
  });

  it('the forecast worker makes them when it saves a forecast, so the Orders tab reads them; the orders are the same', async () => {
    const db = await workspace();
    const made = await createForecastHandlers(async () => db, null).forecast({ backtestId: 'b1', horizon: 32 }, ctx());
    const id = planInputsId(made.id, 'b1', daily().meta.id);
    expect(await db.getKey('planInputs', id)).toBe(id);
    const reader = createReorderHandlers(async () => db);
    expect(await reader.prepare({ datasetId: daily().meta.id, forecastId: made.id }, ctx())).toMatchObject({ source: 'stored' });
    const run = { inventoryId: 'demo-inventory', forecastId: made.id, options };
    const stored = await reader.run(run, ctx());
    const unsaved = await createReorderHandlers(async () => db, { saveInputs: false }).run({ ...run, forecastId: 'f1' }, ctx());
    expect(stored.result.columns).toEqual(unsaved.result.columns);
    // Made from an older backtest than the dataset's latest, none are saved (a run would not use them).
    await putRecord(db, 'backtests', { id: 'b2', datasetId: daily().meta.id, name: 'newer', kind: 'backtest', createdAt: 4, updatedAt: 4, payload: report });
    const older = await createForecastHandlers(async () => db, null).forecast({ backtestId: 'b1', horizon: 32 }, ctx());
    expect(await db.getAllKeys('planInputs')).not.toContain(planInputsId(older.id, 'b1', daily().meta.id));
  });

  it('a kept snapshot is planned until a change to the snapshots is announced; then it is read again', async () => {
    const db = await workspace();
    const h = createReorderHandlers(async () => db, { cacheSnapshots: true });
    const run = { inventoryId: 'demo-inventory', forecastId: 'f1', options };
    await h.prepare({ datasetId: daily().meta.id, forecastId: 'f1', inventoryId: 'demo-inventory' }, ctx());
    const before = await h.run(run, ctx());
    const snap = (await db.get('inventories', 'demo-inventory'))!;
    const changed = { ...snap, items: snap.items.map((it, i) => (i === 0 ? { ...it, onHand: it.onHand + 1000 } : it)) };
    await db.put('inventories', changed);
    expect((await h.run(run, ctx())).result.columns.onHand[0]).toBe(before.result.columns.onHand[0]);
    await saveInventory(db, changed);
    await new Promise((r) => setTimeout(r, 50));
    expect((await h.run(run, ctx())).result.columns.onHand[0]).toBe(before.result.columns.onHand[0] + 1000);
  });

  it('a plan made ahead is the run of the same inputs and settings, taken once; other settings or order lines plan anew', async () => {
    const db = await workspace();
    const h = createReorderHandlers(async () => db, { cacheSnapshots: true });
    const run = { inventoryId: 'demo-inventory', forecastId: 'f1', options };
    const reference = await createReorderHandlers(async () => db).run(run, ctx());
    const prep = { datasetId: daily().meta.id, forecastId: 'f1', inventoryId: 'demo-inventory', options };
    await h.prepare(prep, ctx());
    const first = await h.run(run, ctx());
    expect(first.plannedAhead).toBe(true);
    expect(first.result.columns).toEqual(reference.result.columns);
    expect([first.result.status, first.result.reasonTexts, first.urgency]).toEqual([reference.result.status, reference.result.reasonTexts, reference.urgency]);
    expect((await h.run(run, ctx())).plannedAhead).toBe(false);
    await h.prepare(prep, ctx());
    expect((await h.run({ ...run, options: { ...options, reviewDays: 14 } }, ctx())).plannedAhead).toBe(false);
    await h.prepare(prep, ctx());
    const items = demoWorkspace().inventory.items;
    const row = Array.from(reference.result.columns.orderQuantity).findIndex((q) => q > 0);
    const approved = approveOrders(fromResultWire(reference.result, items.map((it) => it.seriesId)), items, { rows: [row], approvedAt: 5 });
    await saveOrderLines(db, daily().meta.id, createOrderLines(approved, 'demo-inventory', 'approved', 5), 5);
    const after = await h.run(run, ctx());
    expect([after.plannedAhead, after.openOrders]).toEqual([false, 1]);
  });

  it('a large record is saved in parts and read back whole', async () => {
    const db = await workspace();
    const { putPlanInputs, getPlanInputs } = await import('../../../src/persistence/plan-inputs');
    const inputs = toPlanInputs(oldItemForecasts(fc));
    expect(await putPlanInputs(db, 'k', { datasetId: daily().meta.id, forecastId: 'f1', backtestId: 'b1' }, inputs, 1_000)).toBe(true);
    expect(await db.count('planInputs')).toBeGreaterThan(2);
    expect(await getPlanInputs(db, 'k')).toEqual(inputs);
    expect(await putPlanInputs(db, 'gone', { datasetId: null, forecastId: 'nope', backtestId: '' }, inputs)).toBe(false);
    await deleteRecord(db, 'forecasts', 'f1');
    expect(await db.count('planInputs')).toBe(0);
  });

  it('a workspace of version 3 opens in version 4 with its records and an empty plan-inputs store', async () => {
    const name = `plan-inputs-upgrade-${++n}`;
    const v3 = await openWorkspaceDb(name, 3);
    await v3.put('forecasts', { id: 'f', datasetId: 'd', name: 'old', kind: 'forecast', createdAt: 1, updatedAt: 1, payload: { x: 1 } });
    v3.close();
    const v4 = await openWorkspaceDb(name);
    expect(v4.objectStoreNames.contains('planInputs')).toBe(true);
    expect(await v4.count('planInputs')).toBe(0);
    expect((await v4.get('forecasts', 'f'))?.name).toBe('old');
  });
});
