/**
 * Pure helpers of the cost-surface heatmap: a perceptually uniform, colour-blind-safe colour scale
 * (viridis, sampled at 9 stops from matplotlib's table) applied by rank, the canvas layout, and the text
 * alternative.
 */
import type { CostSurface } from '../../lib/sim/scenario';

const VIRIDIS: ReadonlyArray<[number, number, number]> = [
  [68, 1, 84], [71, 44, 122], [59, 81, 139], [44, 113, 142], [33, 144, 141], [39, 173, 129], [92, 200, 99], [170, 220, 50], [253, 231, 37],
];

/** Colour of t in [0, 1] on viridis (clamped), as an [r, g, b] triple. */
export function viridis(t: number): [number, number, number] {
  const x = Math.max(0, Math.min(1, Number.isFinite(t) ? t : 0)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  const f = x - i;
  const a = VIRIDIS[i];
  const b = VIRIDIS[i + 1];
  return [0, 1, 2].map((k) => Math.round(a[k] + (b[k] - a[k]) * f)) as [number, number, number];
}

/**
 * A colour scale by rank: a cost maps to the share of grid cells that cost less (histogram equalisation).
 * An (s,S) surface is a narrow valley beside costs many times larger; a linear or even a log scale paints
 * most of the valley one colour, while ranks give every band of the grid its own colour, like contours.
 */
export function createRankScale(costs: ArrayLike<number>): { unit: (cost: number) => number; quantile: (p: number) => number } {
  const sorted = Float64Array.from(Array.from(costs).filter(Number.isFinite)).sort();
  const n = sorted.length;
  return {
    unit(cost) {
      if (!Number.isFinite(cost) || n < 2) return 0;
      let lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (sorted[mid] < cost) lo = mid + 1;
        else hi = mid;
      }
      return Math.min(1, lo / (n - 1));
    },
    quantile: (p) => (n ? sorted[Math.min(n - 1, Math.max(0, Math.round(p * (n - 1))))] : NaN),
  };
}

/** Where the grid sits on the canvas, CSS pixels. */
export interface HeatmapLayout {
  /** Left edge of the cells. */
  left: number;
  /** Top edge of the cells. */
  top: number;
  /** Cell width. */
  cellWidth: number;
  /** Cell height. */
  cellHeight: number;
  /** Width of the grid. */
  width: number;
  /** Height of the grid. */
  height: number;
}

/**
 * Layout for `cols` × `rows` cells in a canvas of the given size, leaving margins for the axes; the left
 * margin grows with the longest S label (`labelChars` characters, about 7 px each at 11 px).
 */
export function heatmapLayout(canvasWidth: number, canvasHeight: number, cols: number, rows: number, labelChars = 3): HeatmapLayout {
  const left = 30 + 7 * Math.max(3, labelChars);
  const top = 10;
  const width = Math.max(10, canvasWidth - left - 12);
  const height = Math.max(10, canvasHeight - top - 42);
  return { left, top, cellWidth: width / cols, cellHeight: height / rows, width, height };
}

/** The cell under a point (S grows upward: row 0 is drawn at the bottom), or null outside the grid. */
export function cellAt(layout: HeatmapLayout, cols: number, rows: number, x: number, y: number): { col: number; row: number } | null {
  const col = Math.floor((x - layout.left) / layout.cellWidth);
  const rowFromTop = Math.floor((y - layout.top) / layout.cellHeight);
  if (col < 0 || col >= cols || rowFromTop < 0 || rowFromTop >= rows) return null;
  return { col, row: rows - 1 - rowFromTop };
}

/**
 * Index of the grid cell holding `value` on an evenly stepped axis: the nearest one within half a step (a
 * policy between two sampled levels is marked at the nearer), or −1 outside the axis.
 */
export function axisIndex(axis: ArrayLike<number>, value: number): number {
  const n = axis.length;
  if (n === 0) return -1;
  const step = n > 1 ? axis[1] - axis[0] : 1;
  const i = Math.round((value - axis[0]) / step);
  return i >= 0 && i < n && Math.abs(axis[i] - value) <= step / 2 ? i : -1;
}

/** The text alternative of the heatmap. */
export function surfaceDescription(surface: CostSurface, current?: { s: number; S: number; cost: number | null }): string {
  const s = surface.s;
  const S = surface.S;
  const o = surface.optimum;
  const parts = [
    `Heatmap of the exact cost per period over reorder points s from ${s[0]} to ${s[s.length - 1]} and order-up-to levels S from ${S[0]} to ${S[S.length - 1]}.`,
    `Costs range from ${surface.range[0].toFixed(3)} to ${surface.range[1].toFixed(1)}.`,
    `The optimum, marked with a star, is s = ${o.s}, S = ${o.S} at ${o.costPerPeriod.toFixed(3)} per period.`,
  ];
  if (current && (current.s !== o.s || current.S !== o.S)) {
    parts.push(`Your policy, marked with a ring, is s = ${current.s}, S = ${current.S}${current.cost !== null ? ` at ${current.cost.toFixed(3)}` : ''}.`);
  }
  return parts.join(' ');
}
