/**
 * The LSTM inside the forecast worker: backend selection (once per worker, remembered choice first), backtest
 * forecasts with a refit schedule, and the final model for the future forecast. Domain work is in
 * lib/forecast/lstm*; this file only schedules it over a dataset's origins.
 */
import type { Dataset } from '../lib/dataset/types';
import type { BacktestResult } from '../lib/forecast/backtest';
import { selectBackend } from '../lib/forecast/backend';
import { BACKEND_NAMES, type BackendChoice, type BackendName, type WasmThreadsMode } from '../lib/forecast/backend-types';
import { fitLstm, type LstmModel } from '../lib/forecast/lstm';
import type { LstmProgress } from '../lib/forecast/lstm-options';
import { fillOriginRows, rowsByOrigin } from '../lib/forecast-run/model-forecast';
import type { LstmSettings } from './forecast-protocol';

export type { LstmSettings };

let choice: Promise<BackendChoice> | null = null;
let chosenFor: BackendName | null | undefined;
/** The latest selection started, settled or not: selections run one after another, never interleaved (each
 * sets TF.js's global backend while it probes, so two at once would check each other's backend). */
let lastSelection: Promise<unknown> = Promise.resolve();

function serialized(select: () => Promise<BackendChoice>): Promise<BackendChoice> {
  const run = lastSelection.then(select, select);
  lastSelection = run.catch(() => undefined);
  return run;
}

/**
 * Selects the TF.js backend once (or again when the preferred one changes) and returns the choice. `wasmThreads`
 * counts at the first WASM start only: the page restarts the worker when the user changes it. A change while a
 * selection runs waits for it to finish.
 */
export function ensureBackend(preferred: BackendName | null, wasmThreads: WasmThreadsMode = 'auto'): Promise<BackendChoice> {
  if (!choice || chosenFor !== preferred) {
    chosenFor = preferred;
    const attempt = serialized(() => selectBackend({ preferred: preferred && BACKEND_NAMES.includes(preferred) ? preferred : undefined, wasmThreads }));
    choice = attempt;
    attempt.catch(() => {
      if (choice === attempt) choice = null;
    });
  }
  return choice;
}

/**
 * The backend for forecasting with a saved model (inference only, a few small batches): the backend already
 * selected for training, else the preferred one, else WASM after its one-step check (CPU if WASM fails). The
 * timed probe of every backend takes longer than the whole inference, so it is left for training, which then
 * runs it (and switches backend) as usual.
 */
export function ensureInferenceBackend(preferred: BackendName | null, wasmThreads: WasmThreadsMode = 'auto'): Promise<BackendChoice> {
  if (choice && chosenFor === preferred) return choice;
  if (preferred) return ensureBackend(preferred, wasmThreads);
  return serialized(() => selectBackend({ preferred: 'wasm', candidates: ['wasm', 'cpu'], probeMs: 0, wasmThreads }));
}

/** Periods between LSTM refits in a backtest: 13 weeks, 90 days or 3 months (the bound). */
export function refitPeriods(frequency: Dataset['calendar']['frequency']): number {
  return frequency === 'weekly' ? 13 : frequency === 'daily' ? 90 : 3;
}

/**
 * LSTM forecasts for every row of a statistical backtest (rows × H, the result's row order). The network is
 * trained on the periods before an origin and refit every `refitPeriods`; each origin's forecast reads history
 * before that origin only. Series the network cannot forecast get the seasonal naive forecast of the row.
 */
export async function lstmBacktestForecasts(
  dataset: Dataset,
  result: BacktestResult,
  settings: LstmSettings,
  run: { signal: AbortSignal; onTraining?: (p: LstmProgress, refit: number, refits: number) => void },
): Promise<Float64Array> {
  const H = result.horizon;
  const out = new Float64Array(result.rows * H);
  const fallback = Math.max(0, result.modelIds.indexOf('snaive'));
  out.set(result.forecast.subarray(fallback * result.rows * H, (fallback + 1) * result.rows * H));
  const byOrigin = rowsByOrigin(result);
  const origins = [...byOrigin.keys()];
  const every = refitPeriods(dataset.calendar.frequency);
  const blocks: number[][] = [];
  for (const o of origins) {
    const block = blocks[blocks.length - 1];
    if (block && o - block[0] < every) block.push(o);
    else blocks.push([o]);
  }
  for (let b = 0; b < blocks.length; b++) {
    let model: LstmModel | null = null;
    try {
      model = await fitLstm(dataset, { horizon: H, origin: blocks[b][0], mode: settings.mode, units: settings.units, epochs: settings.epochs, seed: settings.seed }, run.signal, (p) => run.onTraining?.(p, b, blocks.length));
      for (const origin of blocks[b]) {
        fillOriginRows(result, byOrigin.get(origin)!, await model.predict(dataset, { origin }), out);
      }
    } catch (error) {
      // A window without enough history to train on (an early origin) keeps the fallback forecasts.
      if (error instanceof Error && error.name === 'AbortError') throw error;
      if (!(error instanceof Error && /invalid-input|no series|enough/i.test(`${(error as { code?: string }).code ?? ''} ${error.message}`))) throw error;
    } finally {
      model?.dispose();
    }
  }
  return out;
}

/**
 * Trains the final model on the whole history, for the future forecast. The caller disposes it. With
 * `onAbort: 'keep'`, an abort after the first epoch resolves with the best weights so far.
 */
export function fitFinalLstm(
  dataset: Dataset,
  horizon: number,
  settings: LstmSettings,
  run: { signal: AbortSignal; onTraining?: (p: LstmProgress) => void; onAbort?: 'discard' | 'keep' },
): Promise<LstmModel> {
  return fitLstm(
    dataset,
    { horizon, mode: settings.mode, units: settings.units, epochs: settings.epochs, seed: settings.seed, onAbort: run.onAbort ?? 'discard' },
    run.signal,
    run.onTraining,
  );
}
