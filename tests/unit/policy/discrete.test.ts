import { describe, expect, it } from 'vitest';
import {
  convolve,
  convolvePower,
  cumulative,
  discreteQuantile,
  empiricalDistribution,
  expectedLeftover,
  expectedShortage,
  fitDistribution,
  negativeBinomialDistribution,
  poissonDistribution,
  quantileDistribution,
  TAIL_MASS,
} from '../../../src/lib/policy/discrete';

function sum(a: Float64Array): number {
  return a.reduce((x, y) => x + y, 0);
}

describe('discrete demand distributions', () => {
  it.each([0.01, 1, 10, 100, 2500])('poissonDistribution(%f) sums to 1 with mean and variance = mean', (mean) => {
    const d = poissonDistribution(mean);
    expect(sum(d.pmf)).toBeCloseTo(1, 14);
    expect(d.mean).toBeCloseTo(mean, 9);
    expect(d.variance / mean).toBeCloseTo(1, 9);
  });
  it('poissonDistribution(10) masses match e^−λ λ^k / k!', () => {
    const d = poissonDistribution(10);
    let f = Math.exp(-10);
    for (let k = 0; k < 40; k++) {
      expect(Math.abs(d.pmf[k] - f)).toBeLessThan(1e-15 + 1e-13 * f);
      f *= 10 / (k + 1);
    }
  });
  it('negativeBinomialDistribution(5, 15) has the requested mean and variance', () => {
    const d = negativeBinomialDistribution(5, 15);
    expect(d.mean).toBeCloseTo(5, 10);
    expect(d.variance).toBeCloseTo(15, 8);
  });
  it('negativeBinomialDistribution rejects variance ≤ mean', () => {
    expect(() => negativeBinomialDistribution(5, 5)).toThrow(/invalid variance: 5/);
  });
  it('empiricalDistribution skips NaN, rounds, and clamps returns to 0', () => {
    const d = empiricalDistribution([1, 1, NaN, 2.4, -3]);
    expect(Array.from(d.pmf)).toEqual([0.25, 0.5, 0.25]);
  });
  it('fitDistribution picks Poisson for equidispersed and NB for overdispersed series', () => {
    const poissonLike = [3, 5, 4, 6, 2, 4, 5, 3, 4, 4];
    expect(fitDistribution(poissonLike).variance).toBeCloseTo(fitDistribution(poissonLike).mean, 8);
    const lumpy = [0, 0, 12, 0, 1, 0, 15, 0, 0, 9];
    const nb = fitDistribution(lumpy);
    expect(nb.variance).toBeGreaterThan(nb.mean * 2);
  });
  it('convolvePower(Poisson(2), 3) equals Poisson(6)', () => {
    const a = convolvePower(poissonDistribution(2), 3);
    const b = poissonDistribution(6);
    for (let k = 0; k < 30; k++) expect(a.pmf[k]).toBeCloseTo(b.pmf[k], 14);
    expect(convolve(poissonDistribution(1), poissonDistribution(2)).mean).toBeCloseTo(3, 12);
  });
  it('quantileDistribution reproduces the given quantiles', () => {
    const levels = [0.1, 0.25, 0.5, 0.75, 0.9];
    const values = [20, 30, 40, 52, 65];
    const d = quantileDistribution(levels, values);
    expect(sum(d.pmf)).toBeCloseTo(1, 14);
    const cdf = cumulative(d);
    // With rounding to whole units, P(D ≤ q) = F(q + ½) is within one unit's slope of the level.
    levels.forEach((tau, i) => expect(Math.abs(cdf[values[i]] - tau)).toBeLessThan(0.02));
    expect(discreteQuantile(d, 0.5)).toBe(40);
  });
  it('quantileDistribution rejects non-increasing levels', () => {
    expect(() => quantileDistribution([0.5, 0.4], [1, 2])).toThrow(/invalid levels\[1\]: 0.4/);
  });
  it('expectedShortage − expectedLeftover = mean − y', () => {
    const d = poissonDistribution(7);
    for (const y of [-3, 0, 5, 7, 20, 80]) {
      expect(expectedShortage(d, y) - expectedLeftover(d, y)).toBeCloseTo(d.mean - y, 10);
    }
  });
  it('truncation loses less than TAIL_MASS', () => {
    expect(TAIL_MASS).toBeLessThan(1e-12);
  });
});
