import { describe, expect, it } from 'vitest';
import {
  accuracy,
  addPair,
  createAccumulator,
  intervalCoverage,
  pinballLoss,
  seasonalNaiveScale,
  summarize,
} from '../../../../src/lib/forecast/evaluate/metrics';

// Hand-checked case: errors e = actual − forecast = [−10, 20, −10, 0].
const actual = [100, 200, 0, 50];
const forecast = [110, 180, 10, 50];

describe('accuracy', () => {
  const m = accuracy(actual, forecast, { scale: 20, last: 105 });
  it('MAE = (10 + 20 + 10 + 0) / 4 = 10', () => expect(m.mae).toBe(10));
  it('RMSE = √((100 + 400 + 100 + 0) / 4) = √150', () => expect(m.rmse).toBeCloseTo(Math.sqrt(150), 12));
  it('MAPE skips the zero actual: (10 % + 10 % + 0 %) / 3', () => expect(m.mape).toBeCloseTo(20 / 3, 12));
  it('MAPE ignores actuals ≤ 0 (issue #19): a return of −20 and a 0 add nothing, as in R', () => {
    // Pairs: (100, 110) 10 %, (−20, 5) skipped, (0, 3) skipped, (50, 40) 20 %.
    const withReturns = accuracy([100, -20, 0, 50], [110, 5, 3, 40]);
    expect(withReturns.mape).toBeCloseTo(15, 12);
    expect(withReturns.count).toBe(4);
    // WAPE still counts every pair: (10 + 25 + 3 + 10) / (100 + 20 + 0 + 50).
    expect(withReturns.wape).toBeCloseTo((100 * 48) / 170, 12);
    expect(accuracy([-5, 0], [1, 2]).mape).toBeNull();
  });
  it('WAPE = 40 / 350 in percent', () => expect(m.wape).toBeCloseTo((100 * 40) / 350, 12));
  it('MASE = MAE / scale = 10 / 20', () => expect(m.mase).toBe(0.5));
  it('ME (bias) = mean(actual − forecast) = 0', () => expect(m.me).toBe(0));
  it('direction accuracy: 3 of 4 moves from 105 have the right sign', () => expect(m.directionAccuracy).toBe(0.75));
  it('counts pairs and skips missing actuals', () => {
    expect(m.count).toBe(4);
    expect(accuracy([1, NaN, 3], [2, 2, 2]).count).toBe(2);
  });
  it('is null, never NaN, where a measure is undefined', () => {
    const empty = accuracy([], []);
    expect(Object.values(empty).filter((v) => v !== 0 && v !== null)).toEqual([]);
    expect(accuracy([0, 0], [1, 2]).mape).toBeNull();
    expect(accuracy([0, 0], [1, 2]).wape).toBeNull();
    expect(accuracy([1], [2]).mase).toBeNull();
    expect(accuracy([1], [2]).directionAccuracy).toBeNull();
  });
  it('throws on arrays of different lengths', () => {
    expect(() => accuracy([1, 2], [1])).toThrow(/invalid forecast length: 1/);
  });
  it('the accumulator gives the same as accuracy() when fed pair by pair', () => {
    const acc = createAccumulator();
    actual.forEach((a, i) => addPair(acc, a, forecast[i], 20, 105));
    expect(summarize(acc)).toEqual(m);
  });
});

describe('seasonalNaiveScale', () => {
  it('is the mean |y[t] − y[t − m]| over the window', () => {
    expect(seasonalNaiveScale(Float64Array.from([1, 2, 3, 4, 2, 4, 6, 8]), 4)).toBe(2.5);
  });
  it('uses lag 1 when the window is not longer than a season', () => {
    expect(seasonalNaiveScale(Float64Array.from([1, 3, 2]), 4)).toBe(1.5);
  });
  it('skips missing values and is 0 without pairs', () => {
    expect(seasonalNaiveScale(Float64Array.from([1, NaN, 4, 6]), 1)).toBe(2);
    expect(seasonalNaiveScale(Float64Array.from([5]), 1)).toBe(0);
  });
});

describe('pinballLoss and intervalCoverage', () => {
  it('pinball loss at q = 0.9 and 0.1 of errors −5 and 8', () => {
    // q = 0.9: max(0.9·(−5), −0.1·(−5)) = 0.5 and 0.9·8 = 7.2 → 3.85; q = 0.1: 4.5 and 0.8 → 2.65.
    expect(pinballLoss([10, 20], [15, 12], 0.9)).toBeCloseTo(3.85, 12);
    expect(pinballLoss([10, 20], [15, 12], 0.1)).toBeCloseTo(2.65, 12);
  });
  it('pinball loss at the median is half the MAE', () => {
    expect(pinballLoss(actual, forecast, 0.5)).toBe(5);
  });
  it('rejects a level outside (0, 1)', () => {
    expect(() => pinballLoss([1], [1], 1)).toThrow(/invalid quantile: 1/);
  });
  it('coverage counts bounds as inside and skips missing actuals', () => {
    expect(intervalCoverage([1, 2, 3, NaN], [0, 2.5, 0, 0], [2, 3, 3, 1])).toBeCloseTo(2 / 3, 12);
    expect(intervalCoverage([NaN], [0], [1])).toBeNull();
  });
});
