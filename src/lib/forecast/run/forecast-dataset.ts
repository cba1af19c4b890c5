import { checkpoint, throwIfAborted } from '../../core/abort';
import { addPeriods, type Frequency } from '../../core/dates';
import { createProgressThrottle, type ProgressCallback } from '../../core/progress';
import { createTimeLeft } from '../evaluate/eta';
import type { Calendar, Dataset, SeriesRecord } from '../../dataset/types';
import { selectModels } from '../evaluate/ensemble';
import { errorScale } from '../evaluate/intervals';
import { fitIntervalModel, intervalQuantiles, type IntervalModel } from '../evaluate/calibration';
import { createStatModel, STAT_MODEL_IDS, type StatModelId } from '../models/registry';
import type { ExternalSource } from '../external/source';
import type { BacktestReport } from './backtest-dataset';
import { ENSEMBLE_ID } from './backtest-dataset';
import { inverseMseWeights } from './ensemble-online';

/** The future forecast of one series. */
export interface SeriesForecast {
  /** Series id. */
  seriesId: string;
  /** Day number of each forecast period. */
  days: Int32Array;
  /** Point forecast per period (≥ 0). */
  point: Float64Array;
  /** One array per quantile level, per period (≥ 0, non-decreasing across levels). */
  quantiles: Float64Array[];
  /** Models combined for this series, best first. */
  modelIds: string[];
  /** Per `DatasetForecast.serviceLevels`, the quantile per period, for safety stock at high service levels (#15). */
  serviceQuantiles?: Float64Array[];
  /** Their weights (inverse backtest MSE, summing to 1), same order. Absent from forecasts made before the
   * ensemble was weighted (equal weights then). */
  weights?: number[];
}

/** Forecasts of a whole dataset, as stored and as consumed by the inventory and reorder engines. */
export interface DatasetForecast {
  /** Dataset forecast. */
  datasetId: string;
  /** When made, ms since epoch. */
  createdAt: number;
  /** Periods ahead. */
  horizon: number;
  /** Quantile levels, ascending. */
  quantileLevels: number[];
  /** Days per period: 1 daily, 7 weekly, 30 monthly (approximate, for lead-time conversion). */
  periodDays: number;
  /** Upper levels kept for the reorder engine beyond `quantileLevels` (0.95, 0.98, 0.99), so a 98% target is read
   * off the backtest errors' own 98% quantile rather than a normal tail stretched past q90. */
  serviceLevels?: number[];
  /** Per series. */
  series: SeriesForecast[];
  /** How the point forecasts and quantiles were made, in words. */
  method: string;
  /** For a forecast by a model trained earlier: its scores on the windows it never trained on. */
  check?: HoldoutCheck;
  /** For a forecast imported from a file made elsewhere (lib/forecast/external): the file, the model and where
   * its quantiles come from. It has no backtest here, so nothing of the app's backtests applies to it. */
  external?: ExternalSource;
}

/** A trained model's scores on held-out windows, next to seasonal naive on the same windows. */
export interface HoldoutCheck {
  /** First origin checked (calendar periods of history). */
  firstOrigin: number;
  /** Last origin checked. */
  lastOrigin: number;
  /** Day number of the first forecast period checked. */
  firstDay: number;
  /** (series, origin) windows scored. */
  windows: number;
  /** Seasonal naive first, then the model. */
  scores: Array<{ modelId: string; label: string; mae: number | null; mape: number | null; wape: number | null; mase: number | null }>;
  /** Coverage of the model's intervals on the later half of the windows, calibrated on the earlier half. */
  coverage: Array<{ nominal: number; observed: number | null }>;
  /** 'test': windows used neither to train the model nor to choose its epoch; 'validation': never training targets,
   * but they chose its stopping epoch. Absent in checks saved before it was recorded. */
  span?: 'test' | 'validation';
}

/** Levels stored next to the user's quantiles for the reorder engine's service levels. */
export const SERVICE_LEVELS: readonly number[] = [0.95, 0.98, 0.99];

/** Days per period: 1 daily, 7 weekly, 30 monthly (approximate, for lead-time conversion). */
export function periodDays(frequency: Frequency): number {
  return frequency === 'daily' ? 1 : frequency === 'weekly' ? 7 : 30;
}

/** Day numbers of the H periods after the calendar's end. */
export function futureDays(calendar: Calendar, H: number): Int32Array {
  const lastDay = calendar.days[calendar.days.length - 1];
  return Int32Array.from({ length: H }, (_, h) => addPeriods(lastDay, h + 1, calendar.frequency));
}

/** A series' history up to the calendar's end: a series that stopped early is padded with missing periods. */
export function paddedHistory(s: SeriesRecord, periods: number): Float64Array {
  const padded = new Float64Array(Math.max(s.values.length, periods - s.start)).fill(NaN);
  padded.set(s.values);
  return padded;
}

/** Quantile forecasts of one series (index `series` into the backtest's series) around its point forecast: errors
 * scaled by its level and its own spread (calibration.ts), non-negative and non-decreasing across levels. */
export function seriesQuantiles(point: Float64Array, history: Float64Array, seasonLength: number, model: IntervalModel, series: number): Float64Array[] {
  const quantiles = intervalQuantiles(model, series, point, errorScale(history, seasonLength), true);
  for (let h = 0; h < point.length; h++) for (let j = 1; j < quantiles.length; j++) if (quantiles[j][h] < quantiles[j - 1][h]) quantiles[j][h] = quantiles[j - 1][h];
  return quantiles;
}

/** Extra (non-statistical) model forecasts of the future, per series index, for models such as the LSTM. */
export type ExtraFutureForecasts = Record<string, (seriesIndex: number, horizon: number) => Float64Array | null>;

/** The models each series forecasts with: the k best of the backtest's models (the ensemble itself excluded) by
 * RMSE on that series' windows. */
export function forecastSelections(report: BacktestReport) {
  const { result, settings } = report;
  const candidates = result.modelIds.filter((id) => id !== ENSEMBLE_ID);
  const selections = selectModels(
    { ...result, modelIds: candidates, modelLabels: result.modelLabels.slice(0, candidates.length), forecast: result.forecast.subarray(0, candidates.length * result.rows * result.horizon) },
    { k: Math.min(settings.ensembleK, candidates.length), metric: 'rmse' },
  );
  return { candidates, selections };
}

/** Options of `forecastDataset`. */
export interface ForecastDatasetOptions {
  /** Periods ahead. Default: the backtest's horizon. */
  horizon?: number;
  /** Stamp of the forecast, ms since epoch. Default 0. */
  createdAt?: number;
  /** Forecasts of models that are not statistical models (the LSTM). */
  extra?: ExtraFutureForecasts;
  /** Cancels between series: the call rejects with an AbortError. */
  signal?: AbortSignal;
  /** Progress in phase 'forecasting', counted in series, with the time left; throttled to about 10 per second. */
  onProgress?: ProgressCallback;
  /** Yield to the event loop at least this often, ms, so a worker sees its cancel message. Default 10. */
  yieldIntervalMs?: number;
  /** Statistical forecasts made elsewhere (a worker pool, see forecast-parallel.ts), by series index and model;
   * null (or no lookup) computes them here. */
  stat?: (seriesIndex: number, modelId: StatModelId) => Float64Array | null;
}

/**
 * Forecasts every series from its whole history with the models its backtest chose (the k best per series by
 * MSE, weighted by inverse MSE: the online ensemble's rule, see ensemble-online.ts, applied to every backtest
 * window), and turns the point forecast into quantiles with the ensemble's own backtest errors per
 * horizon (scaled by the series level and its own spread, calibration.ts), so the intervals carry the coverage the
 * leaderboard measured.
 */
export async function forecastDataset(dataset: Dataset, report: BacktestReport, options: ForecastDatasetOptions = {}): Promise<DatasetForecast> {
  const { result, settings, seasonLength: m } = report;
  const H = options.horizon ?? settings.horizon;
  const ensembleIndex = result.modelIds.indexOf(ENSEMBLE_ID);
  const intervals = fitIntervalModel(result, ensembleIndex >= 0 ? ensembleIndex : 0, { quantiles: settings.quantiles });
  const serviceLevels = SERVICE_LEVELS.filter((p) => !settings.quantiles.includes(p));
  const service = serviceLevels.length ? fitIntervalModel(result, ensembleIndex >= 0 ? ensembleIndex : 0, { quantiles: serviceLevels }) : null;
  const backtestIndex = new Map(result.seriesIds.map((id, i) => [id, i]));
  const { candidates, selections } = forecastSelections(report);
  const { calendar } = dataset;
  const days = futureDays(calendar, H);
  const ctx = { seasonLength: m, nonNegative: true };
  const models = new Map<string, ReturnType<typeof createStatModel>>();
  const modelOf = (id: StatModelId) => models.get(id) ?? models.set(id, createStatModel(id)).get(id)!;
  const total = dataset.series.length;
  const progress = createProgressThrottle(options.onProgress);
  const timeLeft = createTimeLeft();
  const yieldMs = options.yieldIntervalMs ?? 10;
  progress({ phase: 'forecasting', done: 0, total, message: `series 0 of ${total}` });
  const series: SeriesForecast[] = [];
  let lastYield = Date.now();
  for (let index = 0; index < total; index++) {
    if (Date.now() - lastYield >= yieldMs) {
      await checkpoint(options.signal);
      lastYield = Date.now();
    } else throwIfAborted(options.signal);
    const s = dataset.series[index];
    const selection = selections[index];
    const ids = selection?.modelIds ?? ['snaive'];
    const padded = paddedHistory(s, calendar.days.length);
    const forecasts = ids.map((id) =>
      (STAT_MODEL_IDS as readonly string[]).includes(id)
        ? (options.stat?.(index, id as StatModelId) ?? modelOf(id as StatModelId).forecast(padded, H, ctx))
        : (options.extra?.[id]?.(index, H) ?? null),
    );
    // Inverse-MSE weights over the models that do forecast (an extra model may have no future forecast): the
    // selection's scores are RMSEs; a series without scores of its own gets equal weights.
    const available = ids.map((_, j) => j).filter((j) => forecasts[j] !== null);
    const w = inverseMseWeights(available.map((j) => (selection?.scores[candidates.indexOf(ids[j])] ?? NaN) ** 2));
    const weights = ids.map(() => 0);
    available.forEach((j, a) => (weights[j] = w[a]));
    const point = new Float64Array(H);
    for (const j of available) for (let h = 0; h < H; h++) point[h] += weights[j] * forecasts[j]![h];
    for (let h = 0; h < H; h++) point[h] = Math.max(0, point[h]);
    const at = backtestIndex.get(s.id) ?? -1;
    const out: SeriesForecast = { seriesId: s.id, days, point, quantiles: seriesQuantiles(point, padded, m, intervals, at), modelIds: ids, weights };
    if (service) out.serviceQuantiles = seriesQuantiles(point, padded, m, service, at);
    series.push(out);
    const left = timeLeft(index + 1, total);
    progress({ phase: 'forecasting', done: index + 1, total, message: `series ${index + 1} of ${total}${left ? `, ${left}` : ''}` });
  }
  return {
    datasetId: dataset.meta.id,
    createdAt: options.createdAt ?? 0,
    horizon: H,
    quantileLevels: settings.quantiles,
    serviceLevels: service ? serviceLevels : undefined,
    periodDays: periodDays(calendar.frequency),
    series,
    method: `best ${settings.ensembleK} of ${candidates.join(', ')} per series by backtest MSE, weighted by inverse MSE; quantiles from the ensemble's backtest errors per horizon, scaled by each series' level and its own error spread`,
  };
}
