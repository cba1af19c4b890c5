import { describe, expect, it } from 'vitest';
import { normalQuantile } from '../../../src/lib/policy/normal';
import { FLAG, REORDER_STATUSES, runReorder, STATUS } from '../../../src/lib/reorder';
import { historyFacts, toItemForecasts } from '../../../src/lib/reorder-run';
import type { DatasetForecast } from '../../../src/lib/forecast/run/forecast-dataset';
import { demoDailyForecast, demoWorkspace } from './helpers';

describe('one σ-from-quantile rule (#15 point 4)', () => {
  const levels = [0.1, 0.5, 0.9];
  const point = new Float64Array([10, 20, 30]);
  const sd = 4;
  const quantiles = levels.map((p) => point.map((m) => m + sd * normalQuantile(p)));
  const fc: DatasetForecast = { datasetId: 'd', createdAt: 0, horizon: 3, quantileLevels: levels, periodDays: 7, series: [{ seriesId: 'a', days: Int32Array.from([0, 7, 14]), point, quantiles, modelIds: ['ets'] }], method: '' };
  const item = { seriesId: 'a', key: {}, onHand: 0, onOrder: 0, backorders: 0, leadTimeDays: 7, leadTimeStdDays: 0, unitCost: 1, moq: 1, packSize: 1, serviceLevel: 0.9, defaulted: [] };

  it('the bridge passes the quantiles, not a σ of its own; the engine reads σ off them and never calls it a backtest σ', () => {
    const { forecasts } = toItemForecasts(fc, []);
    expect(forecasts[0].errorSigma).toBeUndefined();
    const r = runReorder({ items: [item], forecasts, options: { reviewDays: 7 } });
    expect(r.flags[0] & FLAG['sigma-from-quantiles']).toBeTruthy();
    expect(r.flags[0] & FLAG['sigma-from-backtest']).toBe(0);
    // Normal quantiles with σ = 4 per week, two weeks of protection: σ_P = 4√2.
    expect(r.columns.sigmaProtection[0]).toBeCloseTo(4 * Math.SQRT2, 9);
  });

  it('with the backtest\'s cumulative errors the flag is set, and the safety stock is their quantile (empirical rule)', () => {
    const errs = [Float64Array.from({ length: 101 }, (_, k) => k - 50).sort(), Float64Array.from({ length: 101 }, (_, k) => 2 * (k - 50)).sort()];
    const { forecasts } = toItemForecasts(fc, [], { cumulativeErrors: () => ({ byPeriods: errs }) });
    const r = runReorder({ items: [item], forecasts, options: { reviewDays: 7, cumulativeRule: 'empirical' } });
    expect(r.flags[0] & FLAG['sigma-from-backtest']).toBeTruthy();
    expect(r.flags[0] & FLAG['cumulative-errors']).toBeTruthy();
    expect(r.flags[0] & FLAG['sigma-from-quantiles']).toBe(0);
    // Two periods: the 90% quantile of 2·(k − 50), k = 0 … 100, is 80.
    expect(r.columns.safetyStock[0]).toBeCloseTo(80, 9);
  });

  it('service levels stored beside the user\'s quantiles are merged in, so 0.98 is read, not extrapolated', () => {
    const service = [0.95, 0.98, 0.99].map((p) => point.map((m) => m + 2 * sd * normalQuantile(p)));
    const { forecasts } = toItemForecasts({ ...fc, serviceLevels: [0.95, 0.98, 0.99], series: [{ ...fc.series[0], serviceQuantiles: service }] }, []);
    expect(forecasts[0].quantileLevels).toEqual([0.1, 0.5, 0.9, 0.95, 0.98, 0.99]);
    const r = runReorder({ items: [{ ...item, serviceLevel: 0.98 }], forecasts, options: { reviewDays: 7 } });
    // σ read at 0.98 from the stored 0.98 quantile (σ 8 there), not from q90 (σ 4).
    expect(r.columns.sigmaProtection[0]).toBeCloseTo(8 * Math.SQRT2, 9);
  });
});

describe('historyFacts', () => {
  it('counts observed periods and averages the last k observed values, skipping missing ones', () => {
    expect(historyFacts(new Float64Array([1, NaN, 3, 5, NaN]), 2)).toEqual({ observed: 3, recentMean: 4 });
    expect(historyFacts(new Float64Array([NaN]), 4)).toEqual({ observed: 0, recentMean: NaN });
  });
});

describe('toItemForecasts', () => {
  it('demo daily forecast → one ItemForecast per series with quantiles at the service levels, history and recent level, planned by the engine', async () => {
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
    expect(f.errorSigma).toBeUndefined();
    expect(f.quantileLevels).toEqual([0.1, 0.5, 0.9, 0.95, 0.98, 0.99]);
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
