/**
 * Times the statistics pool (workers/pool.ts) on Node worker threads standing in for browser workers: automatic
 * ETS on 24 store-item series, 13 origins, in this thread and on 1, 2 and 3 workers, wall seconds, and whether
 * each result is identical to the in-thread one.
 *   node -e "import('vite').then(v => v.runnerImport('./scripts/bench-pool.ts'))"
 */
import { resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { createStatPool } from '../src/workers/pool';
import { runStatBacktest } from '../src/lib/forecast/run/partition';
import { spawnThread } from '../tests/unit/workers/node-thread';
const ENTRY = new URL('../tests/unit/workers/stat-thread-entry.ts', import.meta.url);
const lines = readFileSync(resolve(process.cwd(), '../shared/data/store-item-demand-forecasting/retail_sales_sample.csv'), 'utf8').trim().split('\n').slice(1);
const series = Array.from({ length: 24 }, (_, s) => ({ id: `s${s}`, values: Float64Array.from(lines.slice(s * 1826, s * 1826 + 1826), (l) => Number(l.split(',')[3])) }));
const req = { series, modelIds: ['ets'] as const, horizon: 14, seasonLength: 7, firstOrigin: 1476, lastOrigin: 1812, step: 28 };
const t0 = performance.now();
const base = await runStatBacktest({ ...req, modelIds: ['ets'] });
console.log('in-thread', ((performance.now() - t0) / 1000).toFixed(2), 's');
for (const size of [1, 2, 3]) {
  const pool = createStatPool(size, () => spawnThread(ENTRY));
  await pool.runStat({ ...req, modelIds: ['naive'], series: series.slice(0, 3) }, {}); // start the threads
  const t = performance.now();
  const r = await pool.runStat({ ...req, modelIds: ['ets'] }, {});
  console.log(`${size} worker(s)`, ((performance.now() - t) / 1000).toFixed(2), 's', 'identical:', r.forecast.every((v, i) => v === base.forecast[i]));
  pool.terminate();
}
process.exit(0);
