/** Reorder engine benchmark: one fresh worker per call, so each call measures a cold first run too. */

/** Timings of one worker, ms. */
export interface ReorderBenchResult {
  /** First `reorder` call in the worker (JIT cold), ms. */
  coldMs: number;
  /** Best of ten `runReorder` calls afterwards, ms. */
  warmMs: number;
  /** `explainAll` over every row, ms. */
  explainMs: number;
  /** `buildInsights`, ms. */
  insightsMs: number;
  /** A `reorder` call after the explanations and insights (warm code, their garbage still to collect), ms. */
  warmAsyncMs: number;
  /** The first `reorder` call on a new snapshot in the warm worker, ms. */
  freshDataMs: number;
  /** Items per status, in `REORDER_STATUSES` order. */
  counts: number[];
}

/** Runs the engine on `items` synthetic items in a new worker and returns its timings. */
export async function reorderBench(items = 30_000): Promise<ReorderBenchResult> {
  const worker = new Worker(new URL('./reorder-bench.worker.ts', import.meta.url), { type: 'module' });
  try {
    return await new Promise<ReorderBenchResult>((resolve, reject) => {
      worker.onmessage = (e) => resolve(e.data);
      worker.onerror = (e) => reject(new Error(e.message));
      worker.postMessage({ items });
    });
  } finally {
    worker.terminate();
  }
}
