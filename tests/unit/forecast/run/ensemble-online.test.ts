import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../src/lib/core/rng';
import type { BacktestResult } from '../../../../src/lib/forecast/evaluate/backtest';
import { appendModel, inverseMseWeights, onlineEnsembleForecasts } from '../../../../src/lib/forecast/run/ensemble-online';

/**
 * A hand-made backtest: `origins` per series (rows grouped by series, origins ascending), H horizons,
 * actual(s, period) and forecast(model, s, origin, h) as functions; horizon h (0-based) of the row with origin o
 * forecasts calendar period o + h.
 */
function makeResult(o: {
  series: number;
  origins: number[];
  H: number;
  models: string[];
  actual: (s: number, period: number) => number;
  forecast: (model: number, s: number, origin: number, h: number) => number;
}): BacktestResult {
  const rows = o.series * o.origins.length;
  const rowSeries = new Int32Array(rows);
  const rowOrigin = new Int32Array(rows);
  const actual = new Float64Array(rows * o.H);
  const forecast = new Float64Array(o.models.length * rows * o.H);
  let r = 0;
  for (let s = 0; s < o.series; s++) {
    for (const origin of o.origins) {
      rowSeries[r] = s;
      rowOrigin[r] = origin;
      for (let h = 0; h < o.H; h++) {
        actual[r * o.H + h] = o.actual(s, origin + h);
        o.models.forEach((_, i) => (forecast[(i * rows + r) * o.H + h] = o.forecast(i, s, origin, h)));
      }
      r++;
    }
  }
  return {
    horizon: o.H,
    seasonLength: 1,
    modelIds: o.models,
    modelLabels: o.models,
    seriesIds: Array.from({ length: o.series }, (_, s) => `s${s}`),
    rows,
    rowSeries,
    rowOrigin,
    actual,
    forecast,
    scale: new Float64Array(rows).fill(1),
    lastValue: new Float64Array(rows).fill(100),
    level: new Float64Array(rows).fill(100),
  };
}

describe('onlineEnsembleForecasts', () => {
  // Actuals are 100 everywhere. Model A hits h = 1 exactly and misses h = 2 by 100 (forecast 0); model B misses
  // h = 1 by 10 (forecast 90) and hits h = 2.
  const twoModels = makeResult({
    series: 1,
    origins: [10, 11, 12, 13],
    H: 2,
    models: ['A', 'B'],
    actual: () => 100,
    forecast: (i, _s, _origin, h) => (i === 0 ? (h === 0 ? 100 : 0) : h === 0 ? 90 : 100),
  });

  it('counts each forecast as soon as its period is observed, not only whole windows', () => {
    const { chosen, forecast } = onlineEnsembleForecasts(twoModels, { k: 1, fallbackModelId: 'B' });
    // Origin 10: nothing observed yet → the fallback B.
    // Origin 11: only (origin 10, h = 1) is observed (period 10 < 11): A's squared error 0 against B's 100 → A,
    //   although the window of origin 10 (periods 10, 11) is not complete yet.
    // Origin 12: (10, h1), (10, h2), (11, h1): A's MSE (0 + 100² + 0) / 3 = 3333.3, B's (10² + 0 + 10²) / 3 = 66.7 → B.
    // Origin 13: five pairs: A 20000 / 5 = 4000, B 300 / 5 = 60 → B.
    expect(chosen.map((c) => [...c])).toEqual([[1], [0], [1], [1]]);
    expect([...forecast]).toEqual([90, 100, 100, 0, 90, 100, 90, 100]);
  });

  it('weights the k best by inverse MSE, the best first', () => {
    const { chosen, weights, forecast } = onlineEnsembleForecasts(twoModels, { k: 2, fallbackModelId: 'B' });
    expect(chosen.map((c) => [...c])).toEqual([[1], [0, 1], [1, 0], [1, 0]]);
    // Origin 11: A's MSE is 0, so A takes all the weight. Origin 12: 1/66.7 : 1/3333.3 = 50 : 1.
    // Origin 13: 1/60 : 1/4000 = 200 : 3.
    const expected = [[1], [1, 0], [50 / 51, 1 / 51], [200 / 203, 3 / 203]];
    weights.forEach((w, r) => expected[r].forEach((x, j) => expect(w[j]).toBeCloseTo(x, 12)));
    expect(forecast[1 * 2 + 1]).toBe(0);
    expect(forecast[2 * 2]).toBeCloseTo((50 * 90 + 100) / 51, 10);
    expect(forecast[3 * 2 + 1]).toBeCloseTo((200 * 100 + 3 * 0) / 203, 10);
  });

  it('ranks by mean squared error, so one large miss counts more than steady small ones', () => {
    // Actual 100 throughout. C misses only h = 3, by 30: MAE 10, MSE 300. D misses every horizon by 12: MAE 12,
    // MSE 144. At origin 13 the window of origin 10 is observed: D ranks first (by MAE it would be C).
    const result = makeResult({
      series: 1,
      origins: [10, 13],
      H: 3,
      models: ['C', 'D'],
      actual: () => 100,
      forecast: (i, _s, _o, h) => (i === 0 ? (h === 2 ? 70 : 100) : 88),
    });
    expect([...onlineEnsembleForecasts(result, { k: 1, fallbackModelId: 'C' }).chosen[1]]).toEqual([1]);
  });

  it('inverseMseWeights: proportional to 1/MSE, zero errors take all, unknown errors give equal weights', () => {
    expect([...inverseMseWeights([1, 4])]).toEqual([0.8, 0.2]);
    expect([...inverseMseWeights([2])]).toEqual([1]);
    expect([...inverseMseWeights([0, 5])]).toEqual([1, 0]);
    expect([...inverseMseWeights([0, 0, 3])]).toEqual([0.5, 0.5, 0]);
    expect([...inverseMseWeights([NaN, 2])]).toEqual([0.5, 0.5]);
    expect([...inverseMseWeights([-1, 2])]).toEqual([0.5, 0.5]);
  });

  it('only ranks the candidates, and skips missing actuals', () => {
    const { chosen } = onlineEnsembleForecasts(twoModels, { k: 1, fallbackModelId: 'A', candidates: ['B'] });
    expect(chosen.map((c) => [...c])).toEqual([[0], [1], [1], [1]]);
    const gappy = { ...twoModels, actual: twoModels.actual.map((v, j) => (j === 0 ? NaN : v)) };
    // Period 10 is missing, so at origin 11 nothing has been observed yet: still the fallback.
    expect([...onlineEnsembleForecasts(gappy, { k: 1, fallbackModelId: 'B' }).chosen[1]]).toEqual([1]);
  });

  it('uses nothing from the origin on: changing later actuals leaves every earlier row as it was', () => {
    const rng = createRng(7);
    const H = 4;
    const base = makeResult({
      series: 3,
      origins: [20, 21, 22, 24, 25, 26, 27, 28, 30, 31],
      H,
      models: ['m0', 'm1', 'm2', 'm3'],
      actual: (s, t) => 50 + 10 * s + Math.sin(t),
      forecast: () => 50 + 20 * rng.next(),
    });
    const ref = onlineEnsembleForecasts(base, { k: 2, fallbackModelId: 'm0' }).forecast;
    for (let r = 0; r < base.rows; r++) {
      const cut = base.rowOrigin[r];
      const s = base.rowSeries[r];
      const actual = base.actual.slice();
      for (let q = 0; q < base.rows; q++) {
        for (let h = 0; h < H; h++) if (base.rowSeries[q] === s && base.rowOrigin[q] + h >= cut) actual[q * H + h] = 1000 * rng.next();
      }
      const changed = onlineEnsembleForecasts({ ...base, actual }, { k: 2, fallbackModelId: 'm0' }).forecast;
      expect([...changed.subarray(r * H, (r + 1) * H)]).toEqual([...ref.subarray(r * H, (r + 1) * H)]);
    }
    // …and the later actuals do matter for later rows (the check above can fail).
    const actual = base.actual.map((v, j) => (j % H === 0 ? v + 1000 * rng.next() : v));
    const changed = onlineEnsembleForecasts({ ...base, actual }, { k: 2, fallbackModelId: 'm0' }).forecast;
    expect([...changed]).not.toEqual([...ref]);
  });

  it('appendModel adds one model and checks its length', () => {
    const merged = appendModel(twoModels, 'E', 'Ensemble', new Float64Array(8).fill(1));
    expect(merged.modelIds).toEqual(['A', 'B', 'E']);
    expect(merged.forecast.length).toBe(24);
    expect(() => appendModel(twoModels, 'E', 'E', new Float64Array(7))).toThrow(/^invalid forecast length: 7/);
  });
});
