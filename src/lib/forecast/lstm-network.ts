import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../core/rng';
import { glorotUniform, initialLstmWeights, lstmLayer, lstmLayerInfer, type LstmLayerWeights } from './lstm-cell';

/**
 * The network: stacked LSTM layers over the history window, then one dense layer over [last h, known vector] that
 * outputs all H periods at once (direct multi-horizon forecasting). Training uses Adam with global-norm gradient
 * clipping, written out here so the learning rate can decay on plateaus and every step is deterministic.
 */

/** Sizes of a network. */
export interface NetworkShape {
  /** Inputs per history row. */
  inputSize: number;
  /** Length of the known vector. */
  knownSize: number;
  /** Outputs H. */
  horizon: number;
  /** History rows L. */
  lookback: number;
  /** Stacked LSTM layers. */
  layers: number;
  /** Units per layer. */
  units: number;
  /** Dropout rate. */
  dropout: number;
}

/** One batch, time-major: `x` is [L·B, inputSize] with row t·B + b = step t of sample b. */
export interface Batch {
  /** Samples B. */
  size: number;
  /** History rows, L·B × inputSize values. */
  x: Float32Array;
  /** Known vectors, B × knownSize. */
  known: Float32Array;
  /** Targets, B × H (scaled); ignored where `weight` is 0. */
  y: Float32Array;
  /** 1 where the target is observed, else 0; B × H. */
  weight: Float32Array;
}

/** Adam's constants (Kingma & Ba 2015, https://arxiv.org/abs/1412.6980). */
const BETA1 = 0.9;
const BETA2 = 0.999;
const EPSILON = 1e-7;

/** An LSTM forecaster network whose weights live in TF.js variables. Call `dispose()` when done. */
export class LstmNetwork {
  /** Sizes. */
  readonly shape: NetworkShape;
  /** Trainable weights: per layer kernel, recurrentKernel, bias; then the dense kernel [u + K, H] and bias [H]. */
  readonly variables: tf.Variable[];
  private moments: tf.Variable[] = [];
  private adamStep = 0;

  private constructor(shape: NetworkShape, values: Float32Array[]) {
    this.shape = shape;
    const shapes = LstmNetwork.weightShapes(shape);
    if (values.length !== shapes.length) throw new Error(`expected ${shapes.length} weight arrays, got ${values.length}`);
    this.variables = values.map((v, i) => tf.tidy(() => tf.variable(tf.tensor(v, shapes[i]), true)));
  }

  /** Shapes of the weights, in `variables` order. */
  static weightShapes(s: NetworkShape): number[][] {
    const out: number[][] = [];
    for (let l = 0; l < s.layers; l++) out.push([l === 0 ? s.inputSize : s.units, 4 * s.units], [s.units, 4 * s.units], [4 * s.units]);
    out.push([s.units + s.knownSize, s.horizon], [s.horizon]);
    return out;
  }

  /** A network with seeded initial weights; the dense bias starts at `outputBias` (the mean scaled target). */
  static create(shape: NetworkShape, rng: Rng, outputBias: number): LstmNetwork {
    const values: Float32Array[] = [];
    for (let l = 0; l < shape.layers; l++) values.push(...initialLstmWeights(rng, l === 0 ? shape.inputSize : shape.units, shape.units));
    values.push(glorotUniform(rng, shape.units + shape.knownSize, shape.horizon), new Float32Array(shape.horizon).fill(outputBias));
    return new LstmNetwork(shape, values);
  }

  /** A network with the given weights (`weightShapes` order and sizes). */
  static fromWeights(shape: NetworkShape, values: Float32Array[]): LstmNetwork {
    return new LstmNetwork(shape, values);
  }

  /** Number of trainable values. */
  get parameterCount(): number {
    return this.variables.reduce((n, v) => n + v.size, 0);
  }

  private layer(l: number): LstmLayerWeights {
    const v = this.variables;
    return { kernel: v[3 * l] as tf.Tensor2D, recurrentKernel: v[3 * l + 1] as tf.Tensor2D, bias: v[3 * l + 2] as tf.Tensor1D };
  }

  /** Forward pass → [B, H] scaled forecasts. `masks`: null for inference, else training mode with one dropout mask
   * per layer ([B, u] each; none when the dropout rate is 0). */
  private forward(x: tf.Tensor2D, known: tf.Tensor2D, masks: tf.Tensor2D[] | null): tf.Tensor2D {
    const { layers, lookback: steps, units } = this.shape;
    const batch = known.shape[0];
    let h = x;
    for (let l = 0; l < layers; l++) {
      const last = l === layers - 1;
      h = masks
        ? lstmLayer(h, this.layer(l), { steps, returnSequences: !last, inputGradient: l > 0 })
        : lstmLayerInfer(h, this.layer(l), steps, !last);
      if (masks && masks.length > 0) {
        // Variational dropout (Gal & Ghahramani 2016): one mask per sequence, the same at every step.
        h = last ? tf.mul(h, masks[l]) : (tf.reshape(tf.mul(tf.reshape(h, [steps, batch, units]), masks[l]), [steps * batch, units]) as tf.Tensor2D);
      }
    }
    const v = this.variables;
    const n = v.length;
    return tf.add(tf.matMul(tf.concat([h, known], 1), v[n - 2]), v[n - 1]) as tf.Tensor2D;
  }

  /** Forecasts of a batch (no dropout), B × H scaled values. */
  async predict(x: Float32Array, known: Float32Array, size: number): Promise<Float32Array> {
    const out = tf.tidy(() => this.forward(tf.tensor2d(x, [this.shape.lookback * size, this.shape.inputSize]), tf.tensor2d(known, [size, this.shape.knownSize]), null));
    try {
      return (await out.data()) as Float32Array;
    } finally {
      out.dispose();
    }
  }

  /** Weighted squared error Σ w (ŷ − y)² of a batch without dropout, as a scalar tensor the caller disposes. */
  evaluate(b: Batch): tf.Scalar {
    return tf.tidy(() => {
      const { lookback: L, inputSize, knownSize, horizon } = this.shape;
      const pred = this.forward(tf.tensor2d(b.x, [L * b.size, inputSize]), tf.tensor2d(b.known, [b.size, knownSize]), null);
      return tf.sum(tf.mul(tf.tensor2d(b.weight, [b.size, horizon]), tf.squaredDifference(pred, tf.tensor2d(b.y, [b.size, horizon]))));
    });
  }

  /**
   * One Adam step on a batch with dropout masks drawn from `rng`; returns the batch's weighted squared error
   * Σ w (ŷ − y)² (before the step) as a scalar tensor the caller disposes. The loss minimized is its mean over the
   * observed targets. Gradients are rescaled to a global L2 norm ≤ `clipNorm` (Pascanu et al. 2013).
   */
  trainStep(b: Batch, rng: Rng, learningRate: number, clipNorm: number): tf.Scalar {
    const { lookback: L, inputSize, knownSize, horizon, layers, units, dropout } = this.shape;
    if (this.moments.length === 0) {
      this.moments = this.variables.flatMap((v) => [0, 1].map(() => tf.tidy(() => tf.variable(tf.zerosLike(v), false))));
    }
    const maskValues = dropout > 0 ? Array.from({ length: layers }, () => dropoutMask(rng, b.size * units, dropout)) : [];
    let weightSum = 0;
    for (let i = 0; i < b.weight.length; i++) weightSum += b.weight[i];
    this.adamStep++;
    const t = this.adamStep;
    const stepSize = (learningRate * Math.sqrt(1 - BETA2 ** t)) / (1 - BETA1 ** t);
    return tf.tidy(() => {
      const x = tf.tensor2d(b.x, [L * b.size, inputSize]);
      const known = tf.tensor2d(b.known, [b.size, knownSize]);
      const y = tf.tensor2d(b.y, [b.size, horizon]);
      const w = tf.tensor2d(b.weight, [b.size, horizon]);
      const masks = maskValues.map((m) => tf.tensor2d(m, [b.size, units]));
      const out: { sse?: tf.Scalar } = {};
      const { grads } = tf.variableGrads(() => {
        const sse = tf.keep(tf.sum(tf.mul(w, tf.squaredDifference(this.forward(x, known, masks), y)))) as tf.Scalar;
        out.sse = sse;
        return tf.div(sse, Math.max(1, weightSum));
      }, this.variables);
      const g = this.variables.map((v) => grads[v.name]);
      const norm = tf.sqrt(tf.addN(g.map((gi) => tf.sum(tf.square(gi)))));
      const factor = tf.div(clipNorm, tf.maximum(norm, clipNorm));
      // Adam in the "efficient" form of Kingma & Ba §2: the bias corrections fold into the step size.
      this.variables.forEach((v, i) => {
        const m = this.moments[2 * i];
        const s = this.moments[2 * i + 1];
        const gi = tf.mul(g[i], factor);
        m.assign(tf.add(tf.mul(m, BETA1), tf.mul(gi, 1 - BETA1)));
        s.assign(tf.add(tf.mul(s, BETA2), tf.mul(tf.square(gi), 1 - BETA2)));
        v.assign(tf.sub(v, tf.mul(tf.div(m, tf.add(tf.sqrt(s), EPSILON)), stepSize)));
      });
      return out.sse!;
    });
  }

  /** Copies of the current weights, kept until `disposeSnapshot`. */
  snapshot(): tf.Tensor[] {
    return this.variables.map((v) => tf.keep(v.clone()));
  }

  /** Sets the weights from a snapshot (the snapshot stays owned by the caller). */
  restore(snapshot: tf.Tensor[]): void {
    this.variables.forEach((v, i) => v.assign(snapshot[i]));
  }

  /** The weights as arrays, `weightShapes` order. */
  async readWeights(): Promise<Float32Array[]> {
    return Promise.all(this.variables.map(async (v) => (await v.data()) as Float32Array));
  }

  /** Frees Adam's moment estimates (training is over; a later `trainStep` starts them afresh). */
  releaseOptimizer(): void {
    for (const m of this.moments) m.dispose();
    this.moments = [];
    this.adamStep = 0;
  }

  /** Frees the weights and the optimizer state. */
  dispose(): void {
    for (const v of [...this.variables, ...this.moments]) v.dispose();
    this.moments = [];
  }
}

/** Inverted-dropout mask values: 0 with probability `rate`, else 1 / (1 − rate). */
function dropoutMask(rng: Rng, size: number, rate: number): Float32Array {
  const out = new Float32Array(size);
  const keep = 1 / (1 - rate);
  for (let i = 0; i < size; i++) out[i] = rng.next() < rate ? 0 : keep;
  return out;
}
