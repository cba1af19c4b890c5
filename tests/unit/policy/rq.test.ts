import { describe, expect, it } from 'vitest';
import golden from '../../fixtures/golden/policy/rq.json';
import { rqCost, rqForService, rqOptimize } from '../../../src/lib/policy/rq';

function opts(c: (typeof golden.cases)[number]) {
  return { demandPerPeriod: c.lambda, sdPerPeriod: c.sd, leadTimePeriods: c.L, orderCost: c.K, holdingCost: c.h, backorderCost: c.p };
}

describe('continuous-review (r,Q) with normal demand (golden: scipy quadrature + Nelder-Mead)', () => {
  it('Snyder & Shen Example 5.1: cost of (126.8, 328.5) = 78.0712 (published)', () => {
    const pub = golden.published[0];
    expect(rqCost({ ...opts(golden.cases[0]), reorderPoint: pub.r, orderQuantity: pub.Q }).costPerPeriod).toBeCloseTo(pub.cost, 9);
  });
  it.each(golden.cases)('$name: rqCost(100, 250) matches quadrature', (c) => {
    const e = c.evaluate[0];
    expect(rqCost({ ...opts(c), reorderPoint: e.r, orderQuantity: e.Q }).costPerPeriod).toBeCloseTo(e.cost, 7);
  });
  it.each(golden.cases)('$name: rqOptimize finds the minimiser', (c) => {
    const r = rqOptimize(opts(c));
    expect(r.costPerPeriod).toBeCloseTo(c.cost, 7);
    expect(r.reorderPoint).toBeCloseTo(c.r, 3);
    expect(r.orderQuantity).toBeCloseTo(c.Q, 3);
    expect(r.costPerPeriod).toBeCloseTo(r.orderCostPerPeriod + r.holdingCostPerPeriod + r.backorderCostPerPeriod, 10);
  });
  it('rqForService meets a 95 % cycle service level and a 99 % fill rate', () => {
    const c = golden.cases[0];
    expect(rqForService({ ...opts(c), target: { kind: 'cycle', level: 0.95 } }).cycleServiceLevel).toBeCloseTo(0.95, 12);
    expect(rqForService({ ...opts(c), target: { kind: 'fill-rate', level: 0.99 } }).fillRate).toBeCloseTo(0.99, 3);
  });
});
