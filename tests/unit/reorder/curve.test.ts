import { describe, expect, it } from 'vitest';
import { createCurve, curveAt, curveBetween, curveInverse, loadCurve } from '../../../src/lib/reorder/curve';

const curve = (v: number[], after: number) => {
  const c = createCurve(2);
  loadCurve(c, v, v.length, after);
  return c;
};

describe('curve', () => {
  it('cum[0] = 0 and cum[k + 1] = cum[k] + v[k], growing past the initial capacity', () => {
    const c = curve([1, 2, 3, 4, 5], 0);
    expect(Array.from(c.cum.subarray(0, 6))).toEqual([0, 1, 3, 6, 10, 15]);
  });

  it('C(x) takes fractions of a period, v[0] before 0 and `after` beyond n', () => {
    const c = curve([10, 20, 30], 5);
    expect(curveAt(c, 1.5)).toBe(20);
    expect(curveAt(c, 3)).toBe(60);
    expect(curveAt(c, 4.5)).toBe(67.5);
    expect(curveAt(c, -0.5)).toBe(-5);
    expect(curveBetween(c, 0.5, 2.25)).toBeCloseTo(25 - 5 + 7.5 + 25 - 20, 12);
  });

  it('is continuous at every period boundary', () => {
    const c = curve([3, 0, 7, 1], 2);
    for (const k of [0, 1, 2, 3, 4]) expect(curveAt(c, k - 1e-12)).toBeCloseTo(curveAt(c, k + 1e-12), 9);
  });

  it('curveInverse(y) = sup{x : C(x) ≤ y}: the end of a flat stretch, Infinity when demand stops', () => {
    const c = curve([10, 0, 0, 10], 0);
    expect(curveInverse(c, 5)).toBe(0.5);
    expect(curveInverse(c, 10)).toBe(3);
    expect(curveInverse(c, 15)).toBe(3.5);
    expect(curveInverse(c, 20)).toBe(Infinity);
    expect(curveInverse(c, -5)).toBe(-0.5);
    expect(curveInverse(curve([0, 1], 1), -1)).toBe(-Infinity);
    const go = curve([10, 0, 0, 10], 4);
    expect(curveInverse(go, 28)).toBe(6);
  });

  it('curveInverse undoes curveAt where the curve rises', () => {
    const c = curve([1, 4, 2, 8, 5, 7], 3);
    for (const x of [0.1, 1.7, 2.5, 3.99, 5.2, 8.4]) expect(curveInverse(c, curveAt(c, x))).toBeCloseTo(x, 12);
  });
});
