import { describe, expect, it } from 'vitest';
import { eoq } from '../../../src/lib/policy/eoq';
import { eoqBackorderCost } from '../../../src/lib/policy/eoq-backorders';
import { rqPoissonCost, rqPoissonOptimize } from '../../../src/lib/policy/rq-poisson';
import { finiteHorizonDp } from '../../../src/lib/policy/finite-horizon';
import { compareSsPower, powerApproximation } from '../../../src/lib/policy/ss-power';
import { poissonDistribution } from '../../../src/lib/policy/discrete';
import golden from '../../fixtures/golden/policy/ss.json';
import { erlangLoss, lostSalesBaseStock, optimizeLostSalesBaseStock } from '../../../src/lib/policy/lost-sales';
import { createRng } from '../../../src/lib/core/rng';

/**
 * Published examples from Snyder & Shen, Fundamentals of Supply Chain Theory (2nd ed., 2019), with the figures as
 * their companion library LarrySnyder/stockpyl reproduces them in its tests (tests/test_eoq.py, tests/test_rq.py).
 */
describe('EOQ with planned backorders at any Q and backorder fraction', () => {
  const ex38 = { demandPerPeriod: 1300, orderCost: 8, holdingCost: 0.75 * 0.3, backorderCost: 5 };
  it('Snyder & Shen Example 3.8: Q* = 310.8126, x* = 0.043062, cost 66.9214 (published), and g(Q*, x*) is that cost', () => {
    const best = eoq(ex38);
    expect(best.orderQuantity).toBeCloseTo(310.8125551589646, 9);
    expect(best.stockoutFraction).toBeCloseTo(0.043062200956938, 12);
    expect(best.costPerPeriod).toBeCloseTo(66.921363550973254, 9);
    const g = eoqBackorderCost({ ...ex38, orderQuantity: best.orderQuantity, backorderFraction: best.stockoutFraction });
    expect(g.costPerPeriod).toBeCloseTo(66.921363550973254, 9);
    expect(g.costPerPeriod).toBeCloseTo(g.orderingCost + g.holdingCost + g.backorderCost, 12);
  });
  it('Snyder & Shen Problem 3.2(b): Q* = 83.2354, x* = 0.40030, cost 1999.148 (published)', () => {
    const o = { demandPerPeriod: 40 * 52, orderCost: 40, holdingCost: 165 * 0.17 + 12, backorderCost: 60 };
    const best = eoq(o);
    expect(best.orderQuantity).toBeCloseTo(83.235448128898042, 9);
    expect(best.stockoutFraction).toBeCloseTo(0.400299850074962, 12);
    expect(eoqBackorderCost({ ...o, orderQuantity: best.orderQuantity, backorderFraction: best.stockoutFraction }).costPerPeriod).toBeCloseTo(1999.148244415212, 8);
  });
  it('any other Q or x costs more; x = 0 is the classic EOQ cost', () => {
    const best = eoq(ex38);
    for (const [dq, dx] of [[1.1, 0], [0.9, 0], [1, 0.02], [1, -0.02]]) {
      expect(eoqBackorderCost({ ...ex38, orderQuantity: best.orderQuantity * dq, backorderFraction: best.stockoutFraction + dx }).costPerPeriod).toBeGreaterThan(best.costPerPeriod);
    }
    const classic = eoq({ demandPerPeriod: 1300, orderCost: 8, holdingCost: 0.225 });
    expect(eoqBackorderCost({ ...ex38, orderQuantity: classic.orderQuantity, backorderFraction: 0 }).costPerPeriod).toBeCloseTo(classic.costPerPeriod, 9);
  });
  it('names a bad fraction', () => {
    expect(() => eoqBackorderCost({ ...ex38, orderQuantity: 100, backorderFraction: 1.5 })).toThrow(/invalid backorderFraction: 1.5/);
  });
});

describe('(r, Q) with Poisson demand, exact', () => {
  const ex58 = { holdingCost: 20, backorderCost: 150, orderCost: 100, demandRate: 1.5, leadTime: 2 };
  it('Snyder & Shen Example 5.8: optimum r = 3, Q = 5, cost 107.9236 (published); g(8, 12) = 242.5282', () => {
    const best = rqPoissonOptimize(ex58);
    expect([best.reorderPoint, best.orderQuantity]).toEqual([3, 5]);
    expect(best.costPerPeriod).toBeCloseTo(107.9235806331498, 8);
    expect(rqPoissonCost({ ...ex58, reorderPoint: 8, orderQuantity: 12 }).costPerPeriod).toBeCloseTo(242.5281637662021, 8);
  });
  it('Snyder & Shen Problem 5.2: g(6, 7) = 28.2413, g(3, 9) = 34.2642 (published), and the optimum is no dearer than any (r, Q) searched', () => {
    const o = { holdingCost: 4, backorderCost: 28, orderCost: 4, demandRate: 12, leadTime: 0.5 };
    expect(rqPoissonCost({ ...o, reorderPoint: 6, orderQuantity: 7 }).costPerPeriod).toBeCloseTo(28.241312842169155, 8);
    expect(rqPoissonCost({ ...o, reorderPoint: 3, orderQuantity: 9 }).costPerPeriod).toBeCloseTo(34.264154469469503, 8);
    const best = rqPoissonOptimize(o);
    for (let r = -2; r <= 15; r++) for (let Q = 1; Q <= 25; Q++) expect(rqPoissonCost({ ...o, reorderPoint: r, orderQuantity: Q }).costPerPeriod).toBeGreaterThanOrEqual(best.costPerPeriod - 1e-9);
  });
});

describe('finite-horizon (s, S) by dynamic programming (Scarf)', () => {
  // stockpyl's documented example of Snyder & Shen's finite-horizon DP (finite_horizon_dp(5, 1, 20, 1, 20, 2, 50,
  // 100, 20), README and docstring): s = 110, 110, 110, 110, 111; S = 133, 133, 133, 133, 126; cost 1558.6946.
  const example = { periods: 5, holdingCost: 1, backorderCost: 20, terminalHoldingCost: 1, terminalBackorderCost: 20, unitCost: 2, orderCost: 50, demandMean: 100, demandSd: 20 };
  it('Snyder & Shen DP example (via stockpyl): period-dependent s_t, S_t and the expected cost (published)', () => {
    const r = finiteHorizonDp(example);
    expect(Array.from(r.reorderPoints)).toEqual([110, 110, 110, 110, 111]);
    expect(Array.from(r.orderUpTo)).toEqual([133, 133, 133, 133, 126]);
    expect(r.expectedCost).toBeCloseTo(1558.6946467384014, 6);
  });
  it('K = 0 gives a base-stock policy at the myopic levels (stockpyl myopic_bounds: 133.37 in periods 1–4, 126.18 in period 5)', () => {
    const r = finiteHorizonDp({ ...example, orderCost: 0 });
    expect(Array.from(r.reorderPoints)).toEqual(Array.from(r.orderUpTo));
    expect(Array.from(r.orderUpTo)).toEqual([133, 133, 133, 133, 126]);
  });
  it('θ_1 is K-convex in the start level: ordering is never worth more than K over not ordering', () => {
    const r = finiteHorizonDp(example);
    const { levels, costPeriod1 } = r.grid;
    const S = r.orderUpTo[0];
    const atS = costPeriod1[S - levels[0]];
    for (let i = 0; i < levels.length; i++) if (levels[i] <= r.reorderPoints[0]) expect(costPeriod1[i] - (atS + 50 + 2 * (S - levels[i]))).toBeLessThan(1e-9);
  });
});

describe('(s, S) power approximation (Ehrhardt & Mosier) next to the exact optimum', () => {
  it('Snyder & Shen Example 4.8 (h 0.18, p 0.70, K 2.5, μ 50, σ 8): s = 40.1946, S = 74.2902 (published)', () => {
    const r = powerApproximation({ mean: 50, sd: 8, orderCost: 2.5, holdingCost: 0.18, backorderCost: 0.7 });
    expect(r.s).toBeCloseTo(40.19461695647407, 9);
    expect(r.S).toBeCloseTo(74.29017010980579, 9);
  });
  it.each(golden.published.zhengFedergruen.filter((_, k) => k % 3 === 0))('Zheng & Federgruen Table I, Poisson mean $mean: the approximation costs more than the published optimum, by under 10%', ({ mean, cost }) => {
    const r = compareSsPower({ demand: poissonDistribution(mean), orderCost: 64, holdingCost: 1, backorderCost: 9 });
    expect(r.exact.costPerPeriod).toBeCloseTo(cost, 2);
    expect(r.penalty).toBeGreaterThanOrEqual(0);
    // Measured on these instances: 0–8.4 % (the approximation was fitted to normal demand with larger σ/μ).
    expect(r.penalty).toBeLessThan(0.1);
  });
});

describe('lost sales in closed form: (S − 1, S) with Poisson demand (Erlang loss)', () => {
  it('B(10, 5) = 0.01838, the value of standard Erlang B tables (10 servers, 5 erlangs)', () => {
    expect(erlangLoss(10, 5)).toBeCloseTo(0.01838457, 7);
    expect(erlangLoss(1, 1)).toBeCloseTo(0.5, 12);
  });
  it('an event simulation with Poisson demand and fixed lead times gives the same fill rate (Palm: only the mean lead time matters)', () => {
    const lambda = 4;
    const L = 1.5;
    const S = 8;
    const rng = createRng(5);
    let t = 0;
    let served = 0;
    let demanded = 0;
    const outstanding: number[] = [];
    while (demanded < 200_000) {
      t += -Math.log(1 - rng.next()) / lambda;
      while (outstanding.length && outstanding[0] <= t) outstanding.shift();
      demanded++;
      if (outstanding.length < S) {
        served++;
        outstanding.push(t + L);
      }
    }
    const exact = lostSalesBaseStock({ demandRate: lambda, leadTime: L, holdingCost: 1, lostSaleCost: 10, baseStock: S });
    // 200 000 demands: the simulated fill rate's standard error is about 0.001.
    expect(Math.abs(served / demanded - exact.fillRate)).toBeLessThan(0.004);
  });
  it('the optimum S is no dearer than its neighbours, and rises with the lost-sale cost', () => {
    const o = { demandRate: 4, leadTime: 1.5, holdingCost: 1, lostSaleCost: 10 };
    const best = optimizeLostSalesBaseStock(o);
    expect(lostSalesBaseStock({ ...o, baseStock: best.baseStock + 1 }).costPerPeriod).toBeGreaterThanOrEqual(best.costPerPeriod);
    expect(lostSalesBaseStock({ ...o, baseStock: best.baseStock - 1 }).costPerPeriod).toBeGreaterThanOrEqual(best.costPerPeriod);
    expect(optimizeLostSalesBaseStock({ ...o, lostSaleCost: 100 }).baseStock).toBeGreaterThan(best.baseStock);
  });
});
