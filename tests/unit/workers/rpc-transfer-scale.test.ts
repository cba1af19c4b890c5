import { describe, expect, it } from 'vitest';
import { collectTransferables } from '../../../src/workers/rpc';

/** A result shaped like an unpacked forecast: `n` series, each with five small typed arrays and a few plain values. */
const forecastLike = (n: number) => ({
  series: Array.from({ length: n }, (_, i) => ({ seriesId: `s${i}`, point: new Float64Array(8), quantiles: [new Float64Array(8), new Float64Array(8), new Float64Array(8)], days: new Int32Array(8), weights: [0.5, 0.5] })),
});

function cpuMs(fn: () => void): number {
  let best = Infinity;
  for (let k = 0; k < 5; k++) {
    const c0 = process.cpuUsage();
    fn();
    const c = process.cpuUsage(c0);
    best = Math.min(best, (c.user + c.system) / 1000);
  }
  return best;
}

describe('issue #18: collecting a result\'s transferables is linear in its size', () => {
  it('every buffer once, and 10× the typed arrays takes under 40× the time (the former version: 390×)', () => {
    const small = forecastLike(2_000);
    const large = forecastLike(20_000);
    expect(collectTransferables(small)).toHaveLength(2_000 * 5);
    expect(collectTransferables(large)).toHaveLength(20_000 * 5);
    const t1 = cpuMs(() => collectTransferables(small));
    const t10 = cpuMs(() => collectTransferables(large));
    // The former version copied the set at every node, O(n²): 0.26 s and 99.7 s of CPU for these two sizes. Linear
    // work still grows faster than 10× here (a larger set, more garbage: 14-16× measured), hence the margin.
    expect(t10 / Math.max(t1, 0.5)).toBeLessThan(40);
  });
});
