import { describe, expect, it } from 'vitest';
import { isAbortError } from '../../../src/lib/core/abort';
import type { Progress } from '../../../src/lib/core/progress';
import { baseStockDiscrete } from '../../../src/lib/policy/base-stock';
import { poissonDistribution } from '../../../src/lib/policy/discrete';
import { evaluateSs } from '../../../src/lib/policy/ss-exact';
import { simulate } from '../../../src/lib/sim/simulate';
import type { SimulateInput } from '../../../src/lib/sim/types';

/** A signal nobody aborts. */
const signal = new AbortController().signal;

const zf = { holdingCost: 1, shortageCost: 9, orderCost: 64 };

describe('simulate agrees with the exact (s,S) cost (same event order as ss-exact.ts)', () => {
  it.each([
    { L: 0, s: 6, S: 40 },
    { L: 2, s: 26, S: 62 },
  ])('Poisson(10), K = 64, h = 1, p = 9, L = $L, (s,S) = ($s,$S): the 95 % CI covers the exact cost', async ({ L, s, S }) => {
    const exact = evaluateSs({ demand: poissonDistribution(10), leadTimePeriods: L, orderCost: 64, holdingCost: 1, backorderCost: 9, s, S });
    if (L === 0) expect(exact.costPerPeriod).toBeCloseTo(35.022, 3);
    const r = await simulate({
      periods: 40_000,
      warmupPeriods: 200,
      replications: 20,
      seed: 2024,
      demand: { kind: 'poisson', mean: 10 },
      leadTime: { kind: 'fixed', periods: L },
      costs: zf,
      policies: [{ name: `(${s},${S})`, policy: { kind: 'sS', s, S } }],
      trace: false,
    }, signal);
    const ci = r.policies[0].intervals.totalCostPerPeriod;
    expect(ci.low).toBeLessThanOrEqual(exact.costPerPeriod);
    expect(ci.high).toBeGreaterThanOrEqual(exact.costPerPeriod);
    expect(ci.halfWidth).toBeLessThan(0.05);
    const k = r.policies[0].kpis;
    expect(Math.abs(k.fillRate - exact.fillRate)).toBeLessThan(0.002);
    expect(Math.abs(k.averageOnHand - exact.averageOnHand)).toBeLessThan(0.05);
    expect(Math.abs(k.ordersPlaced / 40_000 - exact.ordersPerPeriod)).toBeLessThan(0.002);
  });
  it('base stock S = 23, Poisson(7), L = 2: the CI covers G(S) over L + 1 periods', async () => {
    const exact = baseStockDiscrete({ demand: poissonDistribution(7), leadTimePeriods: 2, holdingCost: 1, backorderCost: 9, orderUpTo: 23 });
    const r = await simulate({
      periods: 20_000,
      warmupPeriods: 50,
      replications: 20,
      seed: 3,
      demand: { kind: 'poisson', mean: 7 },
      leadTime: { kind: 'fixed', periods: 2 },
      costs: { holdingCost: 1, shortageCost: 9 },
      policies: [{ name: 'S=23', policy: { kind: 'base-stock', S: 23 } }],
      trace: false,
    }, signal);
    const ci = r.policies[0].intervals.totalCostPerPeriod;
    expect(ci.low).toBeLessThanOrEqual(exact.costPerPeriod);
    expect(ci.high).toBeGreaterThanOrEqual(exact.costPerPeriod);
    expect(Math.abs(r.policies[0].kpis.fillRate - exact.fillRate)).toBeLessThan(0.003);
  });
});

describe('simulate: a hand-worked replay', () => {
  const input = (unmet: 'backorder' | 'lost'): SimulateInput => ({
    periods: 5,
    demand: { kind: 'replay', series: [5, 5, 5, 20, 0] },
    leadTime: { kind: 'fixed', periods: 1 },
    unmet,
    costs: { holdingCost: 1, shortageCost: 3, orderCost: 10 },
    policies: [{ name: 'S=10', policy: { kind: 'base-stock', S: 10 } }],
  });
  it('lost sales: the trace matches the hand calculation', async () => {
    const p = (await simulate(input('lost'), signal)).policies[0];
    const tr = p.trace!;
    expect(Array.from(tr.onHand)).toEqual([5, 0, 0, 0, 5]);
    expect(Array.from(tr.lostSales)).toEqual([0, 0, 0, 15, 0]);
    expect(Array.from(tr.orderPlaced)).toEqual([0, 5, 5, 5, 5]);
    expect(Array.from(tr.arrivals)).toEqual([0, 0, 5, 5, 5]);
    expect(Array.from(tr.inventoryPosition)).toEqual([5, 5, 5, 5, 10]);
    expect(p.kpis.totalCost).toBe(10 + 45 + 40);
    expect([p.kpis.totalHoldingCost, p.kpis.totalShortageCost, p.kpis.totalOrderCost, p.kpis.totalPurchaseCost]).toEqual([10, 45, 40, 0]);
    expect(p.kpis.totalCostPerPeriod).toBe(95 / 5);
    expect(p.kpis.fillRate).toBeCloseTo(1 - 15 / 35, 14);
    expect(p.kpis.periodServiceLevel).toBe(0.8);
    expect(p.kpis.cycleServiceLevel).toBe(0.5);
    expect(p.intervals.totalCostPerPeriod.halfWidth).toBe(0);
  });
  it('backorders: arrivals fill backorders first; position may go negative', async () => {
    const tr = (await simulate(input('backorder'), signal)).policies[0].trace!;
    expect(Array.from(tr.backorders)).toEqual([0, 0, 0, 15, 10]);
    expect(Array.from(tr.orderPlaced)).toEqual([0, 5, 5, 5, 20]);
    expect(Array.from(tr.inventoryPosition)).toEqual([5, 5, 5, -10, 10]);
    expect(Array.from(tr.shortageCost)).toEqual([0, 0, 0, 45, 30]);
  });
});

describe('simulate: common random numbers, determinism, demand models', () => {
  const input: SimulateInput = {
    periods: 300,
    replications: 3,
    seed: 9,
    demand: { kind: 'negative-binomial', mean: 6, variance: 30 },
    leadTime: { kind: 'uniform', min: 1, max: 4 },
    costs: { holdingCost: 1, shortageCost: 4, orderCost: 15 },
    policies: [
      { name: 'a', policy: { kind: 'sS', s: 15, S: 40 } },
      { name: 'b', policy: { kind: 'sQ', s: 18, Q: 20 } },
    ],
  };
  it('all policies see the same demand path', async () => {
    const r = await simulate(input, signal);
    expect(r.policies[0].trace!.demand).toEqual(r.policies[1].trace!.demand);
  });
  it('the same seed repeats exactly; another seed differs', async () => {
    const a = await simulate(input, signal);
    const b = await simulate(input, signal);
    const c = await simulate({ ...input, seed: 10 }, signal);
    expect(a.policies[1].costPerReplication).toEqual(b.policies[1].costPerReplication);
    expect(a.policies[1].costPerReplication).not.toEqual(c.policies[1].costPerReplication);
  });
  it('negative-binomial demand has the requested mean and variance', async () => {
    const r = await simulate({ ...input, periods: 60_000, replications: 1, policies: [input.policies[0]] }, signal);
    const d = r.policies[0].trace!.demand;
    const mean = d.reduce((s, x) => s + x, 0) / d.length;
    const variance = d.reduce((s, x) => s + (x - mean) ** 2, 0) / (d.length - 1);
    expect(mean).toBeCloseTo(6, 1);
    expect(variance / 30).toBeCloseTo(1, 1);
  });
  it('empirical demand resamples the given values; forecast-residuals adds resampled errors, rounded, ≥ 0', async () => {
    const emp = await simulate({ ...input, demand: { kind: 'empirical', values: [0, 3, 9] } }, signal);
    expect(new Set(emp.policies[0].trace!.demand)).toEqual(new Set([0, 3, 9]));
    const forecast = new Float64Array(300).fill(4);
    const fr = await simulate({ ...input, demand: { kind: 'forecast-residuals', forecast, residuals: [-6.2, 0.4, 2.5] } }, signal);
    expect(new Set(fr.policies[0].trace!.demand)).toEqual(new Set([0, 4, 7]));
  });
  it('normal demand is truncated at 0', async () => {
    const r = await simulate({ ...input, demand: { kind: 'normal', mean: 2, sd: 5 } }, signal);
    expect(Math.min(...r.policies[0].trace!.demand)).toBe(0);
  });
});

describe('simulate: forecast-driven order-up-to', () => {
  it('constant moments forecast equals base stock at ceil(μ + zσ) on the same path', async () => {
    const n = 2000;
    const mu = 3 * 8;
    const sd = Math.sqrt(mu);
    const r = await simulate({
      periods: n,
      seed: 4,
      demand: { kind: 'poisson', mean: 8 },
      leadTime: { kind: 'fixed', periods: 2 },
      costs: { holdingCost: 1, shortageCost: 9 },
      policies: [
        { name: 'forecast', policy: { kind: 'forecast-order-up-to', forecast: { kind: 'moments', mean: new Float64Array(n).fill(mu), sd: new Float64Array(n).fill(sd) }, z: 1.2 } },
        { name: 'level', policy: { kind: 'forecast-order-up-to', forecast: { kind: 'level', level: new Float64Array(n).fill(mu + 1.2 * sd) } } },
        { name: 'base', policy: { kind: 'base-stock', S: Math.ceil(mu + 1.2 * sd) } },
      ],
    }, signal);
    const [f, l, b] = r.policies.map((p) => p.kpis.totalCost);
    expect(f).toBe(b);
    expect(l).toBe(b);
  });
});

describe('simulate: forecast-driven order-up-to with a seasonal mean', () => {
  it('S_t = μ_t + 1.2816·σ_t over L + 1 periods hits ≈ 90 % of periods without backorders and beats a flat S', async () => {
    const n = 20_000;
    const lead = 2;
    const mu = Float64Array.from({ length: n + lead + 1 }, (_, t) => 10 + 6 * Math.sin((2 * Math.PI * t) / 7));
    const mean = new Float64Array(n);
    const sd = new Float64Array(n);
    for (let t = 0; t < n; t++) {
      for (let j = 0; j <= lead; j++) mean[t] += mu[t + j];
      sd[t] = Math.sqrt(mean[t]); // Poisson: variance = mean
    }
    const z = 1.2816;
    const r = await simulate(
      {
        periods: n,
        seed: 8,
        demand: { kind: 'poisson', mean: mu.subarray(0, n) },
        leadTime: { kind: 'fixed', periods: lead },
        costs: { holdingCost: 1, shortageCost: 9 },
        policies: [
          { name: 'forecast', policy: { kind: 'forecast-order-up-to', forecast: { kind: 'moments', mean, sd }, z } },
          { name: 'flat', policy: { kind: 'base-stock', S: Math.ceil(30 + z * Math.sqrt(30)) } },
        ],
      },
      signal,
    );
    const tr = r.policies[0].trace!;
    let ok = 0;
    for (let t = 0; t < n; t++) if (tr.backorders[t] === 0) ok++;
    // Rounding S_t up to whole units and discrete demand push it a little above Φ(z) = 0.90.
    expect(ok / n).toBeGreaterThan(0.89);
    expect(ok / n).toBeLessThan(0.95);
    expect(r.policies[0].kpis.totalCostPerPeriod).toBeLessThan(r.policies[1].kpis.totalCostPerPeriod);
  });
});

describe('simulate: cancellation and progress', () => {
  const big: SimulateInput = {
    periods: 300_000,
    replications: 4,
    demand: { kind: 'poisson', mean: 5 },
    costs: { holdingCost: 1, shortageCost: 9 },
    policies: [{ name: 'a', policy: { kind: 'sS', s: 5, S: 20 } }],
    trace: false,
  };
  it('an already aborted signal rejects with AbortError', async () => {
    const c = new AbortController();
    c.abort();
    await expect(simulate(big, c.signal)).rejects.toSatisfy(isAbortError);
  });
  it('aborting mid-run rejects with AbortError at the next chunk', async () => {
    const c = new AbortController();
    const seen: Progress[] = [];
    const run = simulate(big, c.signal, (p) => {
      seen.push(p);
      c.abort();
    });
    await expect(run).rejects.toSatisfy(isAbortError);
    expect(seen.length).toBeGreaterThanOrEqual(1);
  });
  it('progress never decreases and ends with done === total', async () => {
    const seen: Progress[] = [];
    await simulate({ ...big, periods: 100_000, replications: 3 }, signal, (p) => seen.push(p));
    for (let i = 1; i < seen.length; i++) expect(seen[i].done).toBeGreaterThanOrEqual(seen[i - 1].done);
    const last = seen[seen.length - 1];
    expect(last.phase).toBe('simulating');
    expect(last.done).toBe(last.total);
    expect(last.total).toBe(300_000);
  });
});

describe('simulate: bad options reject with an AppError naming the value', () => {
  const ok: SimulateInput = {
    periods: 10,
    demand: { kind: 'poisson', mean: 5 },
    costs: { holdingCost: 1, shortageCost: 9 },
    policies: [{ name: 'a', policy: { kind: 'sS', s: 5, S: 20 } }],
  };
  const cases: [string, SimulateInput, RegExp][] = [
    ['periods 0', { ...ok, periods: 0 }, /^invalid periods: 0 /],
    ['no policies', { ...ok, policies: [] }, /^invalid policies: \[\] /],
    ['S ≤ s', { ...ok, policies: [{ name: 'x', policy: { kind: 'sS', s: 5, S: 5 } }] }, /^invalid policies\[0\]\.policy\.S: 5 /],
    ['Poisson mean 0', { ...ok, demand: { kind: 'poisson', mean: 0 } }, /^invalid demand\.mean: 0 /],
    ['replay too short', { ...ok, demand: { kind: 'replay', series: [1, 2] } }, /^invalid demand\.series: \[1,2\] /],
    ['negative holding cost', { ...ok, costs: { holdingCost: -1, shortageCost: 1 } }, /^invalid costs\.holdingCost: -1 /],
    ['lead time probabilities', { ...ok, leadTime: { kind: 'discrete', values: [1, 2], probabilities: [0.5, 0.6] } }, /^invalid leadTime\.probabilities: 1\.1/],
    ['unknown unmet', { ...ok, unmet: 'sometimes' as 'lost' }, /^invalid unmet: "sometimes" /],
    ['trace on a very long run', { ...ok, periods: 2_000_000, trace: true }, /^invalid trace: true /],
    ['fractional review period', { ...ok, policies: [{ name: 'x', policy: { kind: 'RS', reviewPeriods: 1.5, S: 9 } }] }, /^invalid policies\[0\]\.policy\.reviewPeriods: 1\.5 /],
  ];
  it.each(cases)('%s', async (_name, input, message) => {
    await expect(simulate(input, signal)).rejects.toThrow(message);
  });
});
