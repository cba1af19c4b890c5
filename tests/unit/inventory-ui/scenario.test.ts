import { describe, expect, it } from 'vitest';
import { canonicalJson, describeScenario, meanRange, niceCeil, policyRanges, sameModel, sameScenario, syntheticMoments, withDemandKind, withLeadTime, withPolicy } from '../../../src/ui/inventory/scenario';
import { presetScenario } from '../../../src/ui/inventory/presets';

const zf = presetScenario('zheng-federgruen');

describe('withPolicy keeps S > s', () => {
  it('moving s up to S pushes S to s + 1', () => expect(withPolicy(zf, { s: 50 })).toMatchObject({ s: 50, S: 51 }));
  it('moving S down to s pulls s to S − 1', () => expect(withPolicy(zf, { S: 5 })).toMatchObject({ s: 4, S: 5 }));
  it('rounds to whole units', () => expect(withPolicy(zf, { s: 6.6, S: 39.7 })).toMatchObject({ s: 7, S: 40 }));
  it('does not touch the other fields', () => expect(withPolicy(zf, { s: 6 }).demand).toBe(zf.demand));
});

describe('withLeadTime', () => {
  it('switching to uniform spreads a fixed L into L..L+2', () => {
    expect(withLeadTime({ ...zf, leadTime: { kind: 'fixed', periods: 3 } }, { kind: 'uniform' }).leadTime).toEqual({ kind: 'uniform', min: 3, max: 5 });
  });
  it('a maximum below the minimum drags the minimum along, and the reverse', () => {
    const u = { ...zf, leadTime: { kind: 'uniform' as const, min: 2, max: 6 } };
    expect(withLeadTime(u, { max: 1 }).leadTime).toEqual({ kind: 'uniform', min: 1, max: 1 });
    expect(withLeadTime(u, { min: 9 }).leadTime).toEqual({ kind: 'uniform', min: 9, max: 9 });
  });
  it('switching to fixed keeps the minimum', () => {
    expect(withLeadTime({ ...zf, leadTime: { kind: 'uniform', min: 2, max: 6 } }, { kind: 'fixed' }).leadTime).toEqual({ kind: 'fixed', periods: 2 });
  });
});

describe('slider ranges', () => {
  it('niceCeil rounds up along 1-2-5', () => {
    expect([0.3, 7, 12, 35, 101, 5000].map(niceCeil)).toEqual([0.5, 10, 20, 50, 200, 5000]);
  });
  it('policyRanges contain the preset policy and the optimum (6, 40), and keep S above s', () => {
    const r = policyRanges(zf, { mean: 10, sd: Math.sqrt(10) });
    for (const v of [zf.s, 6]) expect(v >= r.s.min && v <= r.s.max).toBe(true);
    for (const v of [zf.S, 40]) expect(v >= r.S.min && v <= r.S.max).toBe(true);
    expect(r.S.min).toBeGreaterThan(r.s.min);
  });
  it('policyRanges stretch to a value far outside the default', () => {
    const r = policyRanges({ ...zf, s: -300, S: 9000 }, { mean: 10, sd: 3 });
    expect(r.s.min).toBeLessThanOrEqual(-300);
    expect(r.S.max).toBeGreaterThanOrEqual(9000);
  });
  it('meanRange covers 1.5 × the mean', () => {
    expect(meanRange(10)).toEqual({ min: 0.5, max: 50, step: 0.5 });
    expect(meanRange(400).max).toBeGreaterThanOrEqual(600);
  });
});

describe('demand helpers', () => {
  it('syntheticMoments: Poisson σ = √μ, negative binomial σ = √variance, series → null', () => {
    expect(syntheticMoments({ kind: 'poisson', mean: 16 })).toEqual({ mean: 16, sd: 4 });
    expect(syntheticMoments({ kind: 'negative-binomial', mean: 5, variance: 25 })).toEqual({ mean: 5, sd: 5 });
    expect(syntheticMoments({ kind: 'series', datasetId: 'd', seriesIndex: 0, use: 'fit' })).toBeNull();
  });
  it('withDemandKind keeps the mean, and gives the negative binomial a variance above it', () => {
    expect(withDemandKind(zf, 'normal', { mean: 10, sd: 3.16 }).demand).toEqual({ kind: 'normal', mean: 10, sd: 3.2 });
    const nb = withDemandKind(zf, 'negative-binomial', { mean: 10, sd: 3.16 }).demand as { mean: number; variance: number };
    expect(nb.variance).toBeGreaterThan(nb.mean);
  });
});

describe('scenario comparison', () => {
  it('canonicalJson ignores key order', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe(canonicalJson({ a: { c: 3, d: 2 }, b: 1 }));
  });
  it('sameModel ignores s and S only; sameScenario ignores nothing', () => {
    expect(sameModel(zf, { ...zf, s: 1, S: 2 })).toBe(true);
    expect(sameModel(zf, { ...zf, holdingCost: 2 })).toBe(false);
    expect(sameScenario(zf, { ...zf, s: 1 })).toBe(false);
    expect(sameScenario(zf, structuredClone(zf))).toBe(true);
    expect(sameScenario(null, zf)).toBe(false);
  });
  it('describeScenario names the demand, lead time and costs', () => {
    expect(describeScenario(zf, 'Poisson(10)')).toBe('Poisson(10), L = 0, K = 64, h = 1, p = 9, backorders');
  });
});
