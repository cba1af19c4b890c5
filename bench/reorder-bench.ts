/** Reorder engine benchmark: one fresh worker per call, so each call measures a cold first run too. */

/** Timings of one worker, ms. */
export interface ReorderBenchResult {
  /** First `reorder` call in the worker (JIT cold unless warmed up), ms. */
  coldMs: number;
  /** `warmUpReorder` before it, ms (0 without warm-up). */
  warmUpMs: number;
  /** Best of ten `runReorder` calls afterwards, ms. */
  warmMs: number;
  /** `explainAll` over every row, ms. */
  explainMs: number;
  /** `buildInsights`, ms. */
  insightsMs: number;
  /** Items per status, in `REORDER_STATUSES` order. */
  counts: number[];
}

/** Runs the engine on `items` synthetic items in a new worker (after `warmUp` warm-up rows, 0 = none) and returns its timings. */
export async function reorderBench(items = 30_000, warmUp = 0): Promise<ReorderBenchResult> {
  const worker = new Worker(new URL('./reorder-bench.worker.ts', import.meta.url), { type: 'module' });
  try {
    return await new Promise<ReorderBenchResult>((resolve, reject) => {
      worker.onmessage = (e) => resolve(e.data);
      worker.onerror = (e) => reject(new Error(e.message));
      worker.postMessage({ items, warmUp });
    });
  } finally {
    worker.terminate();
  }
}
