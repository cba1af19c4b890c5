import { maybeInteger } from '../../core/errors';
import { seasonLength as seasonLengthOf } from '../../core/dates';
import type { Progress, ProgressCallback } from '../../core/progress';
import type { Dataset } from '../../dataset/types';
import type { BacktestResult } from '../evaluate/backtest';
import { runStatBacktest, type StatPartRunner } from './partition';
import { scoreBacktest, type ModelScore } from '../evaluate/score';
import { addPair, createAccumulator, summarize } from '../evaluate/metrics';
import { maybeQuantiles } from '../evaluate/intervals';
import { measureIntervals, type IntervalCheck } from '../evaluate/calibration';
import { STAT_MODEL_IDS, type StatModelId } from '../models/registry';
import { appendModel, onlineEnsembleForecasts } from './ensemble-online';
import { knownDuplicates, mergeIdenticalModels, type SkippedModel } from './duplicates';

export type { SkippedModel } from './duplicates';

/** What the user picks for a backtest. */
export interface BacktestSettings {
  /** Statistical models to compare. */
  modelIds: StatModelId[];
  /** Horizon H in periods. */
  horizon: number;
  /** First origin: periods of training at the first window. */
  firstOrigin: number;
  /** Periods between origins. */
  step: number;
  /** Last origin (default: calendar length − H). */
  lastOrigin?: number;
  /** Quantile levels of the prediction intervals, e.g. [0.1, 0.5, 0.9]. */
  quantiles: number[];
  /** Models combined per series in the ensemble (weighted by inverse MSE), integer in [1, 5]. */
  ensembleK: number;
  /** Workers for the statistical fits, integer in [1, 16]; default one per logical core (workers/pool.ts). The
   * results are the same whatever the number. */
  workers?: number;
}

/** Forecasts of a model that is not a statistical model (the LSTM), for every backtest row (rows × H). */
export interface ExtraModelForecasts {
  /** Model id. */
  id: string;
  /** Label. */
  label: string;
  /** rows × H in the row order of the statistical backtest. */
  forecast: Float64Array;
}

/** One leaderboard line. */
export interface LeaderboardRow extends ModelScore {
  /** Measured coverage of the prediction intervals on held-out origins. */
  intervals: IntervalCheck;
}

/** A finished backtest: scores, intervals, and the raw forecasts for charts and export. */
export interface BacktestReport {
  /** Dataset backtested. */
  datasetId: string;
  /** Settings used (normalised). */
  settings: BacktestSettings;
  /** Season length used. */
  seasonLength: number;
  /** Models' scores over all windows, with interval coverage; the ensemble last. */
  leaderboard: LeaderboardRow[];
  /** Origins ≤ this calibrate the intervals; later ones measure coverage. */
  splitOrigin: number;
  /** Per-series MASE of each model (leaderboard order); null where undefined. */
  perSeries: Array<{ seriesId: string; mase: Array<number | null>; mape: Array<number | null> }>;
  /** Every forecast and actual, typed arrays. */
  result: BacktestResult;
  /** Wall time, ms. */
  elapsedMs: number;
  /** Settings of models trained outside this module (the LSTM's units, epochs, backend), for the record. */
  extraSettings?: Record<string, unknown>;
  /** Workers the statistical fits ran on (1: in the forecast worker itself). Absent in reports saved before #13. */
  workers?: number;
  /** Models chosen but left out because their forecasts are another model's (absent from reports saved before
   * issue #19). */
  skipped?: SkippedModel[];
}

/** The default models: honest baselines and the strong statistical ones, among them a seasonal model for each
 * history length (seasonal naive + smoothed change from one season and a bit, STL + ETS beyond two seasons). */
export const DEFAULT_MODELS: StatModelId[] = ['naive', 'snaive', 'ets-nonseasonal', 'ets', 'stl-ets', 'sdiff-ses'];

/** Id of the ensemble in leaderboards. */
export const ENSEMBLE_ID = 'ensemble';

/** Normalises settings against a dataset; throws naming a bad value. */
export function maybeBacktestSettings(settings: BacktestSettings, periods: number): BacktestSettings {
  const modelIds = settings.modelIds.filter((id): id is StatModelId => (STAT_MODEL_IDS as readonly string[]).includes(id));
  const horizon = maybeInteger('horizon', settings.horizon, 1, Math.max(1, periods - 2));
  const lastOrigin = maybeInteger('lastOrigin', settings.lastOrigin ?? periods - horizon, 1, periods - 1);
  const firstOrigin = maybeInteger('firstOrigin', settings.firstOrigin, 1, lastOrigin);
  return {
    modelIds: modelIds.length ? modelIds : DEFAULT_MODELS,
    horizon,
    firstOrigin,
    lastOrigin,
    step: maybeInteger('step', settings.step, 1),
    quantiles: maybeQuantiles(settings.quantiles),
    ensembleK: maybeInteger('ensembleK', settings.ensembleK, 1, 5),
    ...(settings.workers === undefined ? {} : { workers: maybeInteger('workers', settings.workers, 1, 16) }),
  };
}

/**
 * Backtests every series of a dataset with rolling origins: statistical models refit at every origin; extra
 * models (the LSTM) come in as forecasts for the same rows; the online ensemble is scored like any model.
 * Intervals are calibrated on the first half of the origins and their coverage measured on the second half.
 */
export async function backtestDataset(
  dataset: Dataset,
  rawSettings: BacktestSettings,
  options: {
    signal?: AbortSignal;
    onProgress?: ProgressCallback;
    /** The extra models' forecasts for the rows of `rows` (a backtest whose rows are the statistical backtest's);
     * runs while the statistical models are fitted, reporting through `onProgress`. */
    extraModels?: (rows: BacktestResult, onProgress: ProgressCallback) => Promise<ExtraModelForecasts[]>;
    /** Runs the statistical backtest (default: in this thread); a worker pool passes its own (partition.ts). */
    runStat?: StatPartRunner;
    /** Workers `runStat` uses, for the report. Default 1. */
    workers?: number;
  } = {},
): Promise<BacktestReport> {
  const started = Date.now();
  const periods = dataset.calendar.days.length;
  const settings = maybeBacktestSettings(rawSettings, periods);
  const m = seasonLengthOf(dataset.calendar.frequency);
  const known = knownDuplicates(settings.modelIds, m);
  const run = options.runStat ?? runStatBacktest;
  const request = {
    series: dataset.series.map((s) => ({ id: s.id, values: s.values, start: s.start })),
    modelIds: settings.modelIds.filter((id) => !known.some((k) => k.modelId === id)),
    horizon: settings.horizon,
    seasonLength: m,
    firstOrigin: settings.firstOrigin,
    lastOrigin: settings.lastOrigin!,
    step: settings.step,
  };
  let result: BacktestResult;
  if (!options.extraModels) {
    result = await run(request, { signal: options.signal, onProgress: options.onProgress });
  } else {
    // The extra models (the LSTM, minutes of training in this thread) run WHILE the pool fits the statistical models,
    // not after: on 2,000-series catalogues the two took as long as each other. They need the backtest's rows and
    // seasonal-naive stand-ins first, from a seasonal-naive-only run here (the rows do not depend on the models).
    const rows = await runStatBacktest({ ...request, modelIds: ['snaive'] }, { signal: options.signal });
    const progress = combinedProgress(options.onProgress);
    // Both settle before an error propagates, so a failure of one never leaves the other running behind the next job.
    const [stat, extras] = await Promise.allSettled([
      run(request, { signal: options.signal, onProgress: progress.stat }).finally(progress.finished),
      options.extraModels(rows, progress.extra),
    ]);
    if (stat.status === 'rejected') throw stat.reason;
    if (extras.status === 'rejected') throw extras.reason;
    result = stat.value;
    for (const extra of extras.value) {
      if (!sameRows(rows, result)) throw new Error('the extra models were computed for other backtest rows');
      result = appendModel(result, extra.id, extra.label, extra.forecast);
    }
  }
  const summary = summarizeBacktest(result, settings);
  return { datasetId: dataset.meta.id, settings, seasonLength: m, ...summary, skipped: [...known, ...summary.skipped], elapsedMs: Date.now() - started, workers: options.workers ?? 1 };
}

/** Whether two backtests have the same rows (series and origin of each). */
function sameRows(a: BacktestResult, b: BacktestResult): boolean {
  return a.rows === b.rows && a.rowSeries.every((v, i) => v === b.rowSeries[i]) && a.rowOrigin.every((v, i) => v === b.rowOrigin[i]);
}

/**
 * One progress stream for the statistical part and the extra models running together: the statistical events pass
 * until the extra models report, then the extra models' events (their time left, which is the longer part) carry
 * the statistical part's state in their message, so the bar does not jump between the two.
 */
function combinedProgress(onProgress: ProgressCallback | undefined) {
  let stat: Progress | null = null;
  let statFinished = false;
  let extraStarted = false;
  return {
    stat: (p: Progress) => {
      stat = p;
      if (!extraStarted) onProgress?.(p);
    },
    extra: (p: Progress) => {
      extraStarted = true;
      const note = statFinished ? '' : `; statistical models: ${stat ? Math.round((100 * stat.done) / Math.max(1, stat.total)) : 0}%`;
      onProgress?.({ ...p, message: `${p.message ?? ''}${note}` });
    },
    finished: () => (statFinished = true),
  };
}

/** What `summarizeBacktest` adds to a backtest's forecasts. */
export type BacktestSummary = Pick<BacktestReport, 'result' | 'leaderboard' | 'splitOrigin' | 'perSeries'> & { skipped: SkippedModel[] };

/**
 * Scores a finished backtest: merges models whose forecasts are identical (the later one is left out), appends
 * the online ensemble, scores every model over all windows, and measures the
 * intervals (calibrated on the first half of the origins, coverage on the second half).
 */
export function summarizeBacktest(raw: BacktestResult, settings: Pick<BacktestSettings, 'quantiles' | 'ensembleK'>): BacktestSummary {
  const merged = mergeIdenticalModels(raw);
  let result = merged.result;
  const fallback = result.modelIds.includes('stl-ets') ? 'stl-ets' : result.modelIds.includes('snaive') ? 'snaive' : result.modelIds[0];
  const ensemble = onlineEnsembleForecasts(result, { k: settings.ensembleK, fallbackModelId: fallback });
  result = appendModel(result, ENSEMBLE_ID, `Ensemble (best ${settings.ensembleK} per series, inverse-MSE weights, chosen online)`, ensemble.forecast);

  const origins = Array.from(new Set(result.rowOrigin)).sort((a, b) => a - b);
  const splitOrigin = origins[Math.max(0, Math.floor((origins.length - 1) / 2))] ?? 1;
  const scores = scoreBacktest(result);
  const leaderboard = scores.map((score, i) => ({
    ...score,
    intervals: measureIntervals(result, i, { quantiles: settings.quantiles, splitOrigin }),
  }));
  return { result, leaderboard, splitOrigin, perSeries: scorePerSeries(result), skipped: merged.skipped };
}

/** Per-series MASE and MAPE of every model in one pass over the rows (O(models × rows × H)). */
export function scorePerSeries(result: BacktestResult): BacktestReport['perSeries'] {
  const H = result.horizon;
  const M = result.modelIds.length;
  const acc = result.seriesIds.map(() => Array.from({ length: M }, createAccumulator));
  for (let r = 0; r < result.rows; r++) {
    const per = acc[result.rowSeries[r]];
    for (let i = 0; i < M; i++) {
      for (let h = 0; h < H; h++) {
        addPair(per[i], result.actual[r * H + h], result.forecast[(i * result.rows + r) * H + h], result.scale[r], result.lastValue[r]);
      }
    }
  }
  return result.seriesIds.map((seriesId, s) => {
    const m = acc[s].map(summarize);
    return { seriesId, mase: m.map((x) => x.mase), mape: m.map((x) => x.mape) };
  });
}
