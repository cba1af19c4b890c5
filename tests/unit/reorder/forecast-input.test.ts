import { describe, expect, it } from 'vitest';
import { normalQuantile } from '../../../src/lib/policy/normal';
import { runReorder } from '../../../src/lib/reorder/engine';
import { itemForecastsFrom, maybeItemForecast, quantilePlan } from '../../../src/lib/reorder/forecast-input';
import { STATUS } from '../../../src/lib/reorder/types';
import { flatForecast, item } from './helpers';

describe('quantilePlan', () => {
  it('interpolates in z between the levels around α', () => {
    const levels = [0.1, 0.5, 0.9, 0.99];
    const p = quantilePlan(levels, 0.95);
    expect([p.lo, p.hi, p.centre]).toEqual([2, 3, 1]);
    expect(p.z).toBeCloseTo(normalQuantile(0.95), 14);
    expect(p.w).toBeCloseTo((normalQuantile(0.95) - normalQuantile(0.9)) / (normalQuantile(0.99) - normalQuantile(0.9)), 14);
    expect(quantilePlan(levels, 0.95)).toBe(p);
  });

  it('α above the top level reads σ at the top level; no level above the median: no plan', () => {
    const top = quantilePlan([0.1, 0.5, 0.9], 0.98);
    expect([top.lo, top.hi, top.w]).toEqual([2, 2, 0]);
    expect(top.z).toBeCloseTo(normalQuantile(0.9), 14);
    expect(quantilePlan([0.1, 0.5], 0.95).lo).toBe(-1);
    expect(quantilePlan([0.8, 0.9], 0.95).centre).toBe(-1);
  });
});

describe('maybeItemForecast', () => {
  it('throws naming the field for shapes the forecasting side must not produce', () => {
    const ok = flatForecast('a', 1);
    expect(maybeItemForecast(ok)).toBe(ok);
    expect(() => maybeItemForecast({ ...ok, mean: [1, 2] })).toThrow(/invalid forecast.mean/);
    expect(() => maybeItemForecast({ ...ok, quantileLevels: [0.9, 0.5], quantiles: [ok.mean, ok.mean] })).toThrow(/invalid forecast.quantileLevels\[1\]: 0.5/);
    expect(() => maybeItemForecast({ ...ok, quantileLevels: [0.5], quantiles: [new Float64Array(3)] })).toThrow(/invalid forecast.quantiles\[0\]/);
    expect(() => maybeItemForecast({ ...ok, errorSigma: new Float64Array(0) })).toThrow(/invalid forecast.errorSigma/);
    expect(() => maybeItemForecast({ ...ok, historyPeriods: -1 })).toThrow(/invalid forecast.historyPeriods: -1/);
  });
});

describe('matching forecasts to items', () => {
  it('matches by series id in any order, with gaps and forecasts of other series', () => {
    const items = ['a', 'b', 'c', 'd', 'e'].map((id) => item({ seriesId: id }));
    const fc = (id: string, perDay: number) => flatForecast(id, perDay);
    const r = runReorder({ items, forecasts: [fc('x', 1), fc('a', 1), fc('y', 1), fc('z', 1), fc('c', 3), fc('e', 5), fc('b', 2)] });
    expect(Array.from(r.columns.demandLead)).toEqual([7, 14, 21, NaN, 35]);
    expect(r.status[3]).toBe(STATUS.NO_FORECAST);
  });

  it('each forecast serves one item: a repeated item id gets NO_FORECAST on its repeat', () => {
    const r = runReorder({ items: [item({ seriesId: 'a' }), item({ seriesId: 'a' })], forecasts: [flatForecast('a', 1)] });
    expect(Array.from(r.status)).toEqual([STATUS.HEALTHY, STATUS.NO_FORECAST]);
  });
});

describe('itemForecastsFrom', () => {
  it('adapts a dataset forecast, sharing the levels array and adding history info', () => {
    const levels = [0.1, 0.5, 0.9];
    const series = [
      { seriesId: 'a', days: new Int32Array([700, 707]), point: new Float64Array([5, 6]), quantiles: levels.map(() => new Float64Array([5, 6])) },
      { seriesId: 'empty', days: new Int32Array(0), point: new Float64Array(0), quantiles: [] },
    ];
    const out = itemForecastsFrom({ periodDays: 7, quantileLevels: levels, series }, (id) => (id === 'a' ? { historyPeriods: 100, recentMean: 4 } : undefined));
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ seriesId: 'a', periodDays: 7, firstDay: 700, historyPeriods: 100, recentMean: 4 });
    expect(out[0].quantileLevels).toBe(levels);
    expect(maybeItemForecast(out[0])).toBe(out[0]);
  });
});
