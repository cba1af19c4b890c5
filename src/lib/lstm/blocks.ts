import * as tf from '@tensorflow/tfjs';

/**
 * Cutting a tensor into equal row or column blocks, the one operation the LSTM cell needs that TF.js's WASM backend
 * does badly: its Split/Slice read the WHOLE input back into a new JavaScript buffer for every piece
 * (backend.readSync), so cutting a sequence [T·B, 4u] into T steps copies T times its size (1.5 ms and megabytes of
 * garbage per batch for the projection of 52 steps), and the per-step gate split costs ~45 µs, five multiplies' worth.
 *
 * On WASM these two cuts run as small kernels registered here: the outputs are allocated on the WASM heap and filled
 * with `copyWithin` (a memmove inside the heap, no JavaScript buffer). The CPU backend cuts rows by views (cheap) but
 * columns element by element through a TensorBuffer (25 ms for [64, 256] into 4), so its column cut is a kernel here
 * too, copying whole rows. WebGL/WebGPU use tf.split (on the device). The kernels use the backends' public methods
 * (WASM: `makeOutput`, `dataIdMap`, the module's heap; CPU: `data`, `makeTensorInfo`); where those are missing
 * (another TF.js version), tf.split is used.
 */

const ROW_BLOCKS = 'ShelfcastRowBlocks';
const COLUMN_BLOCKS = 'ShelfcastColumnBlocks';

/** The parts of tfjs-backend-wasm's BackendWasm the kernels use. */
export interface WasmBackendLike {
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
  dataIdMap: { get(dataId: tf.DataId): { memoryOffset: number } | undefined };
  wasm: { HEAPU8: Uint8Array };
}

/** The parts of tfjs-backend-cpu's MathBackendCPU the column kernel uses. */
interface CpuBackendLike {
  data: { get(dataId: tf.DataId): { values?: unknown } | undefined };
  makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): tf.TensorInfo;
}

function isCpuBackendLike(b: unknown): b is CpuBackendLike {
  const c = b as Partial<CpuBackendLike> | null;
  return !!c && typeof c.makeTensorInfo === 'function' && typeof c.data?.get === 'function';
}

function isWasmBackendLike(b: unknown): b is WasmBackendLike {
  const w = b as Partial<WasmBackendLike> | null;
  return !!w && typeof w.makeOutput === 'function' && typeof w.dataIdMap?.get === 'function' && w.wasm?.HEAPU8 instanceof Uint8Array;
}

/** Registers a kernel unless one of that name is already registered for its backend (a second copy of this module,
 * e.g. after a hot reload, would otherwise register it twice: TF.js warns and keeps the first). */
export function registerKernelOnce(config: tf.KernelConfig): void {
  if (!tf.getKernel(config.kernelName, config.backendName)) tf.registerKernel(config);
}

/** The running WASM backend when it has the methods these kernels use, else null. */
export function wasmBackend(): WasmBackendLike | null {
  const backend = tf.findBackend('wasm');
  return isWasmBackendLike(backend) ? backend : null;
}

/** Allocates `n` outputs of `shape`, then returns them with a float view of the heap and their offsets in floats
 * (views are taken after every allocation: an allocation may grow the heap and detach earlier views). */
function allocate(backend: WasmBackendLike, x: tf.TensorInfo, n: number, shape: number[]) {
  const outs = Array.from({ length: n }, () => backend.makeOutput(shape, 'float32'));
  const heap = new Float32Array(backend.wasm.HEAPU8.buffer);
  const offset = (t: tf.TensorInfo) => backend.dataIdMap.get(t.dataId)!.memoryOffset / 4;
  return { outs, heap, from: offset(x), to: outs.map(offset) };
}

const registered = new Map<string, boolean>();

function registerKernels(name: string): boolean {
  const known = registered.get(name);
  if (known !== undefined) return known;
  const backend = tf.findBackend(name);
  const ok = name === 'wasm' ? isWasmBackendLike(backend) : name === 'cpu' ? isCpuBackendLike(backend) : false;
  registered.set(name, ok);
  if (!ok) return false;
  if (name === 'cpu') {
    registerKernelOnce({
      kernelName: COLUMN_BLOCKS,
      backendName: 'cpu',
      kernelFunc: ({ inputs, backend, attrs }) => {
        const x = inputs.x as tf.TensorInfo;
        const cpu = backend as unknown as CpuBackendLike;
        const n = attrs!.n as number;
        const [rows, cols] = x.shape;
        const width = cols / n;
        const values = cpu.data.get(x.dataId)!.values as Float32Array;
        const outs = Array.from({ length: n }, () => new Float32Array(rows * width));
        for (let r = 0; r < rows; r++) for (let k = 0; k < n; k++) outs[k].set(values.subarray(r * cols + k * width, r * cols + (k + 1) * width), r * width);
        return outs.map((v) => cpu.makeTensorInfo([rows, width], 'float32', v));
      },
    });
    return true;
  }
  registerKernelOnce({
    kernelName: ROW_BLOCKS,
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const x = inputs.x as tf.TensorInfo;
      const n = attrs!.n as number;
      const [rows, cols] = x.shape;
      const size = (rows / n) * cols;
      const { outs, heap, from, to } = allocate(backend as unknown as WasmBackendLike, x, n, [rows / n, cols]);
      for (let k = 0; k < n; k++) heap.copyWithin(to[k], from + k * size, from + (k + 1) * size);
      return outs;
    },
  });
  registerKernelOnce({
    kernelName: COLUMN_BLOCKS,
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const x = inputs.x as tf.TensorInfo;
      const n = attrs!.n as number;
      const [rows, cols] = x.shape;
      const width = cols / n;
      const { outs, heap, from, to } = allocate(backend as unknown as WasmBackendLike, x, n, [rows, width]);
      for (let r = 0; r < rows; r++) {
        for (let k = 0; k < n; k++) heap.copyWithin(to[k] + r * width, from + r * cols + k * width, from + r * cols + (k + 1) * width);
      }
      return outs;
    },
  });
  return true;
}

function assertDivisible(t: tf.Tensor2D, axis: 0 | 1, n: number): void {
  if (!Number.isInteger(n) || n < 1 || t.shape[axis] % n !== 0) throw new Error(`cannot cut ${t.shape[axis]} ${axis === 0 ? 'rows' : 'columns'} into ${n} equal blocks`);
}

function cut(t: tf.Tensor2D, n: number, axis: 0 | 1, kernel: string): tf.Tensor2D[] {
  assertDivisible(t, axis, n);
  if (n === 1) return [t];
  const backend = tf.getBackend();
  // The CPU backend's row cut is already views: only its column cut needs the kernel.
  const own = backend === 'wasm' || (backend === 'cpu' && kernel === COLUMN_BLOCKS);
  if (own && t.dtype === 'float32' && registerKernels(backend)) {
    return tf.engine().runKernel(kernel, { x: t }, { n }) as unknown as tf.Tensor2D[];
  }
  return tf.split(t, n, axis) as tf.Tensor2D[];
}

/** Cuts a [n·r, c] tensor into n row blocks [r, c] (a time-major sequence into its steps). */
export function rowBlocks(t: tf.Tensor2D, n: number): tf.Tensor2D[] {
  return cut(t, n, 0, ROW_BLOCKS);
}

/** Cuts a [r, n·c] tensor into n column blocks [r, c] (the four gates of an LSTM step). */
export function columnBlocks(t: tf.Tensor2D, n: number): tf.Tensor2D[] {
  return cut(t, n, 1, COLUMN_BLOCKS);
}
