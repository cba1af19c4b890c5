/**
 * The types of a trained LSTM that both fitting (lstm.ts) and prediction (predict.ts) use, kept apart so the two
 * need no import of each other.
 */
import type { LstmConfig } from './options';
import type { NetworkTraining } from './train';
import type { ValidationScores } from './validate';

/** Scaler facts of a fitted model (training window only). */
export interface LstmScalers {
  /** Series ids, aligned with the arrays below. */
  seriesIds: string[];
  /** Level (mean |value| of the training window) per series, series units. */
  levels: number[];
  /** Covariate means per series (`config.covariates` order). */
  covMean: number[][];
  /** Covariate standard deviations per series. */
  covStd: number[][];
  /** Mean of log levels across series (static series feature). */
  logLevelMean: number;
  /** Standard deviation of log levels across series. */
  logLevelStd: number;
}

/** Everything about a fitted model except its weights: JSON-serializable, saved as meta.json. */
export interface LstmMeta {
  /** Format tag. */
  format: 'shelfcast-lstm';
  /** Format version. */
  version: 1;
  /** The settings it was trained with. */
  config: Omit<LstmConfig, 'onAbort' | 'yieldIntervalMs'>;
  /** Day number of the first period after the training window. */
  originDay: number;
  /** Names of the history-row inputs. */
  stepFeatures: string[];
  /** Names of the known inputs of one forecast period; the known vector repeats them for each of the H periods,
   * then holds the standardized log level when `config.seriesFeatures`. */
  knownFeatures: string[];
  /** Names of the known vector's static block after its H periods (log level, spread, one-hot groups). Absent in
   * models saved before issue #12's quantile head. */
  staticFeatures?: string[];
  /** Length of the known vector. */
  knownSize: number;
  /** Scalers. */
  scalers: LstmScalers;
  /** Networks: global mode has one holding every series; per-series mode one per trained series. */
  networks: Array<{
    seriesIds: string[];
    parameters: number;
    training: NetworkTraining;
    validation: ValidationScores | null;
    /** Day number of the first validation origin: no forecast period from there on was a training target, so
     * windows starting there are held out (they only chose the stopping epoch). Absent in older files, and when
     * nothing was held out (then `originDay` is the first unseen period). */
    heldOutFromDay?: number;
    /** With quantiles: the initial weights c_{q,h} on the spread input (quantile-head.ts), per quantile then
     * period: epoch 0's quantile q is the baseline + c_{q,h} × spread. */
    initialSpread?: number[][];
  }>;
  /** Series with no network (per-series mode, too little history): they get the naive forecast. */
  untrainedSeriesIds: string[];
  /** TF.js backend trained on. */
  backend: string;
  /** Training wall time, ms. */
  elapsedMs: number;
  /** Where the model came from, for people (e.g. the data set and script). Optional. */
  description?: string;
  /** Its accuracy on a test span after its validation span (see test-span.ts), where the script that trained it
   * measured one (the shipped demo model). Optional. */
  testCheck?: TestSpanCheck;
}

/** Options of `LstmModel.predict`. */
export interface LstmPredictOptions {
  /** First forecast period, in calendar periods of `input`: history is periods before it. Default: calendar length. */
  origin?: number;
  /** Series to forecast. Default: all of `input`. */
  seriesIds?: string[];
}

/** Forecasts of `predict`. */
export interface LstmForecast {
  /** First forecast period (calendar periods). */
  origin: number;
  /** Day numbers of the H forecast periods. */
  days: Int32Array;
  /** Series ids, in output order. */
  seriesIds: string[];
  /** H forecasts per series (the median with quantiles), series units, never below 0. */
  forecasts: Float64Array[];
  /** The network's quantile levels (`config.quantiles`), when it has quantile outputs. */
  quantileLevels?: number[];
  /** Per series (same order), Q × H values: quantile `quantileLevels[j]` of period h at j·H + h, series units, never
   * below 0 and sorted across levels per period (a network's quantiles can cross; sorting is the monotone
   * rearrangement of Chernozhukov, Fernández-Val & Galichon 2010). Absent without quantiles; for a fallback series
   * all Q rows repeat its forecast. */
  quantiles?: Float64Array[];
  /** Series forecast naively (last observed value): no network, or unknown to a per-series model. */
  fallbackIds: string[];
}

/** Accuracy of one forecaster over the test span's windows. Null where the measure is undefined for the data. */
export interface SpanScores {
  /** Weighted absolute percentage error Σ|e| / Σ|actual|, percent. */
  wape: number | null;
  /** Mean absolute scaled error (scale: in-sample seasonal-naive MAE of each window's history). */
  mase: number | null;
  /** Mean absolute percentage error over positive actuals, percent. */
  mape: number | null;
  /** Mean absolute error, series units. */
  mae: number | null;
}

/** First and last day number of a span of forecast (target) periods. */
export interface DaySpan {
  /** Day number of the first period. */
  fromDay: number;
  /** Day number of the last period. */
  toDay: number;
}

/** The test-span check kept in meta.json (`LstmMeta.testCheck`; computed by test-span.ts). */
export interface TestSpanCheck {
  /** Target periods of the training windows (their inputs reach back to the first period of the data). */
  trainTargets: DaySpan;
  /** Target periods of the validation windows, which chose the epoch. */
  validationTargets: DaySpan | null;
  /** Target periods of the test windows: after the validation span, used neither to train nor to choose the epoch. */
  testTargets: DaySpan;
  /** First and last test origin, calendar periods of the data checked. */
  firstOrigin: number;
  /** Last test origin (the data's end − H). */
  lastOrigin: number;
  /** (series, origin) windows scored. */
  windows: number;
  /** Observed actuals scored per forecaster. */
  points: number;
  /** The trained network's point (median) forecasts. */
  network: SpanScores;
  /** Its baseline, the untrained network's forecast: seasonal naive plus the seasonal drift (plain seasonal naive
   * without a drift window). */
  baseline: SpanScores;
  /** Seasonal naive: the same period one season earlier. */
  seasonalNaive: SpanScores;
  /** The network's own outermost quantile interval (10-90 % by default), uncalibrated: the share of actuals inside
   * it. Null for a point network. */
  interval: { lower: number; upper: number; coverage: number | null } | null;
}

