/// <reference lib="webworker" />
/**
 * Reorder engine timings in a worker, as the app runs it: the synthetic 30 000-item workload is built first (not
 * timed), optionally the engine is warmed up on a small snapshot (`warmUpReorder`, timed apart), then the first
 * `reorder` call (cold unless warmed: the JIT has not optimized the code yet), the best of ten warm `runReorder`
 * calls, explanations for every row and the insights.
 */
import { buildInsights, createSyntheticReorderInput, explainAll, reorder, runReorder, warmUpReorder } from '../src/lib/reorder';

self.onmessage = async (event: MessageEvent<{ items: number; warmUp?: number }>) => {
  const input = createSyntheticReorderInput({ items: event.data.items });
  let warmUpMs = 0;
  if (event.data.warmUp) {
    const w = performance.now();
    warmUpReorder(event.data.warmUp);
    warmUpMs = performance.now() - w;
  }
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
  const counts = Array.from(result.summary.statusCounts);
  self.postMessage({ coldMs, warmMs, explainMs: t2 - t1, insightsMs: t3 - t2, warmUpMs, counts });
};
