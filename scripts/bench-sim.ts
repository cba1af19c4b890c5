/**
 * Prints the simulator's throughput and the (s,S) optimiser's time per item for Poisson means 1, 10, 100.
 *
 * Node 20 cannot run TypeScript directly (no --experimental-strip-types) and no tsx/vite-node is installed,
 * so run it through Vite's module runner, which is installed:
 *   node -e "import('vite').then(v => v.runnerImport('./scripts/bench-sim.ts'))"
 */
import { runSimBench } from '../src/lib/sim/bench';

const rows = runSimBench({ now: () => performance.now() });
for (const row of rows) {
  const value = row.unit === 'ms/item' ? row.value.toFixed(4) : `${(row.value / 1e6).toFixed(1)} M`;
  console.log(`${row.name.padEnd(72)} ${value} ${row.unit}`);
}
