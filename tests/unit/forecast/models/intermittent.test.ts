import { describe, expect, it } from 'vitest';
import {
  createCrostonModel,
  createTsbModel,
  crostonForecast,
  tsbForecast,
} from '../../../../src/lib/forecast/models/intermittent';

const f = (xs: number[]) => Float64Array.from(xs);
// Demands 3, 5, 2 at periods 3, 5, 8 (1-based): intervals 3, 2, 3.
const y = f([0, 0, 3, 0, 5, 0, 0, 2]);

describe('Croston', () => {
  it('matches the hand computation of forecast::croston (α = 0.1, simple initialisation)', () => {
    // Sizes: 3 → 3 + 0.1(5 − 3) = 3.2 → 3.2 + 0.1(2 − 3.2) = 3.08. Intervals: 3 → 2.9 → 2.91. Forecast 3.08 / 2.91.
    const fc = crostonForecast(y, 3, 0.1);
    expect(fc[0]).toBeCloseTo(3.08 / 2.91, 12);
    expect(fc[2]).toBe(fc[0]);
  });
  it('SBA multiplies by 1 − α/2', () => {
    expect(crostonForecast(y, 1, 0.1, 'sba')[0]).toBeCloseTo((3.08 / 2.91) * 0.95, 12);
  });
  it('forecasts demand / period for a single demand and 0 without demand', () => {
    expect(crostonForecast(f([0, 0, 0, 6]), 1, 0.1)[0]).toBe(1.5);
    expect(crostonForecast(f([0, 0, 0]), 2, 0.1)[0]).toBe(0);
  });
  it('counts negative values as no demand', () => {
    expect(crostonForecast(f([0, -4, 0, 6]), 1, 0.1)[0]).toBe(1.5);
  });
  it('is wired into a model with validated options', () => {
    expect(createCrostonModel().forecast(y, 2, { seasonLength: 7 })[1]).toBeCloseTo(3.08 / 2.91, 12);
    expect(createCrostonModel({ variant: 'sba' }).id).toBe('croston-sba');
    expect(() => createCrostonModel({ alpha: 0 })).toThrow(/^invalid alpha: 0/);
    expect(() => createCrostonModel({ alpha: 1.5 })).toThrow(/^invalid alpha: 1.5/);
    expect(() => createCrostonModel({ variant: 'x' as 'sba' })).toThrow(/^invalid variant: "x"/);
  });
});

describe('TSB', () => {
  it('matches the hand computation (α = β = 0.1, p₀ = 3/8, z₀ = 10/3)', () => {
    // Worked through by hand and checked in Python: p = 3/8, z = 10/3, then per period p += β(1{y>0} − p)
    // and, when y > 0, z += α(y − z); the forecast is p·z.
    expect(tsbForecast(y, 1, 0.1, 0.1)[0]).toBeCloseTo(1.30718247906125, 12);
  });
  it('decays towards 0 while no demand comes, unlike Croston', () => {
    const long = f([5, 5, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(tsbForecast(long, 1, 0.1, 0.2)[0]).toBeLessThan(tsbForecast(long.subarray(0, 4), 1, 0.1, 0.2)[0]);
    expect(crostonForecast(long, 1, 0.1)[0]).toBe(crostonForecast(long.subarray(0, 4), 1, 0.1)[0]);
  });
  it('forecasts 0 without demand and validates β', () => {
    expect(tsbForecast(f([0, 0]), 1, 0.1, 0.1)[0]).toBe(0);
    expect(() => createTsbModel({ beta: -0.1 })).toThrow(/^invalid beta: -0.1/);
  });
});
