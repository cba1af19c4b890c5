import { describe, expect, it } from 'vitest';
import { isAbortError } from '../../../src/lib/core/abort';
import { poissonDistribution } from '../../../src/lib/policy/discrete';
import { evaluateSs } from '../../../src/lib/policy/ss-exact';
import { simulateMany, simulateManySync } from '../../../src/lib/sim/many';
import { confidenceInterval } from '../../../src/lib/sim/stats';

const items = (n: number, mean: number, s: number, S: number) => ({
  means: new Float64Array(n).fill(mean),
  s: new Float64Array(n).fill(s),
  S: new Float64Array(n).fill(S),
});

describe('simulateMany ((s,S), Poisson, backorders)', () => {
  it.each([
    { L: 0, s: 6, S: 40 },
    { L: 2, s: 26, S: 62 },
  ])('items as replications: the 95 % CI of cost covers the exact cost, L = $L', ({ L, s, S }) => {
    const exact = evaluateSs({ demand: poissonDistribution(10), leadTimePeriods: L, orderCost: 64, holdingCost: 1, backorderCost: 9, s, S });
    const r = simulateManySync({
      ...items(400, 10, s, S),
      leadTimePeriods: L,
      periods: 5000,
      warmupPeriods: 100,
      seed: 77,
      holdingCost: 1,
      backorderCost: 9,
      orderCost: 64,
    });
    const ci = confidenceInterval(r.costPerPeriod);
    expect(ci.low).toBeLessThanOrEqual(exact.costPerPeriod);
    expect(ci.high).toBeGreaterThanOrEqual(exact.costPerPeriod);
    const fill = confidenceInterval(r.fillRate);
    expect(Math.abs(fill.mean - exact.fillRate)).toBeLessThan(3 * fill.halfWidth + 1e-3);
    expect(r.itemPeriods).toBe(400 * 5100);
  });
  it('mixed items: each item uses its own mean and policy', () => {
    const r = simulateManySync({
      means: [1, 100],
      s: [-1, 92],
      S: [11, 113],
      periods: 20_000,
      warmupPeriods: 100,
      holdingCost: 1,
      backorderCost: 9,
      orderCost: 64,
    });
    const e1 = evaluateSs({ demand: poissonDistribution(1), orderCost: 64, holdingCost: 1, backorderCost: 9, s: -1, S: 11 });
    const e2 = evaluateSs({ demand: poissonDistribution(100), orderCost: 64, holdingCost: 1, backorderCost: 9, s: 92, S: 113 });
    expect(Math.abs(r.costPerPeriod[0] / e1.costPerPeriod - 1)).toBeLessThan(0.03);
    expect(Math.abs(r.costPerPeriod[1] / e2.costPerPeriod - 1)).toBeLessThan(0.03);
    expect(r.costPerPeriod[0]).toBeCloseTo(r.holdingCostPerPeriod[0] + r.backorderCostPerPeriod[0] + r.orderCostPerPeriod[0], 12);
  });
  it('the async version equals the sync one exactly and reports progress to the end', async () => {
    const input = { ...items(3000, 4, 3, 20), periods: 365, seed: 5, holdingCost: 1, backorderCost: 5, orderCost: 10 };
    const seen: number[] = [];
    const a = await simulateMany(input, new AbortController().signal, (p) => seen.push(p.done));
    const b = simulateManySync(input);
    expect(a.costPerPeriod).toEqual(b.costPerPeriod);
    expect(seen[seen.length - 1]).toBe(3000);
  });
  it('aborting rejects with AbortError', async () => {
    const c = new AbortController();
    const input = { ...items(20_000, 4, 3, 20), periods: 365, holdingCost: 1, backorderCost: 5 };
    const run = simulateMany(input, c.signal, () => c.abort());
    await expect(run).rejects.toSatisfy(isAbortError);
  });
  it('rejects mismatched lengths and S ≤ s', () => {
    expect(() => simulateManySync({ means: [1, 2], s: [0], S: [3, 4], periods: 10, holdingCost: 1, backorderCost: 1 })).toThrow(/invalid s\.length: 1/);
    expect(() => simulateManySync({ means: [1], s: [3], S: [3], periods: 10, holdingCost: 1, backorderCost: 1 })).toThrow(/invalid S\[0\]: 3/);
    expect(() => simulateManySync({ means: [0], s: [0], S: [3], periods: 10, holdingCost: 1, backorderCost: 1 })).toThrow(/invalid means\[0\]: 0/);
  });
});
