import { describe, expect, it } from 'vitest';
import type { DatasetForecast } from '../../../../src/lib/forecast/run/forecast-dataset';
import { packForecast, unpackForecast, unpackSeries } from '../../../../src/lib/forecast/run/forecast-pack';

const H = 3;
const forecast: DatasetForecast = {
  datasetId: 'd',
  createdAt: 5,
  horizon: H,
  quantileLevels: [0.1, 0.9],
  serviceLevels: [0.99],
  periodDays: 7,
  method: 'test',
  series: [
    { seriesId: 'a', days: Int32Array.of(7, 14, 21), point: Float64Array.of(1, 2, 3), quantiles: [Float64Array.of(0, 1, 2), Float64Array.of(2, 3, 4)], serviceQuantiles: [Float64Array.of(5, 6, 7)], modelIds: ['snaive', 'stl-ets'], weights: [0.25, 0.75] },
    { seriesId: 'b', days: Int32Array.of(7, 14, 21), point: Float64Array.of(9, 9, 9), quantiles: [Float64Array.of(8, 8, 8), Float64Array.of(10, 10, 10)], serviceQuantiles: [Float64Array.of(11, 11, 11)], modelIds: ['lstm'] },
    { seriesId: 'c', days: Int32Array.of(7, 14, 21), point: Float64Array.of(4, 4, 4), quantiles: [Float64Array.of(3, 3, 3), Float64Array.of(5, 5, 5)], serviceQuantiles: [Float64Array.of(6, 6, 6)], modelIds: ['snaive', 'stl-ets'], weights: [0.5, 0.5] },
  ],
};

describe('packed forecasts (issue #18)', () => {
  it('pack then unpack gives the same forecast back, series by series', () => {
    const packed = packForecast(forecast);
    expect(packed.seriesIds).toEqual(['a', 'b', 'c']);
    expect(packed.modelSets).toEqual([['snaive', 'stl-ets'], ['lstm']]);
    expect(Array.from(packed.modelSet)).toEqual([0, 1, 0]);
    const back = unpackForecast(packed);
    expect({ ...back, series: back.series.map((s) => ({ ...s, days: [...s.days], point: [...s.point], quantiles: s.quantiles.map((q) => [...q]), serviceQuantiles: s.serviceQuantiles?.map((q) => [...q]) })) }).toEqual({
      ...forecast,
      series: forecast.series.map((s) => ({ ...s, days: [...s.days], point: [...s.point], quantiles: s.quantiles.map((q) => [...q]), serviceQuantiles: s.serviceQuantiles?.map((q) => [...q]) })),
    });
  });
  it('unpackSeries reads one series without touching the others, and a series without weights has none', () => {
    const packed = packForecast(forecast);
    const c = unpackSeries(packed, 2);
    expect([...c.quantiles[1]]).toEqual([5, 5, 5]);
    expect(c.weights).toEqual([0.5, 0.5]);
    expect(unpackSeries(packed, 1).weights).toBeUndefined();
  });
  it('travels as six typed arrays however many series it holds', () => {
    const many = { ...forecast, series: Array.from({ length: 300 }, (_, i) => ({ ...forecast.series[i % 3], seriesId: `s${i}` })) };
    for (const f of [forecast, many]) expect(Object.values(packForecast(f)).filter((v) => ArrayBuffer.isView(v))).toHaveLength(6);
  });
});
