import * as tf from '@tensorflow/tfjs';
import { checkpoint, isAbortError, throwIfAborted } from '../core/abort';
import type { Rng } from '../core/rng';
import { allocBatch, EVAL_BATCH, fillBatch, type TrainData } from './batch';
import { subsamplePairs } from './samples';
import { checkAgainstBaseline, type BaselineCheck } from './select';
import { blendedOriginLosses, blendHead, chooseShrinkage, pairOutputs, type PairOutputs } from './shrink';
import { chooseIntervalScale, scaleIntervals, type IntervalCalibration } from './intervals';
import type { Batch, LstmNetwork } from './network';

export { allocBatch, EVAL_BATCH, fillBatch, type TrainData } from './batch';
import type { LstmConfig } from './options';

/**
 * The training loop of one network: shuffled mini-batches, early stopping on the validation loss with the best
 * weights restored, learning-rate decay on plateaus, cooperative cancellation between batches.
 */

/** One epoch's record. */
export interface EpochRecord {
  /** 1-based. */
  epoch: number;
  /** Mean loss of level-scaled values over the epoch's batches (dropout on): the pinball loss averaged over the
   * quantiles, or the squared error without quantiles. */
  trainLoss: number;
  /** Validation loss (same loss, scaled), NaN without validation samples. */
  valLoss: number;
  /** Learning rate used. */
  learningRate: number;
  /** Wall time of the epoch, ms. */
  ms: number;
}

/** Why training ended. 'time-budget': `timeBudgetMs` ran out; 'no-validation': with a seasonal skip and a validation
 * share asked for, the history was too short to hold validation windows out, so the network was not trained and
 * keeps its baseline (epoch 0) rather than train with nothing to tell whether training helps. */
export type StopReason = 'max-epochs' | 'early-stopping' | 'aborted' | 'diverged' | 'time-budget' | 'no-validation';

/** The outcome of training one network. */
export interface NetworkTraining {
  /** Epochs run. */
  epochs: number;
  /** Epoch whose weights were kept (lowest monitored loss); 0 = the initial weights. */
  bestEpoch: number;
  /** The monitored loss at `bestEpoch` (validation when there is validation, else training). */
  bestLoss: number;
  /** Validation loss of the untrained network (epoch 0; with a seasonal skip, about the seasonal-naive forecast's);
   * NaN without validation. */
  initialValLoss: number;
  /** Training loss of the untrained network (epoch 0, no dropout: with a seasonal skip, the skip baseline's loss on
   * the training windows). Absent in models saved before it was recorded. */
  initialTrainLoss?: number;
  /** Why it stopped. */
  stopReason: StopReason;
  /** Training samples. */
  trainSamples: number;
  /** Validation samples. */
  valSamples: number;
  /** Every epoch, in order. */
  history: EpochRecord[];
  /** The one-standard-error check of the best epoch against epoch 0 (see select.ts); null or absent when it did
   * not run (no seasonal skip, no validation, `baselineStandardErrors` 0, or epoch 0 was best anyway). */
  baselineCheck?: BaselineCheck | null;
  /** The shrinkage of the correction towards the baseline (shrink.ts), when one was chosen below 1: λ and the
   * validation loss of the blend (λ 0 = the baseline kept). Absent when λ = 1 or it did not run. */
  shrinkage?: { lambda: number; valLoss: number };
  /** The interval calibration on the validation windows (intervals.ts), when it ran: the factor written into the
   * head and the validation coverage before and after. Absent in models saved before it existed. */
  intervals?: IntervalCalibration;
}

/** Hooks and state of `trainNetwork`. */
export interface TrainContext {
  /** Seeded stream for shuffling and dropout. */
  rng: Rng;
  /** Cancels training at the next batch. */
  signal: AbortSignal;
  /** Called after each epoch, and once before training with epoch 0 (the untrained network's losses, ms 0). */
  onEpoch: (record: EpochRecord) => void;
}

/**
 * Mean of the training samples' observed scaled targets: the initial output bias without a seasonal skip. With a
 * skip the bias starts at 0 instead (see `initialOutputBias`).
 */
export function meanTarget(data: TrainData): number {
  const { train } = data.samples;
  let sum = 0;
  let n = 0;
  for (let k = 0; k < train.length / 2; k++) {
    const sf = data.features[train[2 * k]]!;
    const origin = train[2 * k + 1];
    for (let h = 0; h < data.layout.horizon; h++) {
      const v = sf.target[origin - sf.first + h];
      if (Number.isFinite(v)) {
        sum += v;
        n++;
      }
    }
  }
  return n > 0 ? sum / n : 1;
}

/**
 * The dense bias the network starts from. With a seasonal skip it is 0, so the untrained network (epoch 0, a
 * candidate of early stopping) is exactly the skip baseline: a mean correction fitted over the whole training window
 * (a year-over-year change of a past season) carried a stale level shift into every forecast, and on the Walmart
 * protocol made epoch 0 worse than seasonal naive (7.4% against 6.4% MAPE at origin 78). Without a skip it is the
 * mean scaled target.
 */
export function initialOutputBias(data: TrainData, skip: boolean): number {
  return skip ? 0 : meanTarget(data);
}

async function validationLoss(net: LstmNetwork, data: TrainData, pairs: Int32Array = data.samples.val): Promise<number> {
  const count = pairs.length / 2;
  if (count === 0) return NaN;
  let sse = 0;
  let weight = 0;
  for (let from = 0; from < count; from += EVAL_BATCH) {
    const batch = allocBatch(data.layout, Math.min(EVAL_BATCH, count - from));
    fillBatch(data, pairs, null, from, batch);
    const t = net.evaluate(batch);
    sse += (await t.data())[0];
    t.dispose();
    for (let i = 0; i < batch.weight.length; i++) weight += batch.weight[i];
  }
  return sse / Math.max(1, weight);
}

/**
 * Trains `net` in place. Resolves with the record when training ends (the best weights restored); rejects with
 * an AbortError when the signal aborts, unless `cfg.onAbort === 'keep'` and an epoch has finished, in which case it
 * resolves with stopReason 'aborted' and the best weights so far.
 */
export async function trainNetwork(net: LstmNetwork, full: TrainData, cfg: LstmConfig, ctx: TrainContext): Promise<NetworkTraining> {
  const { rng, signal } = ctx;
  const started = Date.now();
  const data: TrainData = { ...full, samples: { ...full.samples, val: subsamplePairs(full.samples.val, cfg.validationSamples, rng) } };
  const pairs = data.samples.train;
  const count = pairs.length / 2;
  const perEpoch = Math.min(count, cfg.samplesPerEpoch);
  const order = Int32Array.from({ length: count }, (_, i) => i);
  const batches = new Map<number, Batch>();
  const result: NetworkTraining = {
    epochs: 0,
    bestEpoch: 0,
    bestLoss: Infinity,
    initialValLoss: NaN,
    stopReason: 'max-epochs',
    trainSamples: count,
    valSamples: data.samples.val.length / 2,
    history: [],
    baselineCheck: null,
  };
  let best = net.snapshot();
  // Epoch 0: the untrained network is a candidate too, so training never ends worse than its starting point
  // (with a seasonal skip, exactly the skip baseline).
  if (result.valSamples > 0) result.initialValLoss = result.bestLoss = await validationLoss(net, data);
  result.initialTrainLoss = await validationLoss(net, data, subsamplePairs(pairs, cfg.validationSamples, rng));
  ctx.onEpoch({ epoch: 0, trainLoss: result.initialTrainLoss, valLoss: result.initialValLoss, learningRate: cfg.learningRate, ms: 0 });
  if (cfg.seasonalSkip && cfg.validationFraction > 0 && result.valSamples === 0) {
    for (const t of best) t.dispose();
    result.stopReason = 'no-validation';
    result.bestLoss = result.initialTrainLoss;
    return result;
  }
  // With a skip, epoch 0 is also the model the one-standard-error rule falls back to and the shrinkage blends with.
  const checked = cfg.seasonalSkip && result.valSamples > 0 && cfg.baselineStandardErrors > 0;
  const blended = cfg.seasonalSkip && result.valSamples > 0 && cfg.shrinkCorrection;
  const initial = checked || blended ? net.snapshot() : null;
  const initialOutputs = initial ? await pairOutputs(net, data, data.samples.val) : null;
  let learningRate = cfg.learningRate;
  let sinceBest = 0;
  let sinceDecay = 0;
  let lastYield = Date.now();
  try {
    for (let epoch = 1; epoch <= cfg.epochs; epoch++) {
      const t0 = Date.now();
      // A partial Fisher-Yates shuffle: the first `perEpoch` entries are a uniform draw without replacement.
      for (let i = 0; i < perEpoch; i++) {
        const j = i + rng.int(count - i);
        [order[i], order[j]] = [order[j], order[i]];
      }
      let weight = 0;
      // The batches' losses are summed on the backend and read once per epoch: a read per batch would make a GPU
      // backend wait for each batch to finish before the next is queued.
      let sse: tf.Scalar | null = null;
      try {
        for (let from = 0; from < perEpoch; from += cfg.batchSize) {
          if (Date.now() - lastYield >= cfg.yieldIntervalMs) {
            await checkpoint(signal);
            lastYield = Date.now();
          } else {
            throwIfAborted(signal);
          }
          const size = Math.min(cfg.batchSize, perEpoch - from);
          let batch = batches.get(size);
          if (!batch) batches.set(size, (batch = allocBatch(data.layout, size)));
          fillBatch(data, pairs, order, from, batch);
          const loss = net.trainStep(batch, rng, learningRate, cfg.clipNorm, cfg.weightDecay, cfg.seasonalSkip && !cfg.trainOutputBias);
          const sum: tf.Scalar = sse ? tf.add(sse, loss) : loss;
          if (sse) tf.dispose([sse, loss]);
          sse = sum;
          for (let i = 0; i < batch.weight.length; i++) weight += batch.weight[i];
        }
        throwIfAborted(signal);
      } catch (error) {
        sse?.dispose();
        throw error;
      }
      const trainLoss = (sse ? (await sse.data())[0] : 0) / Math.max(1, weight);
      sse?.dispose();
      const valLoss = await validationLoss(net, data);
      const record: EpochRecord = { epoch, trainLoss, valLoss, learningRate, ms: Date.now() - t0 };
      result.history.push(record);
      result.epochs = epoch;
      const monitored = result.valSamples > 0 ? valLoss : trainLoss;
      if (!Number.isFinite(trainLoss)) {
        result.stopReason = 'diverged';
        ctx.onEpoch(record);
        break;
      }
      if (monitored < result.bestLoss * (1 - 1e-4)) {
        result.bestLoss = monitored;
        result.bestEpoch = epoch;
        for (const t of best) t.dispose();
        best = net.snapshot();
        sinceBest = 0;
        sinceDecay = 0;
      } else {
        sinceBest++;
        sinceDecay++;
        if (sinceDecay >= cfg.lrPatience && learningRate > cfg.minLearningRate) {
          // ReduceLROnPlateau, as in Keras: decay once per `lrPatience` epochs without improvement.
          learningRate = Math.max(cfg.minLearningRate, learningRate * cfg.lrFactor);
          sinceDecay = 0;
        }
      }
      ctx.onEpoch(record);
      if (sinceBest >= cfg.patience) {
        result.stopReason = 'early-stopping';
        break;
      }
      if (cfg.timeBudgetMs > 0 && Date.now() - started >= cfg.timeBudgetMs && epoch < cfg.epochs && epoch >= cfg.minEpochs) {
        result.stopReason = 'time-budget';
        break;
      }
    }
  } catch (error) {
    if (!(isAbortError(error) && cfg.onAbort === 'keep' && result.epochs > 0)) {
      for (const t of [...best, ...(initial ?? [])]) t.dispose();
      net.releaseOptimizer();
      throw error;
    }
    result.stopReason = 'aborted';
  }
  net.restore(best);
  for (const t of best) t.dispose();
  net.releaseOptimizer();
  if (initial && initialOutputs) {
    if (result.bestEpoch > 0) await chooseAgainstBaseline(net, data, cfg, result, initial, initialOutputs);
    for (const t of initial) t.dispose();
  }
  if (cfg.calibrateIntervals && result.valSamples > 0 && cfg.quantiles.length >= 2) {
    const calibration = chooseIntervalScale(await pairOutputs(net, data, data.samples.val), cfg.quantiles);
    if (calibration) {
      scaleIntervals(net, cfg.quantiles, calibration.scale);
      result.intervals = calibration;
    }
  }
  return result;
}

/**
 * After training, with a seasonal skip and validation windows: shrinks the correction (`shrinkCorrection`, see
 * shrink.ts), then keeps epoch 0 unless the (shrunk) network beats it by the one-standard-error rule (select.ts).
 * Updates `result` (bestEpoch 0 when the baseline is kept; `shrinkage` when λ < 1).
 */
async function chooseAgainstBaseline(net: LstmNetwork, data: TrainData, cfg: LstmConfig, result: NetworkTraining, initial: tf.Tensor[], initialOutputs: PairOutputs): Promise<void> {
  const q = data.layout.quantiles;
  const trained = await pairOutputs(net, data, data.samples.val);
  let lambda = 1;
  let losses = blendedOriginLosses(trained, null, 1, q);
  if (cfg.shrinkCorrection) ({ lambda, losses } = chooseShrinkage(trained, initialOutputs, q));
  const keepBaseline = () => {
    net.restore(initial);
    result.bestEpoch = 0;
    result.bestLoss = result.initialValLoss;
  };
  if (lambda === 0) {
    result.shrinkage = { lambda, valLoss: result.initialValLoss };
    keepBaseline();
    return;
  }
  if (lambda < 1) {
    blendHead(net, initial, lambda);
    result.bestLoss = await validationLoss(net, data);
    result.shrinkage = { lambda, valLoss: result.bestLoss };
  }
  if (cfg.baselineStandardErrors > 0) {
    const check = checkAgainstBaseline(blendedOriginLosses(initialOutputs, null, 1, q), losses, result.bestEpoch, cfg.baselineStandardErrors);
    result.baselineCheck = check;
    if (check.keptBaseline) keepBaseline();
  }
}
