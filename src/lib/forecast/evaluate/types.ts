/**
 * The result types shared by the backtest and its scoring (kept apart from the code so that backtest →
 * intervals → score needs no import back to backtest.ts).
 */
import type { ProgressCallback } from '../../core/progress';
import type { StatModel } from '../types';
import type { AccuracyMetrics } from './metrics';

/** One series to backtest. `SeriesRecord` from dataset/types.ts fits this shape. */
export interface BacktestSeries {
  /** Series id, reported back in `BacktestResult.seriesIds`. */
  id: string;
  /** One value per period; NaN = missing. */
  values: Float64Array;
  /** Calendar period of values[0]. Default 0. */
  start?: number;
}

/** Options of `runBacktest`. */
export interface BacktestOptions {
  /** The models to compare; their ids must be unique. */
  models: StatModel[];
  /** Forecast horizon H in periods, integer ≥ 1. */
  horizon: number;
  /** Periods per seasonal cycle (7 daily, 52 weekly, 12 monthly). */
  seasonLength: number;
  /** First origin, in calendar periods of training, integer ≥ 1. Default max(2 × seasonLength,
   * ⌊calendar length / 2⌋), but not beyond `lastOrigin`. */
  firstOrigin?: number;
  /** Last origin, integer ≥ firstOrigin. Default: calendar length − H, so the last window is fully observed. */
  lastOrigin?: number;
  /** Periods between origins, integer ≥ 1. Default 1. */
  step?: number;
  /** Clip forecasts at 0. Default true. */
  nonNegative?: boolean;
  /** Cancels the run: it rejects with an AbortError at the next origin. */
  signal?: AbortSignal;
  /** Progress in phase 'backtesting', counted in (series, origin) rows; throttled to about 10 per second. */
  onProgress?: ProgressCallback;
  /** Yield to the event loop at least this often, in ms, so a worker sees its cancel message. Default 10. */
  yieldIntervalMs?: number;
}

/**
 * Backtest results in flat typed arrays. A row is one (series, origin) pair; for row r, horizon h (0-based)
 * and model i, the actual is `actual[r·H + h]` and the forecast `forecast[(i·rows + r)·H + h]`.
 */
export interface BacktestResult {
  /** H. */
  horizon: number;
  /** Season length used. */
  seasonLength: number;
  /** Model ids, in the order of `options.models`. */
  modelIds: string[];
  /** Model labels, same order. */
  modelLabels: string[];
  /** Series ids, in input order. */
  seriesIds: string[];
  /** Number of rows. */
  rows: number;
  /** Series index of each row. Rows are grouped by series, origins ascending. */
  rowSeries: Int32Array;
  /** Origin of each row (calendar periods of training). */
  rowOrigin: Int32Array;
  /** Observed values, rows × H. NaN only where the data has no value (a missing period or past the series end). */
  actual: Float64Array;
  /** Forecasts, models × rows × H; always finite (a model's missing or non-finite value becomes the row's
   * last observed value). */
  forecast: Float64Array;
  /** Per row: MASE scale, the in-sample seasonal naive MAE of the training window (0 when undefined). */
  scale: Float64Array;
  /** Per row: last observed value of the training window. */
  lastValue: Float64Array;
  /** Per row: mean |value| over the last max(1, seasonLength) observed training values (`errorScale`), by
   * which intervals.ts scales errors. */
  level: Float64Array;
}

/** Accuracy of one model over a backtest, overall and per horizon. */
export interface ModelScore {
  /** Model id. */
  modelId: string;
  /** Model label. */
  label: string;
  /** All horizons together. */
  overall: AccuracyMetrics;
  /** Index h − 1 holds the measures at horizon h. */
  byHorizon: AccuracyMetrics[];
}

/** Which rows of a backtest to score. */
export interface ScoreOptions {
  /** Only this series (index into `seriesIds`). Default: all series. */
  series?: number;
  /** Only origins ≥ this. Default: all. */
  fromOrigin?: number;
  /** Only origins ≤ this. Default: all. */
  toOrigin?: number;
}
