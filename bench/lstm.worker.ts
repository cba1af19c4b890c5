/**
 * Bench worker: trains both LSTM implementations on one backend, alternating between them round by round so that
 * both see the same machine load, and posts the throughputs back. Also runs the app's backend selection.
 */
import { selectBackend, useBackend, type BackendName } from '../src/lib/forecast/backend';
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
}

self.onmessage = async (e: MessageEvent<LstmWorkerRequest>) => {
  const { backend, rounds, roundMs, select } = e.data;
  try {
    if (select) {
      postMessage({ choice: await selectBackend({ probeMs: 500 }) });
      return;
    }
    const measurement = await useBackend(backend);
    const results: LstmBenchResult[] = [];
    for (let r = 0; r < rounds; r++) {
      for (const impl of ['shelfcast', 'layers'] as const) results.push(await measureLstmTraining({ impl, minMs: roundMs }));
    }
    postMessage({ measurement, results });
  } catch (error) {
    postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
};
