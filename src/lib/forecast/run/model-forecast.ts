import { checkpoint } from '../../core/abort';
import { seasonLength as seasonLengthOf } from '../../core/dates';
import { AppError, maybeInteger } from '../../core/errors';
import type { ProgressCallback } from '../../core/progress';
import type { Dataset } from '../../dataset/types';
import { runBacktest, type BacktestResult } from '../evaluate/backtest';
import { scoreBacktest } from '../evaluate/score';
import { maybeQuantiles } from '../evaluate/intervals';
import { fitIntervalModel, measureIntervals } from '../evaluate/calibration';
import { createSeasonalNaiveModel } from '../models/naive';
import { appendModel } from './ensemble-online';
import { futureDays, paddedHistory, periodDays, seriesQuantiles, type DatasetForecast, type HoldoutCheck } from './forecast-dataset';

/**
 * Forecasting with a model that was trained earlier (a saved or shipped LSTM) without training it again. Its
 * intervals and its evidence come from the windows it never trained on: every window whose forecast periods lie
 * at or after `heldOutFrom`, scored next to seasonal naive on exactly the same windows.
 */

/** Forecasts of every series from one origin, as `LstmModel.predict` returns them. */
export interface OriginForecasts {
  /** Series ids, in output order. */
  seriesIds: string[];
  /** H forecasts per series, series units. */
  forecasts: Float64Array[];
  /** Series the model could not forecast itself (they carry a fallback value). */
  fallbackIds: string[];
}

/** A trained model that forecasts H periods from any origin, reading only the history before it. */
export interface OriginForecaster {
  /** H. */
  horizon: number;
  /** Forecasts from calendar period `origin` (history is periods < origin). */
  predict(origin: number): Promise<OriginForecasts>;
}

/** Options of `forecastWithTrainedModel`. */
export interface TrainedModelForecastOptions {
  /** Id of the model in the check's scores. */
  modelId: string;
  /** Its label. */
  label: string;
  /** First calendar period that was not a training target: windows with origin ≥ this are held out. */
  heldOutFrom: number;
  /** Quantile levels of the intervals. Default [0.1, 0.5, 0.9]. */
  quantiles?: number[];
  /** Stamp of the forecast, ms since epoch. Default 0. */
  createdAt?: number;
  /** Cancels between origins. */
  signal?: AbortSignal;
  /** Progress in phase 'forecasting', counted in origins. */
  onProgress?: ProgressCallback;
}

/**
 * Copies one origin's forecasts into the rows of that origin in `out` (rows × H, `result`'s row order). Series the
 * model only forecast by fallback keep what `out` already holds.
 */
export function fillOriginRows(result: BacktestResult, rows: readonly number[], fc: OriginForecasts, out: Float64Array): void {
  const H = result.horizon;
  const index = new Map(fc.seriesIds.map((id, i) => [id, i]));
  const fallback = new Set(fc.fallbackIds);
  for (const r of rows) {
    const id = result.seriesIds[result.rowSeries[r]];
    const k = index.get(id);
    if (k === undefined || fallback.has(id)) continue;
    out.set(fc.forecasts[k].subarray(0, H), r * H);
  }
}

/** Row indices of a backtest result grouped by origin, origins ascending. */
export function rowsByOrigin(result: BacktestResult): Map<number, number[]> {
  const map = new Map<number, number[]>();
  for (let r = 0; r < result.rows; r++) {
    const o = result.rowOrigin[r];
    let list = map.get(o);
    if (!list) map.set(o, (list = []));
    list.push(r);
  }
  return new Map([...map.entries()].sort((a, b) => a[0] - b[0]));
}

/**
 * Forecasts every series of `dataset` from its end with a trained model. Before that, the model forecasts each
 * held-out window (origins heldOutFrom … periods − H); those errors give the intervals (scaled by each series'
 * level and its own spread, per horizon, as `forecastDataset` does) and the check: the model's scores next
 * to seasonal naive on the same windows, and the coverage of its intervals on the later half of them.
 * Rejects with `invalid-input` when the data holds no complete held-out window.
 */
export async function forecastWithTrainedModel(dataset: Dataset, model: OriginForecaster, options: TrainedModelForecastOptions): Promise<DatasetForecast> {
  const periods = dataset.calendar.days.length;
  const H = maybeInteger('horizon', model.horizon, 1);
  const quantiles = maybeQuantiles(options.quantiles ?? [0.1, 0.5, 0.9]);
  const m = seasonLengthOf(dataset.calendar.frequency);
  const firstOrigin = Math.max(1, Math.ceil(options.heldOutFrom));
  const lastOrigin = periods - H;
  if (!(firstOrigin <= lastOrigin)) {
    throw new AppError(
      'invalid-input',
      `This model trained on every window of this data: no ${H}-period window after its training remains to measure its errors on, so its intervals would be guesses. Run a backtest with the LSTM instead.`,
      { firstOrigin, lastOrigin },
    );
  }
  const base = await runBacktest(
    dataset.series.map((s) => ({ id: s.id, values: s.values, start: s.start })),
    { models: [createSeasonalNaiveModel()], horizon: H, seasonLength: m, firstOrigin, lastOrigin, step: 1, signal: options.signal },
  );
  if (base.rows === 0) throw new AppError('invalid-input', 'No series has data in the windows the model did not train on.');
  const origins = rowsByOrigin(base);
  const total = origins.size + 1;
  const own = base.forecast.slice(0, base.rows * H); // seasonal naive where the model falls back
  let done = 0;
  for (const [origin, rows] of origins) {
    await checkpoint(options.signal);
    fillOriginRows(base, rows, await model.predict(origin), own);
    options.onProgress?.({ phase: 'forecasting', done: ++done, total, message: `checking the model on held-out window ${done} of ${origins.size}` });
  }
  const result = appendModel(base, options.modelId, options.label, own);
  const intervals = fitIntervalModel(result, 1, { quantiles });
  const scores = scoreBacktest(result);
  const originList = [...origins.keys()];
  const splitOrigin = originList[Math.max(0, Math.floor((originList.length - 1) / 2))];
  const coverage = originList.length >= 2 ? measureIntervals(result, 1, { quantiles, splitOrigin }).coverage : [];

  await checkpoint(options.signal);
  const future = await model.predict(periods);
  const byId = new Map(future.seriesIds.map((id, i) => [id, i]));
  const { calendar } = dataset;
  const days = futureDays(calendar, H);
  const series = dataset.series.map((s, index) => {
    const padded = paddedHistory(s, periods);
    const k = byId.get(s.id);
    const point = new Float64Array(H);
    if (k !== undefined) for (let h = 0; h < H; h++) point[h] = Math.max(0, future.forecasts[k][h]);
    return { seriesId: s.id, days, point, quantiles: seriesQuantiles(point, padded, m, intervals, index), modelIds: [options.modelId] };
  });
  options.onProgress?.({ phase: 'forecasting', done: total, total });
  const check: HoldoutCheck = {
    firstOrigin,
    lastOrigin: originList[originList.length - 1],
    firstDay: calendar.days[firstOrigin],
    windows: result.rows,
    scores: scores.map((s) => ({ modelId: s.modelId, label: s.label, mae: s.overall.mae, mape: s.overall.mape, wape: s.overall.wape, mase: s.overall.mase })),
    coverage: coverage.map((c) => ({ nominal: c.nominal, observed: c.observed })),
  };
  return {
    datasetId: dataset.meta.id,
    createdAt: options.createdAt ?? 0,
    horizon: H,
    quantileLevels: quantiles,
    periodDays: periodDays(calendar.frequency),
    series,
    method: `${options.label}, trained earlier and not refit; quantiles from its errors on ${originList.length} held-out window(s) per series per horizon, scaled by each series' level and its own error spread`,
    check,
  };
}
