import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/lib/core/rng';
import { poissonDistribution } from '../../../src/lib/policy/discrete';
import { createAliasTable, sampleAlias } from '../../../src/lib/sim/alias';

describe('alias method', () => {
  it('each column keeps plus what others send equals n × its mass', () => {
    const pmf = poissonDistribution(10).pmf;
    const t = createAliasTable(pmf);
    const got = new Float64Array(t.n);
    for (let i = 0; i < t.n; i++) {
      got[i] += t.keep[i];
      got[t.alias[i]] += 1 - t.keep[i];
    }
    for (let i = 0; i < t.n; i++) expect(got[i] / t.n).toBeCloseTo(pmf[i], 14);
  });
  it('sampled frequencies match the pmf (chi-square, 200 000 draws)', () => {
    const masses = [0.3, 0.2, 0.1, 0.25, 0, 0.15];
    const t = createAliasTable(masses);
    const rng = createRng(5);
    const counts = new Float64Array(masses.length);
    const n = 200_000;
    for (let i = 0; i < n; i++) counts[sampleAlias(t, rng.next())]++;
    expect(counts[4]).toBe(0);
    let chi2 = 0;
    masses.forEach((m, i) => m > 0 && (chi2 += (counts[i] - n * m) ** 2 / (n * m)));
    // 4 degrees of freedom: P(χ² > 18.47) = 0.001.
    expect(chi2).toBeLessThan(18.47);
  });
});
