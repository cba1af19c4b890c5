import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../core/rng';
import { createTape, glorotUniform, initialLstmWeights, layerBackward, layerForward, prepareLayer, type LayerTape, type LstmLayerWeights, type PreparedLayer } from './cell';
import { outputCount } from './quantiles';

/**
 * The network: stacked LSTM layers over the history window, then one dense layer over [last h, known vector] that
 * outputs all H periods at once (direct multi-horizon forecasting), plus, with a seasonal skip, each period's
 * baseline (seasonal naive, plus the seasonal drift with a drift window) taken from the known vector. Training uses Adam with global-norm gradient
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
  /** Seasonal skip: for each of the H outputs, the index in the known vector of the value added to it (the
   * period's scaled baseline: seasonal naive plus drift), so the network learns a correction to it. With quantiles
   * every quantile's output of a period adds it. Default none. */
  skip?: number[];
  /** Quantile levels of the outputs (Q × H, column j·H + h), trained with the pinball loss; none or [] = H outputs
   * trained on the squared error. */
  quantiles?: number[];
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
  /** Trainable weights: per layer the stacked kernel [in + u, 4u] and bias [4u]; then the dense kernel [u + K, O]
   * and bias [O], O = H or Q × H. */
  readonly variables: tf.Variable[];
  private moments: tf.Variable[] = [];
  private adamStep = 0;
  private headAnchor: tf.Tensor | null = null;

  private constructor(shape: NetworkShape, values: Float32Array[]) {
    this.shape = shape;
    const shapes = LstmNetwork.weightShapes(shape);
    if (values.length !== shapes.length) throw new Error(`expected ${shapes.length} weight arrays, got ${values.length}`);
    this.variables = values.map((v, i) => tf.tidy(() => tf.variable(tf.tensor(v, shapes[i]), true)));
  }

  /** Shapes of the weights, in `variables` order. */
  static weightShapes(s: NetworkShape): number[][] {
    const out: number[][] = [];
    for (let l = 0; l < s.layers; l++) out.push([(l === 0 ? s.inputSize : s.units) + s.units, 4 * s.units], [4 * s.units]);
    const outputs = outputCount(s.horizon, s.quantiles);
    out.push([s.units + s.knownSize, outputs], [outputs]);
    return out;
  }

  /**
   * A network with seeded initial weights; the dense bias starts at `outputBias` (the mean scaled target, or the
   * mean correction with a skip). With a skip the dense kernel starts at 0, so the untrained network forecasts the
   * skip baseline (plus the bias, 0 with a skip) and training only ever moves it away from there where that helps.
   * `headKernel` ([u + K, O] values) replaces that zero kernel: with quantiles it sets the 10 % and 90 % outputs'
   * weights on the spread input (quantile-head.ts) and leaves the median's at 0.
   */
  static create(shape: NetworkShape, rng: Rng, outputBias: number, headKernel?: Float32Array): LstmNetwork {
    const values: Float32Array[] = [];
    for (let l = 0; l < shape.layers; l++) values.push(...initialLstmWeights(rng, l === 0 ? shape.inputSize : shape.units, shape.units));
    const fanIn = shape.units + shape.knownSize;
    const outputs = outputCount(shape.horizon, shape.quantiles);
    if (headKernel && headKernel.length !== fanIn * outputs) throw new Error(`head kernel: expected ${fanIn * outputs} values, got ${headKernel.length}`);
    const kernel = headKernel ?? (shape.skip?.length ? new Float32Array(fanIn * outputs) : glorotUniform(rng, fanIn, outputs));
    values.push(kernel, new Float32Array(outputs).fill(outputBias));
    return new LstmNetwork(shape, values);
  }

  /** The [K, O] 0/1 matrix that picks the skip inputs out of the known vector (each period's baseline into every
   * quantile's output of that period), or null without a skip. */
  static skipMatrix(shape: NetworkShape): Float32Array | null {
    if (!shape.skip?.length) return null;
    const outputs = outputCount(shape.horizon, shape.quantiles);
    const m = new Float32Array(shape.knownSize * outputs);
    for (let o = 0; o < outputs; o++) m[shape.skip[o % shape.horizon] * outputs + o] = 1;
    return m;
  }

  /** Outputs per sample: H, or Q × H with quantiles. */
  get outputs(): number {
    return outputCount(this.shape.horizon, this.shape.quantiles);
  }

  /** A network with the given weights (`weightShapes` order and sizes). */
  static fromWeights(shape: NetworkShape, values: Float32Array[]): LstmNetwork {
    return new LstmNetwork(shape, values);
  }

  /** Number of trainable values. */
  get parameterCount(): number {
    return this.variables.reduce((n, v) => n + v.size, 0);
  }

  private layerWeights(l: number): LstmLayerWeights {
    return { kernel: this.variables[2 * l] as tf.Tensor2D, bias: this.variables[2 * l + 1] as tf.Tensor1D };
  }

  /** The time-major history rows of a batch as one tensor, [L·B, inputSize]. */
  private historyInput(x: Float32Array, size: number): tf.Tensor2D {
    return tf.tensor2d(x, [this.shape.lookback * size, this.shape.inputSize]);
  }

  /**
   * Forward pass → [B, H] scaled forecasts. With `masks` (training), one dropout mask per layer ([B, u], the same at
   * every step: variational dropout, Gal & Ghahramani 2016) and the tapes for `backward`. Call inside `tf.tidy`.
   */
  private forward(x: tf.Tensor2D, known: tf.Tensor2D, prepared: PreparedLayer[], masks: tf.Tensor2D[] | null, tapes: LayerTape[] | null) {
    const steps = this.shape.lookback;
    let input = x;
    let last: tf.Tensor2D = x;
    prepared.forEach((p, l) => {
      const tape = tapes ? createTape() : null;
      const top = l === prepared.length - 1;
      const out = layerForward(input, steps, p, tape, !top);
      if (tape) tapes!.push(tape);
      const mask = masks?.[l];
      // The same mask at every step: tiled over the T row blocks of the time-major sequence.
      if (!top) input = mask ? (tf.mul(out.sequence!, tf.tile(mask, [steps, 1])) as tf.Tensor2D) : out.sequence!;
      else last = mask ? (tf.mul(out.last, mask) as tf.Tensor2D) : out.last;
    });
    const n = this.variables.length;
    const joined = tf.concat([last, known], 1) as tf.Tensor2D;
    let pred = tf.add(tf.matMul(joined, this.variables[n - 2]), this.variables[n - 1]) as tf.Tensor2D;
    const skip = LstmNetwork.skipMatrix(this.shape);
    // A 0/1 matMul picks the skip inputs exactly (x·1 + Σ 0·y = x), as the exported model's fixed Dense does.
    if (skip) pred = tf.add(pred, tf.matMul(known, tf.tensor2d(skip, [this.shape.knownSize, this.outputs]))) as tf.Tensor2D;
    return { pred, joined };
  }

  /** Forecasts of a batch (no dropout), B × O scaled values (O = H, or Q × H with quantiles). */
  async predict(x: Float32Array, known: Float32Array, size: number): Promise<Float32Array> {
    const out = tf.tidy(() => {
      const prepared = Array.from({ length: this.shape.layers }, (_, l) => prepareLayer(this.layerWeights(l)));
      return this.forward(this.historyInput(x, size), tf.tensor2d(known, [size, this.shape.knownSize]), prepared, null, null).pred;
    });
    try {
      return (await out.data()) as Float32Array;
    } finally {
      out.dispose();
    }
  }

  /** The batch's summed loss without dropout (see `lossAndGradient`), as a scalar tensor the caller disposes. */
  evaluate(b: Batch): tf.Scalar {
    return tf.tidy(() => {
      const prepared = Array.from({ length: this.shape.layers }, (_, l) => prepareLayer(this.layerWeights(l)));
      const { pred } = this.forward(this.historyInput(b.x, b.size), tf.tensor2d(b.known, [b.size, this.shape.knownSize]), prepared, null, null);
      return this.lossAndGradient(b, pred, 1).loss;
    });
  }

  /**
   * The summed loss of a batch's forecasts `pred` [B, O] and its gradient ∂/∂pred times `gradScale`. Without
   * quantiles Σ w (ŷ − y)²; with quantiles Σ w · mean_j ρ_{q_j}(y − ŷ_j), the pinball loss, whose subgradient is
   * (1{ŷ > y} − q) w / Q. quantiles.ts's `sampleLoss` computes the same in plain TS. Call inside `tf.tidy`.
   */
  private lossAndGradient(b: Batch, pred: tf.Tensor2D, gradScale: number): { loss: tf.Scalar; dPred: tf.Tensor2D } {
    const { horizon, quantiles } = this.shape;
    const Q = quantiles?.length ?? 0;
    const w1 = tf.tensor2d(b.weight, [b.size, horizon]);
    const y1 = tf.tensor2d(b.y, [b.size, horizon]);
    if (Q === 0) {
      const diff = tf.sub(pred, y1);
      // ∂(Σ w e²)/∂ŷ = 2 w e
      return { loss: tf.sum(tf.mul(w1, tf.square(diff))) as tf.Scalar, dPred: tf.mul(tf.mul(w1, diff), 2 * gradScale) as tf.Tensor2D };
    }
    const w = tf.tile(w1, [1, Q]);
    const e = tf.sub(tf.tile(y1, [1, Q]), pred);
    const q = tf.tensor2d(Float32Array.from({ length: Q * horizon }, (_, o) => quantiles![Math.floor(o / horizon)]), [1, Q * horizon]);
    const rho = tf.maximum(tf.mul(q, e), tf.mul(tf.sub(q, 1), e));
    const above = tf.cast(tf.less(e, 0), 'float32');
    return {
      loss: tf.div(tf.sum(tf.mul(w, rho)), Q) as tf.Scalar,
      dPred: tf.mul(tf.mul(w, tf.sub(above, q)), gradScale / Q) as tf.Tensor2D,
    };
  }

  /**
   * The batch's summed loss (`sse`: Σ w (ŷ − y)², or the pinball sum with quantiles) and the gradient of loss / Σ w
   * for every variable (`variables` order), computed by a hand-written backward pass. `masks`: dropout masks per
   * layer ([B·u] values each), or none. Call inside `tf.tidy`; exposed for the gradient check in the tests.
   */
  gradients(b: Batch, masks: Float32Array[]): { sse: tf.Scalar; grads: tf.Tensor[] } {
    const { knownSize, layers, units } = this.shape;
    let weightSum = 0;
    for (let i = 0; i < b.weight.length; i++) weightSum += b.weight[i];
    const prepared = Array.from({ length: layers }, (_, l) => prepareLayer(this.layerWeights(l)));
    const maskTensors = masks.length > 0 ? masks.map((m) => tf.tensor2d(m, [b.size, units])) : null;
    const tapes: LayerTape[] = [];
    const known = tf.tensor2d(b.known, [b.size, knownSize]);
    const { pred, joined } = this.forward(this.historyInput(b.x, b.size), known, prepared, maskTensors, tapes);
    const { loss: sse, dPred } = this.lossAndGradient(b, pred, 1 / Math.max(1, weightSum));
    const n = this.variables.length;
    const dDense = tf.matMul(tf.transpose(joined), dPred);
    const dDenseBias = tf.sum(dPred, 0);
    const denseH = tf.slice(this.variables[n - 2], [0, 0], [units, this.outputs]);
    let dLast = tf.matMul(dPred, tf.transpose(denseH)) as tf.Tensor2D;
    const grads: tf.Tensor[] = new Array(n);
    grads[n - 2] = dDense;
    grads[n - 1] = dDenseBias;
    if (maskTensors) dLast = tf.mul(dLast, maskTensors[layers - 1]) as tf.Tensor2D;
    let dSequence: tf.Tensor2D | null = null;
    for (let l = layers - 1; l >= 0; l--) {
      const g = layerBackward(l === layers - 1 ? dLast : null, dSequence, tapes[l], prepared[l], l > 0);
      grads[2 * l] = g.kernel;
      grads[2 * l + 1] = g.bias;
      // The gradient reaching layer l − 1's outputs, through its dropout mask.
      const below = maskTensors?.[l - 1];
      dSequence = g.input && below ? (tf.mul(g.input, tf.tile(below, [this.shape.lookback, 1])) as tf.Tensor2D) : g.input;
    }
    return { sse, grads };
  }

  /**
   * One Adam step on a batch with dropout masks drawn from `rng`; returns the batch's summed loss (before the step)
   * as a scalar tensor the caller disposes. The loss minimized is its mean over the observed targets. Gradients are
   * rescaled to a global L2 norm ≤ `clipNorm` (Pascanu et al. 2013). `weightDecay` > 0 pulls the head kernel towards
   * its values at the first step (the baseline's), by learningRate × weightDecay × (w − w₀) per step (decoupled, as
   * AdamW), so a correction must keep earning its size. `freezeOutputBias` leaves the dense bias as it is (see
   * LstmOptions.trainOutputBias).
   */
  trainStep(b: Batch, rng: Rng, learningRate: number, clipNorm: number, weightDecay = 0, freezeOutputBias = false): tf.Scalar {
    const { layers, units, dropout } = this.shape;
    if (this.moments.length === 0) {
      this.moments = this.variables.flatMap((v) => [0, 1].map(() => tf.tidy(() => tf.variable(tf.zerosLike(v), false))));
      this.headAnchor = tf.keep(this.variables[this.variables.length - 2].clone());
    }
    const masks = dropout > 0 ? Array.from({ length: layers }, () => dropoutMask(rng, b.size * units, dropout)) : [];
    this.adamStep++;
    const t = this.adamStep;
    const stepSize = (learningRate * Math.sqrt(1 - BETA2 ** t)) / (1 - BETA1 ** t);
    return tf.tidy(() => {
      const { sse, grads } = this.gradients(b, masks);
      const norm = tf.sqrt(tf.addN(grads.map((gi) => tf.sum(tf.square(gi)))));
      const factor = tf.div(clipNorm, tf.maximum(norm, clipNorm));
      // Adam in the "efficient" form of Kingma & Ba §2: the bias corrections fold into the step size.
      this.variables.forEach((v, i) => {
        if (freezeOutputBias && i === this.variables.length - 1) return;
        const m = this.moments[2 * i];
        const s = this.moments[2 * i + 1];
        const gi = tf.mul(grads[i], factor);
        m.assign(tf.add(tf.mul(m, BETA1), tf.mul(gi, 1 - BETA1)));
        s.assign(tf.add(tf.mul(s, BETA2), tf.mul(tf.square(gi), 1 - BETA2)));
        let next = tf.sub(v, tf.mul(tf.div(m, tf.add(tf.sqrt(s), EPSILON)), stepSize));
        if (weightDecay > 0 && i === this.variables.length - 2 && this.headAnchor) {
          next = tf.sub(next, tf.mul(tf.sub(v, this.headAnchor), learningRate * weightDecay));
        }
        v.assign(next);
      });
      return sse;
    });
  }

  /** Copies of the current weights, kept until the caller disposes them. */
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
    this.headAnchor?.dispose();
    this.headAnchor = null;
  }

  /** Frees the weights and the optimizer state. */
  dispose(): void {
    for (const v of [...this.variables, ...this.moments]) v.dispose();
    this.moments = [];
    this.headAnchor?.dispose();
    this.headAnchor = null;
  }
}

/** Inverted-dropout mask values: 0 with probability `rate`, else 1 / (1 − rate). */
export function dropoutMask(rng: Rng, size: number, rate: number): Float32Array {
  const out = new Float32Array(size);
  const keep = 1 / (1 - rate);
  for (let i = 0; i < size; i++) out[i] = rng.next() < rate ? 0 : keep;
  return out;
}
