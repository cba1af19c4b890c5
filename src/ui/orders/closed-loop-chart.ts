/**
 * The closed loop's chart: cumulative cost per policy over the replayed periods (a pure builder; tested as JSON).
 * Cumulative cost shows where the money goes: a policy that runs short in holiday weeks climbs there.
 */
import type { ChartConfiguration } from 'chart.js';
import type { DatasetClosedLoop } from '../../lib/reorder-run';
import { buildTimeChartConfig, PALETTE, type TimeLine } from '../charts/chart-config';

/** Lines left out because they would flatten the others (their figures stay in the table), with why. */
export interface ClosedLoopChart {
  /** The Chart.js config. */
  config: ChartConfiguration<'line'>;
  /** Labels of the rows left out of the chart. */
  omitted: string[];
}

/** Running sum. */
export function cumulative(values: ArrayLike<number>): Float64Array {
  const out = new Float64Array(values.length);
  let s = 0;
  for (let i = 0; i < values.length; i++) out[i] = s += values[i];
  return out;
}

/**
 * Cumulative cost of each row with a trace; a row costing more than `flattenRatio` × the cheapest is left out and
 * named in `omitted`. Rules are dashed, the perfect-forecast reference is black.
 */
export function buildClosedLoopChart(r: DatasetClosedLoop, flattenRatio = 3): ClosedLoopChart | null {
  const traced = r.rows.filter((row) => row.trace && row.trace.cost.length === r.periods);
  if (traced.length === 0) return null;
  const cheapest = Math.min(...traced.filter((row) => row.kind !== 'reference').map((row) => row.totalCost));
  const shown = traced.filter((row) => row.kind === 'reference' || !(row.totalCost > flattenRatio * cheapest));
  const lines: TimeLine[] = shown.map((row, k) => ({
    label: row.label,
    values: cumulative(row.trace!.cost),
    color: row.kind === 'reference' ? PALETTE[7] : PALETTE[k % 7],
    dashed: row.kind === 'fixed-cover' || row.kind === 'order-what-sold' || row.kind === 'reference',
  }));
  const days = Array.from({ length: r.periods }, (_, t) => r.startDay + t * r.periodDays);
  const config = buildTimeChartConfig({ days, lines, holidays: r.holidays, yLabel: 'cumulative cost' });
  return { config, omitted: traced.filter((row) => !shown.includes(row)).map((row) => row.label) };
}
