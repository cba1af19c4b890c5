import { describe, expect, it } from 'vitest';
import { buildCompareChart, buildCostChart, buildDemandChart, buildEoqChart, buildInventoryChart, buildOrdersChart, periodLabels, upTo } from '../../../src/ui/inventory/sim-charts';
import { cumulativeCosts, shortagesPerPeriod } from '../../../src/ui/inventory/playback';
import { eoqCostCurve } from '../../../src/lib/policy';
import { simulate } from '../../../src/lib/sim';

describe('playback chart builders', async () => {
  const result = await simulate(
    { periods: 30, demand: { kind: 'poisson', mean: 10 }, costs: { holdingCost: 1, shortageCost: 9, orderCost: 64 }, policies: [{ name: '(6, 40)', policy: { kind: 'sS', s: 6, S: 40 } }], replications: 3 },
    new AbortController().signal,
  );
  const p = result.policies[0];
  const input = { trace: p.trace!, cumulative: cumulativeCosts(p.trace!), shortages: shortagesPerPeriod(p.events!, 30), forecast: 10, s: 6, S: 40, cursor: 9 };

  it('upTo keeps values up to the cursor and nulls after it, so the x axis never changes', () => {
    expect(upTo([1, 2, 3, 4], 1)).toEqual([1, 2, null, null]);
    expect(upTo([1, NaN], 5)).toEqual([1, null]);
    expect(periodLabels(3)).toEqual(['1', '2', '3']);
  });

  it('demand chart: demand bars and a dashed forecast line, both cut at the cursor', () => {
    const c = buildDemandChart(input);
    expect(c.data.labels).toHaveLength(30);
    const [demand, forecast] = c.data.datasets as Array<{ label: string; data: Array<number | null>; borderDash?: number[]; type?: string }>;
    expect(demand.label).toBe('Demand');
    expect(demand.data.filter((v) => v !== null)).toHaveLength(10);
    expect(forecast.type).toBe('line');
    expect(forecast.borderDash).toEqual([6, 4]);
    expect(forecast.data[9]).toBe(10);
    expect(forecast.data[10]).toBeNull();
  });

  it('inventory chart: net inventory, position, and s and S lines told apart by dash as well as colour', () => {
    const c = buildInventoryChart(input);
    const sets = c.data.datasets as Array<{ label: string; borderDash?: number[]; data: Array<number | null> }>;
    expect(sets.map((d) => d.label)).toEqual(['Net inventory (on hand − backorders)', 'Inventory position', 's = 6', 'S = 40']);
    expect(new Set(sets.map((d) => JSON.stringify(d.borderDash ?? []))).size).toBe(4);
    expect(sets[2].data[0]).toBe(6);
    // Fixed axes: the y range covers the whole run, not just the part drawn.
    const y = (c.options!.scales as Record<string, { suggestedMin: number; suggestedMax: number }>).y;
    expect(y.suggestedMax).toBeGreaterThanOrEqual(40);
  });

  it('orders and cost charts carry three and four series', () => {
    expect(buildOrdersChart(input).data.datasets.map((d) => d.label)).toEqual(['Ordered', 'Arrived', 'Short']);
    const cost = buildCostChart(input);
    expect(cost.data.datasets.map((d) => d.label)).toEqual(['Total', 'Holding', 'Shortage', 'Ordering + purchase']);
    expect(cost.data.datasets[0].data[9]).toBeCloseTo(input.cumulative.total[9], 12);
  });

  it('compare chart: a cost bar, its confidence interval as a floating bar, and the fill rate on the right axis', () => {
    const c = buildCompareChart(result);
    const [cost, ci, fill] = c.data.datasets as Array<{ data: unknown[]; yAxisID: string }>;
    const iv = p.intervals.totalCostPerPeriod;
    expect(cost.data).toEqual([iv.mean]);
    expect(ci.data).toEqual([[iv.low, iv.high]]);
    expect(fill.yAxisID).toBe('y1');
    expect(c.data.labels).toEqual(['(6, 40)']);
  });

  it('EOQ chart marks Q* and the current order size', () => {
    const curve = eoqCostCurve({ demandPerPeriod: 10, orderCost: 64, holdingCost: 1, points: 11 });
    const c = buildEoqChart(curve, Math.sqrt(1280), { quantity: 34, cost: 35.8 });
    expect(c.data.datasets.map((d) => d.label)).toEqual(['Total', 'Ordering KD/Q', 'Holding hQ/2', 'Q*', 'Your S − s']);
    expect(c.data.datasets[3].data).toEqual([{ x: curve.optimalQuantity, y: Math.sqrt(1280) }]);
  });
});
