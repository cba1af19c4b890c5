import { expect } from 'vitest';
import { isoFromDay } from '../../../src/lib/core/dates';
import { MAX_UNITS } from '../../../src/lib/core/limits';
import { backtestTable, forecastTable } from '../../../src/lib/forecast/run/export';
import type { BacktestReport } from '../../../src/lib/forecast/run/backtest-dataset';
import type { DatasetForecast } from '../../../src/lib/forecast/run/forecast-dataset';
import { latestBySeries, openOrdersOf, openUnitsBySeries } from '../../../src/lib/reorder-run/order-lines';
import type { ShelfcastDB } from '../../../src/persistence/db';
import { listDatasets, listInventories, loadCalendar, loadDataset, loadSummary } from '../../../src/persistence/datasets';
import { listOrderLines } from '../../../src/persistence/orders';
import { getRecord, listRecords } from '../../../src/persistence/records';
import { listSimRuns, loadSimRun } from '../../../src/persistence/sim-runs';

/** A number as the views print it must read as a number of units, never "1e+308" or "NaN". */
function printable(x: number, what: string): void {
  expect(Number.isFinite(x) && Math.abs(x) <= MAX_UNITS, `${what}: ${x}`).toBe(true);
}

/**
 * Reads what every view reads from a workspace (Data, Explore, Forecast, Inventory, Orders) and computes what
 * they compute from it; throws (an assertion) where a view would throw, hang on "Loading…" or print nonsense.
 */
export async function openEveryView(db: ShelfcastDB): Promise<void> {
  const datasets = await listDatasets(db);
  const calendars = new Map<string, Awaited<ReturnType<typeof loadCalendar>>>();
  for (const meta of datasets) {
    const dataset = await loadDataset(db, meta.id);
    expect(dataset, `dataset ${meta.id} loads`).not.toBeNull();
    const summary = await loadSummary(db, meta.id);
    expect(summary?.stats.length, 'summary per series').toBe(dataset!.series.length);
    expect(meta.firstDay <= meta.lastDay, 'first ≤ last day').toBe(true);
    isoFromDay(meta.firstDay);
    printable(meta.rows, 'rows');
    const days = dataset!.calendar.days;
    for (let i = 1; i < days.length; i++) expect(days[i] > days[i - 1], 'calendar rises').toBe(true);
    for (const s of dataset!.series) expect(s.start + s.values.length <= days.length, 'series within calendar').toBe(true);
    calendars.set(meta.id, await loadCalendar(db, meta.id));
  }
  for (const snap of await listInventories(db)) {
    const lines = (await listOrderLines(db, snap.id, snap.datasetId)).map((r) => r.payload);
    for (const l of lines) printable(l.order.quantity, 'order quantity');
    for (const [, units] of openUnitsBySeries(lines)) printable(units, 'units on order');
    latestBySeries(lines);
    openOrdersOf(lines, snap.asOfDay ?? 0);
    const open = lines.filter((l) => l.state === 'approved').map((l) => l.order.seriesId);
    expect(new Set(open).size, 'one open order per item').toBe(open.length);
    for (const item of snap.items) printable(item.onHand, 'on hand');
  }
  for (const r of await listRecords(db, 'forecasts')) {
    const f = (await getRecord<DatasetForecast>(db, 'forecasts', r.id))!.payload;
    expect(datasets.some((d) => d.id === f.datasetId), 'forecast of a stored dataset').toBe(true);
    for (const row of forecastTable(f).slice(1)) for (const cell of row) if (typeof cell === 'number') printable(cell, 'forecast cell');
  }
  for (const r of await listRecords(db, 'backtests')) {
    const b = (await getRecord<BacktestReport>(db, 'backtests', r.id))!.payload;
    const calendar = calendars.get(b.datasetId);
    expect(calendar, 'backtest of a stored dataset').toBeTruthy();
    for (const row of backtestTable(b, calendar!).slice(1, 200)) for (const cell of row) if (typeof cell === 'number') printable(cell, 'backtest cell');
  }
  for (const run of await listSimRuns(db)) {
    const data = await loadSimRun(db, run.id);
    expect(data?.trace.demand.length).toBe(run.horizon);
  }
  await listRecords(db, 'models');
}
