import { describe, expect, it } from 'vitest';
import { etsFilter, etsForecastFromState, type EtsSpec } from '../../../src/lib/forecast/ets-core';
import { fitEts } from '../../../src/lib/forecast/ets-fit';
import {
  createAutoEtsModel,
  createEtsModel,
  createHoltWintersModel,
  createSesModel,
  etsCandidates,
  fallbackSpec,
  forecastFromFit,
  selectEts,
} from '../../../src/lib/forecast/ets';
import { maxRelativeError, readGolden } from './golden';

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
