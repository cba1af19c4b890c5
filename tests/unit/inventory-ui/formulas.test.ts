import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { closedForm, comparisonPolicies, formulaInputs, formulaLines, leadTimeMoments, texNumber } from '../../../src/ui/inventory/formulas';
import { presetScenario } from '../../../src/ui/inventory/presets';
import { evaluateSs, poissonDistribution } from '../../../src/lib/policy';

const zf = formulaInputs(presetScenario('zheng-federgruen'), { mean: 10, sd: Math.sqrt(10) });

describe('closedForm', () => {
  it('EOQ of Poisson(10), K = 64, h = 1 is √1280 = 35.78 with cost √(2·10·64·1)', () => {
    const f = closedForm(zf);
    expect(f.eoq).toBeCloseTo(Math.sqrt(1280), 10);
    expect(f.eoqCost).toBeCloseTo(Math.sqrt(1280), 10);
    expect(f.cycle).toBeCloseTo(Math.sqrt(1280) / 10, 10);
  });

  it('critical ratio p/(p+h) = 0.9 gives z = 1.2816 (scipy norm.ppf(0.9) = 1.2815515655446004)', () => {
    const f = closedForm(zf);
    expect(f.criticalRatio).toBe(0.9);
    expect(f.z).toBeCloseTo(1.2815515655446004, 12);
  });

  it('safety stock is z·σ·√(L+R) with a fixed lead time, and adds μ²σ_L² with a random one', () => {
    const f = closedForm({ ...zf, leadTimeMean: 2, reviewPeriods: 3 });
    expect(f.safetyStock).toBeCloseTo(f.z * Math.sqrt(10) * Math.sqrt(5), 12);
    expect(f.orderUpTo).toBeCloseTo(10 * 5 + f.safetyStock, 12);
    const r = closedForm({ ...zf, leadTimeMean: 4, leadTimeSd: Math.sqrt(2), reviewPeriods: 1 });
    expect(r.sigmaP).toBeCloseTo(Math.sqrt(5 * 10 + 100 * 2), 12);
  });

  it('base stock uses L + 1 periods and the newsvendor one period', () => {
    const f = closedForm({ ...zf, leadTimeMean: 3 });
    expect(f.baseStock).toBeCloseTo(40 + f.z * Math.sqrt(40), 12);
    expect(f.newsvendor).toBeCloseTo(10 + f.z * Math.sqrt(10), 12);
  });

  it('K = 0 gives Q* = 0 without calling the EOQ (which needs K > 0)', () => {
    expect(closedForm({ ...zf, orderCost: 0 }).eoq).toBe(0);
  });

  it('leadTimeMoments of uniform 2..6 is mean 4, variance (5² − 1)/12 = 2', () => {
    expect(leadTimeMoments({ kind: 'uniform', min: 2, max: 6 })).toEqual({ mean: 4, sd: Math.sqrt(2) });
    expect(leadTimeMoments({ kind: 'fixed', periods: 3 })).toEqual({ mean: 3, sd: 0 });
  });
});

describe('texNumber', () => {
  it.each([
    [35.777, 2, '35.78'], [1234.5, 2, '1{,}235'], [-3, 2, '(-3)'], [0.9, 3, '0.9'], [1.2816, 3, '1.282'], [150.26, 2, '150.3'], [NaN, 2, '?'], [-0.0001, 2, '0'],
  ])('texNumber(%s, %s) = %s', (x, d, out) => expect(texNumber(x, d)).toBe(out));
});

describe('formulaLines', () => {
  const exact = evaluateSs({ demand: poissonDistribution(10), orderCost: 64, holdingCost: 1, backorderCost: 9, s: 6, S: 40 });

  it('fills the current numbers in: EOQ 35.8, z 1.282, the (s,S) cost 35.022', () => {
    const lines = formulaLines({ ...zf, s: 6, S: 40 }, exact);
    const byId = Object.fromEntries(lines.map((l) => [l.id, l]));
    expect(byId.eoq.tex).toContain('\\sqrt{\\dfrac{2 \\cdot 10 \\cdot 64}{1}} = 35.8');
    expect(byId['critical-ratio'].tex).toContain('= 1.282');
    expect(byId['ss-cost'].tex).toMatch(/M\(34\)\} = 35\.022$/);
    expect(byId['ss-cost'].value).toBeCloseTo(35.022, 3);
  });

  it('every formula is valid KaTeX (throwOnError) in each preset', () => {
    for (const id of ['zheng-federgruen', 'newsvendor', 'eoq', 'lead-time', 'lost-sales']) {
      const sc = presetScenario(id);
      const lead = leadTimeMoments(sc.leadTime);
      const x = formulaInputs(sc, { mean: 20, sd: 4 });
      for (const line of formulaLines({ ...x, leadTimeSd: lead.sd }, id === 'zheng-federgruen' ? exact : null)) {
        expect(() => katex.renderToString(line.tex, { throwOnError: true }), `${id}/${line.id}`).not.toThrow();
      }
    }
  });

  it('without an exact evaluation the (s,S) line shows a question mark and the reason', () => {
    const line = formulaLines(zf, null, 'lost sales').find((l) => l.id === 'ss-cost')!;
    expect(line.tex).toMatch(/= \\,\?$/);
    expect(line.value).toBeNaN();
    expect(line.note).toBe('lost sales');
  });

  it('all formulas of a slider move take well under a millisecond on the main thread', () => {
    const t0 = performance.now();
    for (let i = 0; i < 200; i++) formulaLines({ ...zf, S: 40 + (i % 10) }, exact);
    expect((performance.now() - t0) / 200).toBeLessThan(1);
  });
});

describe('comparisonPolicies', () => {
  it('ZF preset: your (s,S), base stock, (R,S) with R = 4, and (s,Q) from the (r,Q) optimum', () => {
    const p = comparisonPolicies(zf);
    expect(p.map((x) => x.policy.kind)).toEqual(['sS', 'base-stock', 'RS', 'sQ']);
    expect(p[0].policy).toEqual({ kind: 'sS', s: 10, S: 46 });
    expect(p[1].policy).toEqual({ kind: 'base-stock', S: Math.ceil(10 + 1.2815515655446004 * Math.sqrt(10)) });
    const sq = p[3].policy as { s: number; Q: number };
    expect(sq.Q).toBeGreaterThan(25);
    expect(sq.Q).toBeLessThan(45);
  });

  it('R = 1 leaves (R,S) out (it would be base stock again); K = 0 leaves (s,Q) out', () => {
    expect(comparisonPolicies({ ...zf, reviewPeriods: 1, orderCost: 0 }).map((x) => x.policy.kind)).toEqual(['sS', 'base-stock']);
  });

  it('constant demand (σ = 0) still gets an (s,Q) from the EOQ', () => {
    const x = formulaInputs(presetScenario('eoq'), { mean: 100, sd: 0 });
    const sq = comparisonPolicies(x).find((p) => p.policy.kind === 'sQ')!.policy as { s: number; Q: number };
    expect(sq).toEqual({ kind: 'sQ', s: 99, Q: 632 });
  });
});
