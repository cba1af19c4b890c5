/**
 * Bench worker: trains both LSTM implementations on one backend, alternating between them round by round so that
 * both see the same machine load, and posts the throughputs back. Also runs the app's backend selection.
 */
import { selectBackend, useBackend, type BackendName, type WasmThreadsMode } from '../src/lib/lstm/backend';
import { measureLstmTraining, type LstmBenchResult } from './lstm-core';

/** Request: measure on `backend`, or run the backend selection when `select` is set. */
export interface LstmWorkerRequest {
  /** Backend to measure on. */
  backend: BackendName;
  /** Rounds per implementation. */
  rounds: number;
  /** Length of each round, ms. */
  roundMs: number;
  /** Run `selectBackend()` over every candidate instead of measuring. */
  select?: boolean;
  /** WASM threads setting (the threaded build needs cross-origin isolation). */
  wasmThreads?: WasmThreadsMode;
  /** Report this many logical cores to TF.js in this worker (it uses hardwareConcurrency / 2 threads). */
  reportCores?: number;
}

self.onmessage = async (e: MessageEvent<LstmWorkerRequest>) => {
  const { backend, rounds, roundMs, select, wasmThreads, reportCores } = e.data;
  if (reportCores) Object.defineProperty(self.navigator, 'hardwareConcurrency', { value: reportCores, configurable: true });
  try {
    if (select) {
      postMessage({ choice: await selectBackend({ probeMs: 500 }) });
      return;
    }
    const measurement = await useBackend(backend, { wasmThreads });
    const results: LstmBenchResult[] = [];
    for (let r = 0; r < rounds; r++) {
      for (const impl of ['shelfcast', 'layers'] as const) results.push(await measureLstmTraining({ impl, minMs: roundMs }));
    }
    postMessage({ measurement, results });
  } catch (error) {
    postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
};
