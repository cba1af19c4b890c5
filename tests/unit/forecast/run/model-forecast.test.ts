import { describe, expect, it } from 'vitest';
import { DEMO_WEEKLY_ID, generateDemoWorkspace } from '../../../../src/lib/demo';
import type { Dataset } from '../../../../src/lib/dataset/types';
import { seasonalNaiveForecast } from '../../../../src/lib/forecast/models/naive';
import { forecastWithTrainedModel, type OriginForecaster } from '../../../../src/lib/forecast/run/model-forecast';

const weekly = (): Dataset => generateDemoWorkspace({ seed: 7 }).datasets.find((d) => d.meta.id === DEMO_WEEKLY_ID)!;

/** A "trained model" that forecasts seasonal naive from the history before each origin, recording its calls. */
function seasonalNaiveModel(dataset: Dataset, H: number, calls: number[]): OriginForecaster {
  return {
    horizon: H,
    async predict(origin) {
      calls.push(origin);
      return {
        seriesIds: dataset.series.map((s) => s.id),
        forecasts: dataset.series.map((s) => seasonalNaiveForecast(s.values.subarray(0, origin - s.start), H, 52)),
        fallbackIds: [],
      };
    },
  };
}

describe('forecastWithTrainedModel', () => {
  it('checks the model on every held-out window and nothing earlier, then forecasts from the end', async () => {
    const d = weekly();
    const n = d.calendar.days.length;
    const calls: number[] = [];
    const fc = await forecastWithTrainedModel(d, seasonalNaiveModel(d, 13, calls), { modelId: 'lstm', label: 'test', heldOutFrom: n - 20 });
    // Origins n−20 … n−13 (complete 13-period windows), then the future from n.
    expect(calls).toEqual([...Array.from({ length: 8 }, (_, i) => n - 20 + i), n]);
    expect(fc.check!.firstOrigin).toBe(n - 20);
    expect(fc.check!.lastOrigin).toBe(n - 13);
    expect(fc.check!.windows).toBe(8 * d.series.length);
    expect(fc.check!.firstDay).toBe(d.calendar.days[n - 20]);
    // The model is seasonal naive, so its scores are seasonal naive's to the last digit.
    const [snaive, model] = fc.check!.scores;
    expect(snaive.modelId).toBe('snaive');
    expect(model.modelId).toBe('lstm');
    expect(model.mae).toBe(snaive.mae);
    expect(model.mape).toBe(snaive.mape);
    expect(snaive.mae).toBeGreaterThan(0);
    expect(fc.horizon).toBe(13);
    expect(fc.series).toHaveLength(d.series.length);
    for (const [i, s] of fc.series.entries()) {
      expect(Array.from(s.point)).toEqual(Array.from(seasonalNaiveForecast(d.series[i].values, 13, 52)));
      expect(s.days[0]).toBe(d.calendar.days[n - 1] + 7);
      for (let h = 0; h < 13; h++) {
        expect(s.quantiles[0][h]).toBeLessThanOrEqual(s.quantiles[1][h]);
        expect(s.quantiles[1][h]).toBeLessThanOrEqual(s.quantiles[2][h]);
        expect(s.quantiles[0][h]).toBeGreaterThanOrEqual(0);
      }
      expect(s.modelIds).toEqual(['lstm']);
    }
    expect(fc.check!.coverage[0].nominal).toBeCloseTo(0.8);
    expect(fc.method).toMatch(/8 held-out window/);
  });

  it('scores a better model better: an oracle that forecasts the actuals has zero error and zero-width intervals', async () => {
    const d = weekly();
    const n = d.calendar.days.length;
    const H = 4;
    const oracle: OriginForecaster = {
      horizon: H,
      async predict(origin) {
        return {
          seriesIds: d.series.map((s) => s.id),
          forecasts: d.series.map((s) => Float64Array.from({ length: H }, (_, h) => (origin + h < n ? s.values[origin + h - s.start] : 1))),
          fallbackIds: [],
        };
      },
    };
    const fc = await forecastWithTrainedModel(d, oracle, { modelId: 'lstm', label: 'oracle', heldOutFrom: n - 10 });
    expect(fc.check!.scores[1].mae).toBe(0);
    expect(fc.check!.scores[0].mae).toBeGreaterThan(0);
    const s = fc.series[0];
    for (let h = 0; h < H; h++) expect(s.quantiles[2][h] - s.quantiles[0][h]).toBeCloseTo(0, 9);
  });

  it('keeps seasonal naive for series the model only forecast by fallback', async () => {
    const d = weekly();
    const n = d.calendar.days.length;
    const model: OriginForecaster = {
      horizon: 2,
      async predict() {
        return { seriesIds: d.series.map((s) => s.id), forecasts: d.series.map(() => new Float64Array(2).fill(1e9)), fallbackIds: d.series.map((s) => s.id) };
      },
    };
    const fc = await forecastWithTrainedModel(d, model, { modelId: 'lstm', label: 'x', heldOutFrom: n - 5 });
    expect(fc.check!.scores[1].mae).toBe(fc.check!.scores[0].mae);
  });

  it('refuses a model with no complete held-out window, naming why', async () => {
    const d = weekly();
    const n = d.calendar.days.length;
    const calls: number[] = [];
    await expect(forecastWithTrainedModel(d, seasonalNaiveModel(d, 13, calls), { modelId: 'lstm', label: 't', heldOutFrom: n - 12 })).rejects.toThrow(/trained on every window/);
    expect(calls).toEqual([]);
  });

  it('stops between origins when cancelled', async () => {
    const d = weekly();
    const controller = new AbortController();
    const calls: number[] = [];
    const model = seasonalNaiveModel(d, 13, calls);
    const predict = model.predict;
    model.predict = async (o) => {
      if (calls.length === 2) controller.abort();
      return predict(o);
    };
    await expect(forecastWithTrainedModel(d, model, { modelId: 'lstm', label: 't', heldOutFrom: 60, signal: controller.signal })).rejects.toThrow(/cancel|abort/i);
    expect(calls.length).toBe(3);
  });
});
