import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../../src/lib/lstm/backend';
import { fitLstm } from '../../../src/lib/lstm/lstm';
import { checkTestSpan, type CheckedModel } from '../../../src/lib/lstm/test-span';
import type { LstmForecast, LstmMeta } from '../../../src/lib/lstm/types';
import type { LstmInput } from '../../../src/lib/lstm/features';
import { SMALL, seasonalToy } from './toy';

beforeAll(async () => {
  await useBackend('cpu');
});

const H = SMALL.horizon;
const N = 96;
const ORIGIN = 72;

/** A model with `meta` whose forecasts are `forecast(series values, period)`, quantiles ±`band` around them. */
function fakeModel(meta: LstmMeta, input: LstmInput, forecast: (values: Float64Array, p: number) => number, band: number): CheckedModel {
  return {
    meta,
    async predict(_input, { origin = N }): Promise<LstmForecast> {
      const ids = input.series.map((s) => s.id);
      const point = input.series.map((s) => Float64Array.from({ length: H }, (_, h) => forecast(s.values, origin + h)));
      return {
        origin,
        days: new Int32Array(H),
        seriesIds: ids,
        forecasts: point,
        quantileLevels: [0.1, 0.5, 0.9],
        quantiles: point.map((p) => Float64Array.from([...p.map((v) => v - band), ...p, ...p.map((v) => v + band)])),
        fallbackIds: [],
      };
    },
  };
}

/** WAPE (percent) of seasonal naive over every window from `first` to N − H, by hand. */
function seasonalNaiveWape(input: LstmInput, first: number): number {
  let err = 0;
  let sum = 0;
  for (const s of input.series) {
    for (let o = first; o <= N - H; o++) {
      for (let h = 0; h < H; h++) {
        err += Math.abs(s.values[o + h] - s.values[o + h - 12]);
        sum += Math.abs(s.values[o + h]);
      }
    }
  }
  return (100 * err) / sum;
}

describe('checkTestSpan', () => {
  it('scores every window of the test span: a perfect forecast has WAPE 0 and full coverage; seasonal naive and the baseline as computed by hand', async () => {
    const input = seasonalToy(N);
    // No drift: the baseline is seasonal naive itself, so the two rows must agree exactly.
    const model = await fitLstm(input, { ...SMALL, epochs: 1, driftWindow: 0, origin: ORIGIN }, new AbortController().signal);
    try {
      const perfect = await checkTestSpan(fakeModel(model.meta, input, (v, p) => v[p], 1e-6), input, ORIGIN);
      expect(perfect.firstOrigin).toBe(ORIGIN);
      expect(perfect.lastOrigin).toBe(N - H);
      expect(perfect.windows).toBe(2 * (N - H - ORIGIN + 1));
      expect(perfect.points).toBe(perfect.windows * H);
      expect(perfect.network.wape).toBe(0);
      expect(perfect.network.mase).toBe(0);
      expect(perfect.interval).toEqual({ lower: 0.1, upper: 0.9, coverage: 1 });
      expect(perfect.seasonalNaive.wape).toBeCloseTo(seasonalNaiveWape(input, ORIGIN), 9);
      expect(perfect.baseline.wape).toBeCloseTo(perfect.seasonalNaive.wape!, 5);
      expect(perfect.baseline.mase).toBeCloseTo(perfect.seasonalNaive.mase!, 5);
      // A forecast 10 % too high everywhere misses 10 % of the units, and a ±0 band never covers it.
      const high = await checkTestSpan(fakeModel(model.meta, input, (v, p) => 1.1 * v[p], 0), input, ORIGIN);
      expect(high.network.wape).toBeCloseTo(10, 9);
      expect(high.network.mape).toBeCloseTo(10, 9);
      expect(high.interval!.coverage).toBe(0);
    } finally {
      model.dispose();
    }
  });

  it('names the target periods of the training, validation and test windows, in that order and without overlap', async () => {
    const input = seasonalToy(N);
    const model = await fitLstm(input, { ...SMALL, epochs: 1, origin: ORIGIN }, new AbortController().signal);
    try {
      const check = await checkTestSpan(model, input, ORIGIN);
      const days = input.calendar.days;
      expect(check.testTargets).toEqual({ fromDay: days[ORIGIN], toDay: days[N - 1] });
      expect(check.validationTargets!.fromDay).toBe(model.meta.networks[0].heldOutFromDay);
      expect(check.validationTargets!.toDay).toBe(days[ORIGIN - 1]);
      expect(check.trainTargets.toDay).toBeLessThan(check.validationTargets!.fromDay);
      expect(check.trainTargets.fromDay).toBeLessThan(check.trainTargets.toDay);
      // The trained network's scores are its median forecasts' (finite, positive data).
      expect(check.network.wape).toBeGreaterThan(0);
      expect(check.interval?.coverage).toBeGreaterThanOrEqual(0);
    } finally {
      model.dispose();
    }
  });

  it('throws when the data holds no test window', async () => {
    const input = seasonalToy(N);
    const model = await fitLstm(input, { ...SMALL, epochs: 1, origin: ORIGIN }, new AbortController().signal);
    try {
      await expect(checkTestSpan(model, input, N - H + 1)).rejects.toThrow(/no test window/);
    } finally {
      model.dispose();
    }
  });
});
