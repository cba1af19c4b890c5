import { describe, expect, it } from 'vitest';
import { prepareHistory } from '../../../../src/lib/forecast/history';
import { createSeasonalDiffSesModel, forecastSeasonalDiffSes } from '../../../../src/lib/forecast/models/seasonal-diff';

const f = (xs: number[]) => Float64Array.from(xs);
const quarterly = { seasonLength: 4 };

/** y[0…m) = first season, then y[t] = y[t − m] + d[t − m]. */
function fromDiffs(firstSeason: number[], d: number[]): number[] {
  const y = [...firstSeason];
  for (let i = 0; i < d.length; i++) y.push(y[i] + d[i]);
  return y;
}

describe('seasonal naive + smoothed seasonal change (sdiff-ses)', () => {
  it('adds a constant seasonal change to last season, once per season ahead', () => {
    // m = 4. Every seasonal difference y[t] − y[t − 4] is 1, so any α fits with zero error and the level is 1.
    // Last season 3, 4, 5, 6 → h = 1…4: 4, 5, 6, 7; h = 5, 6 repeat h = 1, 2 plus one more change: 5, 6.
    const y = f([1, 2, 3, 4, 2, 3, 4, 5, 3, 4, 5, 6]);
    expect([...createSeasonalDiffSesModel().forecast(y, 6, quarterly)]).toEqual([4, 5, 6, 7, 5, 6]);
  });

  it('follows a step in the seasonal change: the likelihood puts α at its upper bound', () => {
    // d = 0 ×5 then 10 ×5. With α ≈ 1 the only one-step error is the step itself (SSE ≈ 100); any smaller α
    // leaves errors after the step as well. So the level is ≈ 10: last season 40, 50, 20, 40 plus 10.
    const y = f(fromDiffs([10, 20, 30, 40], [0, 0, 0, 0, 0, 10, 10, 10, 10, 10]));
    expect(y.slice(-4)).toEqual(f([40, 50, 20, 40]));
    const fc = forecastSeasonalDiffSes(y, 4, 4);
    [50, 60, 30, 50].forEach((v, h) => expect(fc[h]).toBeCloseTo(v, 3));
  });

  it('is seasonal naive when the seasonal changes are noise around 0: α at its lower bound, level ≈ mean 0', () => {
    // d = +1, −1, +1, … (20 values, mean 0). A level that does not move (α → 1e-4, ℓ₀ = 0) leaves errors of ±1
    // (SSE 20); α ≈ 1 would chase each value and miss by ±2 (SSE ≈ 80). Last season 15, 15, 35, 35.
    const d = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 1 : -1));
    const y = f(fromDiffs([10, 20, 30, 40], d));
    expect(y.slice(-4)).toEqual(f([15, 15, 35, 35]));
    const fc = forecastSeasonalDiffSes(y, 5, 4);
    [15, 15, 35, 35, 15].forEach((v, h) => expect(fc[h]).toBeCloseTo(v, 3));
  });

  it('is naive below one season of history, and seasonal naive below three seasonal differences', () => {
    const model = createSeasonalDiffSesModel();
    expect([...model.forecast(f([1, 2, 3]), 2, quarterly)]).toEqual([3, 3]);
    // n = 6 < m + 3 = 7: seasonal naive, last season 3, 4, 5, 6.
    expect([...model.forecast(f([1, 2, 3, 4, 5, 6]), 5, quarterly)]).toEqual([3, 4, 5, 6, 3]);
  });

  it('is naive without a season (m = 1), as seasonal naive is', () => {
    expect([...createSeasonalDiffSesModel().forecast(f([1, 2, 3, 4, 5, 6, 7, 8]), 3, { seasonLength: 1 })]).toEqual([8, 8, 8]);
  });

  it('fills missing periods like every model: an interior gap is interpolated before differencing', () => {
    // The gap at t = 5 is filled with 3 (between 2 and 4), which restores the constant change of the first test.
    const model = createSeasonalDiffSesModel();
    const y = f([NaN, 1, 2, 3, 4, 2, NaN, 4, 5, 3, 4, 5, 6]);
    expect([...model.forecast(y, 6, quarterly)]).toEqual([4, 5, 6, 7, 5, 6]);
    const gappy = f([5, 7, 9, 6, 6, NaN, NaN, NaN, 8, 9, 12, 8, 9, 11, 13, NaN]);
    expect([...model.forecast(gappy, 4, quarterly)]).toEqual([...model.forecast(prepareHistory(gappy, 4), 4, quarterly)]);
  });

  it('clips at 0 unless nonNegative is false', () => {
    // Every seasonal change is −5: last season 20, 0, 20, 0 → 15, −5, 15, −5.
    const y = f([30, 10, 30, 10, 25, 5, 25, 5, 20, 0, 20, 0]);
    const model = createSeasonalDiffSesModel();
    expect([...model.forecast(y, 4, quarterly)]).toEqual([15, 0, 15, 0]);
    expect([...model.forecast(y, 4, { seasonLength: 4, nonNegative: false })]).toEqual([15, -5, 15, -5]);
  });

  it('validates its options and arguments', () => {
    expect(createSeasonalDiffSesModel().id).toBe('sdiff-ses');
    expect(() => createSeasonalDiffSesModel({ maxEvaluations: 5 })).toThrow(/^invalid maxEvaluations: 5/);
    expect(() => createSeasonalDiffSesModel({ maxEvaluations: 20.5 })).toThrow(/^invalid maxEvaluations: 20\.5/);
    expect(() => createSeasonalDiffSesModel().forecast(f([1, 2, 3]), 0, quarterly)).toThrow(/^invalid horizon: 0/);
  });
});
