import { describe, expect, it } from 'vitest';
import { createSyntheticReorderInput, runReorderBench } from '../../../src/lib/reorder/bench';
import { runReorder } from '../../../src/lib/reorder/engine';
import { STATUS } from '../../../src/lib/reorder/types';

describe('reorder benchmark workload', () => {
  it('is seeded and exercises every main status', () => {
    const a = createSyntheticReorderInput({ items: 3000, seed: 5 });
    const b = createSyntheticReorderInput({ items: 3000, seed: 5 });
    expect(a.items.map((i) => i.onHand)).toEqual(b.items.map((i) => i.onHand));
    const r = runReorder(a);
    for (const s of [STATUS.CRITICAL, STATUS.REORDER, STATUS.HEALTHY, STATUS.OVERSTOCK, STATUS.NO_FORECAST, STATUS.STOCK_UNKNOWN]) {
      expect(r.summary.statusCounts[s]).toBeGreaterThan(0);
    }
  });

  it('runReorderBench reports the engine, explanation and insight timings', () => {
    const rows = runReorderBench({ items: 2000, repeats: 1, horizonDays: 30 });
    expect(rows.map((r) => r.unit)).toEqual(['ms', 'ms', 'ms']);
    for (const r of rows) expect(r.value).toBeGreaterThanOrEqual(0);
    expect(rows[0].name).toBe('runReorder, 2000 items × 30 daily periods');
  });
});

