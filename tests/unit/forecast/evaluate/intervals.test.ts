import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../src/lib/core/rng';
import { runBacktest } from '../../../../src/lib/forecast/evaluate/backtest';
import {
  errorScale,
  fitErrorQuantiles,
  forecastQuantiles,
  maybeQuantiles,
  quantileSorted,
} from '../../../../src/lib/forecast/evaluate/intervals';
import { measureIntervals } from '../../../../src/lib/forecast/evaluate/calibration';
import { createMovingAverageModel } from '../../../../src/lib/forecast/models/naive';

describe('quantile helpers', () => {
  it('quantileSorted interpolates between order statistics (R type 7)', () => {
    const x = [1, 2, 3, 4];
    expect(quantileSorted(x, 0.5)).toBe(2.5);
    expect(quantileSorted(x, 0.1)).toBeCloseTo(1.3, 12);
    expect(quantileSorted(x, 1 - 1e-12)).toBeCloseTo(4, 9);
    expect(quantileSorted([], 0.5)).toBe(0);
  });
  it('errorScale is the mean |y| of the last season of finite values', () => {
    expect(errorScale(Float64Array.from([9, -2, NaN, 4]), 2)).toBe(3);
    expect(errorScale(Float64Array.from([NaN]), 2)).toBe(0);
  });
  it('maybeQuantiles wants ascending levels in (0, 1)', () => {
    expect(maybeQuantiles([0.05, 0.5, 0.95])).toEqual([0.05, 0.5, 0.95]);
    expect(() => maybeQuantiles([0.9, 0.1])).toThrow(/^invalid quantiles: \[0.9,0.1\]/);
    expect(() => maybeQuantiles([0, 0.5])).toThrow(/^invalid quantiles/);
    expect(() => maybeQuantiles([])).toThrow(/^invalid quantiles: \[\]/);
  });
});

describe('empirical intervals from a backtest', () => {
  // Five series of level 100 with N(0, 10²) noise: a long moving average forecasts ≈ 100, so the scaled errors
  // are ≈ N(0, 0.1²) and the 10 % / 90 % quantiles ≈ ∓1.2816 × 0.1.
  const rng = createRng(11);
  const series = Array.from({ length: 5 }, (_, i) => ({
    id: `s${i}`,
    values: Float64Array.from({ length: 400 }, () => 100 + 10 * rng.normal()),
  }));
  const run = () => runBacktest(series, { models: [createMovingAverageModel({ window: 100 })], horizon: 2, seasonLength: 1, firstOrigin: 150 });

  it('fitErrorQuantiles recovers the noise quantiles per horizon', async () => {
    const eq = fitErrorQuantiles(await run(), 0);
    expect(eq.quantiles).toEqual([0.1, 0.5, 0.9]);
    expect(eq.samples[0]).toBe(5 * 249);
    expect(eq.values[0]).toBeCloseTo(-0.128, 1);
    expect(eq.values[1]).toBeCloseTo(0, 1);
    expect(eq.values[2]).toBeCloseTo(0.128, 1);
  });

  it('measureIntervals: the 80 % interval covers about 80 % of held-out actuals', async () => {
    const check = measureIntervals(await run(), 0, { splitOrigin: 270, minSamples: 20 });
    expect(check.coverage).toHaveLength(1);
    expect(check.coverage[0].nominal).toBeCloseTo(0.8, 12);
    expect(Math.abs((check.coverage[0].observed ?? 0) - 0.8)).toBeLessThan(0.06);
    expect(check.count).toBe(5 * (398 - 270) * 2);
    for (const p of check.pinball) expect(p).toBeGreaterThan(0);
  });

  it('forecastQuantiles adds level × quantile, clips at 0 and reuses the last horizon', () => {
    const eq = { quantiles: [0.1, 0.9], horizon: 1, values: Float64Array.from([-0.5, 0.2]), samples: Int32Array.of(10) };
    const [lo, hi] = forecastQuantiles(Float64Array.from([10, 10]), 30, eq);
    expect([...lo]).toEqual([0, 0]);
    expect([...hi]).toEqual([16, 16]);
    expect([...forecastQuantiles(Float64Array.from([10]), 30, eq, false)[0]]).toEqual([-5]);
  });
});
