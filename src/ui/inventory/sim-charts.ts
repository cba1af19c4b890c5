/**
 * Pure Chart.js configuration builders of the inventory view: the four playback charts (drawn up to the
 * cursor on fixed axes, so the picture grows instead of rescaling), the policy comparison and the EOQ cost
 * curve. Series differ by dash pattern and marker as well as colour (Okabe-Ito palette).
 */
import type { ChartConfiguration, ChartDataset } from 'chart.js';
import type { EoqCostCurve } from '../../lib/policy';
import type { SimulateResult, SimTrace } from '../../lib/sim';
import { PALETTE } from '../charts/chart-config';
import type { CumulativeCosts } from './playback';

/** Values up to and including `cursor`, null after it (the chart keeps its full x axis). */
export function upTo(values: ArrayLike<number>, cursor: number): Array<number | null> {
  const out = new Array<number | null>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = i <= cursor && Number.isFinite(values[i]) ? values[i] : null;
  return out;
}

/** Period labels 1..n. */
export function periodLabels(n: number): string[] {
  return Array.from({ length: n }, (_, i) => String(i + 1));
}

function extent(...arrays: ArrayLike<number>[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (!Number.isFinite(lo)) return [0, 1];
  return [Math.min(0, lo), hi];
}

function baseOptions(o: { yLabel: string; yRange: [number, number]; stacked?: boolean }): ChartConfiguration['options'] {
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    interaction: { mode: 'index', intersect: false },
    plugins: { legend: { display: true, labels: { usePointStyle: true, boxWidth: 24 } }, tooltip: { enabled: true } },
    scales: {
      x: { type: 'category', title: { display: true, text: 'period' }, ticks: { maxTicksLimit: 12, autoSkip: true, maxRotation: 0 }, stacked: o.stacked },
      y: { title: { display: true, text: o.yLabel }, suggestedMin: o.yRange[0], suggestedMax: o.yRange[1] },
    },
  };
}

/** Everything the playback charts need. */
export interface PlaybackChartInput {
  /** Trace of the run. */
  trace: SimTrace;
  /** Running cost sums (from cumulativeCosts). */
  cumulative: CumulativeCosts;
  /** Units short per period (from shortagesPerPeriod). */
  shortages: Float64Array;
  /** Forecast per period: the mean demand the policy was designed for. */
  forecast: number;
  /** Reorder point. */
  s: number;
  /** Order-up-to level. */
  S: number;
  /** Last period drawn (0-based, inclusive). */
  cursor: number;
}

/** Demand per period (bars) against the forecast (dashed line). */
export function buildDemandChart(o: PlaybackChartInput): ChartConfiguration<'bar'> {
  const n = o.trace.demand.length;
  const forecast = new Float64Array(n).fill(o.forecast);
  const datasets = [
    { type: 'bar', label: 'Demand', data: upTo(o.trace.demand, o.cursor), backgroundColor: PALETTE[4], borderWidth: 0, barPercentage: 1, categoryPercentage: 1, order: 2 },
    { type: 'line', label: `Forecast (mean ${Math.round(o.forecast * 100) / 100})`, data: upTo(forecast, o.cursor), borderColor: PALETTE[7], borderDash: [6, 4], borderWidth: 1.5, pointRadius: 0, pointStyle: 'line', order: 1 },
  ] as unknown as ChartDataset<'bar'>[];
  return { type: 'bar', data: { labels: periodLabels(n), datasets }, options: baseOptions({ yLabel: 'units', yRange: extent(o.trace.demand, [o.forecast]) }) as ChartConfiguration<'bar'>['options'] };
}

/** Net inventory (filled, below 0 = backorders), inventory position, and the s and S lines. */
export function buildInventoryChart(o: PlaybackChartInput): ChartConfiguration<'line'> {
  const t = o.trace;
  const n = t.demand.length;
  const net = Float64Array.from(t.onHand, (v, i) => v - t.backorders[i]);
  const flat = (v: number) => new Float64Array(n).fill(v);
  const line = (label: string, values: ArrayLike<number>, color: string, extra: Record<string, unknown>) => ({
    label, data: upTo(values, o.cursor), borderColor: color, backgroundColor: color, borderWidth: 1.5, pointRadius: 0, tension: 0, ...extra,
  });
  const datasets = [
    line('Net inventory (on hand − backorders)', net, PALETTE[0], { stepped: 'before', fill: 'origin', backgroundColor: `${PALETTE[0]}33`, pointStyle: 'rect', order: 3 }),
    line('Inventory position', t.inventoryPosition, PALETTE[3], { stepped: 'before', borderDash: [5, 3], pointStyle: 'triangle', order: 2 }),
    // The policy's levels are reference lines: drawn across the whole run and on top of the stock lines.
    { ...line(`s = ${o.s}`, flat(o.s), PALETTE[5], { borderDash: [2, 3], pointStyle: 'line', borderWidth: 2, order: 0 }), data: Array.from(flat(o.s)) },
    { ...line(`S = ${o.S}`, flat(o.S), PALETTE[2], { borderDash: [10, 4], pointStyle: 'line', borderWidth: 2, order: 0 }), data: Array.from(flat(o.S)) },
  ] as ChartDataset<'line'>[];
  return { type: 'line', data: { labels: periodLabels(n), datasets }, options: baseOptions({ yLabel: 'units', yRange: extent(net, t.inventoryPosition, [o.s, o.S]) }) as ChartConfiguration<'line'>['options'] };
}

/** Units ordered, arriving and short per period. */
export function buildOrdersChart(o: PlaybackChartInput): ChartConfiguration<'bar'> {
  const t = o.trace;
  const n = t.demand.length;
  const bar = (label: string, values: ArrayLike<number>, color: string, style: string) => ({ label, data: upTo(values, o.cursor), backgroundColor: color, borderColor: color, borderWidth: 0, pointStyle: style, barPercentage: 1, categoryPercentage: 1 });
  const datasets = [bar('Ordered', t.orderPlaced, PALETTE[0], 'rect'), bar('Arrived', t.arrivals, PALETTE[2], 'triangle'), bar('Short', o.shortages, PALETTE[5], 'rectRot')] as ChartDataset<'bar'>[];
  return { type: 'bar', data: { labels: periodLabels(n), datasets }, options: baseOptions({ yLabel: 'units', yRange: extent(t.orderPlaced, t.arrivals, o.shortages) }) as ChartConfiguration<'bar'>['options'] };
}

/** Cumulative cost by component and in total. */
export function buildCostChart(o: PlaybackChartInput): ChartConfiguration<'line'> {
  const c = o.cumulative;
  const n = c.total.length;
  const line = (label: string, values: ArrayLike<number>, color: string, dash: number[], width = 1.5, style = 'line') => ({ label, data: upTo(values, o.cursor), borderColor: color, backgroundColor: color, borderDash: dash, borderWidth: width, pointRadius: 0, pointStyle: style, tension: 0 });
  const datasets = [
    line('Total', c.total, PALETTE[7], [], 2.5),
    line('Holding', c.holding, PALETTE[0], [6, 3]),
    line('Shortage', c.shortage, PALETTE[5], [2, 2]),
    line('Ordering + purchase', c.ordering, PALETTE[2], [10, 3, 2, 3]),
  ] as ChartDataset<'line'>[];
  return { type: 'line', data: { labels: periodLabels(n), datasets }, options: baseOptions({ yLabel: 'money (cumulative)', yRange: extent(c.total, c.holding) }) as ChartConfiguration<'line'>['options'] };
}

/**
 * Cost per period of each policy (bars) with its confidence interval (a thin dark bar from low to high on
 * top), and the fill rate on the right axis (diamond markers).
 */
export function buildCompareChart(result: SimulateResult): ChartConfiguration<'bar'> {
  const p = result.policies;
  const datasets = [
    { type: 'bar', label: 'Cost per period', data: p.map((x) => x.intervals.totalCostPerPeriod.mean), backgroundColor: `${PALETTE[0]}99`, borderColor: PALETTE[0], borderWidth: 1, yAxisID: 'y', order: 3, pointStyle: 'rect' },
    {
      type: 'bar',
      label: `${Math.round(result.confidence * 100)} % confidence interval`,
      data: p.map((x) => [x.intervals.totalCostPerPeriod.low, x.intervals.totalCostPerPeriod.high]),
      backgroundColor: PALETTE[7],
      borderColor: PALETTE[7],
      barPercentage: 0.08,
      grouped: false,
      yAxisID: 'y',
      order: 2,
      pointStyle: 'rect',
    },
    { type: 'line', label: 'Fill rate (%)', data: p.map((x) => x.intervals.fillRate.mean * 100), borderColor: PALETTE[5], backgroundColor: PALETTE[5], showLine: false, pointStyle: 'rectRot', pointRadius: 7, yAxisID: 'y1', order: 1 },
  ] as unknown as ChartDataset<'bar'>[];
  const topCost = Math.max(...p.map((x) => x.intervals.totalCostPerPeriod.high));
  return {
    type: 'bar',
    data: { labels: p.map((x) => x.name), datasets },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: { legend: { display: true, labels: { usePointStyle: true } } },
      scales: {
        x: { type: 'category', ticks: { autoSkip: false, maxRotation: 0 } },
        y: { position: 'left', min: 0, suggestedMax: topCost * 1.1, title: { display: true, text: 'cost per period' } },
        y1: { position: 'right', min: Math.max(0, Math.floor(Math.min(...p.map((x) => x.intervals.fillRate.low * 100)) / 5) * 5 - 5), max: 100, title: { display: true, text: 'fill rate %' }, grid: { drawOnChartArea: false } },
      },
    },
  };
}

/** The EOQ cost curve with Q* and the current order size S − s marked. */
export function buildEoqChart(curve: EoqCostCurve, optimalCost: number, current: { quantity: number; cost: number }): ChartConfiguration<'line'> {
  const pts = (ys: ArrayLike<number>) => Array.from(curve.quantity, (x, i) => ({ x, y: ys[i] }));
  const datasets = [
    { label: 'Total', data: pts(curve.totalCost), borderColor: PALETTE[7], backgroundColor: PALETTE[7], borderWidth: 2, pointRadius: 0, pointStyle: 'line' },
    { label: 'Ordering KD/Q', data: pts(curve.orderingCost), borderColor: PALETTE[2], backgroundColor: PALETTE[2], borderDash: [6, 3], borderWidth: 1.5, pointRadius: 0, pointStyle: 'line' },
    { label: 'Holding hQ/2', data: pts(curve.holdingCost), borderColor: PALETTE[0], backgroundColor: PALETTE[0], borderDash: [2, 2], borderWidth: 1.5, pointRadius: 0, pointStyle: 'line' },
    { label: 'Q*', data: [{ x: curve.optimalQuantity, y: optimalCost }], borderColor: PALETTE[5], backgroundColor: PALETTE[5], showLine: false, pointRadius: 6, pointStyle: 'rectRot' },
    { label: 'Your S − s', data: [{ x: current.quantity, y: current.cost }], borderColor: PALETTE[1], backgroundColor: PALETTE[1], showLine: false, pointRadius: 6, pointStyle: 'triangle' },
  ] as ChartDataset<'line'>[];
  return {
    type: 'line',
    data: { datasets },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      parsing: false,
      plugins: { legend: { display: true, labels: { usePointStyle: true, boxWidth: 18, font: { size: 11 } } } },
      scales: {
        x: { type: 'linear', title: { display: true, text: 'order quantity Q' } },
        y: { min: 0, suggestedMax: optimalCost * 2.5, title: { display: true, text: 'cost per period' } },
      },
    },
  };
}
