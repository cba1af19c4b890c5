import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../core/rng';

/**
 * An LSTM layer built from TF.js ops, with a hand-written backward pass (backpropagation through time).
 *
 * Why not tf.layers.lstm: tfjs-layers runs the cell one step at a time through the autodiff tape, about
 * 7,300 kernel calls per batch for 52 steps, and per-call overhead dominates on WASM and CPU. Here:
 * - one matMul projects the inputs of all time steps at once ([T·B, in] × [in, 4u]);
 * - per step, forward is 1 matMul + 10 element-wise ops on the whole 4u gate block (no tape inside);
 * - per step, backward is 1 matMul + 6 element-wise ops; everything that does not depend on the recurrence
 *   (gate derivatives, tanh(c)) is computed once for all steps, and the weight gradients are 3 large matMuls
 *   over all steps ([in, T·B] × [T·B, 4u] and the like) instead of one per step.
 *
 * Weights use tf.layers.lstm's layout, so they export as a standard layers model: kernel [in, 4u],
 * recurrentKernel [u, 4u], bias [4u], gate order i, f, c, o, with h = o ⊙ tanh(c) and sigmoid gates.
 *
 * Trick: the candidate g = tanh(z_c) is computed as 2σ(2 z_c) − 1 (an identity), so one sigmoid covers the whole
 * 4u block. The c-block columns of the weights are doubled on the way in (`gateScale`) and the gradients
 * multiplied by the same vector on the way out.
 *
 * Sequences are time-major and flattened: row t·B + b is time step t of sequence b.
 */

/** The three weights of one LSTM layer. */
export interface LstmLayerWeights {
  /** Input kernel [in, 4u]. */
  kernel: tf.Tensor2D;
  /** Recurrent kernel [u, 4u]. */
  recurrentKernel: tf.Tensor2D;
  /** Bias [4u]. */
  bias: tf.Tensor1D;
}

/** Options of `lstmLayer`. */
export interface LstmLayerOptions {
  /** Time steps T; the input has T·B rows. */
  steps: number;
  /** Return every step's h ([T·B, u], time-major) rather than the last one ([B, u]). */
  returnSequences: boolean;
  /** Compute the gradient with respect to the input (a stacked layer's input needs it; data does not). */
  inputGradient: boolean;
}

/** The vector [1 … 1, 1 … 1, 2 … 2, 1 … 1] (u each) that doubles the candidate-gate columns. */
function gateScale(units: number): tf.Tensor1D {
  const v = new Float32Array(4 * units).fill(1);
  v.fill(2, 2 * units, 3 * units);
  return tf.tensor1d(v);
}

/**
 * How to cut tensors into pieces, by backend. WASM's Slice/Split kernels run in JS and copy their whole input for
 * every piece (backend.readSync), so cutting a [T·B, 4u] tensor into T steps copies it T times; its Gather kernel
 * copies only the output. On CPU, row blocks are free views (Split), but column slices take a slow generic path
 * that Gather beats. GPU backends slice cheaply.
 */
interface Cutter {
  /** The T row blocks [B, X] of a time-major [T·B, X] tensor, one per step. */
  steps(a: tf.Tensor2D, steps: number): tf.Tensor2D[];
  /** The four u-column gate blocks of a [B, 4u] tensor. */
  gates(s: tf.Tensor2D, units: number): tf.Tensor2D[];
}

function gatherBlocks(a: tf.Tensor, count: number, shape: [number, number], axis: number): tf.Tensor2D[] {
  const out: tf.Tensor2D[] = [];
  for (let k = 0; k < count; k++) out.push(tf.reshape(tf.gather(a, tf.tensor1d([k], 'int32'), axis), shape));
  return out;
}

function createCutter(): Cutter {
  const backend = tf.getBackend();
  const gatherSteps = backend === 'wasm';
  const gatherGates = backend === 'wasm' || backend === 'cpu';
  return {
    steps: (a, steps) => {
      if (steps === 1) return [a];
      const [rows, width] = a.shape;
      const batch = rows / steps;
      return gatherSteps ? gatherBlocks(tf.reshape(a, [steps, batch * width]), steps, [batch, width], 0) : (tf.split(a, steps, 0) as tf.Tensor2D[]);
    },
    gates: (s, units) => {
      const batch = s.shape[0];
      return gatherGates ? gatherBlocks(tf.reshape(s, [batch, 4, units]), 4, [batch, units], 1) : (tf.split(s, 4, 1) as tf.Tensor2D[]);
    },
  };
}

interface ForwardState {
  /** Per-step h, [B, u] each. */
  hs: tf.Tensor2D[];
  /** Per-step gate activations σ(z'), [B, 4u] each (only when recorded). */
  ss: tf.Tensor2D[];
  /** Per-step cell states, [B, u] each (only when recorded). */
  cs: tf.Tensor2D[];
}

/** Runs the recurrence with doubled-candidate weights; `record` keeps what the backward pass needs. */
function recur(x: tf.Tensor2D, kernel2: tf.Tensor2D, recurrent2: tf.Tensor2D, bias2: tf.Tensor1D, steps: number, record: boolean): ForwardState {
  const units = recurrent2.shape[0];
  const cut = createCutter();
  const one = tf.scalar(1);
  const two = tf.scalar(2);
  const xs = cut.steps(tf.fused.matMul({ a: x, b: kernel2, bias: bias2 }) as tf.Tensor2D, steps);
  const state: ForwardState = { hs: [], ss: [], cs: [] };
  let h: tf.Tensor2D | null = null;
  let c: tf.Tensor2D | null = null;
  for (let t = 0; t < steps; t++) {
    const z = h ? tf.add(tf.matMul(h, recurrent2), xs[t]) : xs[t];
    const s = tf.sigmoid(z) as tf.Tensor2D;
    const [i, f, sc, o] = cut.gates(s, units);
    const g = tf.sub(tf.mul(sc, two), one);
    c = (c ? tf.add(tf.mul(f, c), tf.mul(i, g)) : tf.mul(i, g)) as tf.Tensor2D;
    h = tf.mul(o, tf.tanh(c)) as tf.Tensor2D;
    state.hs.push(h);
    if (record) {
      state.ss.push(s);
      state.cs.push(c);
    }
  }
  return state;
}

/** Forward pass only (inference): no gradient bookkeeping. */
export function lstmLayerInfer(x: tf.Tensor2D, w: LstmLayerWeights, steps: number, returnSequences: boolean): tf.Tensor2D {
  return tf.tidy(() => {
    const scale = gateScale(w.recurrentKernel.shape[0]);
    const { hs } = recur(x, tf.mul(w.kernel, scale), tf.mul(w.recurrentKernel, scale), tf.mul(w.bias, scale), steps, false);
    return returnSequences ? (tf.concat(hs, 0) as tf.Tensor2D) : hs[hs.length - 1];
  });
}

/**
 * The LSTM layer as one differentiable op: forward as in `lstmLayerInfer`, gradients by the hand-written BPTT
 * below. Inputs are [T·B, in]; the initial h and c are zero.
 */
export function lstmLayer(x: tf.Tensor2D, w: LstmLayerWeights, options: LstmLayerOptions): tf.Tensor2D {
  const { steps, returnSequences, inputGradient } = options;
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [xIn, kernel, recurrent, bias] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor1D];
    const save = args[4] as tf.GradSaveFunc;
    const units = recurrent.shape[0];
    const scale = gateScale(units);
    const kernel2 = tf.mul(kernel, scale) as tf.Tensor2D;
    const recurrent2 = tf.mul(recurrent, scale) as tf.Tensor2D;
    const st = recur(xIn, kernel2, recurrent2, tf.mul(bias, scale), steps, true);
    const H = tf.concat(st.hs, 0) as tf.Tensor2D;
    save([xIn, kernel2, recurrent2, tf.concat(st.ss, 0), tf.concat(st.cs, 0), H, scale]);
    const value = returnSequences ? H : st.hs[steps - 1];
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => backward(dy as tf.Tensor2D, saved as tf.Tensor2D[], steps, returnSequences, inputGradient);
    return { value, gradFunc };
  });
  return op(x, w.kernel, w.recurrentKernel, w.bias) as tf.Tensor2D;
}

/**
 * BPTT. With s = σ(z') the gate block (z' has the candidate columns doubled), g = 2 s_c − 1 and c_prev the
 * previous cell state: dz' = [dc ⊙ g, dc ⊙ c_prev, dc ⊙ i, dh ⊙ tanh c] ⊙ s(1 − s) ⊙ scale, and
 * dc = dh ⊙ o ⊙ (1 − tanh² c) + f_next ⊙ dc_next. The bracket's right-hand factors and s(1 − s) ⊙ scale are
 * fixed by the forward pass, so they are one tensor M for all steps; per step only dc, dh and dz' are new.
 * Transposed operands are transposed explicitly: WASM's matMul with transposeA is an order of magnitude slower.
 */
function backward(dy: tf.Tensor2D, saved: tf.Tensor2D[], steps: number, returnSequences: boolean, inputGradient: boolean): tf.Tensor[] {
  const [x, kernel2, recurrent2, S, C, H, scale] = saved;
  const units = recurrent2.shape[0];
  const batch = x.shape[0] / steps;
  const cut = createCutter();
  const one = tf.scalar(1);
  const [I, F, SC, O] = cut.gates(S, units);
  const G = tf.sub(tf.mul(SC, tf.scalar(2)), one);
  const TC = tf.tanh(C);
  const zeros = tf.zeros([batch, units]);
  const shifted = (A: tf.Tensor2D) => (steps === 1 ? zeros : tf.concat([zeros, tf.slice(A, [0, 0], [(steps - 1) * batch, units])], 0)) as tf.Tensor2D;
  const M = tf.mul(tf.concat([G, shifted(C), I, TC], 1), tf.mul(tf.mul(S, tf.sub(one, S)), scale)) as tf.Tensor2D;
  const OD = tf.mul(O, tf.sub(one, tf.square(TC))) as tf.Tensor2D;
  const Ms = cut.steps(M, steps);
  const ODs = cut.steps(OD, steps);
  const Fs = cut.steps(F, steps);
  const dHs = returnSequences ? cut.steps(dy, steps) : null;
  const recurrentT = tf.transpose(recurrent2);
  const dzs: tf.Tensor[] = new Array(steps);
  let dh: tf.Tensor = dHs ? dHs[steps - 1] : dy;
  let dcNext: tf.Tensor | null = null;
  for (let t = steps - 1; t >= 0; t--) {
    let dc = tf.mul(dh, ODs[t]);
    if (dcNext) dc = tf.add(dc, dcNext);
    const dz = tf.mul(tf.concat([dc, dc, dc, dh], 1), Ms[t]);
    dzs[t] = dz;
    if (t > 0) {
      dcNext = tf.mul(dc, Fs[t]);
      dh = tf.matMul(dz, recurrentT);
      if (dHs) dh = tf.add(dh, dHs[t - 1]);
    }
  }
  const dZ = steps === 1 ? dzs[0] : tf.concat(dzs, 0);
  const dKernel = tf.mul(tf.matMul(tf.transpose(x), dZ), scale);
  const dRecurrent = tf.mul(tf.matMul(tf.transpose(shifted(H)), dZ), scale);
  const dBias = tf.mul(tf.sum(dZ, 0), scale);
  const dx = inputGradient ? tf.matMul(dZ, tf.transpose(kernel2)) : tf.zerosLike(x);
  return [dx, dKernel, dRecurrent, dBias];
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

/** Initial weights of one LSTM layer, as tf.layers.lstm's defaults: Glorot kernel, orthogonal recurrent kernel,
 * zero bias with the forget gate's bias at 1 (Jozefowicz et al. 2015). */
export function initialLstmWeights(rng: Rng, inputSize: number, units: number): [Float32Array, Float32Array, Float32Array] {
  const bias = new Float32Array(4 * units);
  bias.fill(1, units, 2 * units);
  return [glorotUniform(rng, inputSize, 4 * units), orthogonal(rng, units, 4 * units), bias];
}

/**
 * Floating-point operations to train on one sequence (forward + backward ≈ 3 × forward matMul work), the
 * convention behind the GFLOP/s figures: forward = 2 · T · (in + u) · 4u per layer.
 */
export function lstmTrainingFlops(steps: number, inputSize: number, units: number): number {
  return 3 * 2 * steps * (inputSize + units) * 4 * units;
}
