/// <reference types="vite/client" />
import * as tf from '@tensorflow/tfjs';
// The WASM binaries are served by the app itself (no CDN): Vite emits them as assets and gives their URLs.
import wasmPlainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { checkpoint, throwIfAborted } from '../core/abort';
import { AppError, maybeInteger, maybeOneOf } from '../core/errors';
import type { ProgressCallback } from '../core/progress';
import { createRng } from '../core/rng';
import { LstmNetwork, type Batch, type NetworkShape } from './network';

/**
 * TF.js backend selection. Each candidate is started, checked with one tiny training step of the app's own
 * network (a backend that fails to start, lacks a kernel or returns NaN is skipped) and timed with a short
 * training probe; the fastest wins. GPU backends on a software renderer (a WebGPU fallback adapter, WebGL on
 * SwiftShader or llvmpipe) are not chosen while WASM or CPU works: they are slower there than WASM.
 *
 * Runs in a worker (no DOM types here) and in Node, where tests force 'cpu' with `useBackend('cpu')`.
 */

export { BACKEND_NAMES, WASM_THREADS_MODES, type BackendChoice, type BackendMeasurement, type BackendName, type TensorMemory, type WasmThreadsMode } from './backend-types';
import { BACKEND_NAMES, WASM_THREADS_MODES, type BackendChoice, type BackendMeasurement, type BackendName, type TensorMemory, type WasmThreadsMode } from './backend-types';

/** Options of `selectBackend`; all optional. */
export interface SelectBackendOptions {
  /** Backends to consider, in order. Default all of `BACKEND_NAMES`. */
  candidates?: BackendName[];
  /** A remembered or user-chosen backend: used when it passes the check, without probing the others. */
  preferred?: BackendName;
  /** Length of each timed probe, ms. Default 300. */
  probeMs?: number;
  /** Cancels the selection (rejects with an AbortError between candidates and probe steps). */
  signal?: AbortSignal;
  /** Progress in phase 'probing', counted in candidates. */
  onProgress?: ProgressCallback;
  /** WASM threads (see `wasmThreadsDecision`); default 'auto'. Only the first WASM start in a realm (page or
   * worker) decides. */
  wasmThreads?: WasmThreadsMode;
}

/** Longest wait for a backend to start. A backend whose start hangs (WASM threads whose workers cannot start, a
 * GPU driver that never answers) is reported as failed instead of stalling the app. */
const START_TIMEOUT_MS = 30_000;

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render/i;

let wasmConfigured = false;
let wasmThreadsNote = '';

/**
 * Whether the WASM backend starts its threaded build, and why, from the page's cross-origin isolation (threads
 * need SharedArrayBuffer) and its logical cores. TF.js runs half the logical cores as threads (1 to 8: it assumes
 * two hardware threads per core), so with fewer than 4 there is one thread either way, and 'auto' keeps the
 * single-threaded SIMD build, whose plain heap copies faster than the threaded build's shared one.
 */
export function wasmThreadsDecision(mode: WasmThreadsMode, isolated: boolean, logicalCores: number): { threads: boolean; note: string } {
  const tfThreads = Math.min(8, Math.max(1, Math.floor(logicalCores / 2)));
  if (mode === 'off') return { threads: false, note: 'threads off (your setting)' };
  if (!isolated) return { threads: false, note: 'one thread: the page is not cross-origin isolated (no COOP/COEP headers)' };
  if (mode === 'on') return { threads: true, note: `threaded build (your setting), ${tfThreads} thread${tfThreads === 1 ? '' : 's'}` };
  if (tfThreads < 2) return { threads: false, note: `one thread: TF.js would run ${tfThreads} thread on ${logicalCores} logical cores` };
  return { threads: true, note: `${tfThreads} threads (half of ${logicalCores} logical cores)` };
}

/**
 * Registers the backends that live in their own packages (loaded on first use, so they cost nothing until then).
 *
 * The threaded WASM build starts inside the app's bundled workers thanks to the build step in
 * scripts/vite-tfjs-wasm-threads.ts (tensorflow/tfjs#3830: its pthreads used to die at start).
 */
async function register(name: BackendName, threadsMode: WasmThreadsMode): Promise<void> {
  if (name === 'wasm' && !wasmConfigured) {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    const g = globalThis as { crossOriginIsolated?: boolean; navigator?: { hardwareConcurrency?: number } };
    const decision = wasmThreadsDecision(threadsMode, g.crossOriginIsolated === true, g.navigator?.hardwareConcurrency ?? 1);
    // The flag exists once the package is imported, and must be set before the backend starts.
    if (!decision.threads) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    wasmThreadsNote = decision.note;
    wasm.setWasmPaths({
      'tfjs-backend-wasm.wasm': wasmPlainUrl,
      'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
      'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimdUrl,
    });
    wasmConfigured = true;
  }
  if (name === 'webgpu' && tf.findBackendFactory('webgpu') == null) await import('@tensorflow/tfjs-backend-webgpu');
}

interface GpuAdapterLike {
  info?: { vendor?: string; architecture?: string; description?: string; isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean;
}
interface GlLike {
  RENDERER: number;
  getParameter(p: number): unknown;
  getExtension(name: string): { UNMASKED_RENDERER_WEBGL: number } | null;
}

/** WebGPU adapter facts, asked before TF.js starts the backend: a fallback adapter is a software one. */
async function webgpuAdapter(): Promise<{ device: string | null; software: boolean }> {
  const gpu = (globalThis as { navigator?: { gpu?: { requestAdapter(): Promise<GpuAdapterLike | null> } } }).navigator?.gpu;
  if (!gpu) throw new Error('WebGPU is not available (no navigator.gpu)');
  const adapter = await gpu.requestAdapter();
  if (!adapter) throw new Error('WebGPU is not available (no adapter)');
  const info = adapter.info ?? {};
  const device = [info.vendor, info.architecture, info.description].filter(Boolean).join(' ') || null;
  const software = info.isFallbackAdapter === true || adapter.isFallbackAdapter === true || SOFTWARE_RENDERER.test(device ?? '');
  return { device, software };
}

/** The WebGL renderer string of the running webgl backend (unmasked when the browser allows it). */
function webglRenderer(): string | null {
  const gl = (tf.backend() as unknown as { gpgpu?: { gl?: GlLike } }).gpgpu?.gl;
  if (!gl) return null;
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER);
  return typeof renderer === 'string' ? renderer : null;
}

function emptyMeasurement(backend: BackendName): BackendMeasurement {
  return { backend, status: 'failed', reason: null, software: false, device: null, wasm: null, initMs: NaN, checkMs: NaN, sequencesPerSecond: NaN };
}

function randomBatch(shape: NetworkShape, size: number, seed: number): Batch {
  const rng = createRng(seed);
  const fill = (n: number) => Float32Array.from({ length: n }, () => rng.normal());
  return {
    size,
    x: fill(shape.lookback * size * shape.inputSize),
    known: fill(size * shape.knownSize),
    y: fill(size * shape.horizon),
    weight: new Float32Array(size * shape.horizon).fill(1),
  };
}

/** Runs training steps on a fresh network; returns steps/s, or throws when a loss or weight is not finite. */
async function trainProbe(shape: NetworkShape, batchSize: number, minMs: number, minSteps: number, signal?: AbortSignal): Promise<number> {
  const rng = createRng(1);
  const net = LstmNetwork.create(shape, rng, 0);
  const batch = randomBatch(shape, batchSize, 2);
  try {
    let steps = 0;
    const t0 = performance.now();
    while (steps < minSteps || performance.now() - t0 < minMs) {
      throwIfAborted(signal);
      const loss = net.trainStep(batch, rng, 1e-3, 1);
      const value = (await loss.data())[0];
      loss.dispose();
      if (!Number.isFinite(value)) throw new Error(`training step gave a non-finite loss (${value})`);
      steps++;
    }
    const ms = performance.now() - t0;
    const weights = await net.readWeights();
    if (!weights.every((w) => w.every(Number.isFinite))) throw new Error('training step gave non-finite weights');
    return steps / (ms / 1000);
  } finally {
    net.dispose();
  }
}

const CHECK_SHAPE: NetworkShape = { inputSize: 3, knownSize: 2, horizon: 2, lookback: 4, layers: 2, units: 8, dropout: 0.1 };
const PROBE_SHAPE: NetworkShape = { inputSize: 8, knownSize: 4, horizon: 4, lookback: 24, layers: 1, units: 32, dropout: 0 };
const PROBE_BATCH = 32;

/** Starts `name`, checks it with one tiny training step, and times it unless told not to. Leaves it active. */
async function probe(name: BackendName, probeMs: number, timed: boolean, wasmThreads: WasmThreadsMode, signal?: AbortSignal): Promise<BackendMeasurement> {
  const m = emptyMeasurement(name);
  try {
    const t0 = performance.now();
    if (name === 'webgpu') Object.assign(m, await webgpuAdapter());
    await register(name, wasmThreads);
    // setBackend resolves false (it does not throw) when a backend fails to start, and TF.js then quietly
    // keeps another one: check both the result and the active backend.
    const ok = await withTimeout(tf.setBackend(name), START_TIMEOUT_MS, `${name} did not start within ${START_TIMEOUT_MS / 1000} s`);
    if (!ok || tf.getBackend() !== name) throw new Error(`${name} did not start`);
    await tf.ready();
    m.initMs = performance.now() - t0;
    if (name === 'webgl') {
      m.device = webglRenderer();
      m.software = SOFTWARE_RENDERER.test(m.device ?? '');
    }
    if (name === 'wasm') {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      const threads = (await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')) === true;
      m.wasm = { simd: (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true, threads, threadCount: threads ? wasm.getThreadsCount() : 1, threadsNote: wasmThreadsNote };
    }
    const t1 = performance.now();
    await trainProbe(CHECK_SHAPE, 4, 0, 2, signal);
    m.checkMs = performance.now() - t1;
    m.status = 'ok';
    if (m.software) m.reason = 'software renderer: not timed, not chosen while WASM or CPU works';
    else if (timed) m.sequencesPerSecond = PROBE_BATCH * (await trainProbe(PROBE_SHAPE, PROBE_BATCH, probeMs, 2, signal));
  } catch (error) {
    if (signal?.aborted) throw error;
    m.status = 'failed';
    m.reason = error instanceof Error ? error.message : String(error);
  }
  return m;
}

/**
 * Picks the fastest working backend and leaves it active in TF.js. With `preferred`, that backend is used when it
 * passes its check (the others are reported 'skipped'). Rejects with `AppError('internal')` when none works.
 */
export async function selectBackend(options: SelectBackendOptions = {}): Promise<BackendChoice> {
  const candidates = (options.candidates ?? [...BACKEND_NAMES]).map((c) => maybeOneOf('candidate', c, BACKEND_NAMES));
  const preferred = options.preferred == null ? null : maybeOneOf('preferred', options.preferred, BACKEND_NAMES);
  const probeMs = maybeInteger('probeMs', options.probeMs ?? 300, 0, 60_000);
  const { signal, onProgress } = options;
  const wasmThreads = maybeOneOf('wasmThreads', options.wasmThreads ?? 'auto', WASM_THREADS_MODES);
  throwIfAborted(signal);
  if (preferred) {
    const m = await probe(preferred, probeMs, false, wasmThreads, signal);
    if (m.status === 'ok') {
      const rest = candidates.filter((c) => c !== preferred).map((c) => ({ ...emptyMeasurement(c), status: 'skipped' as const, reason: 'preferred backend works' }));
      return { backend: preferred, reason: 'preferred', measurements: [m, ...rest] };
    }
  }
  const measurements: BackendMeasurement[] = [];
  for (const name of candidates) {
    onProgress?.({ phase: 'probing', done: measurements.length, total: candidates.length, message: name });
    await checkpoint(signal);
    measurements.push(await probe(name, probeMs, true, wasmThreads, signal));
  }
  onProgress?.({ phase: 'probing', done: candidates.length, total: candidates.length });
  const working = measurements.filter((m) => m.status === 'ok');
  const hardware = working.filter((m) => !m.software);
  const pool = hardware.length > 0 ? hardware : working;
  if (pool.length === 0) {
    throw new AppError('internal', `no TF.js backend works: ${measurements.map((m) => `${m.backend} (${m.reason})`).join(', ')}`, { measurements });
  }
  // Untimed software entries (NaN) lose to any timed one; among untimed ones the first candidate wins.
  const best = pool.reduce((a, b) => ((b.sequencesPerSecond || 0) > (a.sequencesPerSecond || 0) ? b : a));
  await tf.setBackend(best.backend);
  return { backend: best.backend, reason: 'fastest', measurements };
}

/**
 * Makes `name` the active backend after checking it with one tiny training step (no timing); rejects with
 * `AppError('internal')` naming the reason when it does not work. Node tests call `useBackend('cpu')`.
 */
export async function useBackend(name: BackendName, options: { wasmThreads?: WasmThreadsMode } = {}): Promise<BackendMeasurement> {
  const m = await probe(maybeOneOf('backend', name, BACKEND_NAMES), 0, false, maybeOneOf('wasmThreads', options.wasmThreads ?? 'auto', WASM_THREADS_MODES));
  if (m.status !== 'ok') throw new AppError('internal', `backend ${name} does not work: ${m.reason}`, { backend: name, reason: m.reason });
  return m;
}

/**
 * Live tensors and their bytes (`tf.memory()`), for leak checks. Before any backend is set it reports zeros with
 * `backend: null` rather than calling `tf.memory()`, which would start TF.js's default backend as a side effect.
 */
export function tensorMemory(): TensorMemory {
  const backend = tf.getBackend() ?? null;
  if (!backend) return { backend: null, numTensors: 0, numDataBuffers: 0, numBytes: 0 };
  const m = tf.memory();
  return { backend, numTensors: m.numTensors, numDataBuffers: m.numDataBuffers, numBytes: m.numBytes };
}
