import { describe, expect, it } from 'vitest';
import { aggregateForecast, aggregateSeries, compareKeyValues, groupFigures, groupRows, periodsPerYear, storeColumnOf } from '../../../src/lib/reorder-run';
import type { DatasetForecast } from '../../../src/lib/forecast/run/forecast-dataset';
import type { SeriesRecord } from '../../../src/lib/dataset/types';
import { demoWorkspace } from './helpers';

const rec = (id: string, key: Record<string, string>, start: number, values: number[]): SeriesRecord => ({ id, key, start, values: Float64Array.from(values), covariates: {} });

describe('store grouping', () => {
  it('storeColumnOf finds Store, store_id, Location and Site, and nothing in Item/Dept keys', () => {
    expect(storeColumnOf(['Store', 'Item'])).toBe('Store');
    expect(storeColumnOf(['item', 'store_id'])).toBe('store_id');
    expect(storeColumnOf(['Location'])).toBe('Location');
    expect(storeColumnOf(['Site No'])).toBe('Site No');
    expect(storeColumnOf(['Item', 'Dept'])).toBeNull();
  });

  it('compareKeyValues orders numbers numerically and text by code units', () => {
    expect(['10', '2', '1'].sort(compareKeyValues)).toEqual(['1', '2', '10']);
    expect(['S10', 'S02', 'S01'].sort(compareKeyValues)).toEqual(['S01', 'S02', 'S10']);
  });

  it('groupRows lists the rows of each store in store order, "" for rows without the column', () => {
    const g = groupRows([{ Store: '2' }, { Store: '10' }, {}, { Store: '2' }], 'Store');
    expect([...g]).toEqual([['', [2]], ['2', [0, 3]], ['10', [1]]]);
  });

  it('aggregateSeries sums by calendar period and keeps NaN where no series is observed', () => {
    const s = [rec('a', {}, 0, [1, NaN, 3]), rec('b', {}, 1, [10, NaN])];
    expect(Array.from(aggregateSeries(s, [0, 1], 4))).toEqual([1, 10, 3, NaN]);
  });

  it('aggregateForecast sums points and each quantile, and counts series without a forecast', () => {
    const days = Int32Array.from([5, 6]);
    const fc: DatasetForecast = {
      datasetId: 'd', createdAt: 0, horizon: 2, quantileLevels: [0.1, 0.9], periodDays: 1, method: '',
      series: [
        { seriesId: 'a', days, point: Float64Array.from([1, 2]), quantiles: [Float64Array.from([0, 1]), Float64Array.from([2, 3])], modelIds: [] },
        { seriesId: 'b', days, point: Float64Array.from([3, 4]), quantiles: [Float64Array.from([2, 3]), Float64Array.from([4, 5])], modelIds: [] },
      ],
    };
    const agg = aggregateForecast(fc, ['a', 'b', 'c'])!;
    expect(Array.from(agg.point)).toEqual([4, 6]);
    expect(agg.quantiles.map((q) => Array.from(q))).toEqual([[2, 4], [6, 8]]);
    expect(agg).toMatchObject({ series: 2, missing: 1, levels: [0.1, 0.9] });
    expect(agg.days).not.toBe(days);
    expect(aggregateForecast(fc, ['x'])).toBeNull();
  });

  it('groupFigures on the demo weekly stores: 30 stores, totals add up to the dataset, growth of the last 52 weeks over the 52 before', () => {
    const weekly = demoWorkspace().datasets[0];
    const figures = groupFigures(weekly.series, weekly.calendar, 'Store');
    expect(figures).toHaveLength(30);
    expect(periodsPerYear('weekly')).toBe(52);
    const total = weekly.series.reduce((s, r) => s + r.values.reduce((a, v) => a + (v === v ? v : 0), 0), 0);
    expect(figures.reduce((s, f) => s + f.total, 0)).toBeCloseTo(total, 3);
    const s = weekly.series[0];
    const n = s.values.length;
    const last = s.values.subarray(n - 52).reduce((a, v) => a + v, 0);
    const prev = s.values.subarray(n - 104, n - 52).reduce((a, v) => a + v, 0);
    expect(figures[0].growth).toBeCloseTo(last / prev - 1, 10);
  });
});
