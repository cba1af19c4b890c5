import { describe, expect, it } from 'vitest';
import { runStatBacktest, type StatBacktestRequest } from '../../../src/lib/forecast/run/partition';
import { createStatPool } from '../../../src/workers/pool';
import { spawnThread } from './node-thread';

// The pool with real worker threads in place of browser workers: parts cross by structured clone with their
// values transferred, run in separate heaps, and come back merged.
const ENTRY = new URL('./stat-thread-entry.ts', import.meta.url);

const request = (): StatBacktestRequest => ({
  series: Array.from({ length: 5 }, (_, s) => ({
    id: `s${s}`,
    start: 4 * s,
    values: Float64Array.from({ length: 70 - 4 * s }, (_, t) => 30 + s + 0.2 * t + 6 * Math.sin((2 * Math.PI * t) / 7) + ((t * 31 + s * 17) % 5)),
  })),
  modelIds: ['naive', 'ets', 'stl-ets'],
  horizon: 5,
  seasonLength: 7,
  firstOrigin: 50,
  lastOrigin: 65,
  step: 5,
});

describe('the statistics pool on worker threads', () => {
  it('1 and 3 workers give exactly the in-thread result, and the caller\'s series stay readable', async () => {
    const direct = await runStatBacktest(request());
    for (const size of [1, 3]) {
      const pool = createStatPool(size, () => spawnThread(ENTRY));
      try {
        const req = request();
        const viaPool = await pool.runStat(req, {});
        expect(viaPool.rows).toBe(direct.rows);
        expect([...viaPool.forecast]).toEqual([...direct.forecast]);
        expect([...viaPool.rowOrigin]).toEqual([...direct.rowOrigin]);
        expect(req.series[0].values.length).toBe(70); // only the packed copy was transferred
      } finally {
        pool.terminate();
      }
    }
  }, 60_000);
});
