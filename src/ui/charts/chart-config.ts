/**
 * Pure Chart.js configuration builders: data in, a plain config object out (tested as JSON, not pixels).
 * ChartCanvas.svelte owns the Chart.js lifecycle.
 */
import type { ChartConfiguration } from 'chart.js';
import { isoFromDay } from '../../lib/core/dates';
// The shared formatter, made on first use (a compact formatter made when this module loads cost the first load 18 ms).
import { fmtCompact } from '../format';

/** One line of a time chart. */
export interface TimeLine {
  /** Legend label. */
  label: string;
  /** Value per period (NaN = gap). */
  values: ArrayLike<number>;
  /** CSS colour. */
  color: string;
  /** Dashed line. */
  dashed?: boolean;
  /** Fill to the previous dataset (for interval bands). */
  fillToPrevious?: boolean;
  /** Hide points and legend entry (band edges). */
  quiet?: boolean;
  /** Line width in pixels (default 1.5). */
  width?: number;
}

/** A palette that stays distinguishable for colour-blind readers (Okabe-Ito). */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

/** Line chart over calendar days; highlights holiday periods with points when given. */
export function buildTimeChartConfig(options: {
  days: ArrayLike<number>;
  lines: TimeLine[];
  holidays?: ArrayLike<number>;
  yLabel?: string;
}): ChartConfiguration<'line'> {
  const labels = Array.from(options.days, (d) => isoFromDay(d));
  const datasets: ChartConfiguration<'line'>['data']['datasets'] = options.lines.map((line) => ({
    label: line.label,
    data: Array.from(line.values, (v) => (Number.isFinite(v) ? v : null)),
    borderColor: line.color,
    backgroundColor: line.fillToPrevious ? `${line.color}33` : line.color,
    borderDash: line.dashed ? [6, 4] : undefined,
    borderWidth: line.quiet ? 0 : (line.width ?? 1.5),
    pointRadius: 0,
    fill: line.fillToPrevious ? '-1' : false,
    spanGaps: false,
    tension: 0,
  }));
  if (options.holidays && options.lines[0]) {
    const base = options.lines[0].values;
    datasets.push({
      label: 'Holiday period',
      data: Array.from(options.days, (_, i) => (options.holidays![i] && Number.isFinite(base[i]) ? base[i] : null)),
      borderColor: '#D55E00',
      backgroundColor: '#D55E00',
      showLine: false,
      pointRadius: 3,
      pointStyle: 'triangle',
    });
  }
  return {
    type: 'line',
    data: { labels, datasets },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      plugins: {
        legend: { display: options.lines.length > 1 || !!options.holidays, labels: { filter: (item) => !options.lines.find((l) => l.label === item.text)?.quiet } },
        tooltip: { enabled: true },
        decimation: { enabled: true, algorithm: 'min-max' },
      },
      scales: {
        x: { type: 'category', ticks: { maxTicksLimit: 10, autoSkip: true } },
        y: { title: { display: !!options.yLabel, text: options.yLabel ?? '' }, ticks: { callback: (v) => fmtCompact(Number(v)) } },
      },
    },
  };
}

/** Bar chart of labelled values (seasonal profile, uplifts). */
export function buildBarChartConfig(options: { labels: string[]; values: ArrayLike<number>; label: string; color?: string; yLabel?: string; horizontal?: boolean }): ChartConfiguration<'bar'> {
  return {
    type: 'bar',
    data: {
      labels: options.labels,
      datasets: [{ label: options.label, data: Array.from(options.values, (v) => (Number.isFinite(v) ? v : null)), backgroundColor: options.color ?? PALETTE[0] }],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      indexAxis: options.horizontal ? 'y' : 'x',
      plugins: { legend: { display: false } },
      scales: { [options.horizontal ? 'x' : 'y']: { title: { display: !!options.yLabel, text: options.yLabel ?? '' } } },
    },
  };
}

/**
 * Training and validation loss per epoch, from epoch 0 (the untrained network, whose forecast is its baseline), so the
 * curve shows whether training helps at all. Losses of scaled data are small (often under 0.01): the y ticks show
 * `digits` significant digits, not the sales format. Null with fewer than two epochs.
 */
export function lossChartConfig(losses: ReadonlyArray<{ epoch: number; train: number; val: number }>, digits: number): ChartConfiguration<'line'> | null {
  if (losses.length < 2) return null;
  const config = buildTimeChartConfig({
    days: Int32Array.from(losses, (_, i) => i),
    lines: [
      { label: 'Training loss', values: losses.map((x) => x.train), color: PALETTE[0] },
      { label: 'Validation loss', values: losses.map((x) => x.val), color: PALETTE[1] },
    ],
  });
  config.data.labels = losses.map((x) => String(x.epoch));
  const y = config.options?.scales?.y;
  if (y?.ticks) y.ticks.callback = (v) => Number(v).toPrecision(digits);
  return config;
}
