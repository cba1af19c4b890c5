import { describe, expect, it } from 'vitest';
import { medianAndMadInPlace, medianInPlace, selectInPlace } from '../../../src/lib/core/select';
import { createRng } from '../../../src/lib/core/rng';

const sorted = (xs: ArrayLike<number>) => Float64Array.from(xs).sort();

describe('selectInPlace', () => {
  it('puts the k-th smallest value at k, smaller before and larger after, for every k', () => {
    const r = createRng(7);
    const rng = () => r.next();
    for (const n of [1, 2, 3, 5, 8, 31, 100]) {
      const base = Float64Array.from({ length: n }, () => Math.round(rng() * 20) - 5);
      const expected = sorted(base);
      for (let k = 0; k < n; k++) {
        const a = base.slice();
        expect(selectInPlace(a, k)).toBe(expected[k]);
        for (let i = 0; i < k; i++) expect(a[i]).toBeLessThanOrEqual(a[k]);
        for (let i = k + 1; i < n; i++) expect(a[i]).toBeGreaterThanOrEqual(a[k]);
        expect(sorted(a)).toEqual(expected);
      }
    }
  });

  it('handles sorted, reversed and constant input', () => {
    const up = Float64Array.from({ length: 1001 }, (_, i) => i);
    expect(selectInPlace(up.slice(), 500)).toBe(500);
    expect(selectInPlace(up.slice().reverse(), 10)).toBe(10);
    expect(selectInPlace(new Float64Array(1000).fill(3), 999)).toBe(3);
  });

  it('works on a sub-range only, leaving the rest alone', () => {
    const a = [9, 9, 5, 1, 4, 9, 9];
    expect(selectInPlace(a, 3, 2, 5)).toBe(4);
    expect([a[0], a[1], a[5], a[6]]).toEqual([9, 9, 9, 9]);
  });

  it('selectInPlace(a, k) with k outside the range throws with k in the message', () => {
    expect(() => selectInPlace([1, 2, 3], 3)).toThrow(/invalid k: 3/);
    expect(() => selectInPlace([1, 2, 3], -1)).toThrow(/invalid k: -1/);
    expect(() => selectInPlace([1, 2, 3], 0.5)).toThrow(/invalid k: 0.5/);
  });
});

describe('medianInPlace / medianAndMadInPlace', () => {
  it('the median is the element at n >> 1 of the sorted values (upper median for even n)', () => {
    expect(medianInPlace([3, 1, 2])).toBe(2);
    expect(medianInPlace([4, 1, 3, 2])).toBe(3);
    expect(medianInPlace(new Float64Array([5, 1, 9, 7, 100, 100]), 4)).toBe(7);
    expect(medianInPlace([])).toBeNaN();
  });

  it('agrees with sorting copies (the quality report\'s former method) on random series', () => {
    const r = createRng(11);
    const rng = () => r.next();
    for (let t = 0; t < 50; t++) {
      const n = 8 + Math.floor(rng() * 200);
      const values = Float64Array.from({ length: n }, () => (rng() < 0.1 ? 1e5 : rng() * 1000 - 100));
      const s = sorted(values);
      const median = s[n >> 1];
      const mad = sorted(s.map((x) => Math.abs(x - median)))[n >> 1];
      expect(medianAndMadInPlace(values.slice(), n)).toEqual({ median, mad });
    }
  });

  it('MAD of [1, 1, 2, 2, 4, 6, 9] is 1 (median 2)', () => {
    expect(medianAndMadInPlace([1, 1, 2, 2, 4, 6, 9])).toEqual({ median: 2, mad: 1 });
  });
});
