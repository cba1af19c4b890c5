/**
 * The reorder worker's steps: load the snapshot, the item forecasts of its dataset's forecast and the open orders
 * from the workspace, call lib/reorder and lib/reorder-run, return the result. The item forecasts come from the
 * stored plan inputs (reorder-inputs.ts: made once per forecast, backtest and dataset, then read in milliseconds,
 * and kept in memory), so a run reads only the snapshot, the order lines and, the first time, a few large typed
 * arrays; `prepare` does that ahead of the click. The dashboards' datasets and forecasts are cached (one each). All
 * are read-only here, and every typed array a result carries is fresh, since results are transferred (a cached
 * buffer sent once would be detached). The per-item plans run on a pool of workers (reorder-pool.ts) when one is given.
 */
import { AppError } from '../lib/core/errors';
import type { Dataset } from '../lib/dataset/types';
import type { BacktestReport } from '../lib/forecast/run/backtest-dataset';
import type { DatasetForecast } from '../lib/forecast/run/forecast-dataset';
import { buildInsights, holidaysFromCalendar, reorder, type InsightsInput } from '../lib/reorder';
import { aggregateForecast, aggregateSeries, backtestReplayProblem, groupFigures, groupRows, openOrdersOf, runBacktestClosedLoop, runDatasetClosedLoop, storeColumnOf, copyResult, toResultWire, urgencyOrder, type ItemForecasts } from '../lib/reorder-run';
import { loadCalendar, loadDataset, loadSummary } from '../persistence/datasets';
import { openWorkspaceDb, type ShelfcastDB } from '../persistence/db';
import { listOrderLines } from '../persistence/orders';
import { getRecord, listRecords } from '../persistence/records';
import { createPlanInputsCache, createSnapshotReader, planAhead, signature, type PlannedAhead } from './reorder-inputs';
import type { ReorderApi, ReorderRunOutput } from './reorder-protocol';
import type { ReorderPool } from './reorder-pool';
import type { Handlers } from './rpc';

/** Options of `createReorderHandlers`. */
export interface ReorderHandlerOptions {
  /** Starts the pool the per-item plans run on (once, on the first run). Default none: they run in this thread. */
  createPool?: (() => ReorderPool) | null;
  /** Keep the item forecasts made in the workspace's plan inputs (default true; false: in memory only, for tests). */
  saveInputs?: boolean;
  /**
   * Keep the latest snapshot read, until a change to the workspace's snapshots or datasets is announced
   * (persistence/changes.ts), and forget the kept item forecasts on a change to datasets. Default false; the worker
   * entry turns it on (Node tests have no other tab to tell).
   */
  cacheSnapshots?: boolean;
}

/** Creates the reorder handlers over a workspace database (opened lazily). */
export function createReorderHandlers(open: () => Promise<ShelfcastDB> = () => openWorkspaceDb(), { createPool = null, saveInputs = true, cacheSnapshots = false }: ReorderHandlerOptions = {}): Handlers<ReorderApi> {
  let dbPromise: Promise<ShelfcastDB> | null = null;
  let pool: ReorderPool | null = null;
  const inputs = createPlanInputsCache(() => db(), saveInputs, cacheSnapshots);
  // The latest run, for its insights (asked for once its table is shown): the result's typed arrays are copied, as
  // the ones sent are transferred.
  let runs = 0;
  let lastRun: { runId: number; input: InsightsInput } | null = null;
  const db = () => (dbPromise ??= open());
  let cachedDataset: Dataset | null = null;
  let cachedForecast: { id: string; forecast: DatasetForecast } | null = null;

  const dataset = async (id: string): Promise<Dataset> => {
    if (cachedDataset?.meta.id === id) return cachedDataset;
    const d = await loadDataset(await db(), id);
    if (!d) throw new AppError('not-found', 'The sales dataset is no longer in the workspace.');
    return (cachedDataset = d);
  };
  const forecast = async (id: string): Promise<DatasetForecast> => {
    if (cachedForecast?.id === id) return cachedForecast.forecast;
    const record = await getRecord<DatasetForecast>(await db(), 'forecasts', id);
    if (!record) throw new AppError('not-found', 'That forecast is no longer in the workspace: make a new one.');
    cachedForecast = { id, forecast: record.payload };
    return record.payload;
  };
  /** The dataset's latest backtest, with its name, or null. */
  const latestBacktest = async (datasetId: string): Promise<{ name: string; report: BacktestReport } | null> => {
    const d = await db();
    const latest = (await listRecords(d, 'backtests', datasetId))[0];
    const report = latest ? (await getRecord<BacktestReport>(d, 'backtests', latest.id))?.payload : undefined;
    return latest && report ? { name: latest.name, report } : null;
  };
  const snapshot = createSnapshotReader(() => db(), cacheSnapshots);
  // The plan `prepare` made ahead, taken (once) by the run of the same inputs.
  let ahead: PlannedAhead | null = null;

  return {
    async run({ inventoryId, forecastId, options }, { signal, onProgress }) {
      const started = performance.now();
      // The pool's workers start (and load their code) while this one reads the snapshot and forecasts.
      if (!pool && createPool) void (pool = createPool()).warm();
      const d = await db();
      const snap = await snapshot(inventoryId);
      const linesRead = listOrderLines(d, inventoryId, snap.datasetId);
      linesRead.catch(() => undefined); // awaited below; a failure must not go unhandled meanwhile
      let prepareMs = 0;
      let inputsFrom: ReorderRunOutput['inputsFrom'] = null;
      let itemForecasts: ItemForecasts = { forecasts: [], skipped: [] };
      if (forecastId) {
        const prepared = await inputs.get(forecastId, snap.datasetId);
        itemForecasts = prepared.items;
        prepareMs = prepared.prepareMs;
        inputsFrom = prepared.source;
      }
      const { forecasts, skipped } = itemForecasts;
      const lines = await linesRead;
      const snapshotDay = snap.asOfDay ?? forecasts[0]?.firstDay ?? 0;
      const openOrders = openOrdersOf(lines.map((l) => l.payload), snapshotDay);
      const t0 = performance.now();
      const input = { items: snap.items, forecasts, openOrders, options };
      // A plan `prepare` made of these very inputs (the same objects, orders and options) is this run's result.
      const sig = signature(openOrders, options);
      const made = ahead && ahead.items === snap.items && ahead.forecasts === forecasts && ahead.sig === sig ? ahead.result : null;
      ahead = null;
      const early = made ? await made.catch(() => null) : null;
      const plannedAhead = early !== null;
      const result = early?.result ?? (pool ? await pool.reorder(input, { signal, onProgress }) : await reorder(input, { signal, onProgress }));
      const t1 = performance.now();
      const storeColumn = storeColumnOf(snap.keyColumns);
      const calendar = cachedDataset && cachedDataset.meta.id === snap.datasetId ? cachedDataset.calendar : snap.datasetId ? await loadCalendar(d, snap.datasetId) : undefined;
      const holidays = calendar ? holidaysFromCalendar(calendar) : undefined;
      const runId = ++runs;
      lastRun = { runId, input: { result: copyResult(result), items: snap.items, forecasts, ...holidays, groupBy: storeColumn ?? undefined } };
      const t3 = performance.now();
      return {
        inventoryId,
        runId,
        result: toResultWire(result),
        storeColumn,
        openOrders: openOrders.length,
        skippedForecasts: skipped,
        snapshotDay,
        elapsedMs: Math.round(t3 - started),
        timings: { readMs: Math.round(t0 - started - prepareMs + (t3 - t1)), prepareMs: Math.round(prepareMs), engineMs: Math.round(t1 - t0) },
        workers: pool?.size ?? 0,
        urgency: early?.urgency ?? urgencyOrder(result),
        inputsFrom,
        plannedAhead,
      };
    },

    async prepare({ datasetId, forecastId, inventoryId, options, onlyStored }) {
      const t = performance.now();
      const prepared = onlyStored ? await inputs.peek(forecastId, datasetId) : await inputs.get(forecastId, datasetId);
      if (!prepared) return { source: null, elapsedMs: Math.round(performance.now() - t) };
      const { source, items } = prepared;
      // The snapshot too, when kept (its read is otherwise the run's largest part); a failure is the run's to report.
      const snap = cacheSnapshots && inventoryId ? await snapshot(inventoryId).catch(() => null) : null;
      // The first run planned now, with the settings the page will ask for: a run of the same inputs takes it.
      if (snap && options && snap.datasetId === datasetId) await (ahead = await planAhead(await db(), snap, items.forecasts, options)).result.catch(() => undefined);
      return { source, elapsedMs: Math.round(performance.now() - t) };
    },

    async insights({ runId }) {
      return lastRun?.runId === runId ? buildInsights(lastRun.input) : null;
    },

    async overview({ datasetId, storeColumn }) {
      const d = await db();
      const data = await dataset(datasetId);
      const summary = await loadSummary(d, datasetId);
      const latest = (await listRecords(d, 'backtests', datasetId))[0];
      const report = latest ? (await getRecord<BacktestReport>(d, 'backtests', latest.id))?.payload : undefined;
      return {
        name: data.meta.name,
        days: data.calendar.days.slice(),
        holidays: data.calendar.holidays.slice(),
        total: summary ? summary.total : aggregateSeries(data.series, data.series.map((_, i) => i), data.calendar.days.length),
        holidayUplift: summary?.holidayUplift ?? NaN,
        stores: storeColumn ? groupFigures(data.series, data.calendar, storeColumn) : [],
        accuracy: report
          ? {
              name: latest!.name,
              createdAt: latest!.createdAt,
              horizon: report.settings.horizon,
              rows: report.leaderboard.map((r) => ({ modelId: r.modelId, label: r.label, mape: r.overall.mape, wape: r.overall.wape, mase: r.overall.mase })),
            }
          : null,
      };
    },

    async storeView({ datasetId, forecastId, storeColumn, store }) {
      const data = await dataset(datasetId);
      const rows = groupRows(data.series.map((s) => s.key), storeColumn).get(store) ?? [];
      const fc = forecastId ? await forecast(forecastId) : null;
      return {
        store,
        series: rows.length,
        days: data.calendar.days.slice(),
        history: aggregateSeries(data.series, rows, data.calendar.days.length),
        forecast: fc ? aggregateForecast(fc, rows.map((i) => data.series[i].id)) : null,
      };
    },

    async closedLoop({ datasetId, inventoryId, settings, source }, { signal, onProgress }) {
      const data = await dataset(datasetId);
      const snap = inventoryId ? await snapshot(inventoryId) : null;
      const bt = source === 'seasonal-naive' ? null : await latestBacktest(datasetId);
      const loop = bt ? { result: bt.report.result, splitOrigin: bt.report.splitOrigin, name: bt.name } : null;
      const problem = loop ? backtestReplayProblem(loop) : null;
      if (loop && !problem) return runBacktestClosedLoop(data, snap, loop, settings, { signal, onProgress });
      const out = await runDatasetClosedLoop(data, snap, settings, { signal, onProgress });
      // Said plainly when the user's backtest could not be replayed, so the seasonal-naive rows are not taken for it.
      return problem ? { ...out, assumptions: `Seasonal naive replay: ${problem}. ${out.assumptions}` } : out;
    },
  };
}
