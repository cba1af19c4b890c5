import { describe, expect, it } from 'vitest';
import golden from '../../fixtures/golden/policy/eoq.json';
import { eoq, eoqCost, eoqCostCurve } from '../../../src/lib/policy/eoq';

describe('eoq (golden: Snyder & Shen ch. 3)', () => {
  it.each(golden.cases)('$name: Q* and cost per period', (c) => {
    const r = eoq({ demandPerPeriod: c.lambda, orderCost: c.K, holdingCost: c.h, backorderCost: 'p' in c ? c.p : undefined });
    expect(r.orderQuantity).toBeCloseTo(c.Q, 9);
    expect(r.costPerPeriod).toBeCloseTo(c.cost, 8);
    if ('stockoutFraction' in c) expect(r.stockoutFraction).toBeCloseTo(c.stockoutFraction as number, 12);
  });
  it('eoqCost at Q* equals the optimal cost, and is higher elsewhere', () => {
    const o = { demandPerPeriod: 1300, orderCost: 8, holdingCost: 0.225 };
    const best = eoq(o);
    expect(eoqCost({ ...o, orderQuantity: best.orderQuantity })).toBeCloseTo(best.costPerPeriod, 10);
    expect(eoqCost({ ...o, orderQuantity: best.orderQuantity * 1.3 })).toBeGreaterThan(best.costPerPeriod);
  });
  it('eoqCostCurve has its minimum next to Q* and total = ordering + holding', () => {
    const curve = eoqCostCurve({ demandPerPeriod: 1300, orderCost: 8, holdingCost: 0.225, points: 201 });
    let argmin = 0;
    for (let i = 0; i < 201; i++) {
      expect(curve.totalCost[i]).toBeCloseTo(curve.orderingCost[i] + curve.holdingCost[i], 12);
      if (curve.totalCost[i] < curve.totalCost[argmin]) argmin = i;
    }
    const step = curve.quantity[1] - curve.quantity[0];
    expect(Math.abs(curve.quantity[argmin] - curve.optimalQuantity)).toBeLessThanOrEqual(step);
  });
  it('eoqCostCurve rejects maxQuantity ≤ minQuantity', () => {
    expect(() => eoqCostCurve({ demandPerPeriod: 1, orderCost: 1, holdingCost: 1, minQuantity: 5, maxQuantity: 5 })).toThrow(
      /invalid maxQuantity: 5/,
    );
  });
});
