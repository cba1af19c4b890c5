import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it } from 'vitest';
import { createSimulateHandlers as createDirect } from '../../../src/workers/simulate-service';
import { maybeScenario } from '../../../src/lib/sim/scenario';
import { openWorkspaceDb } from '../../../src/persistence/db';
import { saveDataset } from '../../../src/persistence/datasets';
import { presetScenario } from '../../../src/ui/inventory/presets';
import { comparisonPolicies, formulaInputs } from '../../../src/ui/inventory/formulas';
import { evaluateSs, lotSize, negativeBinomialDistribution, poissonDistribution } from '../../../src/lib/policy';
import type { Dataset } from '../../../src/lib/dataset/types';
import type { Progress } from '../../../src/lib/core/progress';
import type { Handlers } from '../../../src/workers/rpc';
import type { SimulateApi } from '../../../src/workers/simulate-protocol';
import { channelClient, handlersOverClient } from '../workers/channel-worker';

// The same handlers the worker serves (simulate.worker.ts is only serveWorker around them), run twice as
// duckdb-wasm runs its suite: called directly, and through rpc.ts over a MessageChannel (every input and
// result structured-cloned, typed arrays transferred, errors and cancels crossing as messages). e2e runs
// them in the real worker.
const noDb = () => Promise.reject(new Error('no database in this test'));
const ctx = (progress: Progress[] = [], signal = new AbortController().signal) => ({ signal, onProgress: (p: Progress) => progress.push(p) });
const zf = presetScenario('zheng-federgruen');
const METHODS = ['describeDemand', 'simulate', 'compare', 'optimize', 'costSurface'] as const;
const clients: Array<() => void> = [];
afterAll(() => clients.forEach((close) => close()));

/** How the suite reaches the handlers: as they are, or through the worker protocol. */
const ways: Array<[string, (h: Handlers<SimulateApi>) => Handlers<SimulateApi>]> = [
  ['called directly', (h) => h],
  [
    'through the worker protocol',
    (h) => {
      const { client, close } = channelClient<SimulateApi>(() => h);
      clients.push(close);
      return handlersOverClient(client, METHODS);
    },
  ],
];

describe.each(ways)('the simulate API, %s', (way, via) => {
  const createSimulateHandlers = (...args: Parameters<typeof createDirect>) => via(createDirect(...args));

  describe('simulate', () => {
    it('ZF optimum (6, 40): exact 35.022 and a simulated cost whose interval is near it; trace and events of replication 1', async () => {
      const h = createSimulateHandlers(noDb);
      const r = await h.simulate({ scenario: { ...zf, s: 6, S: 40, replications: 100 } }, ctx());
      expect(r.exact!.costPerPeriod).toBeCloseTo(35.022, 3);
      expect(r.exactNotes).toEqual([]);
      const p = r.result.policies[0];
      expect(p.name).toBe('(6, 40)');
      expect(p.trace!.demand.length).toBe(zf.warmupPeriods + zf.periods);
      expect(p.events!.length).toBeGreaterThan(0);
      const iv = p.intervals.totalCostPerPeriod;
      expect(Math.abs(iv.mean - 35.022)).toBeLessThan(3 * iv.halfWidth + 0.05);
      expect(r.demand).toMatchObject({ label: 'Poisson(10)', mean: 10, family: 'poisson', history: null });
    });

    it('lost sales and a random lead time keep the exact cost but say what it approximates', async () => {
      const h = createSimulateHandlers(noDb);
      const r = await h.simulate({ scenario: { ...zf, unmet: 'lost', leadTime: { kind: 'uniform', min: 1, max: 3 }, replications: 2 } }, ctx());
      expect(r.exactNotes.join(' ')).toMatch(/mean lead time, 2 periods/);
      expect(r.exactNotes.join(' ')).toMatch(/backorders/);
      expect(r.exact!.costPerPeriod).toBeCloseTo(evaluateSs({ demand: poissonDistribution(10), leadTimePeriods: 2, orderCost: 64, holdingCost: 1, backorderCost: 9, s: 10, S: 46 }).costPerPeriod, 10);
    });

    it('constant demand (normal, σ = 0) has an exact cost from a point mass', async () => {
      const h = createSimulateHandlers(noDb);
      const r = await h.simulate({ scenario: { ...presetScenario('eoq'), replications: 2 } }, ctx());
      expect(r.exact).not.toBeNull();
      expect(r.result.policies[0].kpis.unitsShort).toBe(0);
      expect(r.demand.label).toBe('constant 100');
    });

    it('reports progress ending with done === total, and rejects with AbortError when cancelled', async () => {
      const h = createSimulateHandlers(noDb);
      const progress: Progress[] = [];
      await h.simulate({ scenario: { ...zf, periods: 20_000, replications: 30 } }, ctx(progress));
      const last = progress[progress.length - 1];
      expect(last.done).toBe(last.total);
      const c = new AbortController();
      const pending = h.simulate({ scenario: { ...zf, periods: 50_000, replications: 200 } }, ctx([], c.signal));
      setTimeout(() => c.abort(), 5);
      await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    });

    it('bad scenarios throw naming the field and the value (P5)', () => {
      expect(() => maybeScenario({ ...zf, S: 3, s: 5 })).toThrow(/invalid S: 3/);
      expect(() => maybeScenario({ ...zf, holdingCost: 0 })).toThrow(/invalid holdingCost: 0/);
      expect(() => maybeScenario({ ...zf, demand: { kind: 'negative-binomial', mean: 5, variance: 4 } })).toThrow(/invalid demand.variance: 4/);
      expect(() => maybeScenario({ ...zf, leadTime: { kind: 'uniform', min: 4, max: 2 } })).toThrow(/invalid leadTime.max: 2/);
      expect(() => maybeScenario({ ...zf, demand: { kind: 'bogus' } as never })).toThrow(/invalid demand.kind: "bogus"/);
    });
  });

  describe('optimize and costSurface', () => {
    it('optimize: (6, 40) at 35.022 and the cost of the preset policy', async () => {
      const h = createSimulateHandlers(noDb);
      const r = await h.optimize({ scenario: zf }, ctx());
      expect([r.optimum.s, r.optimum.S]).toEqual([6, 40]);
      expect(r.optimum.costPerPeriod).toBeCloseTo(35.022, 3);
      expect(r.current.costPerPeriod).toBeGreaterThan(r.optimum.costPerPeriod);
      expect(r.notes).toEqual([]);
    });

    it('every cell of the surface equals evaluateSs, the grid holds the optimum, and it is its minimum', async () => {
      const h = createSimulateHandlers(noDb);
      const surface = await h.costSurface({ scenario: zf }, ctx());
      const cols = surface.s.length;
      expect(Array.from(surface.s)).toContain(6);
      expect(Array.from(surface.S)).toContain(40);
      let best = { c: Infinity, s: 0, S: 0 };
      surface.S.forEach((bigS, r) =>
        surface.s.forEach((s, c) => {
          const v = surface.cost[r * cols + c];
          if (bigS <= s) return expect(v).toBeNaN();
          expect(v).toBeCloseTo(evaluateSs({ demand: poissonDistribution(10), orderCost: 64, holdingCost: 1, backorderCost: 9, s, S: bigS }).costPerPeriod, 9);
          if (v < best.c) best = { c: v, s, S: bigS };
        }),
      );
      expect([best.s, best.S]).toEqual([6, 40]);
      expect(surface.range[0]).toBeCloseTo(best.c, 12);
      // The default window also shows the preset's own (10, 46).
      expect(Array.from(surface.s)).toContain(10);
      expect(Array.from(surface.S)).toContain(46);
    });

    it('with a lead time and negative binomial demand the surface still matches evaluateSs', async () => {
      const h = createSimulateHandlers(noDb);
      const scenario = { ...zf, demand: { kind: 'negative-binomial' as const, mean: 8, variance: 24 }, leadTime: { kind: 'fixed' as const, periods: 2 } };
      const surface = await h.costSurface({ scenario, sRange: [10, 30], SRange: [40, 80], maxCells: 11 }, ctx());
      const demand = negativeBinomialDistribution(8, 24);
      const cols = surface.s.length;
      for (const [r, c] of [[0, 0], [3, 5], [surface.S.length - 1, cols - 1]]) {
        const s = surface.s[c];
        const bigS = surface.S[r];
        expect(surface.cost[r * cols + c]).toBeCloseTo(evaluateSs({ demand, leadTimePeriods: 2, orderCost: 64, holdingCost: 1, backorderCost: 9, s, S: bigS }).costPerPeriod, 9);
      }
      expect(surface.s.length).toBeLessThanOrEqual(13);
    });
  });

  describe('large demand is counted in lots', () => {
    it('lotSize is 1 up to a mean of 200, then a 1-2-5 number giving 40..100 lots', () => {
      expect([10, 200, 201, 4000, 25_000, 1e6].map(lotSize)).toEqual([1, 1, 5, 50, 500, 10_000]);
    });

    it('weekly store sales (mean 25,000): optimize, evaluate and the surface in lots of 500, quickly', async () => {
      const h = createSimulateHandlers(noDb);
      const scenario = { ...zf, demand: { kind: 'normal' as const, mean: 25_000, sd: 6_000 }, orderCost: 5_000, holdingCost: 0.02, shortageCost: 0.5, s: 30_000, S: 90_000 };
      const t0 = performance.now();
      const o = await h.optimize({ scenario }, ctx());
      const surface = await h.costSurface({ scenario }, ctx());
      const sim = await h.simulate({ scenario: { ...scenario, replications: 2 } }, ctx());
      expect(performance.now() - t0).toBeLessThan(2000);
      expect(o.optimum.s % 500).toBe(0);
      expect(o.optimum.S % 500).toBe(0);
      expect(o.notes.join(' ')).toMatch(/lots of 500 units/);
      expect(Array.from(surface.s).every((v) => v % 500 === 0)).toBe(true);
      expect([surface.optimum.s, surface.optimum.S]).toEqual([o.optimum.s, o.optimum.S]);
      expect(sim.exact!.S).toBe(90_000);
      // The rounded-normal lot model agrees with the unit-level normal formula within a few per cent.
      expect(o.optimum.costPerPeriod).toBeGreaterThan(0);
      expect(sim.exact!.costPerPeriod).toBeGreaterThan(o.optimum.costPerPeriod);
    });
  });

  describe('compare', () => {
    it('simulates the formula policies plus the exact optimum on common random numbers, with intervals', async () => {
      const h = createSimulateHandlers(noDb);
      const policies = comparisonPolicies(formulaInputs(zf, { mean: 10, sd: Math.sqrt(10) }));
      const r = await h.compare({ scenario: { ...zf, replications: 10 }, policies }, ctx());
      expect(r.result.policies).toHaveLength(policies.length + 1);
      expect(r.result.policies.at(-1)!.name).toBe('Optimal (s,S) = (6, 40)');
      expect(r.optimal!.costPerPeriod).toBeCloseTo(35.022, 3);
      for (const p of r.result.policies) {
        expect(p.trace).toBeUndefined();
        expect(p.intervals.totalCostPerPeriod.n).toBe(10);
        expect(p.intervals.totalCostPerPeriod.halfWidth).toBeGreaterThan(0);
      }
    });

    it('refuses an empty policy list', async () => {
      const h = createSimulateHandlers(noDb);
      await expect(h.compare({ scenario: zf, policies: [] }, ctx())).rejects.toThrow(/invalid policies/);
    });
  });

  describe('a workspace series as the demand source', async () => {
    const days = Int32Array.from({ length: 40 }, (_, i) => 19000 + i);
    const values = Float64Array.from({ length: 40 }, (_, i) => (i === 3 ? NaN : i === 7 ? -2 : 5 + (i % 7)));
    const dataset: Dataset = {
      meta: {
        id: 'ds', name: 'Shop', sourceFiles: ['shop.csv'], format: 'long', createdAt: 1, keyColumns: ['item'], valueColumn: 'sales', covariateColumns: [],
        rows: 40, seriesCount: 1, firstDay: days[0], lastDay: days[39], frequency: 'daily', choices: { missingPeriods: 'leave', negativeValues: 'keep' },
        report: { issues: [], counts: {}, severities: {}, fatal: false },
      } as Dataset['meta'],
      calendar: { frequency: 'daily', days, holidays: new Uint8Array(40) },
      series: [{ id: 'A-1', key: { item: 'A-1' }, start: 0, values, covariates: {} }],
    };
    const db = await openWorkspaceDb(`simulate-service-series ${way}`);
    await saveDataset(db, dataset);
    const open = () => Promise.resolve(db);

    it('describeDemand: mean and sd of the cleaned history, a copy of the history, and warnings for missing and negative values', async () => {
      const h = createSimulateHandlers(open);
      const info = await h.describeDemand({ demand: { kind: 'series', datasetId: 'ds', seriesIndex: 0, use: 'replay' } }, ctx());
      expect(info.label).toBe('Shop · A-1, replayed');
      expect(info.maxPeriods).toBe(40);
      expect(info.history!.length).toBe(40);
      expect(info.warnings).toEqual(['1 missing period: replayed as 0.', '1 negative value (returns) counted as 0.']);
      info.history!.fill(0);
      const again = await h.describeDemand({ demand: { kind: 'series', datasetId: 'ds', seriesIndex: 0, use: 'replay' } }, ctx());
      expect(again.history![0]).toBe(5);
    });

    it('replay caps the periods at the history minus the warm-up and plays it in order', async () => {
      const h = createSimulateHandlers(open);
      const r = await h.simulate({ scenario: { ...zf, demand: { kind: 'series', datasetId: 'ds', seriesIndex: 0, use: 'replay' }, warmupPeriods: 5, periods: 365, replications: 2 } }, ctx());
      expect(r.scenario.periods).toBe(35);
      expect(Array.from(r.result.policies[0].trace!.demand.subarray(0, 8))).toEqual([5, 6, 7, 0, 9, 10, 11, 0]);
      expect(r.exactNotes[0]).toMatch(/independent draws from the history/);
    });

    it('fit picks Poisson for this series (variance ≤ 1.1 × mean) and the worker can optimize on it', async () => {
      const h = createSimulateHandlers(open);
      const scenario = { ...zf, demand: { kind: 'series' as const, datasetId: 'ds', seriesIndex: 0, use: 'fit' as const } };
      const info = await h.describeDemand({ demand: scenario.demand }, ctx());
      expect(info.family).toBe('poisson');
      const o = await h.optimize({ scenario }, ctx());
      expect(o.optimum.S).toBeGreaterThan(o.optimum.s);
    });

    it('a missing series is a not-found error for people', async () => {
      const h = createSimulateHandlers(open);
      await expect(h.describeDemand({ demand: { kind: 'series', datasetId: 'gone', seriesIndex: 0, use: 'fit' } }, ctx())).rejects.toMatchObject({ code: 'not-found' });
    });
  });
});
