import { describe, expect, it } from 'vitest';
import { normalQuantile } from '../../../src/lib/policy/normal';
import { REORDER_STATUSES, runReorder, STATUS } from '../../../src/lib/reorder';
import { historyFacts, sigmaFromQuantiles, toItemForecasts } from '../../../src/lib/reorder-run';
import type { DatasetForecast } from '../../../src/lib/forecast/run/forecast-dataset';
import { demoDailyForecast, demoWorkspace } from './helpers';

describe('sigmaFromQuantiles', () => {
  it('reads σ back from normal quantiles: (q_top − q50) / Φ⁻¹(top)', () => {
    const levels = [0.1, 0.5, 0.9, 0.95];
    const point = new Float64Array([10, 20]);
    const sd = [2, 5];
    const quantiles = levels.map((p) => point.map((m, h) => m + sd[h] * normalQuantile(p)));
    const s = sigmaFromQuantiles(levels, quantiles, point)!;
    expect(s[0]).toBeCloseTo(2, 10);
    expect(s[1]).toBeCloseTo(5, 10);
  });

  it('uses the upper half: a q10 clipped at 0 (intermittent demand) does not shrink σ', () => {
    const levels = [0.1, 0.5, 0.9];
    const point = new Float64Array([0.4]);
    const s = sigmaFromQuantiles(levels, [new Float64Array([0]), new Float64Array([0]), new Float64Array([2])], point)!;
    expect(s[0]).toBeCloseTo(2 / normalQuantile(0.9), 10);
  });

  it('centres on the point forecast without a 0.5 level, uses a lower level when none is above 0.5, and is undefined for [0.5]', () => {
    const point = new Float64Array([10]);
    expect(sigmaFromQuantiles([0.8], [new Float64Array([12])], point)![0]).toBeCloseTo(2 / normalQuantile(0.8), 10);
    expect(sigmaFromQuantiles([0.2], [new Float64Array([8])], point)![0]).toBeCloseTo(2 / normalQuantile(0.8), 10);
    expect(sigmaFromQuantiles([0.5], [new Float64Array([10])], point)).toBeUndefined();
  });

  it('crossed quantiles give σ = 0, not a negative σ', () => {
    expect(sigmaFromQuantiles([0.5, 0.9], [new Float64Array([10]), new Float64Array([9])], new Float64Array([10]))![0]).toBe(0);
  });
});

describe('historyFacts', () => {
  it('counts observed periods and averages the last k observed values, skipping missing ones', () => {
    expect(historyFacts(new Float64Array([1, NaN, 3, 5, NaN]), 2)).toEqual({ observed: 3, recentMean: 4 });
    expect(historyFacts(new Float64Array([NaN]), 4)).toEqual({ observed: 0, recentMean: NaN });
  });
});

describe('toItemForecasts', () => {
  it('demo daily forecast → one ItemForecast per series with errorSigma, history and recent level, planned by the engine', async () => {
    const demo = demoWorkspace();
    const daily = demo.datasets[1];
    const fc = await demoDailyForecast();
    const { forecasts, skipped } = toItemForecasts(fc, daily.series);
    expect(skipped).toEqual([]);
    expect(forecasts).toHaveLength(100);
    const f = forecasts[0];
    expect(f.seriesId).toBe(daily.series[0].id);
    expect(f.periodDays).toBe(1);
    expect(f.firstDay).toBe(daily.calendar.days.at(-1)! + 1);
    expect(f.mean).toBe(fc.series[0].point);
    expect(f.errorSigma).toHaveLength(32);
    expect(f.historyPeriods).toBe(731);
    expect(f.recentMean).toBeGreaterThan(0);
    // Every item has a forecast: none is NO_FORECAST, and the demo's mix of positions shows every planned status.
    const r = runReorder({ items: demo.inventory.items, forecasts });
    expect(r.summary.statusCounts[STATUS.NO_FORECAST]).toBe(0);
    for (const s of ['CRITICAL', 'REORDER', 'HEALTHY', 'OVERSTOCK'] as const) expect(r.summary.statusCounts[STATUS[s]], s).toBeGreaterThan(0);
  });

  it('a malformed forecast series is left out with its reason, so its item is NO_FORECAST instead of stopping the run', () => {
    const days = Int32Array.from([100, 101]);
    const good = { seriesId: 'a', days, point: new Float64Array([1, 2]), quantiles: [new Float64Array([2, 3])], modelIds: ['snaive'] };
    const bad = { seriesId: 'b', days, point: new Float64Array([1, 2]), quantiles: [new Float64Array([2])], modelIds: ['snaive'] };
    const fc: DatasetForecast = { datasetId: 'd', createdAt: 0, horizon: 2, quantileLevels: [0.9], periodDays: 1, series: [good, bad], method: '' };
    const { forecasts, skipped } = toItemForecasts(fc, []);
    expect(forecasts.map((f) => f.seriesId)).toEqual(['a']);
    expect(forecasts[0].historyPeriods).toBeUndefined();
    expect(skipped).toEqual([{ seriesId: 'b', reason: 'the forecast quantiles do not match its periods' }]);
    const item = (seriesId: string) => ({ seriesId, key: { Item: seriesId }, onHand: 1, onOrder: 0, backorders: 0, leadTimeDays: 1, leadTimeStdDays: 0, unitCost: 1, moq: 1, packSize: 1, serviceLevel: 0.9, defaulted: [] });
    const r = runReorder({ items: [item('a'), item('b')], forecasts });
    expect(REORDER_STATUSES[r.status[1]]).toBe('NO_FORECAST');
    expect(r.reasons[1]).toMatch(/no forecast for series "b"/);
  });

  it('names a bad recentPeriods', () => {
    const fc: DatasetForecast = { datasetId: 'd', createdAt: 0, horizon: 1, quantileLevels: [], periodDays: 7, series: [], method: '' };
    expect(() => toItemForecasts(fc, [], { recentPeriods: 0 })).toThrow(/invalid recentPeriods: 0/);
  });
});
