import { describe, expect, it } from 'vitest';
import { isStrictlyPositive, prepareHistory } from '../../../src/lib/forecast/history';
import { defineModel, maybeForecastContext, maybeHorizon } from '../../../src/lib/forecast/types';

const f = (xs: number[]) => Float64Array.from(xs);

describe('prepareHistory', () => {
  it('returns the same array when nothing is missing', () => {
    const y = f([1, 2, 3]);
    expect(prepareHistory(y, 1)).toBe(y);
  });
  it('drops leading missing periods', () => {
    expect([...prepareHistory(f([NaN, NaN, 4, 5]), 1)]).toEqual([4, 5]);
  });
  it('returns an empty array when every value is missing', () => {
    expect(prepareHistory(f([NaN, Infinity]), 7)).toHaveLength(0);
  });
  it('fills a short interior gap by linear interpolation', () => {
    expect([...prepareHistory(f([1, NaN, NaN, 4]), 1)]).toEqual([1, 2, 3, 4]);
  });
  it('fills a long interior gap along the season when a full season precedes it', () => {
    // Season 4: pattern 10, 20, 30, 40 on a level rising by 100 per season.
    const y = f([10, 20, 30, 40, 110, NaN, NaN, NaN, 210, 220]);
    // Seasonal differences: 100 at the left edge (t = 4), 100 at the right edge (t = 8) → y[t] = y[t−4] + 100.
    expect([...prepareHistory(y, 4)]).toEqual([10, 20, 30, 40, 110, 120, 130, 140, 210, 220]);
  });
  it('interpolates a long gap linearly when no full season precedes it', () => {
    expect([...prepareHistory(f([0, NaN, NaN, NaN, 8]), 12)]).toEqual([0, 2, 4, 6, 8]);
  });
  it('fills trailing missing periods with the value a season earlier, else the last observation', () => {
    expect([...prepareHistory(f([1, 2, 3, 4, 5, NaN]), 4)]).toEqual([1, 2, 3, 4, 5, 2]);
    expect([...prepareHistory(f([1, 2, NaN]), 1)]).toEqual([1, 2, 2]);
  });
  it('never leaves a non-finite value', () => {
    const y = f([NaN, 3, NaN, NaN, NaN, NaN, NaN, 9, NaN, 2, NaN, NaN]);
    for (const m of [1, 2, 3, 7]) for (const v of prepareHistory(y, m)) expect(Number.isFinite(v)).toBe(true);
  });
});

describe('isStrictlyPositive', () => {
  it('is false with a zero, a negative or no value', () => {
    expect(isStrictlyPositive(f([1, 2]))).toBe(true);
    expect(isStrictlyPositive(f([1, 0]))).toBe(false);
    expect(isStrictlyPositive(f([-1]))).toBe(false);
    expect(isStrictlyPositive(f([]))).toBe(false);
  });
});

describe('option normalizers', () => {
  it.each([0, -1, 1.5, NaN, '3', 4000])('maybeHorizon(%s) throws naming the value', (h) => {
    expect(() => maybeHorizon(h)).toThrow(/^invalid horizon: /);
  });
  it('maybeHorizon(0) says "invalid horizon: 0"', () => {
    expect(() => maybeHorizon(0)).toThrow('invalid horizon: 0');
  });
  it('maybeForecastContext fills nonNegative and rejects bad fields', () => {
    expect(maybeForecastContext({ seasonLength: 7 })).toEqual({ seasonLength: 7, nonNegative: true, warm: null });
    expect(() => maybeForecastContext({ seasonLength: 7, warm: {} as never })).toThrow(/invalid warm/);
    expect(() => maybeForecastContext({ seasonLength: 0 })).toThrow(/invalid seasonLength: 0/);
    expect(() => maybeForecastContext({ seasonLength: 7, nonNegative: 'yes' })).toThrow(/invalid nonNegative: "yes"/);
    expect(() => maybeForecastContext(null)).toThrow(/invalid context: null/);
  });
});

describe('defineModel', () => {
  const constant = (v: number) => defineModel('c', 'Constant', (_, h) => new Float64Array(h).fill(v));
  it('validates the horizon before running the body', () => {
    expect(() => constant(1).forecast(f([1]), 0, { seasonLength: 1 })).toThrow('invalid horizon: 0');
  });
  it('rejects a history that is not a Float64Array', () => {
    expect(() => constant(1).forecast([1, 2] as unknown as Float64Array, 1, { seasonLength: 1 })).toThrow(/invalid history/);
  });
  it('forecasts 0 from a history with no observation', () => {
    expect([...constant(5).forecast(f([NaN, NaN]), 3, { seasonLength: 1 })]).toEqual([0, 0, 0]);
  });
  it('clips at 0 by default and not with nonNegative: false', () => {
    expect([...constant(-2).forecast(f([1]), 2, { seasonLength: 1 })]).toEqual([0, 0]);
    expect([...constant(-2).forecast(f([1]), 2, { seasonLength: 1, nonNegative: false })]).toEqual([-2, -2]);
  });
  it('replaces non-finite body output by the last observation', () => {
    const broken = defineModel('b', 'Broken', () => f([NaN, Infinity]));
    expect([...broken.forecast(f([3, 4]), 3, { seasonLength: 1 })]).toEqual([4, 4, 4]);
  });
  it('hands the body a gap-free history', () => {
    let seen: number[] = [];
    const spy = defineModel('s', 'Spy', (y, h) => ((seen = [...y]), new Float64Array(h)));
    spy.forecast(f([NaN, 1, NaN, 3]), 1, { seasonLength: 1 });
    expect(seen).toEqual([1, 2, 3]);
  });
});
