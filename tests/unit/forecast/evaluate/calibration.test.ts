import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../src/lib/core/rng';
import { runBacktest } from '../../../../src/lib/forecast/evaluate/backtest';
import { fitIntervalModel, intervalQuantiles, measureIntervals } from '../../../../src/lib/forecast/evaluate/calibration';
import { fitErrorQuantiles, forecastQuantiles } from '../../../../src/lib/forecast/evaluate/intervals';
import { intervalCoverage } from '../../../../src/lib/forecast/evaluate/metrics';
import { createSeasonalNaiveModel } from '../../../../src/lib/forecast/models/naive';
import { createSeasonalDiffSesModel } from '../../../../src/lib/forecast/models/seasonal-diff';

/**
 * A synthetic daily set like the store-item file: 60 Poisson count series, levels 2 … 200 a day, a weekly
 * profile, 420 days. Count noise grows like √level, so a small series is relatively noisier than a large one.
 */
const rng = createRng(19);
const profile = [0.8, 0.9, 0.95, 1, 1.05, 1.25, 1.05];
const daily = Array.from({ length: 60 }, (_, s) => {
  const level = 2 * 100 ** (s / 59);
  return { id: `d${s}`, values: Float64Array.from({ length: 420 }, (_, t) => rng.poisson(level * profile[t % 7] * (1 + t / 2000))) };
});
const models = [createSeasonalNaiveModel(), createSeasonalDiffSesModel()];
// 29 origins a week apart: 14 errors per series and horizon calibrate (far below minSamples), 14 are scored.
const backtest = runBacktest(daily, { models, horizon: 14, seasonLength: 7, firstOrigin: 210, lastOrigin: 406, step: 7 });
const split = 210 + 14 * 7;

/** Coverage of the 80 % intervals of model `m` on origins > split, per third of the series by level. */
function coverageByThird(result: Awaited<typeof backtest>, m: number, quantilesOf: (series: number, f: Float64Array, level: number) => Float64Array[]) {
  const thirds = [0, 1, 2].map(() => ({ actual: [] as number[], lo: [] as number[], hi: [] as number[] }));
  const H = result.horizon;
  for (let r = 0; r < result.rows; r++) {
    if (result.rowOrigin[r] <= split) continue;
    const f = result.forecast.subarray((m * result.rows + r) * H, (m * result.rows + r + 1) * H);
    const [lo, , hi] = quantilesOf(result.rowSeries[r], f, result.level[r]);
    const third = thirds[Math.floor((3 * result.rowSeries[r]) / daily.length)];
    for (let h = 0; h < H; h++) {
      third.actual.push(result.actual[r * H + h]);
      third.lo.push(lo[h]);
      third.hi.push(hi[h]);
    }
  }
  return thirds.map((t) => intervalCoverage(t.actual, t.lo, t.hi)!);
}

describe('issue #19: intervals calibrated per series', () => {
  it('the 80 % interval covers 78–82 % of later daily actuals, overall and in each third of the series by size', async () => {
    const result = await backtest;
    for (let m = 0; m < models.length; m++) {
      const check = measureIntervals(result, m, { splitOrigin: split });
      expect(check.coverage[0].observed!).toBeGreaterThanOrEqual(0.78);
      expect(check.coverage[0].observed!).toBeLessThanOrEqual(0.82);
      const model = fitIntervalModel(result, m, { toOrigin: split });
      const thirds = coverageByThird(result, m, (s, f, level) => intervalQuantiles(model, s, f, level));
      for (const c of thirds) {
        expect(c).toBeGreaterThan(0.75);
        expect(c).toBeLessThan(0.85);
      }
    }
  });

  it('level-scaled pooled intervals (the former rule) are too narrow on small series and too wide on large ones', async () => {
    const result = await backtest;
    const eq = fitErrorQuantiles(result, 0, { toOrigin: split });
    const [small, , large] = coverageByThird(result, 0, (_, f, level) => forecastQuantiles(f, level, eq));
    expect(small).toBeLessThan(0.74);
    expect(large).toBeGreaterThan(0.86);
  });

  it('each series gets its own spread, shrunk towards the group; an unseen series gets the group ratio', async () => {
    const result = await backtest;
    const model = fitIntervalModel(result, 0, { toOrigin: split });
    // Relative spread falls with size for count data: the smallest series is noisier than the largest.
    expect(model.seriesRatio[0]).toBeGreaterThan(3 * model.seriesRatio[59]);
    const unseen = intervalQuantiles(model, -1, Float64Array.of(10), 10);
    expect(unseen[2][0] - unseen[0][0]).toBeCloseTo(10 * model.groupRatio * (model.pooled.values[2] - model.pooled.values[0]), 9);
    expect(model.own.every((o) => o === null)).toBe(true);
    // With the prior weight 0 a series' ratio is its own mean |error| / level.
    const raw = fitIntervalModel(result, 0, { toOrigin: split, priorSamples: 0 });
    let sum = 0;
    let n = 0;
    for (let r = 0; r < result.rows; r++) {
      if (result.rowSeries[r] !== 5 || result.rowOrigin[r] > split) continue;
      for (let h = 0; h < 14; h++) {
        sum += Math.abs(result.actual[r * 14 + h] - result.forecast[r * 14 + h]) / result.level[r];
        n++;
      }
    }
    expect(raw.seriesRatio[5]).toBeCloseTo(sum / n, 12);
  });

  it('a series with minSamples errors at every horizon uses its own quantiles', async () => {
    const result = await backtest;
    const model = fitIntervalModel(result, 0, { toOrigin: split, minSamples: 10 });
    expect(model.own.every((o) => o !== null)).toBe(true);
    const own = fitErrorQuantiles(result, 0, { toOrigin: split, series: 7 });
    expect(Array.from(model.own[7]!.values)).toEqual(Array.from(own.values));
  });
});
