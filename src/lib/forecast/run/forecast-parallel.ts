import { checkpoint, throwIfAborted } from '../../core/abort';
import type { Dataset } from '../../dataset/types';
import { createStatModel, STAT_MODEL_IDS, type StatModelId } from '../models/registry';
import type { BacktestReport } from './backtest-dataset';
import { forecastDataset, forecastSelections, paddedHistory, type DatasetForecast, type ExtraFutureForecasts } from './forecast-dataset';
import { partitionSeries, type StatRunOptions } from './partition';

/**
 * The future forecast's statistical fits, split between workers like the backtest (partition.ts): each series
 * is fitted once per model its backtest chose, wherever it runs, so the forecast is the same for any number of
 * workers.
 */

/** The statistical forecasts a dataset's future forecast needs, described by data only. */
export interface StatForecastRequest {
  /** Each series' history up to the calendar's end (NaN = missing). */
  histories: Float64Array[];
  /** The statistical models used by any series. */
  modelIds: StatModelId[];
  /** need[s × modelIds.length + j] = 1 when series s forecasts with modelIds[j]. */
  need: Uint8Array;
  /** Periods ahead. */
  horizon: number;
  /** Periods per season. */
  seasonLength: number;
}

/** Runs a request (or a part of one) somewhere; resolves with series × models × horizon values (NaN where not needed). */
export type StatForecastRunner = (request: StatForecastRequest, options: StatRunOptions, part?: number) => Promise<Float64Array>;

/** Runs the request in this thread. */
export async function runStatForecast(request: StatForecastRequest, options: StatRunOptions = {}): Promise<Float64Array> {
  const { histories, modelIds, need, horizon: H, seasonLength } = request;
  const M = modelIds.length;
  const models = modelIds.map(createStatModel);
  const out = new Float64Array(histories.length * M * H).fill(NaN);
  const ctx = { seasonLength, nonNegative: true };
  let lastYield = Date.now();
  for (let s = 0; s < histories.length; s++) {
    // Yield now and then so a cancel message can arrive (C2 in STYLE.md).
    if (Date.now() - lastYield >= 10) {
      await checkpoint(options.signal);
      lastYield = Date.now();
    } else throwIfAborted(options.signal);
    for (let j = 0; j < M; j++) if (need[s * M + j]) out.set(models[j].forecast(histories[s], H, ctx), (s * M + j) * H);
    options.onProgress?.({ phase: 'forecasting', done: s + 1, total: histories.length });
  }
  return out;
}

/** Splits the request into up to `parts` parts by history length, runs them through `runPart` and merges them. */
export async function forecastPartitioned(
  request: StatForecastRequest,
  parts: number,
  runPart: StatForecastRunner,
  options: StatRunOptions = {},
): Promise<Float64Array> {
  const { histories, modelIds, need, horizon: H } = request;
  const M = modelIds.length;
  const groups = partitionSeries(histories.map((h) => h.length), parts);
  const done = new Float64Array(groups.length);
  const results = await Promise.all(
    groups.map((indices, p) => {
      const partNeed = new Uint8Array(indices.length * M);
      indices.forEach((s, i) => partNeed.set(need.subarray(s * M, (s + 1) * M), i * M));
      return runPart({ ...request, histories: indices.map((s) => histories[s]), need: partNeed }, {
        signal: options.signal,
        onProgress: (e) => {
          done[p] = e.done;
          options.onProgress?.({ phase: 'forecasting', done: done.reduce((a, b) => a + b, 0), total: histories.length, message: `running on ${groups.length} worker${groups.length === 1 ? '' : 's'}` });
        },
      }, p);
    }),
  );
  const out = new Float64Array(histories.length * M * H);
  groups.forEach((indices, p) => indices.forEach((s, i) => out.set(results[p].subarray(i * M * H, (i + 1) * M * H), s * M * H)));
  return out;
}

/**
 * `forecastDataset` with its statistical fits made by `runForecast` (a worker pool) or, without one, here. The
 * LSTM and other extra models come in through `extra` as before.
 */
export async function forecastDatasetParallel(
  dataset: Dataset,
  report: BacktestReport,
  options: { horizon?: number; createdAt?: number; extra?: ExtraFutureForecasts; runForecast?: StatForecastRunner } & StatRunOptions = {},
): Promise<DatasetForecast> {
  const H = options.horizon ?? report.settings.horizon;
  const { selections } = forecastSelections(report);
  const ids = (id: string): id is StatModelId => (STAT_MODEL_IDS as readonly string[]).includes(id);
  const perSeries = dataset.series.map((_, s) => (selections[s]?.modelIds ?? ['snaive']).filter(ids));
  const modelIds = [...new Set(perSeries.flat())];
  const M = modelIds.length;
  const need = new Uint8Array(dataset.series.length * M);
  perSeries.forEach((list, s) => list.forEach((id) => (need[s * M + modelIds.indexOf(id)] = 1)));
  const periods = dataset.calendar.days.length;
  const request: StatForecastRequest = { histories: dataset.series.map((s) => paddedHistory(s, periods)), modelIds, need, horizon: H, seasonLength: report.seasonLength };
  const values = await (options.runForecast ?? runStatForecast)(request, { signal: options.signal, onProgress: options.onProgress });
  // Progress was the fits' (above); assembling the forecast from them is quick and reports none of its own.
  return forecastDataset(dataset, report, {
    horizon: H,
    createdAt: options.createdAt,
    extra: options.extra,
    signal: options.signal,
    stat: (s, id) => {
      const j = modelIds.indexOf(id);
      return j >= 0 && need[s * M + j] ? values.subarray((s * M + j) * H, (s * M + j + 1) * H) : null;
    },
  });
}
