import { describe, expect, it } from 'vitest';
import golden from '../../fixtures/golden/policy/normal.json';
import {
  normalCdf,
  normalLoss,
  normalLoss2,
  normalLossInverse,
  normalPdf,
  normalQuantile,
  normalSf,
} from '../../../src/lib/policy/normal';

/** |a − b| ≤ rel·|b| + abs. */
function close(a: number, b: number, rel: number, abs = 0): void {
  expect(Math.abs(a - b)).toBeLessThanOrEqual(rel * Math.abs(b) + abs);
}

describe('standard normal (golden: scipy.stats.norm)', () => {
  it.each(golden.points)('Φ, 1 − Φ and φ at z = $z match scipy to 1e-14 relative', ({ z, cdf, sf, pdf }) => {
    close(normalPdf(z), pdf, 1e-14);
    // scipy's cdf underflows to 0 below −37.5; ours returns the subnormal value.
    close(normalCdf(z), cdf, 1e-14, 1e-300);
    close(normalSf(z), sf, 1e-14, 1e-300);
  });
  it.each(golden.points)('loss L(z) and second-order loss at z = $z match quadrature', ({ z, loss, loss2 }) => {
    close(normalLoss(z), loss, 1e-11, 1e-300);
    close(normalLoss2(z), loss2, 1e-10, 1e-300);
  });
  it.each(golden.quantiles)('Φ⁻¹($p) matches scipy to 1e-14 relative', ({ p, z }) => {
    close(normalQuantile(p), z, 1e-14, 1e-15);
  });
  it('Φ⁻¹ is ±Infinity at 0 and 1 and NaN outside [0, 1]', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(-0.1)).toBeNaN();
    expect(normalQuantile(1.1)).toBeNaN();
    expect(normalQuantile(NaN)).toBeNaN();
  });
  it('Φ(Φ⁻¹(p)) = p across the range', () => {
    for (let i = 1; i < 1000; i++) close(normalCdf(normalQuantile(i / 1000)), i / 1000, 1e-14);
  });
  it('L(z) − L(−z) = −z and L(0) = φ(0)', () => {
    for (const z of [0.1, 1, 2.5, 7]) close(normalLoss(z) - normalLoss(-z), -z, 1e-13, 1e-15);
    expect(normalLoss(0)).toBeCloseTo(1 / Math.sqrt(2 * Math.PI), 15);
  });
  it.each([1e-12, 1e-6, 0.01, 0.3, 0.39, 1, 3, 50])('normalLossInverse(%f) inverts L', (loss) => {
    close(normalLoss(normalLossInverse(loss)), loss, 1e-10);
  });
  it('normalLossInverse is NaN for a loss ≤ 0', () => {
    expect(normalLossInverse(0)).toBeNaN();
    expect(normalLossInverse(-1)).toBeNaN();
  });
});
