import { describe, expect, it } from 'vitest';
import type { DatasetClosedLoop } from '../../../src/lib/reorder-run';
import { buildClosedLoopChart, cumulative } from '../../../src/ui/orders/closed-loop-chart';

const trace = (cost: number[]) => ({ cost: Float64Array.from(cost), stock: new Float64Array(cost.length), short: new Float64Array(cost.length) });
const row = (kind: 'forecast' | 'fixed-cover' | 'order-what-sold' | 'reference', label: string, cost: number[]) => ({
  kind, policy: kind === 'reference' ? 'forecast' as const : kind, label, holdingCost: 0, shortageCost: 0, orderingCost: 0, totalCost: cost.reduce((a, b) => a + b, 0),
  fillRate: 1, averageStock: 0, averageStockValue: 0, orders: 0, unitsOrdered: 0, stockoutPeriods: 0, demand: 1, trace: trace(cost),
});

describe('buildClosedLoopChart', () => {
  const r: DatasetClosedLoop = {
    rows: [row('forecast', 'engine with ETS', [1, 2, 3]), row('fixed-cover', 'fixed cover', [2, 2, 2]), row('order-what-sold', 'order what sold', [10, 10, 10]), row('reference', 'perfect', [1, 1, 1])],
    periods: 3, periodDays: 7, startDay: 14000, series: 1, skipped: 0, reviewPeriods: 1, assumptions: '', holidays: Uint8Array.from([0, 1, 0]),
  };
  it('plots cumulative cost per policy on the replayed dates, rules dashed, and names what it leaves out', () => {
    const c = buildClosedLoopChart(r)!;
    const data = c.config.data.datasets;
    expect(data.map((d) => d.label)).toEqual(['engine with ETS', 'fixed cover', 'perfect', 'Holiday period']);
    expect(data[0].data).toEqual([1, 3, 6]);
    expect((data[1] as { borderDash?: number[] }).borderDash).toEqual([6, 4]);
    expect(c.config.data.labels).toHaveLength(3);
    expect(c.omitted).toEqual(['order what sold']);
    expect(Array.from(cumulative([1, 1, 1]))).toEqual([1, 2, 3]);
  });
  it('is null without traces', () => {
    expect(buildClosedLoopChart({ ...r, rows: r.rows.map((x) => ({ ...x, trace: undefined })) })).toBeNull();
  });
});
