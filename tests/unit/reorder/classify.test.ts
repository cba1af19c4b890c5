import { describe, expect, it } from 'vitest';
import { abcClasses, xyzClass } from '../../../src/lib/reorder/classify';
import { runReorder } from '../../../src/lib/reorder/engine';
import { ABC_CLASSES, XYZ_CLASSES } from '../../../src/lib/reorder/types';
import { flatForecast, item } from './helpers';

const labels = (codes: Uint8Array) => Array.from(codes, (c) => ABC_CLASSES[c]).join('');

describe('abcClasses', () => {
  it('hand-checked: shares 50/30/10/5/3/2 % → A A B B C C (an item is A while the share before it is < 80 %)', () => {
    // cumulative before each item: 0, 50, 80, 90, 95, 98 %
    expect(labels(abcClasses(new Float64Array([500, 300, 100, 50, 30, 20])))).toBe('AABBCC');
  });

  it('input order does not matter; zero, negative and NaN values are C', () => {
    expect(labels(abcClasses(new Float64Array([20, 0, 100, NaN, 500, 50, -3, 300, 30])))).toBe('CCBCABCAC');
  });

  it('a single item with 90 % of the value is A, the rest B (share before: 0 and 90 %)', () => {
    expect(labels(abcClasses(new Float64Array([900, 100])))).toBe('AB');
  });

  it('ties with the last A item are A', () => {
    expect(labels(abcClasses(new Float64Array([40, 40, 10, 10])))).toBe('AABB');
    expect(labels(abcClasses(new Float64Array([50, 30, 10, 10])))).toBe('AABB');
    expect(labels(abcClasses(new Float64Array([45, 35, 10, 10])))).toBe('AABB');
  });

  it('custom thresholds; no value at all → every item C', () => {
    expect(labels(abcClasses(new Float64Array([500, 300, 100, 50, 30, 20]), [0.5, 0.9]))).toBe('ABBCCC');
    expect(labels(abcClasses(new Float64Array([0, 0, NaN])))).toBe('CCC');
  });
});

describe('xyzClass', () => {
  it.each([
    [0, 'X'],
    [0.5, 'X'],
    [0.51, 'Y'],
    [1, 'Y'],
    [1.2, 'Z'],
    [NaN, 'Z'],
  ])('CV %d → %s (defaults 0.5 / 1.0)', (cv, expected) => {
    expect(XYZ_CLASSES[xyzClass(cv)]).toBe(expected);
  });
});

describe('ABC/XYZ in the engine', () => {
  it('classes by annual forecast value and by error CV over the protection interval; no forecast is "-"', () => {
    // annual values (365 days × 10 a day × unit cost): 18 250, 7 300, 1 825, 365; 'e' has no forecast, so no value
    const items = [
      item({ seriesId: 'a', unitCost: 5 }),
      item({ seriesId: 'b', unitCost: 2 }),
      item({ seriesId: 'c', unitCost: 0.5 }),
      item({ seriesId: 'd', unitCost: 0.1 }),
      item({ seriesId: 'e', unitCost: 100 }),
    ];
    const r = runReorder({
      items,
      forecasts: [
        flatForecast('a', 10, { errorSigma: new Float64Array([4]) }),
        flatForecast('b', 10, { errorSigma: new Float64Array([7]) }),
        flatForecast('c', 10, { errorSigma: new Float64Array([12]) }),
        flatForecast('d', 10),
      ],
    });
    // of 27 740 in all, the shares before each item are 0, 65.8 %, 92.1 % and 98.7 %: A, A, B, C; 'e' is C
    expect(Array.from(r.abc, (c) => ABC_CLASSES[c]).join('')).toBe('AABCC');
    expect(Array.from(r.xyz, (c) => XYZ_CLASSES[c]).join('')).toBe('XYZX-');
    expect(r.columns.errorCv[0]).toBeCloseTo(0.4, 12);
    expect(r.columns.annualValue[0]).toBeCloseTo(18250, 9);
  });
});
