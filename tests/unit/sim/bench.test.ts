import { describe, expect, it } from 'vitest';
import { runSimBench } from '../../../src/lib/sim/bench';

describe('runSimBench', () => {
  it('returns one throughput row and one optimisation row per mean, all finite and positive', () => {
    const rows = runSimBench({ items: 200, periods: 50, optimizations: 20, minTimeMs: 5 });
    expect(rows.map((r) => r.unit)).toEqual(['item-periods/s', 'ms/item', 'item-periods/s', 'ms/item', 'item-periods/s', 'ms/item']);
    for (const r of rows) expect(Number.isFinite(r.value) && r.value > 0).toBe(true);
  });
  it('exact (s,S) optimisation at Poisson mean 10 takes under 5 ms per item (spec budget; measured ≈ 0.03-0.1 ms)', () => {
    const [, opt] = runSimBench({ means: [10], items: 10, periods: 10, optimizations: 100, minTimeMs: 20, now: () => performance.now() });
    expect(opt.value).toBeLessThan(5);
  });
});
