/** Types of the TF.js backend selection, free of TF.js so the page can use them (see backend.ts). */

/** The backends the app knows, in the order they are tried. */
export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

/** All backends, in probing order. */
export const BACKEND_NAMES: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/**
 * The user's setting for WASM threads: 'auto' uses them when the page is cross-origin isolated and TF.js would run
 * at least 2 threads (it runs half the logical cores, 1 to 8); 'on' whenever isolated; 'off' never.
 */
export type WasmThreadsMode = 'auto' | 'on' | 'off';

/** Workspace settings key of the WASM threads mode (read by the forecast worker when it starts WASM). */
export const WASM_THREADS_KEY = 'wasmThreads';

/** The modes, for validation and menus. */
export const WASM_THREADS_MODES: readonly WasmThreadsMode[] = ['auto', 'on', 'off'];

/** What was learned about one backend. */
export interface BackendMeasurement {
  /** The backend. */
  backend: BackendName;
  /** 'ok' = started and trained; 'failed' = did not start, lacked a kernel or gave NaN; 'skipped' = not tried. */
  status: 'ok' | 'failed' | 'skipped';
  /** Why it failed or was skipped, or a remark (e.g. 'software renderer: not timed'); null when none. */
  reason: string | null;
  /** A GPU backend running on a software rasterizer (never chosen while WASM or CPU works). */
  software: boolean;
  /** GPU renderer or adapter description, when the backend exposes one. */
  device: string | null;
  /** WASM build facts: SIMD, threads (needs cross-origin isolation) and thread count; null for other backends. */
  wasm: { simd: boolean; threads: boolean; threadCount: number; threadsNote: string } | null;
  /** Time to start the backend, ms. */
  initMs: number;
  /** Time of the check step (first step: includes kernel compilation on GPUs), ms. */
  checkMs: number;
  /** Training throughput of the timed probe (32 units × 24 steps × 8 inputs, batch 32), sequences/s; NaN when
   * not timed. */
  sequencesPerSecond: number;
}

/** The selected backend, active when `selectBackend` resolves, and every measurement behind the choice. */
export interface BackendChoice {
  /** The backend now set in TF.js. */
  backend: BackendName;
  /** 'fastest' of the probed ones, or the 'preferred' one (it passed its check, the others were not probed). */
  reason: 'fastest' | 'preferred';
  /** One entry per candidate, in probing order. */
  measurements: BackendMeasurement[];
}


/** TF.js memory of a realm (the forecast worker): what a soak test watches for leaks. */
export interface TensorMemory {
  /** The active backend, or null before one was set (nothing was measured then, and TF.js was not started). */
  backend: string | null;
  /** Live tensors, all backends together. */
  numTensors: number;
  /** Distinct data buffers behind them (tensors can share one). */
  numDataBuffers: number;
  /** Bytes held by the live tensors' data. */
  numBytes: number;
}
