import { describe, expect, it } from 'vitest';
import golden from '../../fixtures/golden/policy/newsvendor.json';
import { fromMasses } from '../../../src/lib/policy/discrete';
import {
  newsvendorDiscrete,
  newsvendorNormal,
  newsvendorPoisson,
  newsvendorQuantiles,
  newsvendorSample,
} from '../../../src/lib/policy/newsvendor';
import { normalQuantile } from '../../../src/lib/policy/normal';

describe('newsvendor (golden: scipy and Snyder & Shen ch. 4)', () => {
  const computed = golden.computed;
  it.each(computed.filter((c) => c.kind === 'normal'))(
    'normal mean $mean sd $sd h $h p $p: Q*, cost, shortage and fill rate match quadrature',
    (c) => {
      const r = newsvendorNormal({ mean: c.mean, sd: c.sd!, holdingCost: c.h, shortageCost: c.p });
      expect(r.z).toBeCloseTo(normalQuantile(c.p / (c.p + c.h)), 14);
      expect(r.orderQuantity).toBeCloseTo(c.orderQuantity, 10);
      expect(r.expectedCost).toBeCloseTo(c.cost, 9);
      expect(r.expectedShortage).toBeCloseTo(c.expectedShortage, 9);
      expect(r.fillRate).toBeCloseTo(c.fillRate, 10);
      expect(r.cycleServiceLevel).toBeCloseTo(c.p / (c.p + c.h), 12);
    },
  );
  it.each(computed.filter((c) => c.kind === 'poisson'))('Poisson mean $mean h $h p $p: Q*, cost, service', (c) => {
    const r = newsvendorPoisson({ mean: c.mean, holdingCost: c.h, shortageCost: c.p });
    expect(r.orderQuantity).toBe(c.orderQuantity);
    expect(r.expectedCost).toBeCloseTo(c.cost, 10);
    expect(r.fillRate).toBeCloseTo(c.fillRate, 12);
    expect(r.cycleServiceLevel).toBeCloseTo(c.cycleServiceLevel!, 12);
  });
  it.each(golden.published.filter((c) => c.kind === 'normal'))('$name', (c) => {
    const opt = newsvendorNormal({ mean: c.mean!, sd: c.sd!, holdingCost: c.h, shortageCost: c.p });
    expect(opt.orderQuantity).toBeCloseTo(c.orderQuantity, 9);
    expect(opt.expectedCost).toBeCloseTo(c.cost, 9);
    const at = newsvendorNormal({ mean: c.mean!, sd: c.sd!, holdingCost: c.h, shortageCost: c.p, orderQuantity: c.evaluate.q });
    expect(at.expectedCost).toBeCloseTo(c.evaluate.cost, 9);
  });
  it.each(golden.published.filter((c) => c.kind === 'poisson'))('$name', (c) => {
    const opt = newsvendorPoisson({ mean: c.mean!, holdingCost: c.h, shortageCost: c.p });
    expect(opt.orderQuantity).toBe(c.orderQuantity);
    expect(opt.expectedCost).toBeCloseTo(c.cost, 8);
    const at = newsvendorPoisson({ mean: c.mean!, holdingCost: c.h, shortageCost: c.p, orderQuantity: c.evaluate.q });
    expect(at.expectedCost).toBeCloseTo(c.evaluate.cost, 8);
  });
  it('Snyder & Shen Problem 4.7(b): discrete pmf', () => {
    const c = golden.published.find((x) => x.kind === 'pmf')!;
    const masses = new Float64Array(9);
    for (const [k, v] of Object.entries(c.pmf!)) masses[Number(k)] = v;
    const d = fromMasses(masses);
    const r = newsvendorDiscrete({ distribution: d, holdingCost: c.h, shortageCost: c.p });
    expect(r.orderQuantity).toBe(5);
    expect(r.expectedCost).toBeCloseTo(1225000, 6);
    expect(newsvendorDiscrete({ distribution: d, holdingCost: c.h, shortageCost: c.p, orderQuantity: 3 }).expectedCost).toBeCloseTo(1725000, 6);
  });
  it('newsvendorSample: Q* is the smallest sample value with ECDF ≥ p/(p+h)', () => {
    const sample = [5, 1, 4, 2, 3, 6, 8, 7, 9, 10];
    const r = newsvendorSample({ sample, holdingCost: 1, shortageCost: 3 });
    expect(r.orderQuantity).toBe(8); // ratio 0.75 → 8th of 10 sorted values
    expect(r.cycleServiceLevel).toBe(0.8);
    // cost: h·E(8 − D)⁺ + p·E(D − 8)⁺ = (7+6+5+4+3+2+1+0)/10 + 3·(1+2)/10
    expect(r.expectedCost).toBeCloseTo(2.8 + 0.9, 12);
  });
  it('newsvendorQuantiles: symmetric quantiles give Q* at the median when h = p', () => {
    const r = newsvendorQuantiles({ levels: [0.1, 0.5, 0.9], values: [80, 100, 120], holdingCost: 1, shortageCost: 1 });
    expect(r.orderQuantity).toBe(100);
    expect(r.fillRate).toBeGreaterThan(0.9);
  });
  it('no NaN escapes: all fields are finite', () => {
    const r = newsvendorNormal({ mean: 1, sd: 100, holdingCost: 1e-9, shortageCost: 1e9 });
    for (const v of Object.values(r)) expect(Number.isFinite(v)).toBe(true);
  });
});
