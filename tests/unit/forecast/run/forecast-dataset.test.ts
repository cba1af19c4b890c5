import { describe, expect, it } from 'vitest';
import { dayFromYmd } from '../../../../src/lib/core/dates';
import { createRng } from '../../../../src/lib/core/rng';
import { generateWeeklyStores } from '../../../../src/lib/demo/weekly-stores';
import { backtestDataset } from '../../../../src/lib/forecast/run/backtest-dataset';
import { forecastDataset } from '../../../../src/lib/forecast/run/forecast-dataset';
import { scoreModel } from '../../../../src/lib/forecast/evaluate/score';
import { createStatModel } from '../../../../src/lib/forecast/models/registry';

describe('forecastDataset', () => {
  it('combines each series’ k best backtest models with weights in inverse proportion to their backtest MSE', async () => {
    const dataset = generateWeeklyStores(createRng(3), { stores: 3, weeks: 80, lastFriday: dayFromYmd(2024, 12, 27), createdAt: 0 });
    const modelIds = ['naive', 'snaive', 'sdiff-ses'] as const;
    const report = await backtestDataset(dataset, { modelIds: [...modelIds], horizon: 4, firstOrigin: 60, step: 2, quantiles: [0.1, 0.5, 0.9], ensembleK: 2 });
    const forecast = await forecastDataset(dataset, report, { horizon: 4 });
    expect(forecast.method).toMatch(/inverse MSE/);
    dataset.series.forEach((s, index) => {
      // Independently: each model's RMSE on this series, the two smallest, weights 1/RMSE² normalised.
      const rmse = modelIds.map((_, i) => scoreModel(report.result, i, { series: index }).overall.rmse!);
      const best = [0, 1, 2].sort((a, b) => rmse[a] - rmse[b]).slice(0, 2);
      const inv = best.map((i) => 1 / rmse[i] ** 2);
      const weights = inv.map((x) => x / (inv[0] + inv[1]));
      const out = forecast.series[index];
      expect(out.modelIds).toEqual(best.map((i) => modelIds[i]));
      out.weights!.forEach((w, j) => expect(w).toBeCloseTo(weights[j], 12));
      expect(weights[0]).toBeGreaterThan(weights[1]);
      const f = best.map((i) => createStatModel(modelIds[i]).forecast(s.values, 4, { seasonLength: 52 }));
      for (let h = 0; h < 4; h++) expect(out.point[h]).toBeCloseTo(weights[0] * f[0][h] + weights[1] * f[1][h], 6);
    });
  });
});

describe('forecastDataset progress (issue #18)', () => {
  it('reports progress per series, never decreasing, ending at done === total, and stops when cancelled', async () => {
    const dataset = generateWeeklyStores(createRng(4), { stores: 6, weeks: 80, lastFriday: dayFromYmd(2024, 12, 27), createdAt: 0 });
    const report = await backtestDataset(dataset, { modelIds: ['naive', 'snaive'], horizon: 4, firstOrigin: 70, step: 4, quantiles: [0.1, 0.5, 0.9], ensembleK: 1 });
    const events: Array<{ done: number; total: number; message?: string }> = [];
    // yieldIntervalMs 0 yields before every series, and the throttle lets through the first and last events.
    await forecastDataset(dataset, report, { horizon: 4, yieldIntervalMs: 0, onProgress: (p) => events.push(p) });
    expect(events[0]).toMatchObject({ done: 0, total: 6 });
    expect(events.at(-1)).toMatchObject({ done: 6, total: 6, message: 'series 6 of 6' });
    for (let i = 1; i < events.length; i++) expect(events[i].done).toBeGreaterThanOrEqual(events[i - 1].done);
    const controller = new AbortController();
    const run = forecastDataset(dataset, report, { yieldIntervalMs: 0, signal: controller.signal, onProgress: () => controller.abort() });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });
});
