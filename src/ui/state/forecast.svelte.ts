import { isAbortError } from '../../lib/core/abort';
import type { Progress } from '../../lib/core/progress';
import type { BacktestReport, BacktestSettings } from '../../lib/forecast/run/backtest-dataset';
import type { DatasetForecast } from '../../lib/forecast/run/forecast-dataset';
import type { StoredRecord } from '../../persistence/db';
import { listRecords } from '../../persistence/records';
import { downloadBlob } from '../download';
import type { ForecastApi } from '../../workers/forecast-protocol';
import { WASM_THREADS_KEY, WASM_THREADS_MODES, type BackendChoice, type BackendName, type TensorMemory, type WasmThreadsMode } from '../../lib/lstm/backend-types';
import type { LstmSettings, TrainingProgress } from '../../workers/forecast-protocol';
import { createWorkerClient, type WorkerClient } from '../../workers/rpc';
import type { Workspace } from './workspace.svelte';

/** Settings key of the user's TF.js backend override. */
const BACKEND_KEY = 'tfBackend';

/** Starts the forecast worker. */
export function createForecastClient(): WorkerClient<ForecastApi> {
  return createWorkerClient<ForecastApi>(
    () => new Worker(new URL('../../workers/forecast.worker.ts', import.meta.url), { type: 'module', name: 'forecast' }),
    { idleTimeoutMs: 10 * 60_000 },
  );
}

/** Backtests and forecasts of the active dataset: runs them in the worker, keeps the latest results. */
export class ForecastSession {
  /** 'running' while the worker works. */
  status = $state<'idle' | 'running' | 'cancelled' | 'failed'>('idle');
  /** What is running. */
  task = $state<'backtest' | 'forecast' | null>(null);
  /** Latest progress event. */
  progress = $state.raw<Progress | null>(null);
  /** The backtest shown. */
  report = $state.raw<BacktestReport | null>(null);
  /** Its saved id. */
  backtestId = $state<string | null>(null);
  /** The forecast shown. */
  forecast = $state.raw<DatasetForecast | null>(null);
  /** Its saved id. */
  forecastId = $state<string | null>(null);
  /** Saved backtests of the dataset, newest first. */
  savedBacktests = $state.raw<Array<StoredRecord<null>>>([]);
  /** Saved forecasts of the dataset, newest first. */
  savedForecasts = $state.raw<Array<StoredRecord<null>>>([]);
  /** A sentence for people when something failed. */
  error = $state<string | null>(null);
  /** Training and validation loss per epoch of the LSTM fit in progress (the live loss curve). */
  /** Loss per epoch of the network being trained (or trained last), and which fit that is. */
  losses = $state.raw<Array<{ train: number; val: number }>>([]);
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

  private controller: AbortController | null = null;
  private datasetId: string | null = null;
  private generation = 0;

  constructor(
    private readonly client: WorkerClient<ForecastApi>,
    private readonly workspace: Workspace,
  ) {}

  /** Shows a dataset: lists its saved runs and opens the latest (latest request wins). */
  async show(datasetId: string | null): Promise<void> {
    if (datasetId === this.datasetId) return;
    const gen = ++this.generation;
    this.datasetId = datasetId;
    this.report = null;
    this.forecast = null;
    this.backtestId = null;
    this.forecastId = null;
    await Promise.all([this.refreshLists(), this.loadSettings()]);
    if (gen !== this.generation) return;
    if (this.savedBacktests[0]) await this.openBacktest(this.savedBacktests[0].id);
    if (gen === this.generation && this.savedForecasts[0]) await this.openForecast(this.savedForecasts[0].id);
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

  /** Runs a backtest of the shown dataset, with the LSTM when `lstm` is given. */
  async runBacktest(settings: BacktestSettings, lstm: LstmSettings | null = null): Promise<void> {
    if (!this.datasetId || this.status === 'running') return;
    this.losses = [];
    await this.run('backtest', async (signal) => {
      const { id, report } = await this.client.call(
        'backtest',
        { datasetId: this.datasetId!, settings, lstm, backend: this.preferredBackend },
        { signal, onProgress: (p) => this.onProgress(p) },
      );
      this.report = report;
      this.backtestId = id;
    });
  }

  /** Forecasts the shown dataset with the models its backtest chose. */
  async makeForecast(horizon: number): Promise<void> {
    if (!this.backtestId || this.status === 'running') return;
    await this.run('forecast', async (signal) => {
      this.losses = [];
      const { id, forecast } = await this.client.call('forecast', { backtestId: this.backtestId!, horizon, backend: this.preferredBackend }, { signal, onProgress: (p) => this.onProgress(p) });
      this.forecast = forecast;
      this.forecastId = id;
    });
  }

  /** Forecasts the shown dataset with a saved model as it is, without training (instant for the demo's model). */
  async forecastWithModel(modelId: string): Promise<void> {
    if (!this.datasetId || this.status === 'running') return;
    await this.run('forecast', async (signal) => {
      this.losses = [];
      const { id, forecast } = await this.client.call('forecastWithModel', { modelId, datasetId: this.datasetId!, backend: this.preferredBackend }, { signal, onProgress: (p) => this.onProgress(p) });
      this.forecast = forecast;
      this.forecastId = id;
    });
  }

  /** What the last imported forecast file held besides the forecast (models, series it could not place). */
  imported = $state.raw<{ fileName: string; models: string[]; model: string; unknownSeries: string[]; missingSeries: string[] } | null>(null);

  /** Imports a forecast made elsewhere (statsforecast long format) onto the shown dataset and shows it. */
  async importForecast(file: File): Promise<void> {
    if (!this.datasetId || this.status === 'running') return;
    await this.run('forecast', async () => {
      const text = await file.text();
      const { id, forecast, ...info } = await this.client.call('importForecast', { datasetId: this.datasetId!, fileName: file.name, text });
      this.forecast = forecast;
      this.forecastId = id;
      this.imported = { fileName: file.name, ...info };
    });
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
    const forecast = await this.client.call('getForecast', { id });
    if (gen !== this.generation) return;
    this.forecast = forecast;
    this.forecastId = forecast ? id : null;
  }

  /** Downloads a backtest or forecast as CSV. */
  async download(kind: 'backtest' | 'forecast'): Promise<void> {
    const id = kind === 'backtest' ? this.backtestId : this.forecastId;
    if (!id) return;
    const { fileName, text } = await this.client.call('exportCsv', { kind, id });
    downloadBlob(fileName, text, 'text/csv;charset=utf-8');
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
    const point = { train: t.trainLoss!, val: t.valLoss ?? NaN };
    this.losses = fit === this.lossFit ? [...this.losses, point] : [point];
    this.lossFit = fit;
  }

  /** Cancels the running task. */
  cancel(): void {
    this.controller?.abort();
  }

  private async run(task: 'backtest' | 'forecast', body: (signal: AbortSignal) => Promise<void>): Promise<void> {
    this.controller = new AbortController();
    this.status = 'running';
    this.task = task;
    this.progress = null;
    this.error = null;
    try {
      await body(this.controller.signal);
      this.status = 'idle';
      await this.refreshLists();
    } catch (error) {
      if (isAbortError(error)) this.status = 'cancelled';
      else {
        this.status = 'failed';
        this.error = error instanceof Error ? error.message : String(error);
      }
    } finally {
      this.task = null;
    }
    // After a success only: a hard-cancelled worker is gone, and reading would start a new one for nothing.
    if (this.status === 'idle') await this.readMemory().catch(() => undefined);
  }
}
