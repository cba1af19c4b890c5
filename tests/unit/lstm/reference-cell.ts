import * as tf from '@tensorflow/tfjs';

/**
 * THE PREVIOUS CELL, kept verbatim (src/lib/lstm/cell.ts at commit 5364347, before the input projection moved out
 * of the time loop) as the reference of tests/unit/lstm/cell-projection.test.ts. Not used by the app.
 *
 * An LSTM layer from TF.js ops with a hand-written backward pass (backpropagation through time), no autodiff tape.
 *
 * Why not tf.layers.lstm: tfjs-layers runs the cell one step at a time through the tape, about 5,000-7,300 kernel
 * calls per batch for 52 steps, and per-call overhead dominates on WASM and CPU. Profiling one training batch on the
 * WASM backend (tf.profile, 64 units × 52 steps) also showed that cutting tensors is what costs most: its
 * Slice/Split kernels copy their whole input for every piece (backend.readSync), its Gather kernel is slow, its
 * Sum over rows transposes first, matMul with transposeA is ~10× slower than with a transposed copy, and Concat
 * along columns copies row by row; matMul, element-wise kernels and row-block Concat are cheap. So this cell never
 * cuts a tensor inside the time loop (~2,500 kernel calls per batch; the one column Concat per step is the dearest):
 * - inputs arrive as one tensor per time step, and each step's input and previous h are joined (one concat) and
 *   multiplied by each gate's weight block with the gate's sigmoid fused into the matMul (`tf.fused.matMul`);
 * - the backward pass stacks each step's four gate blocks as rows ([4B, u]) and handles them in one element-wise
 *   expression, transposes the result to [B, 4u] once and needs 1 matMul for dh; the weight gradients are one
 *   large matMul over all steps, [in + u, T·B] × [T·B, 4u], instead of one per step.
 *
 * Trick: the candidate g = tanh(z_c) is computed as 2σ(2 z_c) − 1 (an identity), so all four gates are fused
 * sigmoids and their derivatives one expression, s(1 − s), the candidate's extra factor 2 riding on its other
 * factor. The candidate's weights are doubled on the way in and its gradients doubled on the way out.
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

/** Per-batch derived weights (doubled candidate, gate blocks, transposes). Created and freed inside a tidy. */
export interface PreparedLayer {
  /** Inputs per step. */
  inputSize: number;
  /** Units u. */
  units: number;
  /** The gate scale [1, 1, 2, 1] (u each). */
  scale: tf.Tensor1D;
  /** Per gate i, f, c, o: the scaled weight block [in + u, u]. */
  gateKernels: tf.Tensor2D[];
  /** Per gate: the scaled bias block [u]. */
  gateBiases: tf.Tensor1D[];
  /** Scaled recurrent kernel, transposed: [4u, u]. */
  recurrentT: tf.Tensor2D;
  /** Scaled input kernel, transposed: [4u, in] (for the input gradient of stacked layers). */
  inputT: tf.Tensor2D;
}

/** Per-step values the backward pass needs (recorded by `layerForward`). */
export interface LayerTape {
  /** [x_t, h_{t-1}], [B, in + u]. */
  xh: tf.Tensor2D[];
  /** Gate activations [i, f, σ(2 z_c), o], [B, u] each, per step. */
  gates: tf.Tensor2D[][];
  /** Candidate g = tanh(z_c). */
  g: tf.Tensor2D[];
  /** Cell state c_t. */
  c: tf.Tensor2D[];
  /** tanh(c_t). */
  tc: tf.Tensor2D[];
}

/** Slices the layer's weights into the per-gate, doubled-candidate form the time loop uses. */
export function prepareLayer(w: LstmLayerWeights): PreparedLayer {
  const units = w.bias.shape[0] / 4;
  const inputSize = w.kernel.shape[0] - units;
  const v = new Float32Array(4 * units).fill(1);
  v.fill(2, 2 * units, 3 * units);
  const scale = tf.tensor1d(v);
  const kernel2 = tf.mul(w.kernel, scale) as tf.Tensor2D;
  const bias2 = tf.mul(w.bias, scale) as tf.Tensor1D;
  return {
    inputSize,
    units,
    scale,
    gateKernels: tf.split(kernel2, 4, 1) as tf.Tensor2D[],
    gateBiases: tf.split(bias2, 4) as tf.Tensor1D[],
    recurrentT: tf.transpose(tf.slice(kernel2, [inputSize, 0], [units, 4 * units])),
    inputT: tf.transpose(tf.slice(kernel2, [0, 0], [inputSize, 4 * units])),
  };
}

/**
 * Runs the layer over per-step inputs xs[t] ([B, in]) from zero state; returns every step's h ([B, u]). With
 * `tape`, records what `layerBackward` needs. Call inside `tf.tidy`.
 */
export function layerForward(xs: tf.Tensor2D[], p: PreparedLayer, tape: LayerTape | null): tf.Tensor2D[] {
  const batch = xs[0].shape[0];
  const one = tf.scalar(1);
  const two = tf.scalar(2);
  let h: tf.Tensor2D = tf.zeros([batch, p.units]);
  let c: tf.Tensor2D | null = null;
  const hs: tf.Tensor2D[] = [];
  for (const x of xs) {
    const xh = tf.concat([x, h], 1) as tf.Tensor2D;
    const gates = p.gateKernels.map((k, j) => tf.fused.matMul({ a: xh, b: k, bias: p.gateBiases[j], activation: 'sigmoid' }) as tf.Tensor2D);
    const [i, f, sc, o] = gates;
    const g = tf.sub(tf.mul(sc, two), one) as tf.Tensor2D;
    c = (c ? tf.add(tf.mul(f, c), tf.mul(i, g)) : tf.mul(i, g)) as tf.Tensor2D;
    const tc = tf.tanh(c) as tf.Tensor2D;
    h = tf.mul(o, tc) as tf.Tensor2D;
    hs.push(h);
    if (tape) {
      tape.xh.push(xh);
      tape.gates.push(gates);
      tape.g.push(g);
      tape.c.push(c);
      tape.tc.push(tc);
    }
  }
  return hs;
}

/** Gradients of one layer. */
export interface LayerGradients {
  /** ∂loss/∂kernel (stacked), [in + u, 4u]. */
  kernel: tf.Tensor2D;
  /** ∂loss/∂bias, [4u]. */
  bias: tf.Tensor1D;
  /** ∂loss/∂x_t per step ([B, in]), when asked for. */
  inputs: tf.Tensor2D[] | null;
}

/**
 * BPTT through a recorded forward pass. `dh[t]` is the gradient reaching h_t from above (null = none). With
 * s = [i, f, σ(2 z_c), o] and z' the doubled-candidate pre-activation:
 *   dc_t  = dh_t ⊙ o ⊙ (1 − tanh² c_t) + f_{t+1} ⊙ dc_{t+1}
 *   dz'_t = [dc, dc, dc, dh] ⊙ [g, c_{t-1}, 2i, tanh c_t] ⊙ s(1 − s)
 *   dh_{t-1} += dz'_t · U'ᵀ,  dx_t = dz'_t · W'ᵀ,  dK = [x, h_prev]ᵀ · dZ' ⊙ scale,  db = Σ dZ' ⊙ scale.
 * The four gate blocks are stacked along rows ([4B, u]) while they are combined, because WASM concatenates row
 * blocks with one copy each but column blocks row by row; one transpose per step turns dz' into [B, 4u].
 * Call inside `tf.tidy`.
 */
export function layerBackward(dh: Array<tf.Tensor2D | null>, tape: LayerTape, p: PreparedLayer, inputGradient: boolean): LayerGradients {
  const steps = tape.xh.length;
  const batch = tape.xh[0].shape[0];
  const u = p.units;
  const one = tf.scalar(1);
  const two = tf.scalar(2);
  const zeros = tf.zeros([batch, u]);
  const dzs: tf.Tensor2D[] = new Array(steps);
  const dxs: tf.Tensor2D[] | null = inputGradient ? new Array(steps) : null;
  let dhNext: tf.Tensor2D | null = null;
  let dcNext: tf.Tensor2D | null = null;
  for (let t = steps - 1; t >= 0; t--) {
    const [i, f, sc, o] = tape.gates[t];
    const tc = tape.tc[t];
    const dhT = (dh[t] && dhNext ? tf.add(dh[t]!, dhNext) : (dh[t] ?? dhNext ?? zeros)) as tf.Tensor2D;
    let dc = tf.mul(dhT, tf.mul(o, tf.sub(one, tf.square(tc)))) as tf.Tensor2D;
    if (dcNext) dc = tf.add(dc, dcNext) as tf.Tensor2D;
    const s = tf.concat([i, f, sc, o], 0);
    const m = tf.mul(tf.concat([tape.g[t], t > 0 ? tape.c[t - 1] : zeros, tf.mul(i, two), tc], 0), tf.mul(s, tf.sub(one, s)));
    const dzRows = tf.mul(tf.concat([dc, dc, dc, dhT], 0), m);
    const dz = tf.reshape(tf.transpose(tf.reshape(dzRows, [4, batch, u]), [1, 0, 2]), [batch, 4 * u]) as tf.Tensor2D;
    dzs[t] = dz;
    if (dxs) dxs[t] = tf.matMul(dz, p.inputT) as tf.Tensor2D;
    if (t > 0) {
      dcNext = tf.mul(dc, f) as tf.Tensor2D;
      dhNext = tf.matMul(dz, p.recurrentT) as tf.Tensor2D;
    }
  }
  const dZ = tf.concat(dzs, 0);
  // matMul(a, b, transposeA = true) is an order of magnitude slower on WASM than transposing first.
  const kernel = tf.mul(tf.matMul(tf.transpose(tf.concat(tape.xh, 0)), dZ), p.scale) as tf.Tensor2D;
  // Column sums as a matMul with a row of ones: WASM's Sum over rows transposes the whole tensor first.
  const bias = tf.mul(tf.reshape(tf.matMul(tf.ones([1, dZ.shape[0]]), dZ), [4 * u]), p.scale) as tf.Tensor1D;
  return { kernel, bias, inputs: dxs };
}
