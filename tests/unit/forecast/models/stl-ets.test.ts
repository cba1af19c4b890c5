import { describe, expect, it } from 'vitest';
import { forecastAutoEts } from '../../../../src/lib/forecast/models/ets';
import { seasonalNaiveForecast } from '../../../../src/lib/forecast/models/naive';
import { createStlEtsModel, forecastStlEts } from '../../../../src/lib/forecast/models/stl-ets';

const pattern = [0, 10, 25, 10, 0, -5, -15, -30, -15, -5, 5, 20];

describe('STL + ETS', () => {
  it('continues a trend plus a fixed seasonal pattern', () => {
    const y = Float64Array.from({ length: 72 }, (_, t) => 200 + 1.5 * t + pattern[t % 12]);
    const fc = createStlEtsModel().forecast(y, 24, { seasonLength: 12 });
    for (let h = 0; h < 24; h++) {
      const t = 72 + h;
      expect(Math.abs(fc[h] - (200 + 1.5 * t + pattern[t % 12]))).toBeLessThan(3);
    }
  });

  it('adds the last seasonal cycle to the ETS forecast of the adjusted series', () => {
    const y = Float64Array.from({ length: 36 }, (_, t) => 50 + pattern[t % 12]);
    const fc = forecastStlEts(y, 12, 12);
    // A flat level and an exactly repeating pattern: the forecast is the last cycle itself.
    for (let h = 0; h < 12; h++) expect(fc[h]).toBeCloseTo(y[24 + h], 6);
  });

  it('is the seasonal naive forecast with two seasons of history or less', () => {
    const y = Float64Array.from({ length: 24 }, (_, t) => 50 + pattern[t % 12] + t);
    expect([...forecastStlEts(y, 5, 12)]).toEqual([...seasonalNaiveForecast(y, 5, 12)]);
  });

  it('is the non-seasonal auto ETS without a season', () => {
    const y = Float64Array.from({ length: 30 }, (_, t) => 10 + t + Math.cos(t));
    expect([...forecastStlEts(y, 4, 1)]).toEqual([...forecastAutoEts(y, 4, 1, { seasonal: false })]);
  });

  it('validates its options', () => {
    expect(() => createStlEtsModel({ seasonalWindow: 10 })).toThrow(/^invalid seasonalWindow: 10/);
    expect(() => createStlEtsModel({ robust: 1 as unknown as boolean })).toThrow(/^invalid robust: 1/);
  });
});
