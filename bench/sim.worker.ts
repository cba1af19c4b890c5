/// <reference lib="webworker" />
/**
 * Inventory benchmarks in one worker: the lib's throughput path and exact (s,S) optimisation (runSimBench),
 * and the simulate service's handlers as the inventory view calls them (no postMessage in the timing).
 */
import { runSimBench, type BenchRow } from '../src/lib/sim';
import { createSimulateHandlers } from '../src/workers/simulate-service';
import { presetScenario } from '../src/ui/inventory/presets';
import { comparisonPolicies, formulaInputs } from '../src/ui/inventory/formulas';

/** Best of `rounds` timings of `work`, ms. */
async function best(rounds: number, work: () => Promise<unknown>): Promise<number> {
  let ms = Infinity;
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    await work();
    ms = Math.min(ms, performance.now() - t0);
  }
  return ms;
}

self.onmessage = async (event: MessageEvent<{ means?: number[] }>) => {
  const rows: BenchRow[] = runSimBench({ now: () => performance.now(), means: event.data.means ?? [1, 10, 100] });
  const h = createSimulateHandlers(() => Promise.reject(new Error('the benchmark uses synthetic demand only')));
  const ctx = { signal: new AbortController().signal, onProgress: () => {} };
  const zf = presetScenario('zheng-federgruen');
  const policies = comparisonPolicies(formulaInputs(zf, { mean: 10, sd: Math.sqrt(10) }));
  rows.push({ name: 'service simulate: ZF preset, 210 periods × 40 replications, trace', value: await best(10, () => h.simulate({ scenario: zf }, ctx)), unit: 'ms' });
  rows.push({ name: 'service optimize + costSurface: ZF preset', value: await best(10, async () => { await h.optimize({ scenario: zf }, ctx); await h.costSurface({ scenario: zf }, ctx); }), unit: 'ms' });
  rows.push({ name: `service compare: ${policies.length + 1} policies × 40 replications × 210 periods`, value: await best(5, () => h.compare({ scenario: zf, policies }, ctx)), unit: 'ms' });
  self.postMessage(rows);
};
