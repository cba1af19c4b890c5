/// <reference lib="webworker" />
/**
 * Reorder engine timings in a worker, as the app runs it: the synthetic 30 000-item workload is built first (not
 * timed); then the first `reorder` call (cold: V8 has not optimized the code yet), the best of ten warm
 * `runReorder` calls, explanations for every row, the insights, one more `reorder` call (warm, but after the
 * garbage of the explanations) and a first run on a new snapshot in the now warm worker.
 */
import { buildInsights, createSyntheticReorderInput, explainAll, reorder, runReorder } from '../src/lib/reorder';

self.onmessage = async (event: MessageEvent<{ items: number }>) => {
  const input = createSyntheticReorderInput({ items: event.data.items });
  const t0 = performance.now();
  const result = await reorder(input, { signal: new AbortController().signal });
  const coldMs = performance.now() - t0;
  let warmMs = Infinity;
  for (let k = 0; k < 10; k++) {
    const t = performance.now();
    runReorder(input);
    warmMs = Math.min(warmMs, performance.now() - t);
  }
  const t1 = performance.now();
  explainAll(result);
  const t2 = performance.now();
  buildInsights({ result, items: input.items, forecasts: input.forecasts });
  const t3 = performance.now();
  await reorder(input, { signal: new AbortController().signal });
  const t4 = performance.now();
  const fresh = createSyntheticReorderInput({ items: event.data.items, seed: 2 });
  const t5 = performance.now();
  await reorder(fresh, { signal: new AbortController().signal });
  const t6 = performance.now();
  const counts = Array.from(result.summary.statusCounts);
  self.postMessage({ coldMs, warmMs, explainMs: t2 - t1, insightsMs: t3 - t2, warmAsyncMs: t4 - t3, freshDataMs: t6 - t5, counts });
};
