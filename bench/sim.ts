/**
 * Inventory benchmarks for `npm run bench`: the simulator and optimiser in a worker (sim.worker.ts), and a
 * slider move through the app's own simulate worker and RPC, measured from the page.
 */
import type { BenchRow } from '../src/lib/sim';
import { createWorkerClient } from '../src/workers/rpc';
import type { SimulateApi } from '../src/workers/simulate-protocol';
import { presetScenario } from '../src/ui/inventory/presets';

/** Runs the lib and service benchmarks in a fresh worker. */
export async function simBench(means?: number[]): Promise<BenchRow[]> {
  const worker = new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module' });
  try {
    return await new Promise<BenchRow[]>((resolve, reject) => {
      worker.onmessage = (e) => resolve(e.data);
      worker.onerror = (e) => reject(new Error(e.message));
      worker.postMessage({ means });
    });
  } finally {
    worker.terminate();
  }
}

/**
 * Round trips of `simulate` through the app's worker client, as a slider move makes them (request, worker,
 * transfer of the trace back): median and worst of `moves` calls with S stepping by one, after a warm-up.
 */
export async function simRoundTrip(moves = 40): Promise<{ medianMs: number; maxMs: number }> {
  const client = createWorkerClient<SimulateApi>(() => new Worker(new URL('../src/workers/simulate.worker.ts', import.meta.url), { type: 'module' }));
  try {
    const zf = presetScenario('zheng-federgruen');
    for (let i = 0; i < 5; i++) await client.call('simulate', { scenario: zf });
    const times: number[] = [];
    for (let i = 0; i < moves; i++) {
      const t0 = performance.now();
      await client.call('simulate', { scenario: { ...zf, S: 40 + (i % 20) } });
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return { medianMs: times[Math.floor(times.length / 2)], maxMs: times[times.length - 1] };
  } finally {
    client.terminate();
  }
}
