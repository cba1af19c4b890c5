/**
 * LSTM training-throughput measurements, shared by the bench worker (Chromium) and quick Node runs. No DOM.
 * Both contenders train the same model, LSTM(units) over `steps` × `features` inputs → Dense(1), with Adam on
 * the same random data in batches of `batch`:
 * - 'shelfcast': the app's network (src/lib/lstm/network.ts: fused input projection, hand-written BPTT,
 *   gradient clipping);
 * - 'layers': tf.layers.lstm (sigmoid gates, as ours) trained with model.fit.
 */
import * as tf from '@tensorflow/tfjs';
import { createRng, type Rng } from '../src/lib/core/rng';
import { lstmTrainingFlops } from '../src/lib/lstm/cell';
import { LstmNetwork, type Batch } from '../src/lib/lstm/network';

/** What to measure. */
export interface LstmBenchCase {
  /** Which implementation. */
  impl: 'shelfcast' | 'layers';
  /** LSTM units. Default 64. */
  units?: number;
  /** Time steps. Default 52. */
  steps?: number;
  /** Inputs per step. Default 8. */
  features?: number;
  /** Sequences per batch. Default 64. */
  batch?: number;
  /** Measure for at least this long, ms (after a warm-up of 2 batches). Default 3000. */
  minMs?: number;
}

/** One measurement. */
export interface LstmBenchResult {
  /** Implementation. */
  impl: 'shelfcast' | 'layers';
  /** Backend it ran on. */
  backend: string;
  /** Training throughput, sequences per second. */
  sequencesPerSecond: number;
  /** sequences/s × `lstmTrainingFlops` / 1e9. */
  gflops: number;
  /** Batches timed. */
  batches: number;
  /** Tensors alive after the run minus before (0 = no leak). */
  leakedTensors: number;
}

/** Trains for at least `minMs` and reports the throughput. */
/**
 * A Shelfcast network of the bench's shape (one layer, one known input, horizon 1) on random data, and one training
 * step that waits for its loss: what `npm run bench -- lstm` and scripts/bench-lstm-node.ts time.
 */
export function shelfcastTrainer(units: number, steps: number, features: number, batch: number, rng: Rng): { net: LstmNetwork; step: () => Promise<void> } {
  const randoms = (n: number) => Float32Array.from({ length: n }, () => rng.normal());
  const net = LstmNetwork.create({ inputSize: features, knownSize: 1, horizon: 1, lookback: steps, layers: 1, units, dropout: 0 }, rng, 0);
  const b: Batch = { size: batch, x: randoms(steps * batch * features), known: new Float32Array(batch), y: randoms(batch), weight: new Float32Array(batch).fill(1) };
  const step = async () => {
    const loss = net.trainStep(b, rng, 1e-3, 1);
    await loss.data();
    loss.dispose();
  };
  return { net, step };
}

export async function measureLstmTraining(c: LstmBenchCase): Promise<LstmBenchResult> {
  const units = c.units ?? 64;
  const steps = c.steps ?? 52;
  const features = c.features ?? 8;
  const batch = c.batch ?? 64;
  const minMs = c.minMs ?? 3000;
  const before = tf.memory().numTensors;
  const rng = createRng(7);
  const randoms = (n: number) => Float32Array.from({ length: n }, () => rng.normal());
  let batches = 0;
  let ms = 0;
  if (c.impl === 'shelfcast') {
    const { net, step } = shelfcastTrainer(units, steps, features, batch, rng);
    for (let i = 0; i < 2; i++) await step();
    const t0 = performance.now();
    while (performance.now() - t0 < minMs || batches < 3) {
      await step();
      batches++;
    }
    ms = performance.now() - t0;
    net.dispose();
  } else {
    const model = tf.sequential({
      layers: [
        tf.layers.lstm({ units, recurrentActivation: 'sigmoid', inputShape: [steps, features] }),
        tf.layers.dense({ units: 1 }),
      ],
    });
    model.compile({ optimizer: tf.train.adam(1e-3), loss: 'meanSquaredError' });
    const perEpoch = 4;
    const x = tf.tensor3d(randoms(perEpoch * batch * steps * features), [perEpoch * batch, steps, features]);
    const y = tf.tensor2d(randoms(perEpoch * batch), [perEpoch * batch, 1]);
    const epoch = () => model.fit(x, y, { batchSize: batch, epochs: 1, shuffle: false, verbose: 0 });
    await epoch(); // warm-up
    const t0 = performance.now();
    while (performance.now() - t0 < minMs || batches < 3) {
      await epoch();
      batches += perEpoch;
    }
    ms = performance.now() - t0;
    tf.dispose([x, y]);
    model.optimizer.dispose();
    model.dispose();
  }
  const sequencesPerSecond = (batches * batch) / (ms / 1000);
  return {
    impl: c.impl,
    backend: tf.getBackend(),
    sequencesPerSecond,
    gflops: (sequencesPerSecond * lstmTrainingFlops(steps, features, units)) / 1e9,
    batches,
    leakedTensors: tf.memory().numTensors - before,
  };
}
