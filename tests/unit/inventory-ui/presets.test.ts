import { describe, expect, it } from 'vitest';
import { presetById, presetScenario, PRESETS } from '../../../src/ui/inventory/presets';
import { maybeScenario } from '../../../src/lib/sim/scenario';
import { eoq, optimizeSs, poissonDistribution } from '../../../src/lib/policy';

describe('classroom presets', () => {
  it('there are at least the four the issue asks for, each with a lesson and a source', () => {
    expect(PRESETS.map((p) => p.id)).toEqual(expect.arrayContaining(['zheng-federgruen', 'newsvendor', 'eoq', 'lead-time']));
    for (const p of PRESETS) {
      expect(p.teaches.length, p.id).toBeGreaterThan(60);
      expect(p.source.length, p.id).toBeGreaterThan(10);
    }
  });

  it('every preset scenario passes the worker’s validation unchanged', () => {
    for (const p of PRESETS) expect(maybeScenario(p.scenario), p.id).toEqual(expect.objectContaining(p.scenario));
  });

  it('Zheng–Federgruen: Poisson(10), K = 64, h = 1, p = 9, L = 0 → (6, 40) at 35.022 (published)', () => {
    const p = presetById('zheng-federgruen');
    const o = optimizeSs({ demand: poissonDistribution(10), orderCost: p.scenario.orderCost, holdingCost: p.scenario.holdingCost, backorderCost: p.scenario.shortageCost });
    expect([o.s, o.S]).toEqual([p.expect!.s, p.expect!.S]);
    expect(o.costPerPeriod).toBeCloseTo(p.expect!.costPerPeriod, 3);
    expect([p.scenario.s, p.scenario.S]).not.toEqual([6, 40]);
  });

  it('newsvendor: K = 0, L = 0 and a critical ratio of 0.8', () => {
    const s = presetScenario('newsvendor');
    expect(s.orderCost).toBe(0);
    expect(s.leadTime).toEqual({ kind: 'fixed', periods: 0 });
    expect(s.shortageCost / (s.shortageCost + s.holdingCost)).toBeCloseTo(0.8, 12);
  });

  it('EOQ: constant demand 100, K = 200, h = 0.1 → Q* ≈ 632 and S − s is Q*', () => {
    const s = presetScenario('eoq');
    expect(s.demand).toEqual({ kind: 'normal', mean: 100, sd: 0 });
    const q = eoq({ demandPerPeriod: 100, orderCost: s.orderCost, holdingCost: s.holdingCost }).orderQuantity;
    expect(q).toBeCloseTo(632.456, 3);
    expect(s.S - s.s).toBe(Math.round(q));
  });

  it('lead time: a random lead time', () => {
    expect(presetScenario('lead-time').leadTime.kind).toBe('uniform');
  });

  it('presetScenario returns a copy; presetById names a bad id', () => {
    presetScenario('eoq').s = -99;
    expect(presetScenario('eoq').s).toBe(99);
    expect(() => presetById('nope')).toThrow(/invalid preset id: "nope"/);
  });
});
