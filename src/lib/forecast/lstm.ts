import * as tf from '@tensorflow/tfjs';
import { isAbortError, throwIfAborted } from '../core/abort';
import { AppError, invalidOption } from '../core/errors';
import { createProgressThrottle } from '../core/progress';
import { createRng } from '../core/rng';
import {
  buildSeriesFeatures,
  calendarTable,
  fitSeriesScale,
  knownFeatureNames,
  knownWidth,
  logLevelStats,
  periodDay,
  seasonalSkipIndices,
  stepFeatureNames,
  stepWidth,
  type LstmInput,
  type SeriesFeatures,
  type SeriesScale,
} from './lstm-features';
import { LstmNetwork, type NetworkShape } from './lstm-network';
import { listSamples } from './lstm-samples';
import { maybeLstmOptions, type LstmConfig, type LstmOptions, type LstmProgress, type LstmProgressCallback } from './lstm-options';
import { predictNetworks } from './lstm-predict';
import { initialOutputBias, trainNetwork, validationScores, type NetworkTraining, type TrainData, type ValidationScores } from './lstm-train';

/**
 * The LSTM forecaster: `fitLstm` trains a global network (or one per series) on a dataset's training window and
 * returns an `LstmModel` whose `predict` forecasts H periods per series from any origin.
 */

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
  }>;
  /** Series with no network (per-series mode, too little history): they get the naive forecast. */
  untrainedSeriesIds: string[];
  /** TF.js backend trained on. */
  backend: string;
  /** Training wall time, ms. */
  elapsedMs: number;
  /** Where the model came from, for people (e.g. the data set and script). Optional. */
  description?: string;
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
  /** H forecasts per series, series units, never below 0. */
  forecasts: Float64Array[];
  /** Series forecast naively (last observed value): no network, or unknown to a per-series model. */
  fallbackIds: string[];
}

/** A trained LSTM forecaster. Owns TF.js memory: call `dispose()` when done. */
export class LstmModel {
  /** Settings, scalers, training record. */
  readonly meta: LstmMeta;
  private networks: LstmNetwork[];
  private disposed = false;

  /** Wraps trained networks (index-aligned with `meta.networks`); used by `fitLstm` and `loadLstm`. */
  constructor(meta: LstmMeta, networks: LstmNetwork[]) {
    this.meta = meta;
    this.networks = networks;
  }

  /** The networks, index-aligned with `meta.networks` (for export). */
  get networkList(): readonly LstmNetwork[] {
    this.assertLive();
    return this.networks;
  }

  /** Whether `dispose` was called. */
  get isDisposed(): boolean {
    return this.disposed;
  }

  private assertLive(): void {
    if (this.disposed) throw new AppError('invalid-input', 'this LSTM model was disposed');
  }

  /** Forecasts H periods per series from history before `options.origin` only. */
  async predict(input: LstmInput, options: LstmPredictOptions = {}): Promise<LstmForecast> {
    this.assertLive();
    return predictNetworks(this.meta, this.networks, input, options);
  }

  /** Frees every tensor of the model. Idempotent. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const n of this.networks) n.dispose();
    this.networks = [];
  }
}

/** Validates an `LstmInput`: a calendar and series on it. */
export function assertLstmInput(input: unknown): asserts input is LstmInput {
  const i = input as LstmInput;
  if (!i || typeof i !== 'object' || !i.calendar || !(i.calendar.days instanceof Int32Array) || !Array.isArray(i.series)) {
    invalidOption('input', input, 'a dataset ({calendar, series})');
  }
  if (i.calendar.days.length === 0) invalidOption('calendar length', 0, 'at least 1 period');
}

/**
 * Trains the LSTM forecaster on periods [0, options.origin) of `input`.
 * Resolves with the model; rejects with an AbortError when `signal` aborts (unless `options.onAbort === 'keep'`),
 * with `invalid-option` for a bad option, and with `invalid-input` when no series has lookback + horizon periods.
 * Leaves no tensor behind on rejection.
 */
export async function fitLstm(input: LstmInput, options: LstmOptions, signal: AbortSignal, onProgress?: LstmProgressCallback): Promise<LstmModel> {
  assertLstmInput(input);
  const covariateNames = [...new Set(input.series.flatMap((s) => Object.keys(s.covariates)))].sort();
  const cfg = maybeLstmOptions(options, input.calendar, covariateNames);
  throwIfAborted(signal);
  const started = Date.now();
  const table = calendarTable(input.calendar, cfg, cfg.origin + cfg.horizon);
  const scales = input.series.map((s) => fitSeriesScale(s, cfg.origin, cfg.covariates));
  const logStats = logLevelStats(scales);
  const features: Array<SeriesFeatures | null> = input.series.map((s, i) => {
    const scale = scales[i];
    if (!scale) return null;
    const z = cfg.seriesFeatures ? (Math.log(scale.level) - logStats.mean) / logStats.std : 0;
    return buildSeriesFeatures(s, cfg.origin, cfg, scale, z, table);
  });
  const groups = cfg.mode === 'global' ? [input.series.map((_, i) => i)] : input.series.map((_, i) => [i]);
  const plans = groups.map((indices) => ({ indices, samples: listSamples(features, indices, cfg.origin, cfg, cfg.validationFraction) }));
  const trainable = plans.filter((p) => p.samples.train.length > 0);
  if (trainable.length === 0) {
    throw new AppError('invalid-input', `not enough history: no series has lookback + horizon = ${cfg.lookback + cfg.horizon} periods before the origin`, {
      lookback: cfg.lookback,
      horizon: cfg.horizon,
      origin: cfg.origin,
    });
  }
  const shape: NetworkShape = {
    inputSize: stepWidth(cfg),
    knownSize: knownWidth(cfg),
    horizon: cfg.horizon,
    lookback: cfg.lookback,
    layers: cfg.layers,
    units: cfg.units,
    dropout: cfg.dropout,
    skip: cfg.seasonalSkip ? seasonalSkipIndices(cfg) : undefined,
  };
  const progress = createProgressThrottle((p) => onProgress?.(p as LstmProgress));
  const total = trainable.length * cfg.epochs;
  const networks: LstmNetwork[] = [];
  const records: LstmMeta['networks'] = [];
  try {
    for (let k = 0; k < trainable.length; k++) {
      const { indices, samples } = trainable[k];
      const data: TrainData = { features, samples, layout: cfg, table };
      // One stream per network, so a per-series network does not depend on how many came before it.
      const rng = createRng((cfg.seed + Math.imul(k, 0x9e3779b1)) >>> 0);
      const net = LstmNetwork.create(shape, rng, initialOutputBias(data, cfg.seasonalSkip));
      networks.push(net);
      const t0 = Date.now();
      const training = await trainNetwork(net, data, cfg, {
        rng,
        signal,
        onEpoch: (r) => {
          const done = k * cfg.epochs + r.epoch;
          const perEpoch = (Date.now() - t0) / r.epoch;
          const event: LstmProgress = {
            phase: 'training',
            done,
            total,
            network: k,
            networks: trainable.length,
            epoch: r.epoch,
            epochs: cfg.epochs,
            trainLoss: r.trainLoss,
            valLoss: r.valLoss,
            learningRate: r.learningRate,
            etaMs: perEpoch * (total - done),
            message: `epoch ${r.epoch} of ${cfg.epochs}${trainable.length > 1 ? `, series ${k + 1} of ${trainable.length}` : ''}`,
          };
          progress(event);
        },
      });
      const validation = training.valSamples > 0 ? await validationScores(net, data) : null;
      let firstVal = Infinity;
      for (let j = 1; j < samples.val.length; j += 2) firstVal = Math.min(firstVal, samples.val[j]);
      const heldOutFromDay = Number.isFinite(firstVal) ? periodDay(input.calendar, firstVal) : undefined;
      records.push({ seriesIds: indices.map((i) => input.series[i].id), parameters: net.parameterCount, training, validation, heldOutFromDay });
      if (training.stopReason === 'aborted') break;
    }
  } catch (error) {
    // Per series with onAbort 'keep': the networks that finished are kept, the one in training is dropped.
    const keep = isAbortError(error) && cfg.onAbort === 'keep' && records.length > 0;
    for (const n of networks.splice(keep ? records.length : 0)) n.dispose();
    if (!keep) throw error;
  }
  const last = records[records.length - 1].training;
  const final: LstmProgress = {
    phase: 'training',
    done: total,
    total,
    network: records.length - 1,
    networks: trainable.length,
    epoch: last.epochs,
    epochs: cfg.epochs,
    trainLoss: last.history[last.history.length - 1]?.trainLoss ?? NaN,
    valLoss: last.history[last.history.length - 1]?.valLoss ?? NaN,
    learningRate: last.history[last.history.length - 1]?.learningRate ?? cfg.learningRate,
    etaMs: 0,
    message: `done: ${last.stopReason}, best epoch ${last.bestEpoch}`,
  };
  progress(final);
  const trained = new Set(records.flatMap((r) => r.seriesIds));
  const { onAbort: _onAbort, yieldIntervalMs: _yield, ...config } = cfg;
  const meta: LstmMeta = {
    format: 'shelfcast-lstm',
    version: 1,
    config,
    originDay: periodDay(input.calendar, cfg.origin),
    stepFeatures: stepFeatureNames(cfg),
    knownFeatures: knownFeatureNames(cfg),
    knownSize: shape.knownSize,
    scalers: toScalers(input, scales, logStats),
    networks: records,
    untrainedSeriesIds: input.series.map((s) => s.id).filter((id) => !trained.has(id)),
    backend: tf.getBackend(),
    elapsedMs: Date.now() - started,
  };
  return new LstmModel(meta, networks);
}

function toScalers(input: LstmInput, scales: Array<SeriesScale | null>, log: { mean: number; std: number }): LstmScalers {
  const out: LstmScalers = { seriesIds: [], levels: [], covMean: [], covStd: [], logLevelMean: log.mean, logLevelStd: log.std };
  input.series.forEach((s, i) => {
    const sc = scales[i];
    if (!sc) return;
    out.seriesIds.push(s.id);
    out.levels.push(sc.level);
    out.covMean.push(sc.covMean);
    out.covStd.push(sc.covStd);
  });
  return out;
}
