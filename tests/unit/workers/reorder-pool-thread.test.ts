import { describe, expect, it } from 'vitest';
import { createSyntheticReorderInput } from '../../../src/lib/reorder/bench';
import { runReorder } from '../../../src/lib/reorder/engine';
import { createReorderPool } from '../../../src/workers/reorder-pool';
import { spawnThread } from './node-thread';

// The reorder pool with real worker threads in place of browser workers: each part's typed arrays are transferred,
// planned in a separate heap, and merged back (issue #13: the same result whatever the pool size).
const ENTRY = new URL('./reorder-plan-thread-entry.ts', import.meta.url);

describe('the reorder pool on worker threads', () => {
  it('1 and 3 workers give exactly the in-thread result, and the caller\'s forecasts stay readable', async () => {
    const input = createSyntheticReorderInput({ items: 3000, seed: 3 });
    const direct = runReorder(input);
    for (const size of [1, 3]) {
      const pool = createReorderPool(size, () => spawnThread(ENTRY));
      try {
        await pool.warm(); // an empty part starts each worker
        const viaPool = await pool.reorder(input);
        expect(pool.size).toBe(size);
        for (const k of Object.keys(direct.columns) as Array<keyof typeof direct.columns>) {
          expect(Array.from(viaPool.columns[k], String), k).toEqual(Array.from(direct.columns[k], String));
        }
        expect([...viaPool.status]).toEqual([...direct.status]);
        expect([...viaPool.flags]).toEqual([...direct.flags]);
        expect([...viaPool.xyz]).toEqual([...direct.xyz]);
        expect(viaPool.reasons).toEqual(direct.reasons);
        expect(input.forecasts[0].mean.length).toBe(90); // only packed copies were transferred
      } finally {
        pool.terminate();
      }
    }
  }, 120_000);
});
