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

  it('warm-started along rolling origins, across moves of the fitting window, forecasts as the cold fit does', () => {
    // 800 days with a weekly pattern, a slow trend and noise: origins every 28 days from 560, so the window
    // (ets-warm.ts: 400 … 600 periods on a grid of 200) moves at 600 and 800 and the fits are carried across.
    let seed = 5;
    const noise = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 6;
    const week = [0, 3, 5, 4, 8, 14, -2];
    const y = Float64Array.from({ length: 800 }, (_, t) => 60 + 0.01 * t + week[t % 7] + noise());
    const store = new Map<string, unknown>();
    let worst = 0;
    for (let o = 560; o <= 784; o += 28) {
      const warm = forecastStlEts(y.subarray(0, o), 14, 7, {}, store);
      const cold = forecastStlEts(y.subarray(0, o), 14, 7);
      for (let h = 0; h < 14; h++) worst = Math.max(worst, Math.abs(warm[h] - cold[h]));
    }
    // The noise's scale is 1.7; a different fit chosen or a polish stuck far away would differ by more (measured: 0.05).
    expect(worst).toBeLessThan(0.2);
  });

  it('validates its options', () => {
    expect(() => createStlEtsModel({ seasonalWindow: 10 })).toThrow(/^invalid seasonalWindow: 10/);
    expect(() => createStlEtsModel({ robust: 1 as unknown as boolean })).toThrow(/^invalid robust: 1/);
  });
});
