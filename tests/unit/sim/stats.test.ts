import { describe, expect, it } from 'vitest';
import golden from '../../fixtures/golden/policy/normal.json';
import { confidenceInterval, studentTCdf, studentTQuantile } from '../../../src/lib/sim/stats';

describe('Student t (golden: scipy.stats.t.ppf)', () => {
  it.each(golden.studentT)('t quantile p = $p, df = $df', ({ df, p, t }) => {
    expect(Math.abs(studentTQuantile(p, df) - t)).toBeLessThan(1e-11 * Math.max(1, Math.abs(t)));
  });
  it('the CDF inverts the quantile and is symmetric', () => {
    expect(studentTCdf(studentTQuantile(0.975, 7), 7)).toBeCloseTo(0.975, 13);
    expect(studentTCdf(-1.3, 4) + studentTCdf(1.3, 4)).toBeCloseTo(1, 14);
    expect(studentTQuantile(0.025, 9)).toBeCloseTo(-studentTQuantile(0.975, 9), 13);
  });
  it('rejects df < 1 and p outside (0, 1)', () => {
    expect(() => studentTQuantile(0.9, 0)).toThrow(/invalid df: 0/);
    expect(() => studentTQuantile(1, 3)).toThrow(/invalid p: 1/);
  });
});

describe('confidenceInterval', () => {
  it('mean ± t(0.975, n−1)·s/√n', () => {
    const ci = confidenceInterval([1, 2, 3, 4, 5]);
    expect(ci.mean).toBe(3);
    expect(ci.halfWidth).toBeCloseTo((2.7764451051977987 * Math.sqrt(2.5)) / Math.sqrt(5), 12);
    expect(ci.low).toBeCloseTo(3 - ci.halfWidth, 14);
    expect(ci.n).toBe(5);
  });
  it('has zero half width for one replication', () => {
    expect(confidenceInterval([7]).halfWidth).toBe(0);
  });
});
