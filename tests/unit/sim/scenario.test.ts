import { describe, expect, it } from 'vitest';
import type { Progress } from '../../../src/lib/core/progress';
import {
  createRenewal,
  evaluateSs,
  fitDistribution,
  lotSize,
  momentFamily,
  poissonDistribution,
  roundedNormalDistribution,
  ssCostGrid,
} from '../../../src/lib/policy';
import { createDemandResolver, createScenarioApi, type LoadedSeries, seriesDemand } from '../../../src/lib/sim/scenario';

const ctx = () => ({ signal: new AbortController().signal, onProgress: (_: Progress) => undefined });
const series = (values: number[]): LoadedSeries => ({ id: 'A', datasetName: 'Shop', frequency: 'daily', values: Float64Array.from(values) });

describe('the pieces the simulate worker used to restate', () => {
  it('momentFamily: negative binomial only above 1.1 × mean, and fitDistribution(auto) follows it', () => {
    expect(momentFamily(10, 11)).toBe('poisson');
    expect(momentFamily(10, 11.0001)).toBe('negative-binomial');
    const overDispersed = [0, 20, 1, 18, 2, 25, 0, 15];
    const fitted = fitDistribution(overDispersed);
    expect(fitted.variance).toBeGreaterThan(1.1 * fitted.mean);
  });

  it('a series fit picks the family by the same rule', () => {
    expect(seriesDemand({ kind: 'series', datasetId: 'd', seriesIndex: 0, use: 'fit' }, series([0, 20, 1, 18, 2, 25])).info.family).toBe('negative-binomial');
    expect(seriesDemand({ kind: 'series', datasetId: 'd', seriesIndex: 0, use: 'fit' }, series([9, 10, 11, 10, 9, 11])).info.family).toBe('poisson');
  });

  it('roundedNormalDistribution keeps the mean and variance of N(μ, σ²) when the truncation at 0 is negligible', () => {
    const d = roundedNormalDistribution(50, 6);
    expect(d.mean).toBeCloseTo(50, 6);
    expect(d.variance).toBeCloseTo(36 + 1 / 12, 2); // rounding adds 1/12 (Sheppard)
    expect(roundedNormalDistribution(4.6, 0).pmf[5]).toBe(1);
  });

  it('createRenewal: m(0) = 1/(1 − p₀), m(j) → 1/mean (renewal theorem), M is the running sum of m', () => {
    const d = poissonDistribution(4);
    const r = createRenewal(d);
    expect(r.mass(0)).toBeCloseTo(1 / (1 - d.pmf[0]), 12);
    expect(r.mass(400)).toBeCloseTo(1 / 4, 9);
    let sum = 0;
    for (let j = 0; j < 300; j++) sum += r.mass(j);
    expect(r.sum(300)).toBeCloseTo(sum, 9);
  });

  it('ssCostGrid equals evaluateSs cell by cell and stops with AbortError when cancelled', async () => {
    const o = { demand: poissonDistribution(10), leadTimePeriods: 1, orderCost: 64, holdingCost: 1, backorderCost: 9 };
    const sValues = Int32Array.from([0, 5, 10]);
    const SValues = Int32Array.from([8, 30, 45]);
    const grid = await ssCostGrid(o, sValues, SValues, { signal: new AbortController().signal });
    expect(grid[0 * 3 + 2]).toBeNaN(); // S = 8 ≤ s = 10
    expect(grid[2 * 3 + 1]).toBeCloseTo(evaluateSs({ ...o, s: 5, S: 45 }).costPerPeriod, 10);
    const many = Int32Array.from({ length: 64 }, (_, i) => 20 + i);
    await expect(ssCostGrid(o, sValues, many, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('lotSize is a 1-2-5 number', () => {
    expect(lotSize(30_000)).toBe(500);
  });
});

describe('createScenarioApi without a worker', () => {
  it('refuses a series source when it has no loader, as not-found', async () => {
    const api = createScenarioApi();
    await expect(api.describeDemand({ demand: { kind: 'series', datasetId: 'x', seriesIndex: 0, use: 'fit' } }, ctx())).rejects.toMatchObject({ code: 'not-found' });
  });

  it('times each call with the clock it is given', async () => {
    let t = 0;
    const api = createScenarioApi({ now: () => (t += 5) });
    const r = await api.optimize({ scenario: { demand: { kind: 'poisson', mean: 10 }, leadTime: { kind: 'fixed', periods: 0 }, unmet: 'backorder', holdingCost: 1, shortageCost: 9, orderCost: 64, purchaseCost: 0, s: 10, S: 46, reviewPeriods: 1, periods: 100, warmupPeriods: 0, replications: 1, seed: 1 } }, ctx());
    expect(r.elapsedMs).toBe(5);
    expect([r.optimum.s, r.optimum.S]).toEqual([6, 40]);
  });

  it('the demand resolver loads a series once and keeps the last few', async () => {
    let loads = 0;
    const resolve = createDemandResolver(async () => (loads++, series([5, 6, 7, 8])), 2);
    const src = (i: number) => ({ kind: 'series' as const, datasetId: 'd', seriesIndex: i, use: 'replay' as const });
    await resolve(src(0));
    await resolve(src(0));
    expect(loads).toBe(1);
    await resolve(src(1));
    await resolve(src(2)); // evicts series 0
    await resolve(src(0));
    expect(loads).toBe(4);
  });
});
