import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../core/rng';
import { rowBlocks } from './blocks';
import { backwardStep, forwardStep } from './fused-steps';

/**
 * An LSTM layer from TF.js ops with a hand-written backward pass (backpropagation through time), no autodiff tape.
 *
 * Why not tf.layers.lstm: tfjs-layers runs the cell one step at a time through the tape, about 5,000-7,300 kernel
 * calls per batch for 52 steps, and per-call overhead dominates on WASM and CPU. What shapes this cell (profiled on
 * the WASM backend, 64 units × 52 steps, batch 64, with `scripts/profile-lstm-node.ts`):
 * - every kernel call costs ~10 µs of engine overhead whatever its size, so the calls per time step decide the speed;
 * - WASM's matMul hands its right operand to XNNPACK as "weights" and caches the packed operator per tensor, so a
 *   matMul is fast when its right operand is a weight that lives for the whole batch, and pays a packing when it is
 *   a fresh tensor (tfjs-backend-wasm batch_mat_mul_impl.cc); transposeA/B take a slow scalar path;
 * - WASM's Slice/Split copy their whole input for every piece (backend.readSync), Concat along rows is one copy per
 *   piece but along columns one per row.
 *
 * So:
 * - The input projection of the whole sequence is ONE matrix product, P = X·W + b ([T·B, in] × [in, 4u]), before
 *   the time loop, cut into per-step row blocks (blocks.ts: on WASM without copying P once per step); each step then
 *   computes z_t = h_{t-1}·U + P_t with one matMul for all four gates, one sigmoid and one cut into the gates.
 * - Everything of the backward pass that depends only on the forward values (each gate's derivative s(1 − s) times
 *   the factor its gradient carries, and o ⊙ (1 − tanh² c)) is computed for all steps at once after the forward
 *   pass, so a backward step is ~7 kernel calls: dc, [dc, dc, dc, dh] ⊙ M_t, dz·Uᵀ, dc ⊙ f.
 * - The weight gradients are one matMul over all steps, [x, h_prev]ᵀ ([in + u, T·B]) × dZ ([T·B, 4u]).
 * About 1,000 kernel calls per training batch of 52 steps (the previous cell, [x_t, h] concatenated and multiplied
 * per gate at each step, made ~1,750 plus ~730 reshapes).
 *
 * Trick: the candidate g = tanh(z_c) is computed as 2σ(2 z_c) − 1 (an identity), so all four gates are one sigmoid
 * and their derivatives one expression, s(1 − s), the candidate's extra factor 2 riding on its other factor. The
 * candidate's weights are doubled on the way in and its gradients doubled on the way out.
 *
 * Weights: the kernel and recurrent kernel are stored stacked, K = [kernel; recurrentKernel] ([in + u, 4u]), with
 * tf.layers.lstm's gate order i, f, c, o, sigmoid gates and h = o ⊙ tanh(c); export cuts K into the two standard
 * weights.
 */

/** The weights of one LSTM layer. */
export interface LstmLayerWeights {
  /** [kernel; recurrentKernel] stacked: [in + u, 4u]. */
  kernel: tf.Tensor2D;
  /** Bias [4u]. */
  bias: tf.Tensor1D;
}

/** Per-batch derived weights (doubled candidate, transposes). Created and freed inside a tidy. */
export interface PreparedLayer {
  /** Inputs per step. */
  inputSize: number;
  /** Units u. */
  units: number;
  /** The gate scale [1, 1, 2, 1] (u each). */
  scale: tf.Tensor1D;
  /** Scaled input kernel W' [in, 4u]. */
  input: tf.Tensor2D;
  /** Scaled bias b' [4u]. */
  bias: tf.Tensor1D;
  /** Scaled recurrent kernel U' [u, 4u]. */
  recurrent: tf.Tensor2D;
  /** U'ᵀ [4u, u] (dh_{t-1} = dz_t·U'ᵀ). */
  recurrentT: tf.Tensor2D;
  /** W'ᵀ [4u, in] (the input gradient of stacked layers). */
  inputT: tf.Tensor2D;
}

/** What the backward pass needs from a forward pass (recorded by `layerForward`); per-step tensors are [B, ·]. */
export interface LayerTape {
  /** The layer's input, [T·B, in], time-major. */
  x: tf.Tensor2D | null;
  /** Per step: the gate activations s_t = [i, f, σ(2 z_c), o], [B, 4u]. */
  s: tf.Tensor2D[];
  /** Per step: twice the candidate, 2g_t [B, u]. */
  g2: tf.Tensor2D[];
  /** Per step: the input gate i_t. */
  i: tf.Tensor2D[];
  /** Per step: the forget gate f_t. */
  f: tf.Tensor2D[];
  /** Per step: the output gate o_t. */
  o: tf.Tensor2D[];
  /** Per step: twice the cell state, 2c_t. */
  c2: tf.Tensor2D[];
  /** Per step: tanh(c_t). */
  tc: tf.Tensor2D[];
  /** Per step: h_t. */
  h: tf.Tensor2D[];
}

/** An empty tape to pass to `layerForward`. */
export function createTape(): LayerTape {
  return { x: null, s: [], g2: [], i: [], f: [], o: [], c2: [], tc: [], h: [] };
}

/** Derives the doubled-candidate weights and the transposes the time loop uses. */
export function prepareLayer(w: LstmLayerWeights): PreparedLayer {
  const units = w.bias.shape[0] / 4;
  const inputSize = w.kernel.shape[0] - units;
  const v = new Float32Array(4 * units).fill(1);
  v.fill(2, 2 * units, 3 * units);
  const scale = tf.tensor1d(v);
  const kernel2 = tf.mul(w.kernel, scale) as tf.Tensor2D;
  const [input, recurrent] = tf.split(kernel2, [inputSize, units], 0) as tf.Tensor2D[];
  return {
    inputSize,
    units,
    scale,
    input,
    bias: tf.mul(w.bias, scale) as tf.Tensor1D,
    recurrent,
    recurrentT: tf.transpose(recurrent),
    inputT: tf.transpose(input),
  };
}

/** The output of `layerForward`. */
export interface LayerOutput {
  /** h at the last step, [B, u]. */
  last: tf.Tensor2D;
  /** h at every step, [T·B, u] time-major (the next layer's input), when asked for. */
  sequence: tf.Tensor2D | null;
}

/**
 * Runs the layer over the time-major input x ([T·B, in], row t·B + b = step t of sample b) from zero state. With
 * `tape`, records what `layerBackward` needs. Call inside `tf.tidy`.
 */
export function layerForward(x: tf.Tensor2D, steps: number, p: PreparedLayer, tape: LayerTape | null, sequence = false): LayerOutput {
  const projected = rowBlocks(tf.fused.matMul({ a: x, b: p.input, bias: p.bias }) as tf.Tensor2D, steps);
  let h: tf.Tensor2D | null = null;
  // The cell state is carried doubled, c' = 2c, so that tanh c = 2σ(c') − 1 uses WASM's vectorized Sigmoid: its
  // Tanh kernel is ~6× slower per call (63 against 11 µs on [64, 64]).
  let c2: tf.Tensor2D | null = null;
  const hs: tf.Tensor2D[] = [];
  for (let t = 0; t < steps; t++) {
    // h_{-1} = 0: the first step's pre-activation is its projection alone.
    const s = tf.sigmoid(h ? tf.add(tf.matMul(h, p.recurrent), projected[t]) : projected[t]) as tf.Tensor2D;
    const step = forwardStep(s, c2);
    c2 = step.c2;
    h = step.h;
    hs.push(h);
    if (tape) {
      tape.s.push(s);
      tape.g2.push(step.g2);
      tape.i.push(step.i);
      tape.f.push(step.f);
      tape.o.push(step.o);
      tape.c2.push(c2);
      tape.tc.push(step.tc);
    }
  }
  if (tape) {
    tape.x = x;
    tape.h = hs;
  }
  return { last: hs[steps - 1], sequence: sequence ? (tf.concat(hs, 0) as tf.Tensor2D) : null };
}

/** Gradients of one layer. */
export interface LayerGradients {
  /** ∂loss/∂kernel (stacked), [in + u, 4u]. */
  kernel: tf.Tensor2D;
  /** ∂loss/∂bias, [4u]. */
  bias: tf.Tensor1D;
  /** ∂loss/∂x, [T·B, in] time-major, when asked for. */
  input: tf.Tensor2D | null;
}

/**
 * BPTT through a recorded forward pass. The gradient reaching the layer's outputs from above is `dLast` ([B, u],
 * at the last step only) and/or `dSequence` ([T·B, u], every step). With s = [i, f, σ(2 z_c), o] and z' the
 * doubled-candidate pre-activation:
 *   dc_t  = dh_t ⊙ o ⊙ (1 − tanh² c_t) + f_{t+1} ⊙ dc_{t+1}
 *   dz'_t = [dc, dc, dc, dh] ⊙ M_t,  M_t = [g, c_{t-1}, 2i, tanh c_t] ⊙ s(1 − s)   (M of all steps at once)
 *   dh_{t-1} += dz'_t·U'ᵀ,  dx = dZ'·W'ᵀ,  dK = [x, h_prev]ᵀ·dZ' ⊙ scale,  db = Σ dZ' ⊙ scale.
 * Call inside `tf.tidy`.
 */
export function layerBackward(dLast: tf.Tensor2D | null, dSequence: tf.Tensor2D | null, tape: LayerTape, p: PreparedLayer, inputGradient: boolean): LayerGradients {
  const steps = tape.h.length;
  const [batch, u] = tape.h[0].shape;
  const one = tf.scalar(1);
  const zeros: tf.Tensor2D = tf.zeros([batch, u]);
  const all = (pieces: tf.Tensor2D[]) => tf.concat(pieces, 0) as tf.Tensor2D;
  // The factors of each gate's derivative for all steps at once, [T·B, 4u]: [g, c_{t-1}, 2i, tanh c] from the tape's
  // [2g, 2c_{t-1}, i, tanh c] times [½, ½, 2, 1].
  const S = all(tape.s);
  const factors = tf.concat([all(tape.g2), all([zeros, ...tape.c2.slice(0, steps - 1)]), all(tape.i), all(tape.tc)], 1);
  const v = new Float32Array(4 * u).fill(0.5, 0, 2 * u).fill(2, 2 * u, 3 * u).fill(1, 3 * u);
  const M = rowBlocks(tf.mul(tf.mul(factors, tf.tensor1d(v)), tf.mul(S, tf.sub(one, S))) as tf.Tensor2D, steps);
  const A = rowBlocks(tf.mul(all(tape.o), tf.sub(one, tf.square(all(tape.tc)))) as tf.Tensor2D, steps);
  const above: Array<tf.Tensor2D | null> = dSequence ? rowBlocks(dSequence, steps) : new Array(steps).fill(null);
  if (dLast) above[steps - 1] = above[steps - 1] ? (tf.add(above[steps - 1]!, dLast) as tf.Tensor2D) : dLast;
  const dzs: tf.Tensor2D[] = new Array(steps);
  let dhNext: tf.Tensor2D | null = null;
  let carry: tf.Tensor2D | null = null;
  for (let t = steps - 1; t >= 0; t--) {
    const step = backwardStep(above[t], dhNext, A[t], M[t], tape.f[t], carry);
    dzs[t] = step.dz;
    if (t > 0) {
      carry = step.carry;
      dhNext = tf.matMul(step.dz, p.recurrentT) as tf.Tensor2D;
    }
  }
  const dZ = all(dzs); // [T·B, 4u]
  // The kernel's and the bias's gradients in one matMul over all steps: dZ'ᵀ·[x, h_prev, 1] ([4u, T·B] × [T·B, in + u
  // + 1], h_{-1} = 0), transposed. This orientation makes [x, h_prev, 1] the right operand, the one WASM's XNNPACK
  // packs afresh for every new tensor: 3.5× fewer values to pack than dZ' ([T·B, 4u]). matMul(a, b, transposeA)
  // would take WASM's slow scalar path, hence the explicit transposes.
  const rows = steps * batch;
  const xh1 = tf.concat([tape.x!, all([zeros, ...tape.h.slice(0, steps - 1)]), tf.ones([rows, 1])], 1);
  const [dK, dB] = tf.split(tf.transpose(tf.matMul(tf.transpose(dZ), xh1)), [p.inputSize + u, 1], 0);
  const kernel = tf.mul(dK, p.scale) as tf.Tensor2D;
  const bias = tf.mul(tf.reshape(dB, [4 * u]), p.scale) as tf.Tensor1D;
  return { kernel, bias, input: inputGradient ? (tf.matMul(dZ, p.inputT) as tf.Tensor2D) : null };
}

/** Glorot (Xavier) uniform values for a [fanIn, fanOut] matrix, drawn from `rng`. */
export function glorotUniform(rng: Rng, fanIn: number, fanOut: number): Float32Array {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const out = new Float32Array(fanIn * fanOut);
  for (let i = 0; i < out.length; i++) out[i] = (2 * rng.next() - 1) * limit;
  return out;
}

/**
 * A [rows, cols] matrix with orthonormal rows (rows ≤ cols) or columns, as Keras' Orthogonal initializer
 * (Saxe et al. 2014, https://arxiv.org/abs/1312.6120): modified Gram-Schmidt on a Gaussian matrix from `rng`.
 */
export function orthogonal(rng: Rng, rows: number, cols: number): Float32Array {
  const [n, m] = rows <= cols ? [rows, cols] : [cols, rows]; // n vectors of length m
  const v = new Float64Array(n * m);
  for (let i = 0; i < v.length; i++) v[i] = rng.normal();
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < a; b++) {
      let dot = 0;
      for (let k = 0; k < m; k++) dot += v[a * m + k] * v[b * m + k];
      for (let k = 0; k < m; k++) v[a * m + k] -= dot * v[b * m + k];
    }
    let norm = 0;
    for (let k = 0; k < m; k++) norm += v[a * m + k] ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let k = 0; k < m; k++) v[a * m + k] /= norm;
  }
  if (rows <= cols) return Float32Array.from(v);
  const out = new Float32Array(rows * cols); // transpose: the vectors become columns
  for (let a = 0; a < n; a++) for (let k = 0; k < m; k++) out[k * cols + a] = v[a * m + k];
  return out;
}

/**
 * Initial weights of one LSTM layer as tf.layers.lstm's defaults: Glorot kernel, orthogonal recurrent kernel,
 * zero bias with the forget gate's at 1 (Jozefowicz et al. 2015). Returns [stacked kernel [in + u, 4u], bias].
 */
export function initialLstmWeights(rng: Rng, inputSize: number, units: number): [Float32Array, Float32Array] {
  const kernel = new Float32Array((inputSize + units) * 4 * units);
  kernel.set(glorotUniform(rng, inputSize, 4 * units));
  kernel.set(orthogonal(rng, units, 4 * units), inputSize * 4 * units);
  const bias = new Float32Array(4 * units);
  bias.fill(1, units, 2 * units);
  return [kernel, bias];
}

/**
 * Floating-point operations to train on one sequence (forward + backward ≈ 3 × forward matMul work), the
 * convention behind the GFLOP/s figures: forward = 2 · T · (in + u) · 4u per layer.
 */
export function lstmTrainingFlops(steps: number, inputSize: number, units: number): number {
  return 3 * 2 * steps * (inputSize + units) * 4 * units;
}
