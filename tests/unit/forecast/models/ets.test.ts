import { describe, expect, it } from 'vitest';
import { etsFilter, etsForecastFromState, type EtsSpec } from '../../../../src/lib/forecast/models/ets-core';
import { fitEts } from '../../../../src/lib/forecast/models/ets-fit';
import {
  createAutoEtsModel,
  createEtsModel,
  createHoltWintersModel,
  createSesModel,
  etsCandidates,
  fallbackSpec,
  forecastFromFit,
  selectEts,
} from '../../../../src/lib/forecast/models/ets';
import { maxRelativeError, readGolden } from '../golden';

interface FixedCase {
  name: string;
  series: 'airline' | 'nile';
  spec: EtsSpec;
  params: { alpha: number; beta: number; gamma: number; phi: number; level0: number; trend0: number; season0: number[] };
  fitted: number[];
  neg2LogLik: number;
  forecast: number[];
}
interface FittedCase {
  name: string;
  series: 'airline' | 'nile';
  spec: EtsSpec;
  neg2LogLik: number;
  aicc: number;
  forecast: number[];
}
interface EtsGolden {
  series: { airline: number[]; nile: number[] };
  horizon: number;
  fixed: FixedCase[];
  fitted: FittedCase[];
}

const golden = readGolden<EtsGolden>('ets.json');
const series = (name: 'airline' | 'nile') => Float64Array.from(golden.series[name]);

describe('etsFilter with fixed parameters matches statsmodels ETSModel', () => {
  it.each(golden.fixed.map((c) => [c.name, c] as const))('%s: fitted values, −2logL and forecasts', (_, c) => {
    const y = series(c.series);
    const params = { ...c.params, season0: Float64Array.from(c.params.season0) };
    const result = etsFilter(y, c.spec, params);
    expect(maxRelativeError(result.fitted, c.fitted)).toBeLessThan(1e-9);
    expect(result.neg2LogLik).toBeCloseTo(c.neg2LogLik, 6);
    const fc = etsForecastFromState(c.spec, c.params.phi, result, y.length, golden.horizon);
    expect(maxRelativeError(fc, c.forecast)).toBeLessThan(1e-9);
  });
});

describe('fitEts reaches the statsmodels maximum likelihood', () => {
  it.each(golden.fitted.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const y = series(c.series);
    const fit = fitEts(y, c.spec, { maxEvaluations: 20_000 });
    // Our optimum may be better (statsmodels' L-BFGS-B stops at boundaries) but never clearly worse.
    expect(fit.neg2LogLik).toBeLessThan(c.neg2LogLik + 0.5);
    const fc = forecastFromFit(y, fit, golden.horizon);
    expect(maxRelativeError(fc, c.forecast)).toBeLessThan(0.05);
  });
  it('with the default (capped) budget is within 1 point of −2logL on the non-seasonal cases', () => {
    for (const c of golden.fitted.filter((g) => g.spec.season === 'N')) {
      const fit = fitEts(series(c.series), c.spec);
      expect(fit.neg2LogLik).toBeLessThan(c.neg2LogLik + 1);
    }
  });
});

describe('ETS models', () => {
  const airline = series('airline');
  const monthly = { seasonLength: 12 };

  it('Holt-Winters multiplicative on the airline series forecasts like the fitted statsmodels ETS(M,A,M)', () => {
    const ref = golden.fitted.find((c) => c.name.startsWith('ETS(M,A,M)'))!;
    const fc = createHoltWintersModel({ seasonality: 'multiplicative' }).forecast(airline, golden.horizon, monthly);
    expect(maxRelativeError(fc, ref.forecast)).toBeLessThan(0.03);
  });

  it('auto ETS on the airline series chooses a multiplicative season by AICc', () => {
    const fit = selectEts(airline, 12)!;
    expect(fit.spec.season).toBe('M');
    for (const spec of etsCandidates(airline, 12)) {
      if (spec.season === 'M') continue;
      expect(fit.aicc).toBeLessThanOrEqual(fitEts(airline, spec).aicc);
    }
  });

  it('candidates follow R: no additive error with multiplicative season, no M parts with zeros', () => {
    const names = etsCandidates(airline, 12).map((s) => `${s.error}${s.trend}${s.season}`);
    expect(names).toHaveLength(15);
    expect(names.some((n) => n.startsWith('A') && n.endsWith('M'))).toBe(false);
    const withZero = airline.slice();
    withZero[5] = 0;
    expect(etsCandidates(withZero, 12).every((s) => s.error === 'A' && s.season !== 'M')).toBe(true);
    expect(etsCandidates(airline, 52).every((s) => s.season === 'N')).toBe(true);
  });

  it('fallbackSpec drops what the data cannot carry', () => {
    const hw: EtsSpec = { error: 'M', trend: 'A', season: 'M', seasonLength: 12 };
    expect(fallbackSpec(airline.subarray(0, 20), hw)).toEqual({ ...hw, season: 'N' });
    const withZero = Float64Array.from({ length: 12 }, (_, t) => t);
    expect(fallbackSpec(withZero, { ...hw, seasonLength: 2 })).toEqual({
      error: 'A',
      trend: 'A',
      season: 'A',
      seasonLength: 2,
    });
    expect(fallbackSpec(Float64Array.of(1, 2, 3, 4), hw)).toEqual({ ...hw, trend: 'N', season: 'N' });
    expect(fallbackSpec(Float64Array.of(1, 2), hw)).toBeNull();
  });

  it('every model forecasts finite, non-negative values from short and awkward histories', () => {
    const models = [
      createSesModel(),
      createEtsModel({ trend: 'Ad' }),
      createHoltWintersModel(),
      createHoltWintersModel({ seasonality: 'multiplicative', damped: true }),
      createAutoEtsModel(),
    ];
    const histories = [
      Float64Array.of(5),
      Float64Array.of(5, 5, 5, 5, 5, 5, 5, 5),
      Float64Array.of(0, 0, 0, 3, 0, 0, 1, 0, 0, 0, 0, 2, 0, 0),
      airline.subarray(0, 15),
      Float64Array.from({ length: 30 }, (_, t) => 100 - 4 * t),
    ];
    for (const model of models) {
      for (const y of histories) {
        const fc = model.forecast(y, 13, monthly);
        expect(fc).toHaveLength(13);
        for (const v of fc) expect(Number.isFinite(v) && v >= 0).toBe(true);
      }
    }
  });

  it('SES of a constant series forecasts the constant', () => {
    const fc = createSesModel().forecast(new Float64Array(20).fill(7), 3, { seasonLength: 1 });
    for (const v of fc) expect(v).toBeCloseTo(7, 9);
  });

  it('a damped trend flattens out', () => {
    const y = Float64Array.from({ length: 40 }, (_, t) => 10 + 2 * t + Math.sin(t));
    const fc = createEtsModel({ trend: 'Ad' }).forecast(y, 30, { seasonLength: 1 });
    expect(fc[29] - fc[28]).toBeLessThan(fc[1] - fc[0]);
    expect(fc[1] - fc[0]).toBeGreaterThan(0);
  });

  it('options are validated with the value in the message', () => {
    expect(() => createEtsModel({ error: 'X' as 'A' })).toThrow(/^invalid error: "X"/);
    expect(() => createEtsModel({ trend: 'M' as 'A' })).toThrow(/^invalid trend: "M"/);
    expect(() => createSesModel({ maxEvaluations: 5 })).toThrow(/^invalid maxEvaluations: 5/);
    expect(() => createHoltWintersModel({ seasonality: 'both' as 'additive' })).toThrow(/^invalid seasonality: "both"/);
    expect(() => createAutoEtsModel({ damped: 'yes' as unknown as boolean })).toThrow(/^invalid damped: "yes"/);
  });

  it('model ids name the form', () => {
    expect(createEtsModel({ error: 'M', trend: 'Ad', season: 'A' }).id).toBe('ets-MAdA');
    expect(createHoltWintersModel({ seasonality: 'multiplicative', damped: true }).id).toBe('hw-mul-damped');
    expect(createAutoEtsModel({ seasonal: false }).id).toBe('ets-nonseasonal');
  });
});
