/**
 * The reorder worker's steps: load the snapshot, its dataset, forecast and open orders from the workspace, call
 * lib/reorder and lib/reorder-run, return the result. Loaded datasets and forecasts are cached (one each): they
 * are read-only here, and every typed array a result carries is fresh, since results are transferred (a cached
 * buffer sent once would be detached).
 */
import { AppError } from '../lib/core/errors';
import type { Dataset, InventorySnapshot } from '../lib/dataset/types';
import type { BacktestReport } from '../lib/forecast/run/backtest-dataset';
import type { DatasetForecast } from '../lib/forecast/run/forecast-dataset';
import { buildInsights, holidaysFromCalendar, reorder } from '../lib/reorder';
import { aggregateForecast, aggregateSeries, backtestReplayProblem, cumulativeErrorsBySeries, groupFigures, groupRows, openOrdersOf, runBacktestClosedLoop, runDatasetClosedLoop, storeColumnOf, toItemForecasts } from '../lib/reorder-run';
import { ENSEMBLE_ID } from '../lib/forecast/run/backtest-dataset';
import { loadDataset, loadSummary } from '../persistence/datasets';
import { openWorkspaceDb, type ShelfcastDB } from '../persistence/db';
import { listOrderLines } from '../persistence/orders';
import { getRecord, listRecords } from '../persistence/records';
import type { ReorderApi } from './reorder-protocol';
import type { Handlers } from './rpc';

/** Creates the reorder handlers over a workspace database (opened lazily). */
export function createReorderHandlers(open: () => Promise<ShelfcastDB> = () => openWorkspaceDb()): Handlers<ReorderApi> {
  let dbPromise: Promise<ShelfcastDB> | null = null;
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
  const snapshot = async (id: string): Promise<InventorySnapshot> => {
    const s = await (await db()).get('inventories', id);
    if (!s) throw new AppError('not-found', 'That inventory snapshot is no longer in the workspace.');
    return s;
  };

  return {
    async run({ inventoryId, forecastId, options }, { signal, onProgress }) {
      const started = Date.now();
      const snap = await snapshot(inventoryId);
      const data = snap.datasetId ? await dataset(snap.datasetId).catch(() => null) : null;
      const fc = forecastId ? await forecast(forecastId) : null;
      // Safety stock from the ensemble's errors of cumulative demand in the latest backtest, for a forecast the
      // ensemble made (a trained model's forecast carries its own check and keeps its quantiles; a forecast imported
      // from a file keeps the file's quantiles, or none: the app's backtest says nothing about that model's errors).
      const bt = fc && !fc.check && !fc.external && data ? await latestBacktest(data.meta.id) : null;
      const ensemble = bt ? bt.report.result.modelIds.indexOf(ENSEMBLE_ID) : -1;
      const errors = bt && ensemble >= 0 ? cumulativeErrorsBySeries(bt.report.result, ensemble) : [];
      const errorIndex = new Map(bt ? bt.report.result.seriesIds.map((id, k) => [id, k]) : []);
      const cumulativeErrors = (id: string) => errors[errorIndex.get(id) ?? -1];
      const { forecasts, skipped } = fc ? toItemForecasts(fc, data?.series ?? [], { cumulativeErrors }) : { forecasts: [], skipped: [] };
      const lines = await listOrderLines(await db(), inventoryId, snap.datasetId);
      const snapshotDay = snap.asOfDay ?? forecasts[0]?.firstDay ?? 0;
      const openOrders = openOrdersOf(lines.map((l) => l.payload), snapshotDay);
      const result = await reorder({ items: snap.items, forecasts, openOrders, options }, { signal, onProgress });
      const storeColumn = storeColumnOf(snap.keyColumns);
      const holidays = data ? holidaysFromCalendar(data.calendar) : undefined;
      const insights = buildInsights({ result, items: snap.items, forecasts, ...holidays, groupBy: storeColumn ?? undefined });
      return { result, items: snap.items, insights, storeColumn, openOrders: openOrders.length, skippedForecasts: skipped, snapshotDay, elapsedMs: Date.now() - started };
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

