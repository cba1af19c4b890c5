import { describe, expect, it } from 'vitest';
import { axisIndex, cellAt, createRankScale, heatmapLayout, surfaceDescription, viridis } from '../../../src/ui/inventory/heatmap';
import type { CostSurface } from '../../../src/lib/sim/scenario';

describe('heatmap helpers', () => {
  it('viridis runs from dark purple (0) to yellow (1) and clamps', () => {
    expect(viridis(0)).toEqual([68, 1, 84]);
    expect(viridis(1)).toEqual([253, 231, 37]);
    expect(viridis(-3)).toEqual(viridis(0));
    expect(viridis(NaN)).toEqual(viridis(0));
  });

  it('the rank scale maps the cheapest cell to 0, the dearest to 1, and is monotone', () => {
    const scale = createRankScale([5, NaN, 1, 100, 2, 3]);
    expect(scale.unit(1)).toBe(0);
    expect(scale.unit(100)).toBe(1);
    const ts = [1, 2, 3, 5, 100].map(scale.unit);
    expect(ts).toEqual([...ts].sort((a, b) => a - b));
    expect(scale.unit(NaN)).toBe(0);
    expect(scale.quantile(0.5)).toBe(3);
  });

  it('cellAt finds the cell drawn at a point (S grows upward)', () => {
    const L = heatmapLayout(600, 340, 10, 5);
    expect(cellAt(L, 10, 5, L.left + 0.5 * L.cellWidth, L.top + 0.5 * L.cellHeight)).toEqual({ col: 0, row: 4 });
    expect(cellAt(L, 10, 5, L.left + 9.5 * L.cellWidth, L.top + 4.5 * L.cellHeight)).toEqual({ col: 9, row: 0 });
    expect(cellAt(L, 10, 5, 1, 1)).toBeNull();
  });

  it('axisIndex finds the cell of a value, the nearer one between two, or −1 outside', () => {
    expect(axisIndex(Int32Array.of(4, 6, 8), 6)).toBe(1);
    expect(axisIndex(Int32Array.of(0, 500, 1000), 620)).toBe(1);
    expect(axisIndex(Int32Array.of(0, 500, 1000), 800)).toBe(2);
    expect(axisIndex(Int32Array.of(4, 6, 8), 10)).toBe(-1);
    expect(axisIndex(Int32Array.of(4, 6, 8), 2)).toBe(-1);
    expect(axisIndex(Int32Array.of(4), 4)).toBe(0);
  });

  it('the text alternative names the ranges, the optimum and the current policy', () => {
    const surface = {
      s: Int32Array.of(4, 6), S: Int32Array.of(40, 42), cost: Float64Array.of(35.1, 35.022, 35.3, 35.2), range: [35.022, 35.3],
      optimum: { s: 6, S: 40, costPerPeriod: 35.0216 }, elapsedMs: 1,
    } as unknown as CostSurface;
    const text = surfaceDescription(surface, { s: 4, S: 42, cost: 35.3 });
    expect(text).toContain('s from 4 to 6');
    expect(text).toContain('S from 40 to 42');
    expect(text).toContain('The optimum, marked with a star, is s = 6, S = 40 at 35.022');
    expect(text).toContain('Your policy, marked with a ring, is s = 4, S = 42 at 35.300');
    expect(surfaceDescription(surface, { s: 6, S: 40, cost: 35.02 })).not.toContain('Your policy');
  });
});
