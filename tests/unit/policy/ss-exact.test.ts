import { describe, expect, it } from 'vitest';
import golden from '../../fixtures/golden/policy/ss.json';
import {
  fitDistribution,
  fromMasses,
  negativeBinomialDistribution,
  poissonDistribution,
  quantileDistribution,
} from '../../../src/lib/policy/discrete';
import { evaluateSs, optimizeSs } from '../../../src/lib/policy/ss-exact';

const zf = golden.published.zhengFedergruen;

describe('optimizeSs (Zheng-Federgruen 1991)', () => {
  it('Poisson mean 10, K = 64, h = 1, p = 9, L = 0 gives s = 6, S = 40, cost 35.022 (published)', () => {
    const r = optimizeSs({ demand: poissonDistribution(10), orderCost: 64, holdingCost: 1, backorderCost: 9 });
    expect([r.s, r.S]).toEqual([6, 40]);
    expect(r.costPerPeriod).toBeCloseTo(35.022, 3);
  });
  it.each(zf)('Zheng & Federgruen Table I, Poisson mean $mean: s = $s, S = $S, cost $cost', ({ mean, s, S, cost }) => {
    const r = optimizeSs({ demand: poissonDistribution(mean), orderCost: 64, holdingCost: 1, backorderCost: 9 });
    expect([r.s, r.S]).toEqual([s, S]);
    expect(Math.abs(r.costPerPeriod - cost)).toBeLessThan(5e-4);
  });
  it.each(golden.published.snyderShen)('Snyder & Shen $name: optimum and evaluations', (c) => {
    const o = { demand: poissonDistribution(c.mean), orderCost: c.K, holdingCost: c.h, backorderCost: c.p };
    const r = optimizeSs(o);
    expect([r.s, r.S]).toEqual([c.s, c.S]);
    expect(r.costPerPeriod).toBeCloseTo(c.cost, 10);
    for (const e of c.evaluations) expect(evaluateSs({ ...o, s: e.s, S: e.S }).costPerPeriod).toBeCloseTo(e.cost, 10);
  });

  const custom = fromMasses(golden.bruteForce.customPmf);
  const demandFor = (name: string) => {
    if (name.startsWith('poisson10')) return poissonDistribution(10);
    if (name.startsWith('poisson1-')) return poissonDistribution(1);
    if (name.startsWith('poisson3.5')) return poissonDistribution(3.5);
    if (name.startsWith('nbinom')) return negativeBinomialDistribution(5, 15);
    return custom;
  };
  it.each(golden.bruteForce.instances)(
    '$name ($note): matches exhaustive search with Markov-chain costs',
    ({ name, K, h, p, L, s, S, cost, others }) => {
      const o = { demand: demandFor(name), leadTimePeriods: L, orderCost: K, holdingCost: h, backorderCost: p };
      const r = optimizeSs(o);
      expect([r.s, r.S]).toEqual([s, S]);
      expect(r.costPerPeriod).toBeCloseTo(cost, 9);
      for (const e of others) expect(evaluateSs({ ...o, s: e.s, S: e.S }).costPerPeriod).toBeCloseTo(e.cost, 9);
    },
  );
});

describe('evaluateSs', () => {
  const o = { demand: poissonDistribution(10), orderCost: 64, holdingCost: 1, backorderCost: 9 };
  it('cost = order + holding + backorder components, and h·onHand, p·backorders', () => {
    const e = evaluateSs({ ...o, s: 6, S: 40 });
    expect(e.costPerPeriod).toBeCloseTo(e.orderCostPerPeriod + e.holdingCostPerPeriod + e.backorderCostPerPeriod, 12);
    expect(e.holdingCostPerPeriod).toBeCloseTo(e.averageOnHand, 12);
    expect(e.backorderCostPerPeriod).toBeCloseTo(9 * e.averageBackorders, 12);
    expect(e.ordersPerPeriod).toBeGreaterThan(0);
    expect(e.ordersPerPeriod).toBeLessThan(1);
    expect(e.fillRate).toBeGreaterThan(0.9);
    expect(e.fillRate).toBeLessThan(1);
  });
  it('(S − 1, S) with K = 0 is the base-stock cost G(S)', () => {
    const e = evaluateSs({ ...o, orderCost: 0, s: 12, S: 13 });
    // G(13) for Poisson(10): h·E(13 − D)⁺ + p·E(D − 13)⁺.
    let g = 0;
    let f = Math.exp(-10);
    for (let k = 0; k < 80; k++) {
      g += f * (k < 13 ? 13 - k : 9 * (k - 13));
      f *= 10 / (k + 1);
    }
    expect(e.costPerPeriod).toBeCloseTo(g, 10);
  });
  it('rejects S ≤ s and non-integers', () => {
    expect(() => evaluateSs({ ...o, s: 5, S: 5 })).toThrow(/invalid S: 5/);
    expect(() => evaluateSs({ ...o, s: 5.5, S: 9 })).toThrow(/invalid s: 5.5/);
  });
  it('optimizeSs is unchanged by the order of ties: K = 0 returns the base-stock policy', () => {
    const r = optimizeSs({ ...o, orderCost: 0 });
    expect(r.S).toBe(r.myopicLevel);
    expect(r.s).toBe(r.S - 1);
  });
});

describe('optimizeSs with fitted and forecast-quantile demand', () => {
  it('a pmf built from forecast quantiles: the optimum beats its neighbours', () => {
    const demand = quantileDistribution([0.1, 0.5, 0.9], [2, 6, 12]);
    const o = { demand, leadTimePeriods: 1, orderCost: 30, holdingCost: 1, backorderCost: 8 };
    const best = optimizeSs(o);
    for (const [ds, dS] of [[-1, 0], [1, 0], [0, -1], [0, 1], [1, 1], [-1, -1]]) {
      if (best.S + dS > best.s + ds) expect(evaluateSs({ ...o, s: best.s + ds, S: best.S + dS }).costPerPeriod).toBeGreaterThanOrEqual(best.costPerPeriod - 1e-12);
    }
  });
  it('a distribution fitted to a series (negative binomial) works end to end', () => {
    const demand = fitDistribution([0, 3, 0, 8, 1, 0, 12, 2, 0, 5, 1, 7]);
    const r = optimizeSs({ demand, orderCost: 20, holdingCost: 1, backorderCost: 10 });
    expect(r.S).toBeGreaterThan(r.s);
    expect(Number.isFinite(r.costPerPeriod)).toBe(true);
  });
});
