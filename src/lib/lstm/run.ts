/**
 * The LSTM's part of the forecast worker's jobs, kept here (not in the worker) so it is tested in Node: the
 * backtest's LSTM row with its refit records, a stop that keeps the statistical results, progress in words with
 * the time left, and the final model of a future forecast.
 */
import { throwIfAborted } from '../core/abort';
import { AppError } from '../core/errors';
import type { Progress } from '../core/progress';
import type { BacktestResult } from '../forecast/evaluate/types';
import type { LstmInput } from './features';
import { firstDayAtOrAfter } from '../core/dates';
import type { ProgressCallback } from '../core/progress';
import type { Dataset } from '../dataset/types';
import type { DatasetForecast } from '../forecast/run/forecast-dataset';
import { forecastWithTrainedModel } from '../forecast/run/model-forecast';
import { loadLstm, saveLstm, type LstmFile } from './io';
import type { LstmMeta } from './types';
import { DEFAULT_BACKTEST_BUDGET_MS, type LstmProgress, type LstmSettings, type TrainingProgress } from './options';
import { fitFinalLstm, lstmBacktestForecasts, lstmLabel, type LstmBacktest, type RefitReport } from './refit';

/** "2 min 05 s" / "40 s". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s >= 60 ? `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s` : `${s} s`;
}

/** A training event in words. `etaMs` overrides the event's own estimate (e.g. with the refits still to come). */
export function trainingProgress(p: LstmProgress, stage: string, etaMs = p.etaMs): TrainingProgress {
  const fit = `LSTM ${stage}${p.networks > 1 ? `, series ${p.network + 1} of ${p.networks}` : ''}`;
  const losses = `loss ${p.trainLoss.toFixed(4)}${Number.isFinite(p.valLoss) ? `, validation ${p.valLoss.toFixed(4)}` : ''}`;
  const epoch = p.epoch === 0 ? 'epoch 0 (untrained: the baseline)' : `epoch ${p.epoch} of at most ${p.epochs}`;
  const left = Number.isFinite(etaMs) ? `about ${formatDuration(etaMs)} left` : 'time left not known yet';
  return { ...p, etaMs, fit, message: `LSTM ${stage}: ${epoch}, ${losses}, ${left}` };
}

/** What the backtest keeps about its LSTM (`BacktestReport.extraSettings`). */
export interface LstmBacktestRecord {
  lstm: LstmSettings;
  backend: string;
  /** Training and prediction wall time of every refit, ms. */
  lstmTrainMs: number;
  /** What made each block's forecasts: chosen epoch and validation losses per refit. */
  lstmRefits: RefitReport[];
  /** Set when the user stopped the LSTM: the statistical rows were kept and the LSTM row left out. */
  lstmCancelled?: { refitsDone: number; refits: number };
  /** The coverage of the network's own interval (its outermost quantiles, 10-90 % by default), uncalibrated, on
   * the origins after `afterOrigin` (the leaderboard's split: its coverage column calibrates every model, the LSTM
   * included, on the origins up to there). Absent for a network without quantiles or when nothing was scored. */
  lstmNetworkCoverage?: { lower: number; upper: number; observed: number; count: number; afterOrigin: number };
}

/**
 * Coverage of the network's outermost quantile pair over the rows whose origin is after the backtest's split origin
 * (the median origin, as `summarizeBacktest` splits), skipping rows the network did not forecast (NaN).
 */
export function networkCoverage(result: BacktestResult, quantiles: LstmBacktest['quantiles']): LstmBacktestRecord['lstmNetworkCoverage'] {
  if (!quantiles || quantiles.levels.length < 2) return undefined;
  const origins = Array.from(new Set(result.rowOrigin)).sort((a, b) => a - b);
  const afterOrigin = origins[Math.max(0, Math.floor((origins.length - 1) / 2))] ?? 0;
  const [lo, hi] = [quantiles.values[0], quantiles.values[quantiles.values.length - 1]];
  const H = result.horizon;
  let inside = 0;
  let count = 0;
  for (let r = 0; r < result.rows; r++) {
    if (result.rowOrigin[r] <= afterOrigin) continue;
    for (let i = r * H; i < (r + 1) * H; i++) {
      const y = result.actual[i];
      if (!Number.isFinite(y) || !Number.isFinite(lo[i])) continue;
      count++;
      if (y >= lo[i] && y <= hi[i]) inside++;
    }
  }
  if (count === 0) return undefined;
  return { lower: quantiles.levels[0], upper: quantiles.levels[quantiles.levels.length - 1], observed: inside / count, count, afterOrigin };
}

/**
 * The backtest's LSTM as `backtestDataset`'s `extraModels`: trains every refit (each with an equal share of
 * `budgetMs`), reports progress with the time left over all refits, and fills `record`. When `stop` aborts, resolves
 * with no LSTM row and `record.lstmCancelled` set, so the statistical leaderboard is still saved.
 */
export function lstmExtraModels(
  dataset: LstmInput,
  settings: LstmSettings,
  record: LstmBacktestRecord,
  run: { signal: AbortSignal; stop: AbortSignal; onProgress: (p: Progress) => void; budgetMs?: number },
) {
  return async (result: BacktestResult) => {
    const started = Date.now();
    let block = -1;
    let blockStarted = started;
    const out = await lstmBacktestForecasts(dataset, result, settings, {
      signal: run.signal,
      stop: run.stop,
      budgetMs: run.budgetMs ?? DEFAULT_BACKTEST_BUDGET_MS,
      onTraining: (p, b, n) => {
        if (b !== block) {
          block = b;
          blockStarted = Date.now();
        }
        // The refits to come take about as long as the mean refit so far (before the first ends: this one's estimate).
        const meanMs = b > 0 ? (blockStarted - started) / b : Date.now() - blockStarted + p.etaMs;
        run.onProgress(trainingProgress(p, `refit ${b + 1} of ${n}`, p.etaMs + (n - b - 1) * meanMs));
      },
    });
    record.lstmRefits = out.refits;
    record.lstmTrainMs = Date.now() - started;
    if (!out.forecast) {
      record.lstmCancelled = { refitsDone: out.refits.filter((r) => r.source !== 'cancelled').length, refits: out.refits.length };
      return [];
    }
    const coverage = networkCoverage(result, out.quantiles);
    if (coverage) record.lstmNetworkCoverage = coverage;
    return [{ id: 'lstm', label: lstmLabel(settings, out.refits), forecast: out.forecast }];
  };
}

/** The final model of a future forecast, saved and used. */
export interface FinalModel {
  /** Its saved files (meta.json, model.json, weights.bin). */
  files: LstmFile[];
  /** Its metadata. */
  meta: LstmMeta;
  /** ", stopped by you after epoch N" when the user stopped its training, else "". */
  stoppedNote: string;
  /** Its H forecasts of series `index` of the dataset (null for a series it does not forecast). */
  forecastOf: (index: number) => Float64Array | null;
}

/**
 * Trains the final model of a future forecast on the whole history, forecasts from the end and saves it. A `stop`
 * ends training early and keeps the best weights so far (`stoppedNote` says so); a cancel (`signal`) rejects with
 * an AbortError. Frees every tensor before it resolves.
 */
export async function trainFinalModel(
  dataset: LstmInput,
  horizon: number,
  settings: LstmSettings,
  run: { signal: AbortSignal; stop: AbortSignal; onProgress: (p: Progress) => void },
): Promise<FinalModel> {
  const model = await fitFinalLstm(dataset, horizon, settings, {
    signal: AbortSignal.any([run.signal, run.stop]),
    onAbort: 'keep',
    onTraining: (p) => run.onProgress(trainingProgress(p, 'final model')),
  });
  try {
    throwIfAborted(run.signal);
    const { training } = model.meta.networks.at(-1)!;
    const fc = await model.predict(dataset);
    const byId = new Map(fc.seriesIds.map((sid, i) => [sid, fc.forecasts[i]]));
    return {
      files: await saveLstm(model),
      meta: model.meta,
      stoppedNote: training.stopReason === 'aborted' ? `, stopped by you after epoch ${training.epochs}` : '',
      forecastOf: (index) => byId.get(dataset.series[index].id) ?? null,
    };
  } finally {
    model.dispose();
  }
}

/**
 * Forecasts a dataset with a saved model as it is, without training: the future from the end of the history and,
 * as its check, the windows of `heldOutSpan`. Frees the model's tensors.
 */
export async function forecastWithSavedModel(
  dataset: Dataset,
  saved: { name: string; files: Array<{ name: string; data: string | Uint8Array }> },
  run: { signal: AbortSignal; onProgress: ProgressCallback },
): Promise<DatasetForecast> {
  const model = await loadLstm(fileReader(saved.files));
  try {
    const { config } = model.meta;
    if (config.frequency !== dataset.calendar.frequency) {
      throw new AppError('invalid-input', `This model forecasts ${config.frequency} data; ${dataset.meta.name} is ${dataset.calendar.frequency}.`);
    }
    const held = heldOutSpan(model.meta, dataset.calendar.days);
    const forecast = await forecastWithTrainedModel(
      dataset,
      { horizon: config.horizon, predict: (origin) => model.predict(dataset, { origin }) },
      { modelId: 'lstm', label: saved.name, heldOutFrom: firstDayAtOrAfter(dataset.calendar.days, held.fromDay), createdAt: Date.now(), signal: run.signal, onProgress: run.onProgress },
    );
    if (forecast.check) forecast.check.span = held.span;
    return forecast;
  } finally {
    model.dispose();
  }
}

/**
 * The windows a saved model is checked on. 'test': the data goes on for at least H periods past the model's training
 * window (it was trained with its origin before the end), so windows from its origin were used neither to train it
 * nor to choose its epoch. Otherwise 'validation': windows from its first validation origin, never training targets,
 * but they chose its stopping epoch (the latest start over its networks; its origin without validation).
 */
export function heldOutSpan(meta: LstmMeta, days: Int32Array): { fromDay: number; span: 'test' | 'validation' } {
  if (days.length - firstDayAtOrAfter(days, meta.originDay) >= meta.config.horizon) return { fromDay: meta.originDay, span: 'test' };
  return { fromDay: Math.max(...meta.networks.map((n) => n.heldOutFromDay ?? meta.originDay)), span: 'validation' };
}

/** Loads model files and frees them again: proves they are a complete, consistent model; resolves with its meta. */
export async function checkModelFiles(files: Array<{ name: string; data: string | Uint8Array }>): Promise<LstmMeta> {
  const model = await loadLstm(fileReader(files));
  model.dispose();
  return model.meta;
}

/** The files of a saved model as the reader `loadLstm` wants. */
export function fileReader(files: Array<{ name: string; data: string | Uint8Array }>) {
  const byName = new Map(files.map((f) => [f.name, f.data]));
  return async (file: string) => {
    const data = byName.get(file);
    if (data === undefined) throw new AppError('invalid-input', `The model files lack ${file}.`);
    return data;
  };
}
