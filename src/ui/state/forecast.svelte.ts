import { onWorkspaceChange } from '../../persistence/changes';
import { isAbortError } from '../../lib/core/abort';
import type { Progress } from '../../lib/core/progress';
import type { BacktestSettings } from '../../lib/forecast/run/backtest-dataset';
import type { PackedBacktestReport } from '../../lib/forecast/run/backtest-pack';
import type { PackedForecast } from '../../lib/forecast/run/forecast-pack';
import type { ForecastTotals } from '../../lib/forecast/run/forecast-totals';
import type { StoredRecord } from '../../persistence/db';
import { listRecords } from '../../persistence/records';
import { downloadBlob } from '../download';
import { downloadName } from '../download-names';
import type { ForecastApi } from '../../workers/forecast-protocol';
import { WASM_THREADS_KEY, WASM_THREADS_MODES, type BackendChoice, type BackendName, type TensorMemory, type WasmThreadsMode } from '../../lib/lstm/backend-types';
import type { LstmSettings, TrainingProgress } from '../../workers/forecast-protocol';
import { createWorkerClient, type WorkerClient } from '../../workers/rpc';
import type { Workspace } from './workspace.svelte';
import type { Calendar } from '../../lib/dataset/types';
import { loadCalendar } from '../../persistence/datasets';
import { defaultForecastSettings, forecastSettingsKey, maybeForecastSettings, quickBacktestSettings, toBacktestSettings, type ForecastSettings } from './forecast-settings';

/** Settings key of the user's TF.js backend override. */
const BACKEND_KEY = 'tfBackend';

let pageForecastClient: WorkerClient<ForecastApi> | null = null;

/**
 * The page's one forecast worker client (the Forecast and Orders tabs share it, so one TF.js backend and one WASM
 * threads setting serve both). The worker starts on the first call; `terminate()` restarts it at the next call.
 */
export function forecastClient(): WorkerClient<ForecastApi> {
  return (pageForecastClient ??= createWorkerClient<ForecastApi>(
    () => new Worker(new URL('../../workers/forecast.worker.ts', import.meta.url), { type: 'module', name: 'forecast' }),
    { idleTimeoutMs: 10 * 60_000 },
  ));
}

/** Backtests and forecasts of the active dataset: runs them in the worker, keeps the latest results. */
export class ForecastSession {
  /** 'running' while the worker works. */
  status = $state<'idle' | 'running' | 'cancelled' | 'failed'>('idle');
  /** What is running. */
  task = $state<'backtest' | 'forecast' | null>(null);
  /** Latest progress event. */
  progress = $state.raw<Progress | null>(null);
  /** The backtest shown, its per-series scores packed as they came from the worker (backtest-pack.ts). */
  report = $state.raw<PackedBacktestReport | null>(null);
  /** Its saved id. */
  backtestId = $state<string | null>(null);
  /** The forecast shown, packed as it came from the worker (forecast-pack.ts): views read totals straight from
   * its typed arrays and unpack only the series they show (`unpackSeries`); at 30,000 series unpacking them all
   * on arrival was a long main-thread task of its own (#13). */
  forecast = $state.raw<PackedForecast | null>(null);
  /** Its totals over all series and by group, made by the worker beside it. Set with `forecast`. */
  forecastTotals = $state.raw<ForecastTotals | null>(null);
  /** Its saved id. */
  forecastId = $state<string | null>(null);
  /** Saved backtests of the dataset, newest first. */
  savedBacktests = $state.raw<Array<StoredRecord<null>>>([]);
  /** Saved forecasts of the dataset, newest first. */
  savedForecasts = $state.raw<Array<StoredRecord<null>>>([]);
  /** A sentence for people when something failed. */
  error = $state<string | null>(null);
  /** Loss per epoch of the network being trained (or trained last), from epoch 0 (the untrained network), and
   * which fit that is. */
  losses = $state.raw<Array<{ epoch: number; train: number; val: number }>>([]);
  lossFit = $state('');
  /** The TF.js backend in use and the measurements behind it. */
  backendChoice = $state.raw<BackendChoice | null>(null);
  /** The user's backend override (null: automatic), remembered in the workspace settings. */
  preferredBackend = $state<BackendName | null>(null);
  /** The user's WASM threads setting, remembered in the workspace settings (the worker reads it there). */
  wasmThreads = $state<WasmThreadsMode>('auto');
  /** Saved models of the dataset. */
  savedModels = $state.raw<Array<StoredRecord<null>>>([]);
  /** The worker's live TF.js tensors, read after each run once a backend is chosen (flat from run to run, or
   * something leaks); null before. */
  tfMemory = $state.raw<TensorMemory | null>(null);
  /** How many times `tfMemory` was read: lets a soak test wait for the reading that follows its run. */
  tfMemoryReads = $state(0);

  /** The Forecast tab's settings for the shown dataset (kept here, not in the view, so a tab switch or a reload
   * keeps them; stored per dataset). Null until the dataset is read. */
  settings = $state<ForecastSettings | null>(null);
  /** The shown dataset's calendar. */
  calendar = $state.raw<Calendar | null>(null);
  /** The step of a future forecast asked for directly: its short backtest first, then the forecast. */
  futureStep = $state<'backtest' | 'forecast' | null>(null);
  /** True from a Cancel during a backtest's LSTM training until the backtest, saved without the LSTM, comes back. */
  stoppingLstm = $state(false);

  private controller: AbortController | null = null;
  private datasetId: string | null = null;
  private generation = 0;

  constructor(
    private readonly client: WorkerClient<ForecastApi>,
    private readonly workspace: Workspace,
  ) {
    // A model, backtest or forecast saved or deleted elsewhere (another tab, the demo's model) joins the lists.
    onWorkspaceChange((change) => {
      if (change.kind === 'results' && change.datasetId === this.datasetId && change.store !== 'orders') void this.refreshLists().catch(() => undefined);
    });
  }

  /** Shows a dataset: lists its saved runs and opens the latest (latest request wins). */
  async show(datasetId: string | null): Promise<void> {
    if (datasetId === this.datasetId) return;
    const gen = ++this.generation;
    this.datasetId = datasetId;
    this.report = null;
    this.forecast = null;
    this.forecastTotals = null;
    this.backtestId = null;
    this.forecastId = null;
    this.settings = null;
    this.calendar = null;
    await Promise.all([this.refreshLists(), this.loadSettings(), this.loadForecastSettings(datasetId, gen)]);
    if (gen !== this.generation) return;
    // One run at a time: the latest backtest with the forecast made from it after it, or the latest forecast alone
    // when it is newer (a trained model's forecast, or one made after a later backtest was deleted).
    const bt = this.savedBacktests[0];
    const fc = this.savedForecasts[0];
    if (bt) await this.openBacktest(bt.id);
    if (gen !== this.generation || !fc) return;
    await this.openForecast(fc.id);
    if (gen !== this.generation) return;
    if (bt && fc.createdAt < bt.createdAt) this.clearForecast();
    else if ((this.forecast as PackedForecast | null)?.check) this.clearBacktest();
  }

  /** Opens a saved backtest from the list, alone (its forecast is made anew from it). */
  async openSavedBacktest(id: string): Promise<void> {
    this.clearForecast();
    await this.openBacktest(id);
  }

  /** Opens a saved forecast from the list, alone. */
  async openSavedForecast(id: string): Promise<void> {
    this.clearBacktest();
    await this.openForecast(id);
  }

  private clearBacktest(): void {
    this.report = null;
    this.backtestId = null;
  }

  private clearForecast(): void {
    this.forecast = null;
    this.forecastTotals = null;
    this.forecastId = null;
  }

  /** Reloads the saved lists. */
  async refreshLists(): Promise<void> {
    if (!this.datasetId) {
      this.savedBacktests = [];
      this.savedForecasts = [];
      return;
    }
    const db = await this.workspace.db();
    [this.savedBacktests, this.savedForecasts, this.savedModels] = await Promise.all([
      listRecords(db, 'backtests', this.datasetId),
      listRecords(db, 'forecasts', this.datasetId),
      listRecords(db, 'models', this.datasetId),
    ]);
  }

  /** Reads the dataset's calendar and its remembered forecast settings (defaults where none are stored). */
  private async loadForecastSettings(datasetId: string | null, gen: number): Promise<void> {
    const meta = this.workspace.datasets.find((d) => d.id === datasetId);
    if (!datasetId || !meta) return;
    const db = await this.workspace.db();
    const [calendar, stored] = await Promise.all([loadCalendar(db, datasetId), db.get('settings', forecastSettingsKey(datasetId))]);
    if (gen !== this.generation) return;
    this.calendar = calendar ?? null;
    const periods = calendar?.days.length ?? 0;
    this.settings = maybeForecastSettings(stored, defaultForecastSettings(meta, periods), periods);
  }

  /** Stores the settings of the shown dataset (the view calls it on every change). */
  async saveSettings(): Promise<void> {
    if (!this.datasetId || !this.settings) return;
    const key = forecastSettingsKey(this.datasetId);
    const value = $state.snapshot(this.settings);
    await (await this.workspace.db()).put('settings', value, key);
  }

  /** Runs a backtest with the Forecast tab's settings. */
  async runBacktestFromSettings(): Promise<void> {
    const s = this.settings;
    if (!s) return;
    await this.runBacktest(toBacktestSettings(s), s.lstm.enabled ? $state.snapshot(s.lstm) : null);
  }

  /**
   * The future forecast, asked for directly: from the shown backtest's model choice when there is one, else
   * after a short backtest of the chosen models on the last three windows (which picks each series' models and
   * sizes its intervals).
   */
  async forecastFuture(): Promise<void> {
    const s = this.settings;
    if (!s || !this.datasetId || this.status === 'running') return;
    try {
      if (!this.backtestId) {
        this.futureStep = 'backtest';
        await this.runBacktest(quickBacktestSettings(s, this.calendar?.days.length ?? 0), null);
        if (this.status !== 'idle' || !this.backtestId) return;
      }
      this.futureStep = 'forecast';
      await this.makeForecast(s.futureHorizon);
    } finally {
      this.futureStep = null;
    }
  }

  /** Clears the shown backtest and forecast for a new run, returning them so a run that ends with nothing can put them back. */
  private clearShown() {
    const before = { report: this.report, backtestId: this.backtestId, forecast: this.forecast, forecastTotals: this.forecastTotals, forecastId: this.forecastId };
    this.report = null;
    this.backtestId = null;
    this.forecast = null;
    this.forecastTotals = null;
    this.forecastId = null;
    return before;
  }

  /** Runs a backtest of the shown dataset, with the LSTM when `lstm` is given. */
  async runBacktest(settings: BacktestSettings, lstm: LstmSettings | null = null): Promise<void> {
    if (!this.datasetId || this.status === 'running') return;
    this.losses = [];
    // One run per page (issue #14, point 7): the new run's results replace the shown ones, and a forecast made
    // from an earlier backtest (or a trained model's check) is not left under the new leaderboard.
    const before = this.clearShown();
    await this.run('backtest', async (signal) => {
      const { id, report, notSaved } = await this.client.call(
        'backtest',
        { datasetId: this.datasetId!, settings, lstm, backend: this.preferredBackend },
        { signal, onProgress: (p) => this.onProgress(p) },
      );
      this.report = report;
      this.backtestId = id;
      // Shown but not stored (too large for the browser): the leaderboard stays, with the reason beside it.
      if (notSaved) this.error = notSaved;
    });
    // Cancelled or failed with nothing to show: the earlier run comes back, whole.
    if (!this.report && !this.backtestId) Object.assign(this, before);
  }

  /** Forecasts the shown dataset with the models its backtest chose. */
  async makeForecast(horizon: number): Promise<void> {
    if (!this.backtestId || this.status === 'running') return;
    await this.run('forecast', async (signal) => {
      this.losses = [];
      const { id, forecast, totals } = await this.client.call('forecast', { backtestId: this.backtestId!, horizon, backend: this.preferredBackend }, { signal, onProgress: (p) => this.onProgress(p) });
      // Packed on the wire (forecast-pack.ts) and kept packed: nothing is copied or brought to life per series.
      this.forecastTotals = totals;
      this.forecast = forecast;
      this.forecastId = id;
    });
  }

  /** Forecasts the shown dataset with a saved model as it is, without training (instant for the demo's model). */
  async forecastWithModel(modelId: string): Promise<void> {
    if (!this.datasetId || this.status === 'running') return;
    // A trained model's forecast is a run of its own: it replaces the shown backtest and forecast.
    const before = this.clearShown();
    await this.run('forecast', async (signal) => {
      this.losses = [];
      const { id, forecast, totals } = await this.client.call('forecastWithModel', { modelId, datasetId: this.datasetId!, backend: this.preferredBackend }, { signal, onProgress: (p) => this.onProgress(p) });
      this.forecastTotals = totals;
      this.forecast = forecast;
      this.forecastId = id;
    });
    if (!this.forecast && !this.forecastId) Object.assign(this, before);
  }

  /** Ends the final model's training early; the forecast goes on with the best weights so far. */
  async stopTraining(): Promise<void> {
    if (this.task === 'forecast') await this.client.call('stopTraining', null);
  }

  /** Opens a saved backtest. */
  async openBacktest(id: string): Promise<void> {
    const gen = this.generation;
    const report = await this.client.call('getBacktest', { id });
    if (gen !== this.generation) return;
    this.report = report;
    this.backtestId = report ? id : null;
  }

  /** Opens a saved forecast. */
  async openForecast(id: string): Promise<void> {
    const gen = this.generation;
    const got = await this.client.call('getForecast', { id });
    if (gen !== this.generation) return;
    this.forecastTotals = got?.totals ?? null;
    this.forecast = got?.forecast ?? null;
    this.forecastId = got ? id : null;
  }

  /** Downloads a backtest or forecast as CSV. */
  async download(kind: 'backtest' | 'forecast'): Promise<void> {
    const id = kind === 'backtest' ? this.backtestId : this.forecastId;
    if (!id) return;
    const { text } = await this.client.call('exportCsv', { kind, id });
    // Named by the dataset and the date, not the dataset's id (issue #14, point 15).
    const dataset = this.workspace.datasets.find((d) => d.id === this.datasetId)?.name ?? 'dataset';
    downloadBlob(downloadName(kind, dataset, 'csv'), text, 'text/csv;charset=utf-8');
  }

  /** Reads the remembered backend override and WASM threads setting (without starting TF.js). */
  async loadSettings(): Promise<void> {
    const db = await this.workspace.db();
    this.preferredBackend = ((await db.get('settings', BACKEND_KEY)) as BackendName | undefined) ?? null;
    const threads = await db.get('settings', WASM_THREADS_KEY);
    this.wasmThreads = WASM_THREADS_MODES.includes(threads as WasmThreadsMode) ? (threads as WasmThreadsMode) : 'auto';
  }

  /** Loads the remembered backend choice and selects the backend in the worker (probing when automatic). */
  async loadBackend(): Promise<void> {
    await this.loadSettings();
    try {
      this.backendChoice = await this.client.call('backend', { preferred: this.preferredBackend });
      await this.readMemory();
    } catch (error) {
      this.error = `No TF.js backend works in this browser: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  /** Overrides the backend (null: automatic) and remembers the choice. */
  async setBackend(name: BackendName | null): Promise<void> {
    const db = await this.workspace.db();
    if (name) await db.put('settings', name, BACKEND_KEY);
    else await db.delete('settings', BACKEND_KEY);
    await this.loadBackend();
  }

  /**
   * Changes the WASM threads setting. The WASM build is fixed once started in a worker, so the forecast worker is
   * restarted (refused while it works) and the backend selected again.
   */
  async setWasmThreads(mode: WasmThreadsMode): Promise<void> {
    if (this.status === 'running') return;
    const db = await this.workspace.db();
    if (mode === 'auto') await db.delete('settings', WASM_THREADS_KEY);
    else await db.put('settings', mode, WASM_THREADS_KEY);
    this.wasmThreads = mode;
    this.client.terminate();
    this.backendChoice = null;
    await this.loadBackend();
  }

  /** Downloads a saved model's TF.js files (meta.json, model.json, weights.bin), one download each. */
  async exportModel(id: string): Promise<void> {
    const { files } = await this.client.call('exportModel', { id });
    for (const file of files) downloadBlob(file.name, file.data as BlobPart, file.name.endsWith('.json') ? 'application/json' : 'application/octet-stream');
  }

  /** Imports model files exported earlier (all of them picked together). */
  async importModel(picked: File[]): Promise<void> {
    this.error = null;
    try {
      const files = await Promise.all(picked.map(async (f) => ({ name: f.name, data: f.name.endsWith('.json') ? await f.text() : new Uint8Array(await f.arrayBuffer()) })));
      await this.client.call('importModel', { datasetId: this.datasetId, name: `Imported ${picked.map((f) => f.name).join(', ')}`, files });
      await this.refreshLists();
    } catch (error) {
      this.error = `The model could not be imported: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  /** Reads the worker's TF.js memory into `tfMemory` (only once a backend is chosen: reading never starts TF.js). */
  async readMemory(): Promise<void> {
    if (!this.backendChoice) return;
    this.tfMemory = await this.client.call('memory', null);
    this.tfMemoryReads++;
  }

  private onProgress(p: Progress): void {
    this.progress = p;
    const t = p as Partial<TrainingProgress>;
    if (p.phase !== 'training' || !Number.isFinite(t.trainLoss)) return;
    // The chart follows the network being trained: a new refit (or series) starts a new curve.
    const fit = t.fit ?? 'LSTM';
    const point = { epoch: t.epoch ?? this.losses.length, train: t.trainLoss!, val: t.valLoss ?? NaN };
    // The last event of a fit repeats its last epoch: it replaces that point rather than adding one.
    const same = fit === this.lossFit ? this.losses : [];
    this.losses = same.at(-1)?.epoch === point.epoch ? [...same.slice(0, -1), point] : [...same, point];
    this.lossFit = fit;
  }

  /**
   * Cancels the running task. While a backtest trains its LSTM (the statistical models have finished), only the
   * LSTM stops: the worker saves the statistical leaderboard with the LSTM marked cancelled. Otherwise the whole
   * task is cancelled and nothing is saved.
   */
  cancel(): void {
    if (this.task === 'backtest' && this.progress?.phase === 'training') {
      this.stoppingLstm = true;
      void this.client.call('stopTraining', null).then(({ stopping }) => {
        if (!stopping) this.controller?.abort();
      });
      return;
    }
    this.controller?.abort();
  }

  private async run(task: 'backtest' | 'forecast', body: (signal: AbortSignal) => Promise<void>): Promise<void> {
    this.controller = new AbortController();
    this.stoppingLstm = false;
    this.status = 'running';
    this.task = task;
    this.progress = null;
    this.error = null;
    try {
      await body(this.controller.signal);
      this.status = 'idle';
      this.workspace.settleInterrupted(task, 'train');
      await this.refreshLists();
    } catch (error) {
      if (isAbortError(error)) this.status = 'cancelled';
      else {
        this.status = 'failed';
        this.error = error instanceof Error ? error.message : String(error);
      }
    } finally {
      this.task = null;
      this.stoppingLstm = false;
    }
    // After a success only: a hard-cancelled worker is gone, and reading would start a new one for nothing.
    if (this.status === 'idle') await this.readMemory().catch(() => undefined);
  }
}
