import { describe, expect, it } from 'vitest';
import { stl } from '../../../../src/lib/forecast/models/stl';
import { maxRelativeError, readGolden } from '../golden';

interface StlCase {
  name: string;
  y: number[];
  period: number;
  seasonalWindow: number;
  robust: boolean;
  trendWindow: number;
  lowPassWindow: number;
  seasonal: number[];
  trend: number[];
}

const golden = readGolden<{ cases: StlCase[] }>('stl.json');

describe('stl matches statsmodels STL run with R defaults', () => {
  it.each(golden.cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const r = stl(Float64Array.from(c.y), { period: c.period, seasonalWindow: c.seasonalWindow, robust: c.robust });
    expect(maxRelativeError(r.seasonal, c.seasonal)).toBeLessThan(1e-9);
    expect(maxRelativeError(r.trend, c.trend)).toBeLessThan(1e-9);
    for (let i = 0; i < c.y.length; i++) expect(r.seasonal[i] + r.trend[i] + r.remainder[i]).toBeCloseTo(c.y[i], 9);
  });
});

describe('stl options', () => {
  const y = Float64Array.from({ length: 40 }, (_, t) => 10 + Math.sin(t));
  it('rejects an even seasonal window with its value', () => {
    expect(() => stl(y, { period: 4, seasonalWindow: 8 })).toThrow(/invalid seasonalWindow: 8/);
  });
  it('rejects a period below 2', () => {
    expect(() => stl(y, { period: 1 })).toThrow(/invalid period: 1/);
  });
  it('rejects a series of two periods or fewer', () => {
    expect(() => stl(y.subarray(0, 8), { period: 4 })).toThrow(/invalid series length: 8/);
  });
});
