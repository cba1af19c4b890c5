/**
 * LSTM training benchmark for `npm run bench`: the app's LSTM (src/lib/lstm/cell.ts) against a plain
 * tf.layers.lstm model of the same size trained with model.fit, in a worker, per backend. Returns table rows.
 */
import type { BackendChoice, BackendMeasurement, BackendName } from '../src/lib/lstm/backend';
import type { LstmBenchResult } from './lstm-core';
import type { LstmWorkerRequest } from './lstm.worker';

/** One row of the bench table (see scripts/bench.mjs `row`). */
export interface BenchRow {
  /** Benchmark name. */
  name: string;
  /** Measured value. */
  value: string;
  /** Its unit. */
  unit: string;
  /** The reference measured in the same run. */
  reference: string;
  /** value / reference. */
  ratio: string;
  /** How it was measured. */
  note: string;
}

interface WorkerReply {
  measurement?: BackendMeasurement;
  results?: LstmBenchResult[];
  choice?: BackendChoice;
  error?: string;
}

function runWorker(request: LstmWorkerRequest): Promise<WorkerReply> {
  const worker = new Worker(new URL('./lstm.worker.ts', import.meta.url), { type: 'module' });
  return new Promise<WorkerReply>((resolve) => {
    worker.onmessage = (e: MessageEvent<WorkerReply>) => resolve(e.data);
    worker.onerror = (e) => resolve({ error: e.message });
    worker.postMessage(request);
  }).finally(() => worker.terminate());
}

const best = (results: LstmBenchResult[], impl: string) =>
  results.filter((r) => r.impl === impl).reduce((a, b) => (b.sequencesPerSecond > a.sequencesPerSecond ? b : a));

function describe(m: BackendMeasurement): string {
  if (m.wasm) return `WASM ${m.wasm.simd ? 'SIMD' : 'no SIMD'}, ${m.wasm.threads ? `threads ×${m.wasm.threadCount}` : 'no threads'}`;
  return m.device ? `${m.backend} (${m.device})` : m.backend;
}

/** A backend to measure; 'wasm-threads' is WASM's threaded build with one thread per logical core. */
export type BenchBackend = BackendName | 'wasm-threads';

/**
 * Measures each backend (default WASM and CPU) in a fresh worker; rounds alternate the two implementations. CPU
 * gets at most 2 rounds: a batch there takes seconds.
 */
export async function lstmBench(backends: BenchBackend[] = ['wasm', 'wasm-threads', 'cpu'], rounds = 3, roundMs = 1500): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const shape = '64 units × 52 steps × 8 inputs, batch 64';
  for (const label of backends) {
    const backend: BackendName = label === 'wasm-threads' ? 'wasm' : label;
    if (label === 'wasm-threads' && !crossOriginIsolated) {
      rows.push({ name: 'LSTM training, wasm-threads', value: 'skipped', unit: '', reference: '', ratio: '', note: 'page not cross-origin isolated' });
      continue;
    }
    const n = backend === 'cpu' ? Math.min(rounds, 2) : rounds;
    const reply = await runWorker({
      backend,
      rounds: n,
      roundMs,
      wasmThreads: label === 'wasm-threads' ? 'on' : 'off',
      // TF.js runs half the logical cores as threads; reporting twice the cores makes it use every one.
      reportCores: label === 'wasm-threads' ? 2 * navigator.hardwareConcurrency : undefined,
    });
    if (!reply.results || !reply.measurement) {
      rows.push({ name: `LSTM training, ${label}`, value: 'failed', unit: '', reference: '', ratio: '', note: reply.error ?? '' });
      continue;
    }
    const ours = best(reply.results, 'shelfcast');
    const theirs = best(reply.results, 'layers');
    const how = `${describe(reply.measurement)}; ${shape}; worker; best of ${n} alternating ${roundMs / 1000} s rounds; leaked tensors ${ours.leakedTensors}/${theirs.leakedTensors}`;
    const ratio = (ours.sequencesPerSecond / theirs.sequencesPerSecond).toFixed(2);
    rows.push({
      name: `LSTM training, ${label}: Shelfcast cell`,
      value: ours.sequencesPerSecond.toFixed(0),
      unit: 'sequences/s',
      reference: `tf.layers.lstm + fit ${theirs.sequencesPerSecond.toFixed(0)} sequences/s`,
      ratio,
      note: how,
    });
    rows.push({
      name: `LSTM training, ${label}: Shelfcast cell`,
      value: ours.gflops.toFixed(2),
      unit: 'GFLOP/s',
      reference: `tf.layers.lstm + fit ${theirs.gflops.toFixed(2)} GFLOP/s`,
      ratio,
      note: 'FLOPs = 3 × 2 · T · (in + u) · 4u per sequence (forward matMuls × 3 for training)',
    });
  }
  const selection = await runWorker({ backend: 'cpu', rounds: 0, roundMs: 0, select: true });
  const choice = selection.choice;
  rows.push({
    name: 'LSTM backend selection (worker, all candidates)',
    value: choice?.backend ?? 'failed',
    unit: '',
    reference: '',
    ratio: '',
    note: choice
      ? choice.measurements
          .map((m) => `${m.backend}: ${m.status === 'ok' ? (Number.isFinite(m.sequencesPerSecond) ? `${m.sequencesPerSecond.toFixed(0)} seq/s` : 'ok') : m.status}${m.software ? ' (software)' : ''}`)
          .join(', ')
      : (selection.error ?? ''),
  });
  return rows;
}
