import { describe, expect, it } from 'vitest';
import { goldenSection, gridGoldenSection } from '../../../src/lib/core/optimize';
import { rqCost, rqOptimize } from '../../../src/lib/policy/rq';

describe('goldenSection (the one line search)', () => {
  it('finds the minimum of a unimodal function to the tolerance', () => {
    const r = goldenSection((x) => (x - 0.3) ** 2 + 1, 0, 2, { tolerance: 1e-9 });
    expect(r.x).toBeCloseTo(0.3, 6); // f is flat to 1e-16 within 1e-8 of 0.3: no finer x is knowable
    expect(r.value).toBeCloseTo(1, 12);
  });

  it('spends one evaluation per narrowing step, plus the two first interior points', () => {
    // Each step shrinks the bracket by 1/φ, so reaching 1e-6 from width 1 takes ⌈ln(1e6)/ln(φ)⌉ = 29 steps.
    const r = goldenSection((x) => Math.abs(x - 0.7), 0, 1, { tolerance: 1e-6 });
    expect(r.evaluations).toBe(2 + 29);
  });

  it('stops after maxIterations even when the bracket is still wide', () => {
    expect(goldenSection((x) => x * x, -1, 1, { tolerance: 0, maxIterations: 5 }).evaluations).toBe(7);
  });

  it('treats NaN as +Infinity and keeps the finite side', () => {
    const r = goldenSection((x) => (x < 0.5 ? NaN : x), 0, 1);
    expect(r.x).toBeGreaterThanOrEqual(0.5);
    expect(Number.isFinite(r.value)).toBe(true);
  });

  it('gridGoldenSection refines its best grid point with it', () => {
    // Two dips: the grid finds the deeper one at 0.8, the line search then pins it.
    const f = (x: number) => Math.min((x - 0.2) ** 2 + 0.01, (x - 0.83) ** 2);
    const r = gridGoldenSection(f, 0, 1);
    expect(r.x).toBeCloseTo(0.83, 4);
    expect(r.evaluations).toBeGreaterThan(11);
  });

  it('rqOptimize, which searches Q with it, finds a cost no neighbour beats', () => {
    const o = { demandPerPeriod: 20, sdPerPeriod: 6, leadTimePeriods: 3, orderCost: 100, holdingCost: 1, backorderCost: 10 };
    const r = rqOptimize(o);
    for (const [dr, dq] of [[0, -1], [0, 1], [-1, 0], [1, 0], [0.5, 0.5]]) {
      const c = rqCost({ ...o, reorderPoint: r.reorderPoint + dr, orderQuantity: r.orderQuantity + dq }).costPerPeriod;
      expect(c).toBeGreaterThan(r.costPerPeriod);
    }
  });
});
