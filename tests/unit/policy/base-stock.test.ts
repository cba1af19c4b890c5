import { describe, expect, it } from 'vitest';
import golden from '../../fixtures/golden/policy/newsvendor.json';
import { baseStockDiscrete, baseStockNormal } from '../../../src/lib/policy/base-stock';
import { poissonDistribution } from '../../../src/lib/policy/discrete';
import { newsvendorPoisson } from '../../../src/lib/policy/newsvendor';
import { optimizeSs } from '../../../src/lib/policy/ss-exact';

describe('baseStockNormal', () => {
  const ex = golden.published.find((c) => c.kind === 'base-stock')!;
  it('Snyder & Shen Example 4.4: L = 4 uses demand over L + 1 = 5 periods', () => {
    const o = { meanPerPeriod: 50, sdPerPeriod: 8, leadTimePeriods: 4, holdingCost: 0.18, backorderCost: 0.7 };
    const r = baseStockNormal(o);
    expect(r.orderUpTo).toBeCloseTo(ex.orderQuantity, 9);
    expect(r.costPerPeriod).toBeCloseTo(ex.cost, 9);
    expect(baseStockNormal({ ...o, orderUpTo: 180 }).costPerPeriod).toBeCloseTo(ex.evaluate.cost, 9);
    expect(r.cycleServiceLevel).toBeCloseTo(0.7 / 0.88, 12);
  });
  it('R > 1: the optimum sets the average of P(D(L+j) ≤ S) over j = 1..R to p/(p+h) and beats neighbours', () => {
    const o = { meanPerPeriod: 20, sdPerPeriod: 6, leadTimePeriods: 2, reviewPeriods: 4, holdingCost: 1, backorderCost: 9 };
    const r = baseStockNormal(o);
    for (const d of [-1, 1]) expect(baseStockNormal({ ...o, orderUpTo: r.orderUpTo + d }).costPerPeriod).toBeGreaterThan(r.costPerPeriod);
    expect(r.fillRate).toBeGreaterThan(0.9);
    expect(r.fillRate).toBeLessThan(1);
  });
  it('stays finite when p/(p+h) rounds to 1', () => {
    const r = baseStockNormal({ meanPerPeriod: 5, sdPerPeriod: 1, leadTimePeriods: 0, holdingCost: 1e-9, backorderCost: 1e9 });
    expect(Number.isFinite(r.orderUpTo)).toBe(true);
    expect(r.z).toBeGreaterThan(8);
  });
});

describe('baseStockDiscrete', () => {
  it('R = 1 equals the newsvendor on Poisson demand over L + 1 periods', () => {
    const r = baseStockDiscrete({ demand: poissonDistribution(3), leadTimePeriods: 2, holdingCost: 1, backorderCost: 4 });
    const nv = newsvendorPoisson({ mean: 9, holdingCost: 1, shortageCost: 4 });
    expect(r.orderUpTo).toBe(nv.orderQuantity);
    expect(r.costPerPeriod).toBeCloseTo(nv.expectedCost, 10);
  });
  it('R = 1 and L = 1 equals the exact (s,S) optimum with K = 0 (golden: Markov-chain brute force)', () => {
    const r = baseStockDiscrete({ demand: poissonDistribution(3.5), leadTimePeriods: 1, holdingCost: 2, backorderCost: 10 });
    const ss = optimizeSs({ demand: poissonDistribution(3.5), leadTimePeriods: 1, orderCost: 0, holdingCost: 2, backorderCost: 10 });
    expect(r.orderUpTo).toBe(10);
    expect(ss.S).toBe(10);
    expect(ss.s).toBe(9);
    expect(r.costPerPeriod).toBeCloseTo(8.415845978641896, 10);
    expect(r.fillRate).toBeCloseTo(ss.fillRate, 10);
  });
  it('R > 1: integer optimum beats S ± 1', () => {
    const o = { demand: poissonDistribution(4), leadTimePeriods: 1, reviewPeriods: 3, holdingCost: 1, backorderCost: 12 };
    const r = baseStockDiscrete(o);
    for (const d of [-1, 1]) expect(baseStockDiscrete({ ...o, orderUpTo: r.orderUpTo + d }).costPerPeriod).toBeGreaterThanOrEqual(r.costPerPeriod);
  });
  it('rejects a fractional order-up-to level for discrete demand', () => {
    expect(() => baseStockDiscrete({ demand: poissonDistribution(4), leadTimePeriods: 0, holdingCost: 1, backorderCost: 2, orderUpTo: 3.5 })).toThrow(
      /invalid orderUpTo: 3.5/,
    );
  });
});
