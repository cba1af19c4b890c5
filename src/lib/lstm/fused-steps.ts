import * as tf from '@tensorflow/tfjs';
import { columnBlocks, registerKernelOnce, wasmBackend, type WasmBackendLike } from './blocks';

/**
 * The element-wise parts of one LSTM time step, fused. On WASM every TF.js kernel call costs ~7 µs of engine
 * overhead while the arithmetic on [64, 64] values takes ~1 µs, so the 9 element-wise calls of a forward step and
 * the 5 of a backward step cost more than their matMul. On WASM they run here as three small kernels (plain loops
 * over the heap, one call each); elsewhere (CPU, WebGL, WebGPU) as the same TF.js ops as before. Both give the same
 * values (to float rounding: the loops compute in double precision). The sigmoid of the cell state stays WASM's own
 * vectorized kernel: Math.exp per value would cost more than the calls saved.
 *
 * Notation as in cell.ts: s = [i, f, σ(2 z_c), o] ([B, 4u]), the cell state doubled (c' = 2c), g' = 2g = 4σ(2 z_c) − 2.
 */

const GATES = 'ShelfcastLstmGates';
const OUTPUT = 'ShelfcastLstmOutput';
const BACK = 'ShelfcastLstmBackStep';

/** A heap view and each tensor's offset in it, taken after every output is allocated. */
function heapOf(backend: WasmBackendLike, tensors: Array<tf.TensorInfo | undefined>) {
  const heap = new Float32Array(backend.wasm.HEAPU8.buffer);
  return { heap, at: tensors.map((t) => (t ? backend.dataIdMap.get(t.dataId)!.memoryOffset / 4 : -1)) };
}

let registered = false;

function register(backend: WasmBackendLike): void {
  if (registered) return;
  registered = true;
  // s [B, 4u], c'_{t-1} [B, u] (absent at t = 0) → i, f, o, g', c'_t.
  registerKernelOnce({
    kernelName: GATES,
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend: b }) => {
      const w = b as unknown as WasmBackendLike;
      const s = inputs.s as tf.TensorInfo;
      const c = inputs.c as tf.TensorInfo | undefined;
      const [rows, cols] = s.shape;
      const u = cols / 4;
      const outs = Array.from({ length: 5 }, () => w.makeOutput([rows, u], 'float32'));
      const { heap, at } = heapOf(w, [s, c, ...outs]);
      const [ps, pc, pi, pf, po, pg, pn] = at;
      for (let r = 0; r < rows; r++) {
        for (let k = 0; k < u; k++) {
          const src = ps + r * cols + k;
          const dst = r * u + k;
          const i = heap[src];
          const f = heap[src + u];
          const g2 = 4 * heap[src + 2 * u] - 2;
          heap[pi + dst] = i;
          heap[pf + dst] = f;
          heap[po + dst] = heap[src + 3 * u];
          heap[pg + dst] = g2;
          heap[pn + dst] = pc >= 0 ? f * heap[pc + dst] + i * g2 : i * g2;
        }
      }
      return outs;
    },
  });
  // q = σ(c'_t), o → tanh c_t = 2q − 1, h_t = o ⊙ tanh c_t.
  registerKernelOnce({
    kernelName: OUTPUT,
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend: b }) => {
      const w = b as unknown as WasmBackendLike;
      const q = inputs.q as tf.TensorInfo;
      const o = inputs.o as tf.TensorInfo;
      const outs = [w.makeOutput(q.shape, 'float32'), w.makeOutput(q.shape, 'float32')];
      const { heap, at } = heapOf(w, [q, o, ...outs]);
      const [pq, po, pt, ph] = at;
      const n = q.shape[0] * q.shape[1];
      for (let j = 0; j < n; j++) {
        const tc = 2 * heap[pq + j] - 1;
        heap[pt + j] = tc;
        heap[ph + j] = heap[po + j] * tc;
      }
      return outs;
    },
  });
  // dh_t (the sum of the gradient from above and from step t + 1), A_t = o ⊙ (1 − tanh² c), M_t [B, 4u], f_t,
  // dc_{t+1} ⊙ f_{t+1} → dz'_t = [dc, dc, dc, dh] ⊙ M_t and dc_t ⊙ f_t (the next step's carried term).
  registerKernelOnce({
    kernelName: BACK,
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend: b }) => {
      const w = b as unknown as WasmBackendLike;
      const { above, next, a, m, f, carry } = inputs as Record<string, tf.TensorInfo | undefined>;
      const [rows, cols] = m!.shape;
      const u = cols / 4;
      const outs = [w.makeOutput([rows, cols], 'float32'), w.makeOutput([rows, u], 'float32')];
      const { heap, at } = heapOf(w, [above, next, a, m, f, carry, ...outs]);
      const [pAbove, pNext, pa, pm, pf, pCarry, pz, pOut] = at;
      for (let r = 0; r < rows; r++) {
        for (let k = 0; k < u; k++) {
          const e = r * u + k;
          const dh = (pAbove >= 0 ? heap[pAbove + e] : 0) + (pNext >= 0 ? heap[pNext + e] : 0);
          const dc = dh * heap[pa + e] + (pCarry >= 0 ? heap[pCarry + e] : 0);
          const z = pz + r * cols + k;
          const mm = pm + r * cols + k;
          heap[z] = dc * heap[mm];
          heap[z + u] = dc * heap[mm + u];
          heap[z + 2 * u] = dc * heap[mm + 2 * u];
          heap[z + 3 * u] = dh * heap[mm + 3 * u];
          heap[pOut + e] = dc * heap[pf + e];
        }
      }
      return outs;
    },
  });
}

function fused(): WasmBackendLike | null {
  if (tf.getBackend() !== 'wasm') return null;
  const backend = wasmBackend();
  if (backend) register(backend);
  return backend;
}

/** One forward step after its gate sigmoid: the gates, g' and c'_t, then tanh c_t and h_t. Call inside `tf.tidy`. */
export function forwardStep(s: tf.Tensor2D, c2Prev: tf.Tensor2D | null) {
  if (fused()) {
    const inputs: tf.NamedTensorMap = c2Prev ? { s, c: c2Prev } : { s };
    const [i, f, o, g2, c2] = tf.engine().runKernel(GATES, inputs, {}) as unknown as tf.Tensor2D[];
    const [tc, h] = tf.engine().runKernel(OUTPUT, { q: tf.sigmoid(c2), o }, {}) as unknown as tf.Tensor2D[];
    return { i, f, o, g2, c2, tc, h };
  }
  const [i, f, sc, o] = columnBlocks(s, 4);
  const g2 = tf.sub(tf.mul(sc, 4), 2) as tf.Tensor2D;
  const c2 = (c2Prev ? tf.add(tf.mul(f, c2Prev), tf.mul(i, g2)) : tf.mul(i, g2)) as tf.Tensor2D;
  const tc = tf.sub(tf.mul(tf.sigmoid(c2), 2), 1) as tf.Tensor2D;
  return { i, f, o, g2, c2, tc, h: tf.mul(o, tc) as tf.Tensor2D };
}

/**
 * One backward step: dh_t = above + next (either may be absent), dc_t = dh_t ⊙ A_t + carry, dz'_t = [dc, dc, dc, dh]
 * ⊙ M_t, and the carry of step t − 1, dc_t ⊙ f_t. Call inside `tf.tidy`.
 */
export function backwardStep(above: tf.Tensor2D | null, next: tf.Tensor2D | null, a: tf.Tensor2D, m: tf.Tensor2D, f: tf.Tensor2D, carry: tf.Tensor2D | null) {
  if (fused()) {
    const inputs: tf.NamedTensorMap = { a, m, f };
    if (above) inputs.above = above;
    if (next) inputs.next = next;
    if (carry) inputs.carry = carry;
    const [dz, carryOut] = tf.engine().runKernel(BACK, inputs, {}) as unknown as tf.Tensor2D[];
    return { dz, carry: carryOut };
  }
  const dh = (above && next ? tf.add(above, next) : (above ?? next ?? tf.zerosLike(a))) as tf.Tensor2D;
  let dc = tf.mul(dh, a) as tf.Tensor2D;
  if (carry) dc = tf.add(dc, carry) as tf.Tensor2D;
  return { dz: tf.mul(tf.concat([dc, dc, dc, dh], 1), m) as tf.Tensor2D, carry: tf.mul(dc, f) as tf.Tensor2D };
}
