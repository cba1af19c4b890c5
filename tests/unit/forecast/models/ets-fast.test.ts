import { describe, expect, it } from 'vitest';
import { fitEts } from '../../../../src/lib/forecast/models/ets-fit';
import { etsCandidates, forecastAutoEts, forecastEts, selectEts } from '../../../../src/lib/forecast/models/ets';
import { FIT_WINDOW_MIN, fitWindowStart, warmParams, type WarmEntry } from '../../../../src/lib/forecast/models/ets-warm';
import { etsFilter, type EtsSpec } from '../../../../src/lib/forecast/models/ets-core';
import { readGolden } from '../golden';

interface Before {
  ref: string;
  series: Record<'airline' | 'nile', {
    seasonLength: number;
    chosen: string;
    chosenAicc: number;
    candidates: Array<{ form: string; neg2LogLik: number; aicc: number; alpha: number; beta: number; gamma: number; phi: number }>;
  }>;
}

const before = readGolden<Before>('ets-fits-before.json');
const golden = readGolden<{ series: Record<'airline' | 'nile', number[]> }>('ets.json');
const form = (s: EtsSpec) => `${s.error}${s.trend}${s.season}`;

describe('the faster ETS reaches the fits of the code before #13 (tests/fixtures/golden/forecast/ets-fits-before.json)', () => {
  for (const name of ['airline', 'nile'] as const) {
    const ref = before.series[name];
    const y = Float64Array.from(golden.series[name]);
    it(`${name}: the same AICc choice, at the same AICc`, () => {
      const fit = selectEts(y, ref.seasonLength)!;
      expect(form(fit.spec)).toBe(ref.chosen);
      expect(Math.abs(fit.aicc - ref.chosenAicc)).toBeLessThan(0.5);
    });
    it(`${name}: every candidate form reaches −2logL within 0.5 and the same smoothing parameters`, () => {
      const specs = etsCandidates(y, ref.seasonLength);
      expect(specs.map(form)).toEqual(ref.candidates.map((c) => c.form));
      specs.forEach((spec, i) => {
        const c = ref.candidates[i];
        const fit = fitEts(y, spec);
        expect(fit.neg2LogLik, c.form).toBeLessThan(c.neg2LogLik + 0.5);
        expect(fit.neg2LogLik, c.form).toBeGreaterThan(c.neg2LogLik - 0.5);
        for (const key of ['alpha', 'beta', 'gamma', 'phi'] as const) {
          expect(Math.abs(fit.params[key] - c[key]), `${c.form} ${key}`).toBeLessThan(0.05);
        }
      });
    });
  }
});

describe('warm starts along rolling origins', () => {
  const airline = Float64Array.from(golden.series.airline);
  const origins = [96, 108, 120, 132, 144];

  it('auto ETS warm-started from the previous origin chooses as the cold fit does, within 1 point of −2logL', () => {
    const store = new Map<string, unknown>();
    for (const o of origins) {
      const y = airline.subarray(0, o);
      forecastAutoEts(y, 12, 12, {}, store);
      const cold = selectEts(y, 12)!;
      // The forms fitted at this origin (skipped ones keep an older fit and cannot be the choice).
      const fresh = [...store.values()].map((e) => e as WarmEntry).filter((e) => e.skipped === 0 && e.fit.n === o);
      const warm = fresh.map((e) => e.fit).sort((a, b) => a.aicc - b.aicc)[0];
      expect(form(warm.spec)).toBe(form(cold.spec));
      expect(Math.abs(warm.neg2LogLik - cold.neg2LogLik)).toBeLessThan(1);
    }
  });

  it('a warm-started fixed form forecasts like the cold fit (within 2 %)', () => {
    const store = new Map<string, unknown>();
    const spec: EtsSpec = { error: 'M', trend: 'A', season: 'M', seasonLength: 12 };
    for (const o of origins) {
      const y = airline.subarray(0, o);
      const warm = forecastEts(y, 12, spec, {}, store);
      const cold = forecastEts(y, 12, spec);
      for (let h = 0; h < 12; h++) expect(Math.abs(warm[h] / cold[h] - 1)).toBeLessThan(0.02);
    }
  });

  it('carries states forward: from the filtered states the old fit continues exactly', () => {
    const spec: EtsSpec = { error: 'A', trend: 'A', season: 'A', seasonLength: 12 };
    const fit = fitEts(airline.subarray(0, 100), spec);
    const entry: WarmEntry = { fit, start: 0, gap: 0, skipped: 0 };
    const p = warmParams({ store: new Map(), y: airline, start: 37 }, entry)!;
    const whole = etsFilter(airline.subarray(0, 100), spec, fit.params);
    const tail = etsFilter(airline.subarray(37, 100), spec, p);
    for (let t = 37; t < 100; t++) expect(tail.fitted[t - 37]).toBeCloseTo(whole.fitted[t], 8);
    expect(warmParams({ store: new Map(), y: airline, start: 120 }, entry)).toBeNull();
  });
});

describe('fitWindowStart', () => {
  it('keeps short histories whole and gives long ones a window of one to one and a half times the minimum', () => {
    expect(fitWindowStart(144, 12)).toBe(0);
    expect(fitWindowStart(1.5 * FIT_WINDOW_MIN - 1, 7)).toBe(0);
    for (const n of [600, 1000, 1476, 1812, 5000]) {
      const start = fitWindowStart(n, 7);
      expect(n - start).toBeGreaterThanOrEqual(FIT_WINDOW_MIN);
      expect(n - start).toBeLessThan(1.5 * FIT_WINDOW_MIN);
      expect(start % (FIT_WINDOW_MIN / 2)).toBe(0);
    }
    expect(52 * 8 - 0).toBeLessThanOrEqual(2000 - fitWindowStart(2000, 52));
  });
});
