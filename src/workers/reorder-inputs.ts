/**
 * The reorder worker's item forecasts of a (forecast, latest backtest, dataset), from the fastest place that has
 * them: this worker's memory, the stored plan inputs (persistence/plan-inputs.ts: a few large typed arrays, read in
 * milliseconds), or else made from the three records (read whole: seconds at 30,000 series) and then stored, so a
 * workspace saved before the store existed gets them on its first run and keeps them. One build at a time: a run
 * asking while `prepare` reads or makes them waits for that one.
 */
import { AppError } from '../lib/core/errors';
import type { BacktestReport } from '../lib/forecast/run/backtest-dataset';
import { ENSEMBLE_ID } from '../lib/forecast/run/backtest-dataset';
import type { DatasetForecast } from '../lib/forecast/run/forecast-dataset';
import { buildPlanInputs, fromPlanInputs, type ItemForecasts, type PlanInputs } from '../lib/reorder-run';
import { loadDataset } from '../persistence/datasets';
import type { ShelfcastDB } from '../persistence/db';
import { getPlanInputs, planInputsId, putPlanInputs } from '../persistence/plan-inputs';
import { getRecord, listRecords } from '../persistence/records';

/** Item forecasts ready for the engine, and where they came from. */
export interface PreparedInputs {
  /** `planInputsId` of the forecast, the dataset's latest backtest and the dataset. */
  key: string;
  /** The engine's item forecasts (views into `inputs`' arrays: read-only). */
  items: ItemForecasts;
  /** 'memory': already in this worker; 'stored': read from the workspace; 'made': made from the records (and stored). */
  source: 'memory' | 'stored' | 'made';
  /** Time spent reading records (ms, 0 from memory). */
  readMs: number;
  /** Time spent making and unpacking the inputs (ms). */
  prepareMs: number;
}

/** A source of prepared inputs, keeping the latest one in memory. */
export interface PlanInputsCache {
  /** The inputs of a forecast of `datasetId` (null: a snapshot with no dataset) with the dataset's latest backtest. */
  get(forecastId: string, datasetId: string | null): Promise<PreparedInputs>;
}

/** Creates the cache over a workspace database. `save` false keeps made inputs in memory only (tests of the old path). */
export function createPlanInputsCache(db: () => Promise<ShelfcastDB>, save = true): PlanInputsCache {
  let latest: { key: string; ready: Promise<PreparedInputs> } | null = null;

  const load = async (key: string, forecastId: string, backtestId: string, datasetId: string | null): Promise<PreparedInputs> => {
    const d = await db();
    const t0 = performance.now();
    const stored = await getPlanInputs(d, key);
    const t1 = performance.now();
    if (stored) {
      try {
        return { key, items: fromPlanInputs(stored), source: 'stored', readMs: t1 - t0, prepareMs: performance.now() - t1 };
      } catch {
        // Another format, or damaged: made again below.
      }
    }
    const record = await getRecord<DatasetForecast>(d, 'forecasts', forecastId);
    if (!record) throw new AppError('not-found', 'That forecast is no longer in the workspace: make a new one.');
    const fc = record.payload;
    // Safety stock from the ensemble's errors of cumulative demand in the latest backtest, for a forecast the
    // ensemble made (a trained model's forecast carries its own check and keeps its quantiles; a forecast imported
    // from a file keeps the file's quantiles, or none: the app's backtest says nothing about that model's errors).
    const useBacktest = !fc.check && !fc.external && backtestId !== '';
    const [data, bt] = await Promise.all([
      datasetId ? loadDataset(d, datasetId).catch(() => null) : null,
      useBacktest ? getRecord<BacktestReport>(d, 'backtests', backtestId) : undefined,
    ]);
    const report = data ? bt?.payload : undefined;
    const t2 = performance.now();
    const inputs: PlanInputs = buildPlanInputs({
      forecast: fc,
      series: data?.series ?? [],
      backtest: report?.result ?? null,
      modelIndex: report ? report.result.modelIds.indexOf(ENSEMBLE_ID) : -1,
    });
    // The same unpacking as from the store, so a first run gives what every later one does.
    const items = fromPlanInputs(inputs);
    const t3 = performance.now();
    // Kept for the next first open; a failure (a full disk) only means making them again then.
    if (save) await putPlanInputs(d, key, { datasetId, forecastId, backtestId }, inputs).catch(() => false);
    return { key, items, source: 'made', readMs: t2 - t0, prepareMs: t3 - t2 };
  };

  return {
    async get(forecastId, datasetId) {
      const d = await db();
      // The backtest that would be used is the dataset's latest: a newer one makes another key.
      const backtestId = datasetId ? ((await listRecords(d, 'backtests', datasetId))[0]?.id ?? '') : '';
      const key = planInputsId(forecastId, backtestId, datasetId ?? '');
      if (latest?.key === key) {
        const ready = latest.ready;
        const prepared = await ready;
        return { ...prepared, source: 'memory', readMs: 0, prepareMs: 0 };
      }
      const entry = { key, ready: load(key, forecastId, backtestId, datasetId) };
      latest = entry;
      // A failed load is not kept: the next call tries again.
      entry.ready.catch(() => latest === entry && (latest = null));
      return entry.ready;
    },
  };
}
