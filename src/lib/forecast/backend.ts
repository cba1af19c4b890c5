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
import { LstmNetwork, type Batch, type NetworkShape } from './lstm-network';

/**
 * TF.js backend selection. Each candidate is started, checked with one tiny training step of the app's own
 * network (a backend that fails to start, lacks a kernel or returns NaN is skipped) and timed with a short
 * training probe; the fastest wins. GPU backends on a software renderer (a WebGPU fallback adapter, WebGL on
 * SwiftShader or llvmpipe) are not chosen while WASM or CPU works: they are slower there than WASM.
 *
 * Runs in a worker (no DOM types here) and in Node, where tests force 'cpu' with `useBackend('cpu')`.
 */

export { BACKEND_NAMES, type BackendChoice, type BackendMeasurement, type BackendName, type TensorMemory } from './backend-types';
import { BACKEND_NAMES, type BackendChoice, type BackendMeasurement, type BackendName, type TensorMemory } from './backend-types';

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
  /** Let the WASM backend use its threaded build when the page is cross-origin isolated. Default false: see
   * `register`. Only the first WASM start in a realm (page or worker) decides. */
  wasmThreads?: boolean;
}

const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render/i;

let wasmConfigured = false;

/**
 * Registers the backends that live in their own packages (loaded on first use, so they cost nothing until then).
 *
 * WASM threads are off unless `wasmThreads` asks for them, although the app is cross-origin isolated:
 * 1. the threaded build's pthread workers load the Emscripten glue by importScripts of its own script, which inside
 *    a bundled module worker is our whole chunk, so they die at start ("e is not defined") and the backend waits
 *    for them forever (tensorflow/tfjs#3830; emscripten-core/emscripten#22394);
 * 2. where it does start (Vite dev server), TF.js runs 1 thread on a 2-core machine, and the threaded build's
 *    SharedArrayBuffer heap makes JS-side kernels (Slice, Concat) copy slowly: it trained the LSTM no faster.
 * SIMD alone is used; the threaded binary stays mapped for when this is fixed.
 */
async function register(name: BackendName, wasmThreads: boolean): Promise<void> {
  if (name === 'wasm' && !wasmConfigured) {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    // The flag exists once the package is imported, and must be set before the backend starts.
    if (!wasmThreads) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
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
async function probe(name: BackendName, probeMs: number, timed: boolean, wasmThreads: boolean, signal?: AbortSignal): Promise<BackendMeasurement> {
  const m = emptyMeasurement(name);
  try {
    const t0 = performance.now();
    if (name === 'webgpu') Object.assign(m, await webgpuAdapter());
    await register(name, wasmThreads);
    // setBackend resolves false (it does not throw) when a backend fails to start, and TF.js then quietly
    // keeps another one: check both the result and the active backend.
    const ok = await tf.setBackend(name);
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
      m.wasm = { simd: (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true, threads, threadCount: threads ? wasm.getThreadsCount() : 1 };
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
  const wasmThreads = options.wasmThreads ?? false;
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
export async function useBackend(name: BackendName, options: { wasmThreads?: boolean } = {}): Promise<BackendMeasurement> {
  const m = await probe(maybeOneOf('backend', name, BACKEND_NAMES), 0, false, options.wasmThreads ?? false);
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
