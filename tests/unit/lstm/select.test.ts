import { describe, expect, it } from 'vitest';
import { checkAgainstBaseline, type OriginLosses } from '../../../src/lib/lstm/select';

const losses = (perOrigin: number[], weight = 2, origins = perOrigin.map((_, i) => 10 + i)): OriginLosses => ({
  origins,
  sse: Float64Array.from(perOrigin, (l) => l * weight),
  weight: new Float64Array(perOrigin.length).fill(weight),
});

describe('checkAgainstBaseline (one-standard-error rule)', () => {
  // Gains per origin d = 4 − [3, 3.5, 2, 4.5] = [1, 0.5, 2, −0.5]: mean 0.75, sample variance 3.25 / 3,
  // standard error √(3.25 / 3 / 4) = 0.5204.
  const initial = losses([4, 4, 4, 4]);
  const trained = losses([3, 3.5, 2, 4.5]);

  it('keeps the trained network when its mean gain per origin exceeds k standard errors', () => {
    const check = checkAgainstBaseline(initial, trained, 7, 1);
    expect(check.epoch).toBe(7);
    expect(check.origins).toBe(4);
    expect(check.improvement).toBeCloseTo(0.75, 12);
    expect(check.standardError).toBeCloseTo(Math.sqrt(3.25 / 3 / 4), 12);
    expect(check.keptBaseline).toBe(false);
  });

  it('keeps epoch 0 when the gain is within k standard errors, or negative', () => {
    expect(checkAgainstBaseline(initial, trained, 7, 2).keptBaseline).toBe(true); // 0.75 < 2 × 0.52
    expect(checkAgainstBaseline(trained, initial, 7, 0).keptBaseline).toBe(true); // a loss, not a gain
  });

  it('weighs every origin alike (mean of per-origin losses), skipping origins without observed targets', () => {
    const a = losses([4, 4, 4, 4, 9]);
    const b = losses([3, 3.5, 2, 4.5, 1]);
    a.weight[4] = 0;
    b.weight[4] = 0;
    const check = checkAgainstBaseline(a, b, 1, 1);
    expect(check.origins).toBe(4);
    expect(check.improvement).toBeCloseTo(0.75, 12);
  });

  it('cannot estimate the noise from one origin: keeps epoch 0', () => {
    const check = checkAgainstBaseline(losses([4]), losses([1]), 3, 1);
    expect(check.standardError).toBe(Infinity);
    expect(check.keptBaseline).toBe(true);
  });

  it('throws when the two sides cover different origins', () => {
    expect(() => checkAgainstBaseline(losses([1, 2]), losses([1, 2], 2, [10, 12]), 1, 1)).toThrow(/differ in origins: 10,11 vs 10,12/);
  });
});
