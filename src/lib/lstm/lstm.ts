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
  staticFeatureNames,
  logLevelStats,
  periodDay,
  seasonalSkipIndices,
  stepFeatureNames,
  stepWidth,
  type LstmInput,
  type SeriesFeatures,
  type SeriesScale,
} from './features';
import { groupVocabularies } from './groups';
import { attachPeers, peerColumns } from './peers';
import { LstmNetwork, type NetworkShape } from './network';
import { initialQuantileHead } from './quantile-head';
import { listSamples } from './samples';
import { maybeLstmOptions, type LstmOptions, type LstmProgress, type LstmProgressCallback } from './options';
import { predictNetworks } from './predict';
import type { LstmForecast, LstmMeta, LstmPredictOptions, LstmScalers } from './types';
import { seriesLossWeights } from './batch';
import { initialOutputBias, trainNetwork, type TrainData } from './train';
import { validationScores } from './validate';

export type { LstmForecast, LstmMeta, LstmPredictOptions, LstmScalers } from './types';

/** `details.reason` of the AppError `fitLstm` throws when no series has a training window before the origin. */
export const NOT_ENOUGH_HISTORY = 'not-enough-history';

/** Whether `error` is `fitLstm`'s "not enough history before this origin" (nothing to train on), not a fault. */
export function isNotEnoughHistory(error: unknown): boolean {
  return error instanceof AppError && error.details?.reason === NOT_ENOUGH_HISTORY;
}

/**
 * The LSTM forecaster: `fitLstm` trains a global network (or one per series) on a dataset's training window and
 * returns an `LstmModel` whose `predict` forecasts H periods per series from any origin.
 */

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
  const cfg = maybeLstmOptions(options, input.calendar, covariateNames, groupVocabularies(input.series), peerColumns(input.series));
  throwIfAborted(signal);
  const started = Date.now();
  const table = calendarTable(input.calendar, cfg, cfg.origin + cfg.horizon);
  const build = (scaleEnd: (i: number) => number) => {
    // A series observed only in its validation windows keeps the scale of everything before the origin.
    const scales = input.series.map((s, i) => fitSeriesScale(s, scaleEnd(i), cfg.covariates) ?? fitSeriesScale(s, cfg.origin, cfg.covariates));
    const logStats = logLevelStats(scales);
    const features: Array<SeriesFeatures | null> = input.series.map((s, i) => {
      const scale = scales[i];
      if (!scale) return null;
      const z = cfg.seriesFeatures ? (Math.log(scale.level) - logStats.mean) / logStats.std : 0;
      return buildSeriesFeatures(s, cfg.origin, cfg, scale, z, table);
    });
    attachPeers(features, input.series, cfg.peers, cfg.origin, stepWidth(cfg));
    return { scales, logStats, features };
  };
  // The split depends only on where each series starts and which targets are observed, not on the scale; the
  // scalers are then fitted again on the training targets alone (before the first validation origin), so the
  // validation windows are scaled the way unseen periods will be.
  const provisional = build(() => cfg.origin);
  const groups = cfg.mode === 'global' ? [input.series.map((_, i) => i)] : input.series.map((_, i) => [i]);
  const plans = groups.map((indices) => ({ indices, samples: listSamples(provisional.features, indices, cfg.origin, cfg, cfg.validationFraction) }));
  const scaleEnd = new Int32Array(input.series.length).fill(cfg.origin);
  for (const p of plans) for (const i of p.indices) scaleEnd[i] = p.samples.validationStart;
  const { scales, logStats, features } = scaleEnd.every((e) => e === cfg.origin) ? provisional : build((i) => scaleEnd[i]);
  const trainable = plans.filter((p) => p.samples.train.length > 0);
  if (trainable.length === 0) {
    throw new AppError('invalid-input', `not enough history: no series has lookback + horizon = ${cfg.lookback + cfg.horizon} periods before the origin`, {
      reason: NOT_ENOUGH_HISTORY,
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
    quantiles: cfg.quantiles,
  };
  const progress = createProgressThrottle((p) => onProgress?.(p as LstmProgress));
  const total = trainable.length * cfg.epochs;
  const networks: LstmNetwork[] = [];
  const records: LstmMeta['networks'] = [];
  try {
    for (let k = 0; k < trainable.length; k++) {
      const { indices, samples } = trainable[k];
      const data: TrainData = { features, samples, layout: cfg, table, seriesWeights: seriesLossWeights(features, indices, cfg.lossWeights) };
      // One stream per network, so a per-series network does not depend on how many came before it.
      const rng = createRng((cfg.seed + Math.imul(k, 0x9e3779b1)) >>> 0);
      const head = initialQuantileHead(data, cfg, cfg.units, rng);
      const net = LstmNetwork.create(shape, rng, initialOutputBias(data, cfg.seasonalSkip), head?.kernel);
      networks.push(net);
      const t0 = Date.now();
      const training = await trainNetwork(net, data, cfg, {
        rng,
        signal,
        onEpoch: (r) => {
          const done = k * cfg.epochs + r.epoch;
          const elapsed = Date.now() - t0;
          // Before the first epoch (epoch 0, the untrained network's losses) there is no epoch time to go by.
          const left = r.epoch > 0 ? (elapsed / r.epoch) * (total - done) : cfg.timeBudgetMs > 0 ? trainable.length * cfg.timeBudgetMs : NaN;
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
            etaMs: cfg.timeBudgetMs > 0 ? Math.min(left, Math.max(0, cfg.timeBudgetMs - elapsed) + (trainable.length - 1 - k) * cfg.timeBudgetMs) : left,
            message: `${r.epoch === 0 ? 'before training' : `epoch ${r.epoch} of ${cfg.epochs}`}${trainable.length > 1 ? `, series ${k + 1} of ${trainable.length}` : ''}`,
          };
          progress(event);
        },
      });
      const validation = training.valSamples > 0 ? await validationScores(net, data) : null;
      let firstVal = Infinity;
      for (let j = 1; j < samples.val.length; j += 2) firstVal = Math.min(firstVal, samples.val[j]);
      const heldOutFromDay = Number.isFinite(firstVal) ? periodDay(input.calendar, firstVal) : undefined;
      records.push({
        seriesIds: indices.map((i) => input.series[i].id),
        parameters: net.parameterCount,
        training,
        validation,
        heldOutFromDay,
        ...(head ? { initialSpread: head.multipliers } : {}),
      });
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
    trainLoss: last.history[last.history.length - 1]?.trainLoss ?? last.initialTrainLoss ?? NaN,
    valLoss: last.history[last.history.length - 1]?.valLoss ?? last.initialValLoss,
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
    staticFeatures: staticFeatureNames(cfg),
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
