import { isAbortError } from '../../lib/core/abort';
import type { ForecastFilePreview } from '../../lib/forecast/external/preview';
import type { ForecastImportApi, ForecastImportOutput } from '../../workers/forecast-import-protocol';
import { createWorkerClient, type WorkerClient } from '../../workers/rpc';

/** Starts the forecast-import worker; stateless, so it is torn down after a minute idle. */
export function createForecastImportClient(): WorkerClient<ForecastImportApi> {
  return createWorkerClient<ForecastImportApi>(
    () => new Worker(new URL('../../workers/forecast-import.worker.ts', import.meta.url), { type: 'module', name: 'forecast-import' }),
    { idleTimeoutMs: 60_000 },
  );
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Importing a forecast made elsewhere onto a dataset: reads the file in the worker (what it holds, what is wrong),
 * lets the user choose models, saves them. The latest file picked wins; components never post to the worker.
 */
export class ForecastImportSession {
  /** What the worker is doing. */
  status = $state<'idle' | 'reading' | 'saving'>('idle');
  /** What the picked file holds for the dataset. */
  preview = $state.raw<ForecastFilePreview | null>(null);
  /** Models chosen to import, by name in the file. */
  chosen = $state<string[]>([]);
  /** Why the last step failed. */
  error = $state<string | null>(null);
  /** Forecasts saved by the last import. */
  saved = $state.raw<ForecastImportOutput['saved']>([]);

  private file: File | null = null;
  private datasetId: string | null = null;
  private generation = 0;
  private controller: AbortController | null = null;
  private client: WorkerClient<ForecastImportApi> | null = null;

  constructor(private readonly makeClient: () => WorkerClient<ForecastImportApi> = createForecastImportClient) {}

  /** Reads a picked file against a dataset; a newer pick cancels it. */
  async inspect(file: File, datasetId: string): Promise<void> {
    const gen = this.begin('reading');
    this.file = file;
    this.datasetId = datasetId;
    this.preview = null;
    this.saved = [];
    this.chosen = [];
    try {
      const preview = await this.worker().call('inspect', { datasetId, file, fileName: file.name }, { signal: this.controller!.signal });
      if (gen !== this.generation) return;
      this.preview = preview;
      // The first model is chosen by default: one forecast, the one Orders will plan from.
      this.chosen = preview.models.slice(0, 1).map((m) => m.model);
      this.status = 'idle';
    } catch (error) {
      this.fail(gen, error);
    }
  }

  /** Saves the chosen models; resolves to what was saved (empty when nothing was). */
  async save(): Promise<ForecastImportOutput['saved']> {
    if (!this.file || !this.datasetId || this.chosen.length === 0) return [];
    const gen = this.begin('saving');
    try {
      const out = await this.worker().call('import', { datasetId: this.datasetId, file: this.file, fileName: this.file.name, models: [...this.chosen] }, { signal: this.controller!.signal });
      if (gen !== this.generation) return [];
      this.preview = out.preview;
      this.saved = out.saved;
      this.status = 'idle';
      return out.saved;
    } catch (error) {
      this.fail(gen, error);
      return [];
    }
  }

  /** Forgets the file (another dataset was opened, or the user closed the dialog). */
  reset(): void {
    this.controller?.abort();
    this.generation++;
    this.status = 'idle';
    this.file = null;
    this.datasetId = null;
    this.preview = null;
    this.chosen = [];
    this.error = null;
    this.saved = [];
  }

  private worker(): WorkerClient<ForecastImportApi> {
    return (this.client ??= this.makeClient());
  }

  private begin(status: 'reading' | 'saving'): number {
    this.controller?.abort();
    this.controller = new AbortController();
    this.status = status;
    this.error = null;
    return ++this.generation;
  }

  private fail(gen: number, error: unknown): void {
    if (gen !== this.generation || isAbortError(error)) return;
    this.status = 'idle';
    this.error = message(error);
  }
}
