import { poissonDistribution } from '../policy/discrete';
import { optimizeSs } from '../policy/ss-exact';
import { simulateManySync } from './many';

/** One benchmark figure. */
export interface BenchRow {
  /** What was measured, e.g. "simulateMany Poisson(10), 10000 items × 365 periods". */
  name: string;
  /** The figure. */
  value: number;
  /** Its unit, e.g. "item-periods/s" or "ms/item". */
  unit: string;
}

/** Options for `runSimBench`. */
export interface SimBenchOptions {
  /** Clock in milliseconds; pass `performance.now` where available. Default `Date.now`. */
  now?: () => number;
  /** Poisson means to measure. Default [1, 10, 100]. */
  means?: number[];
  /** Items in the throughput run. Default 10 000. */
  items?: number;
  /** Periods in the throughput run. Default 365. */
  periods?: number;
  /** Optimisations per timed batch (after 20 warm-up calls). Default 300. */
  optimizations?: number;
  /** Each timing repeats its batch until at least this long has passed, ms (≥ 1). Default 300. */
  minTimeMs?: number;
}

/** Mean time of one call of `work`, repeating it until `minMs` have passed (so a coarse clock still works). */
function timePerCall(now: () => number, minMs: number, work: (round: number) => void): number {
  let rounds = 0;
  const t0 = now();
  let elapsed = 0;
  do {
    work(rounds++);
    elapsed = now() - t0;
  } while (elapsed < minMs);
  return elapsed / rounds;
}

/**
 * Throughput of `simulateManySync` ((s,S), Poisson demand, L = 0, the optimal (s,S) for K = 64, h = 1,
 * p = 9) and time per item of `optimizeSs` (building the Poisson pmf included), for each mean, in the
 * calling thread. Each figure is the best of three timings, each repeated for at least `minTimeMs`.
 */
export function runSimBench(options: SimBenchOptions = {}): BenchRow[] {
  const now = options.now ?? Date.now;
  const means = options.means ?? [1, 10, 100];
  const items = options.items ?? 10_000;
  const periods = options.periods ?? 365;
  const reps = options.optimizations ?? 300;
  const minMs = Math.max(1, options.minTimeMs ?? 300);
  const rows: BenchRow[] = [];
  for (const mean of means) {
    const costs = { orderCost: 64, holdingCost: 1, backorderCost: 9 };
    const policy = optimizeSs({ demand: poissonDistribution(mean), ...costs });
    const input = {
      means: new Float64Array(items).fill(mean),
      s: new Float64Array(items).fill(policy.s),
      S: new Float64Array(items).fill(policy.S),
      periods,
      holdingCost: 1,
      backorderCost: 9,
      orderCost: 64,
    };
    simulateManySync({ ...input, periods: Math.min(periods, 30) });
    let best = Infinity;
    for (let r = 0; r < 3; r++) {
      best = Math.min(best, timePerCall(now, minMs, (round) => simulateManySync({ ...input, seed: 3 * round + r + 1 })));
    }
    rows.push({
      name: `simulateMany Poisson(${mean}) (s,S)=(${policy.s},${policy.S}), ${items} items × ${periods} periods`,
      value: Math.round((items * periods) / (best / 1000)),
      unit: 'item-periods/s',
    });
    for (let i = 0; i < 20; i++) optimizeSs({ demand: poissonDistribution(mean), ...costs });
    let bestOpt = Infinity;
    for (let r = 0; r < 3; r++) {
      const batch = timePerCall(now, minMs, () => {
        for (let i = 0; i < reps; i++) optimizeSs({ demand: poissonDistribution(mean), ...costs });
      });
      bestOpt = Math.min(bestOpt, batch / reps);
    }
    rows.push({ name: `optimizeSs Poisson(${mean}), K=64 h=1 p=9 L=0`, value: bestOpt, unit: 'ms/item' });
  }
  return rows;
}
