import { addPeriods, type Frequency } from '../../core/dates';
import type { Calendar, Dataset, SeriesRecord } from '../../dataset/types';
import { selectModels } from '../evaluate/ensemble';
import { errorScale, fitErrorQuantiles, forecastQuantiles, type ErrorQuantiles } from '../evaluate/intervals';
import { createStatModel, STAT_MODEL_IDS, type StatModelId } from '../models/registry';
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

/** Quantile forecasts of one series around its point forecast: errors scaled by its level, non-negative and
 * non-decreasing across levels. */
export function seriesQuantiles(point: Float64Array, history: Float64Array, seasonLength: number, eq: ErrorQuantiles): Float64Array[] {
  const quantiles = forecastQuantiles(point, errorScale(history, seasonLength), eq, true);
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

/**
 * Forecasts every series from its whole history with the models its backtest chose (the k best per series by
 * MSE, weighted by inverse MSE: the online ensemble's rule, see ensemble-online.ts, applied to every backtest
 * window), and turns the point forecast into quantiles with the ensemble's own backtest errors per
 * horizon (scaled by the series level, pooled over series), so the intervals carry the coverage the
 * leaderboard measured.
 */
export function forecastDataset(
  dataset: Dataset,
  report: BacktestReport,
  options: {
    horizon?: number;
    createdAt?: number;
    extra?: ExtraFutureForecasts;
    /** Statistical forecasts made elsewhere (a worker pool, see forecast-parallel.ts), by series index and model;
     * null (or no lookup) computes them here. */
    stat?: (seriesIndex: number, modelId: StatModelId) => Float64Array | null;
  } = {},
): DatasetForecast {
  const { result, settings, seasonLength: m } = report;
  const H = options.horizon ?? settings.horizon;
  const ensembleIndex = result.modelIds.indexOf(ENSEMBLE_ID);
  const eq = fitErrorQuantiles(result, ensembleIndex >= 0 ? ensembleIndex : 0, { quantiles: settings.quantiles });
  const serviceLevels = SERVICE_LEVELS.filter((p) => !settings.quantiles.includes(p));
  const eqService = serviceLevels.length ? fitErrorQuantiles(result, ensembleIndex >= 0 ? ensembleIndex : 0, { quantiles: serviceLevels }) : null;
  const { candidates, selections } = forecastSelections(report);
  const { calendar } = dataset;
  const days = futureDays(calendar, H);
  const ctx = { seasonLength: m, nonNegative: true };
  const series = dataset.series.map((s, index): SeriesForecast => {
    const selection = selections[index];
    const ids = selection?.modelIds ?? ['snaive'];
    const padded = paddedHistory(s, calendar.days.length);
    const forecasts = ids.map((id) =>
      (STAT_MODEL_IDS as readonly string[]).includes(id)
        ? (options.stat?.(index, id as StatModelId) ?? createStatModel(id as StatModelId).forecast(padded, H, ctx))
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
    const out: SeriesForecast = { seriesId: s.id, days, point, quantiles: seriesQuantiles(point, padded, m, eq), modelIds: ids, weights };
    if (eqService) out.serviceQuantiles = seriesQuantiles(point, padded, m, eqService);
    return out;
  });
  return {
    datasetId: dataset.meta.id,
    createdAt: options.createdAt ?? 0,
    horizon: H,
    quantileLevels: settings.quantiles,
    serviceLevels: eqService ? serviceLevels : undefined,
    periodDays: periodDays(calendar.frequency),
    series,
    method: `best ${settings.ensembleK} of ${candidates.join(', ')} per series by backtest MSE, weighted by inverse MSE; quantiles from the ensemble's backtest errors per horizon, scaled by each series' level`,
  };
}
