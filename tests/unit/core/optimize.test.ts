import { describe, expect, it } from 'vitest';
import { gridGoldenSection, nelderMead } from '../../../src/lib/core/optimize';

describe('nelderMead', () => {
  it('finds the minimum of a shifted quadratic bowl', () => {
    const r = nelderMead((x) => (x[0] - 3) ** 2 + 10 * (x[1] + 1) ** 2, Float64Array.of(0, 0), {
      fTolerance: 1e-12,
      xTolerance: 1e-7,
    });
    expect(r.x[0]).toBeCloseTo(3, 5);
    expect(r.x[1]).toBeCloseTo(-1, 5);
    expect(r.converged).toBe(true);
  });
  it('solves the Rosenbrock function from (−1.2, 1)', () => {
    const rosen = (x: Float64Array) => 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2;
    const r = nelderMead(rosen, Float64Array.of(-1.2, 1), { fTolerance: 1e-14, xTolerance: 1e-8, maxEvaluations: 5000 });
    expect(r.x[0]).toBeCloseTo(1, 4);
    expect(r.x[1]).toBeCloseTo(1, 4);
  });
  it('treats NaN and Infinity as infeasible and stays in the feasible region', () => {
    const f = (x: Float64Array) => (x[0] < 0 ? NaN : (x[0] - 2) ** 2 + x[1] ** 2);
    const r = nelderMead(f, Float64Array.of(1, 1), { fTolerance: 1e-12, xTolerance: 1e-7 });
    expect(r.x[0]).toBeCloseTo(2, 4);
    expect(Number.isFinite(r.value)).toBe(true);
  });
  it('stops at the evaluation budget and says it did not converge', () => {
    const r = nelderMead((x) => x.reduce((s, v) => s + v * v, 0), new Float64Array(6).fill(5), { maxEvaluations: 20 });
    expect(r.evaluations).toBeLessThanOrEqual(20 + 6);
    expect(r.converged).toBe(false);
  });
  it('takes one step per coordinate when given an array', () => {
    const r = nelderMead((x) => (x[0] - 1000) ** 2 + (x[1] - 0.001) ** 2, Float64Array.of(0, 0), {
      step: [100, 0.001],
      fTolerance: 1e-14,
      xTolerance: 1e-9,
      maxEvaluations: 4000,
    });
    expect(r.x[0]).toBeCloseTo(1000, 3);
  });
});

describe('gridGoldenSection', () => {
  it('finds the global minimum of a function with two local minima', () => {
    // Local minimum near 0.2 (value 0.5), global near 0.8 (value 0).
    const f = (x: number) => Math.min((x - 0.2) ** 2 + 0.5, 4 * (x - 0.8) ** 2);
    const r = gridGoldenSection(f, 0, 1);
    expect(r.x).toBeCloseTo(0.8, 4);
    expect(r.evaluations).toBeLessThan(40);
  });
  it('finds a minimum on the boundary', () => {
    expect(gridGoldenSection((x) => x, 0, 1).x).toBe(0);
  });
});
