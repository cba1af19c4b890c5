/**
 * The forecast worker's steps: load the dataset, call lib/forecast/run, save the result. Heavy work stays here,
 * off the main thread; results travel back with their typed arrays transferred.
 */
import { AppError, maybeInteger } from '../lib/core/errors';
import { randomId } from '../lib/core/id';
import { isoFromDay } from '../lib/core/dates';
import { backtestDataset, type BacktestReport } from '../lib/forecast/run/backtest-dataset';
import type { DatasetForecast, ExtraFutureForecasts } from '../lib/forecast/run/forecast-dataset';
import { forecastDatasetParallel } from '../lib/forecast/run/forecast-parallel';
import { backtestTable, forecastTable } from '../lib/forecast/run/export';
import { packWithTotals } from '../lib/forecast/run/forecast-totals';
import { packBacktest } from '../lib/forecast/run/backtest-pack';
import { toCsv } from '../lib/export/csv';
import { openWorkspaceDb, type ShelfcastDB } from '../persistence/db';
import { loadCalendar, loadDataset, loadSummary, putJob } from '../persistence/datasets';
import { getRecord, isTooLargeError, MAX_RECORD_BYTES, putRecord } from '../persistence/records';
import type { ForecastApi } from './forecast-protocol';
import { putForecastWithPlanInputs } from './reorder-inputs';
import { ensureBackend, ensureInferenceBackend } from '../lib/lstm/backend-session';
import type { LstmSettings } from '../lib/lstm/options';
import { checkModelFiles, forecastWithSavedModel, lstmExtraModels, trainFinalModel, type LstmBacktestRecord } from '../lib/lstm/run';
import { tensorMemory } from '../lib/lstm/backend';
import { WASM_THREADS_KEY, WASM_THREADS_MODES, type BackendName, type WasmThreadsMode } from '../lib/lstm/backend-types';
import type { Handlers } from './rpc';
import { createStatPool, MAX_POOL_SIZE, poolSize, type StatPool } from './pool';

/** Largest backtest kept whole (forecast values): about 160 MB of doubles. */
const MAX_BACKTEST_VALUES = 20_000_000;

/** Creates the forecast handlers over a workspace database (opened lazily). `createPool` null: statistical fits run
 * in this thread (Node tests, where there is no Worker). `maxRecordBytes`: see putRecord (lowered by tests). */
export function createForecastHandlers(open: () => Promise<ShelfcastDB> = () => openWorkspaceDb(), createPool: ((size: number) => StatPool) | null = createStatPool, maxRecordBytes = MAX_RECORD_BYTES): Handlers<ForecastApi> {
  let dbPromise: Promise<ShelfcastDB> | null = null;
  const db = () => (dbPromise ??= open());
  // The user's WASM threads setting, kept in the workspace settings beside the backend override.
  const wasmThreads = async (): Promise<WasmThreadsMode> => {
    const value = await (await db()).get('settings', WASM_THREADS_KEY);
    return WASM_THREADS_MODES.includes(value as WasmThreadsMode) ? (value as WasmThreadsMode) : 'auto';
  };
  const backendFor = async (preferred: BackendName | null) => ensureBackend(preferred, await wasmThreads());
  // A forecast as the page gets it: packed, with its totals over all series and by the summary's groups.
  const deliver = async (forecast: DatasetForecast) => packWithTotals(forecast, await loadSummary(await db(), forecast.datasetId));
  const loadOrFail = async (datasetId: string) => {
    const dataset = await loadDataset(await db(), datasetId);
    if (!dataset) throw new AppError('not-found', `Dataset ${datasetId} is no longer in the workspace.`);
    return dataset;
  };

  // Per-series statistical fits run on a pool of workers, one per core unless the settings say (pool.ts).
  let pool: StatPool | null = null;
  // Without a pool (createPool null, as Node tests pass it) the fits run in this worker, as one pool worker would.
  const statPool = (size: number | undefined) => {
    if (!createPool) return null;
    const n = maybeInteger('workers', size ?? poolSize(), 1, MAX_POOL_SIZE);
    if (pool?.size !== n) {
      pool?.terminate();
      pool = createPool(n);
    }
    return pool;
  };

  /** Stops the LSTM's training when the page asks (see `stopTraining`): a backtest keeps its statistical rows, a
   * forecast goes on with the final model's best weights so far. */
  let stopLstm: AbortController | null = null;

  return {
    async backtest({ datasetId, settings, lstm, backend }, { signal, onProgress }) {
      const d = await db();
      const dataset = await loadOrFail(datasetId);
      const models = settings.modelIds.length + 2;
      const origins = Math.max(1, Math.floor(((settings.lastOrigin ?? dataset.calendar.days.length - settings.horizon) - settings.firstOrigin) / settings.step) + 1);
      const size = models * dataset.series.length * origins * settings.horizon;
      if (size > MAX_BACKTEST_VALUES) {
        throw new AppError('invalid-option', `This backtest would keep ${(size / 1e6).toFixed(0)} million forecasts: use a larger step between origins, fewer models or a later first origin (at most ${MAX_BACKTEST_VALUES / 1e6} million).`);
      }
      const jobId = randomId();
      const job = { id: jobId, kind: 'backtest' as const, label: dataset.meta.name, startedAt: Date.now(), endedAt: null };
      await putJob(d, { ...job, status: 'running' });
      try {
        const record: LstmBacktestRecord | null = lstm?.enabled ? { lstm, backend: (await backendFor(backend ?? null)).backend, lstmTrainMs: 0, lstmRefits: [] } : null;
        const stop = (stopLstm = new AbortController());
        const report = await backtestDataset(dataset, settings, {
          signal,
          onProgress,
          runStat: statPool(settings.workers)?.runStat,
          workers: statPool(settings.workers)?.size ?? 1,
          extraModels: record ? (rows, progress) => lstmExtraModels(dataset, record.lstm, record, { signal, stop: stop.signal, onProgress: progress })(rows) : undefined,
        }).finally(() => (stopLstm = null));
        if (record) report.extraSettings = { ...record };
        const [id, now] = [randomId(), Date.now()]; // Too large to store even in parts (records.ts): shown, not saved.
        const notSaved = await putRecord(d, 'backtests', { id, datasetId, name: `Backtest of ${dataset.meta.name}, H=${report.settings.horizon}`, kind: 'backtest', createdAt: now, updatedAt: now, payload: report }, maxRecordBytes)
          .then(() => null, (error: unknown) => (isTooLargeError(error) ? (error as Error).message : Promise.reject(error)));
        await putJob(d, { ...job, status: 'done', endedAt: Date.now() });
        return { id: notSaved === null ? id : null, report: packBacktest(report), notSaved };
      } catch (error) {
        await putJob(d, { ...job, status: error instanceof Error && error.name === 'AbortError' ? 'cancelled' : 'failed', endedAt: Date.now() });
        throw error;
      }
    },

    async forecast({ backtestId, horizon, backend }, { signal, onProgress }) {
      const d = await db();
      const record = await getRecord<BacktestReport>(d, 'backtests', backtestId);
      if (!record) throw new AppError('not-found', 'That backtest is no longer in the workspace.');
      const dataset = await loadOrFail(record.payload.datasetId);
      const lstm = record.payload.extraSettings?.lstm as LstmSettings | undefined;
      let modelId: string | null = null;
      let extra: ExtraFutureForecasts | undefined;
      // Recorded while it runs, so a reload during the final model's training shows it as interrupted.
      const job = { id: randomId(), kind: 'forecast' as const, label: dataset.meta.name, startedAt: Date.now(), endedAt: null };
      await putJob(d, { ...job, status: 'running' });
      try {
        if (lstm?.enabled && record.payload.result.modelIds.includes('lstm')) {
          const chosen = await backendFor(backend ?? null);
          const stop = (stopLstm = new AbortController());
          const final = await trainFinalModel(dataset, horizon, lstm, { signal, stop: stop.signal, onProgress }).finally(() => (stopLstm = null));
          extra = { lstm: final.forecastOf };
          const now = Date.now();
          const name = `LSTM ${lstm.mode}, ${lstm.units} units, H=${horizon}, ${dataset.meta.name}${final.stoppedNote}`;
          const payload = { files: final.files, meta: final.meta, backend: chosen.backend, backtestId };
          await putRecord(d, 'models', { id: (modelId = randomId()), datasetId: dataset.meta.id, name, kind: `lstm-${lstm.mode}`, createdAt: now, updatedAt: now, payload });
        }
        const forecast = await forecastDatasetParallel(dataset, record.payload, { horizon, createdAt: Date.now(), extra, runForecast: statPool(record.payload.settings.workers)?.runForecast, signal, onProgress });
        onProgress({ phase: 'storing', done: 0, total: 1, message: `saving the forecast of ${forecast.series.length} series` });
        const id = randomId();
        await putForecastWithPlanInputs(d, { id, datasetId: dataset.meta.id, name: `Forecast of ${dataset.meta.name}, ${horizon} periods from ${isoFromDay(forecast.series[0]?.days[0] ?? 0)}`, kind: 'forecast', createdAt: forecast.createdAt, updatedAt: forecast.createdAt, payload: forecast }, { dataset, backtest: { id: backtestId, report: record.payload } });
        await putJob(d, { ...job, status: 'done', endedAt: Date.now() });
        return { id, ...(await deliver(forecast)), modelId };
      } catch (error) {
        await putJob(d, { ...job, status: error instanceof Error && error.name === 'AbortError' ? 'cancelled' : 'failed', endedAt: Date.now() });
        throw error;
      }
    },

    async stopTraining() {
      if (!stopLstm) return { stopping: false };
      stopLstm.abort();
      return { stopping: true };
    },

    async forecastWithModel({ modelId, datasetId, backend }, { signal, onProgress }) {
      const d = await db();
      const record = await getRecord<{ files: Array<{ name: string; data: string | Uint8Array }> }>(d, 'models', modelId);
      if (!record) throw new AppError('not-found', 'That model is no longer in the workspace.');
      const dataset = await loadOrFail(datasetId);
      await ensureInferenceBackend(backend ?? null, await wasmThreads());
      onProgress({ phase: 'forecasting', done: 0, total: 1, message: 'loading the model' });
      const forecast = await forecastWithSavedModel(dataset, { name: record.name, files: record.payload.files }, { signal, onProgress });
      const id = randomId();
      await putRecord(d, 'forecasts', { id, datasetId, name: `Forecast of ${dataset.meta.name} by ${record.name}, ${forecast.horizon} periods from ${isoFromDay(forecast.series[0]?.days[0] ?? 0)}`, kind: 'forecast', createdAt: forecast.createdAt, updatedAt: forecast.createdAt, payload: forecast });
      return { id, ...(await deliver(forecast)) };
    },

    async backend({ preferred }) {
      return backendFor(preferred);
    },

    memory: async () => tensorMemory(),

    async exportModel({ id }) {
      const record = await getRecord<{ files: Array<{ name: string; data: string | Uint8Array }> }>(await db(), 'models', id);
      if (!record) throw new AppError('not-found', 'That model is no longer in the workspace.');
      return { name: record.name, files: record.payload.files };
    },

    async importModel({ datasetId, name, files }) {
      await backendFor(null);
      const meta = await checkModelFiles(files);
      const [id, now] = [randomId(), Date.now()];
      await putRecord(await db(), 'models', { id, datasetId, name, kind: `lstm-${meta.config.mode}`, createdAt: now, updatedAt: now, payload: { files, meta, backend: meta.backend, backtestId: null } });
      return { id };
    },

    async getBacktest({ id }) {
      const payload = (await getRecord<BacktestReport>(await db(), 'backtests', id))?.payload;
      return payload ? packBacktest(payload) : null;
    },

    async getForecast({ id }) {
      const payload = (await getRecord<DatasetForecast>(await db(), 'forecasts', id))?.payload;
      return payload ? deliver(payload) : null;
    },

    async exportCsv({ kind, id }) {
      const d = await db();
      if (kind === 'backtest') {
        const record = await getRecord<BacktestReport>(d, 'backtests', id);
        if (!record) throw new AppError('not-found', 'That backtest is no longer in the workspace.');
        const calendar = await loadCalendar(d, record.payload.datasetId);
        if (!calendar) throw new AppError('not-found', 'The backtest\'s dataset is no longer in the workspace.');
        return { fileName: `backtest-${record.payload.datasetId}.csv`, text: toCsv(backtestTable(record.payload, calendar)) };
      }
      const record = await getRecord<DatasetForecast>(d, 'forecasts', id);
      if (!record) throw new AppError('not-found', 'That forecast is no longer in the workspace.');
      return { fileName: `forecast-${record.payload.datasetId}.csv`, text: toCsv(forecastTable(record.payload)) };
    },
  };
}
