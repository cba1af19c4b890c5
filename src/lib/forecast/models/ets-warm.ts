import { etsFilter, type EtsParams } from './ets-core';
import type { EtsFit } from './ets-fit';

/**
 * What makes ETS fast on long histories and in rolling backtests, kept apart from the fit itself:
 * 1. a bounded recent window: a history longer than the window is fitted on its last 400 … 600 periods (at least
 *    8 … 12 seasons). Exponential smoothing forgets the past geometrically, the smoothing parameters are
 *    estimated as well from a few hundred periods as from thousands, and the forecast only depends on the states
 *    at the end. The window starts on a grid of `block` periods, so consecutive origins of a backtest usually
 *    share the same window start and the previous fit's states apply as they are;
 * 2. warm starts: the fit of the same form at the series' previous origin, its states carried forward to the
 *    new window start by filtering, is the starting point of a short polish instead of a cold multi-start search;
 * 3. skipped candidates: in automatic selection, a form whose AICc was far above the best one at the previous
 *    origin is not refitted (for at most `MAX_SKIPS` origins in a row, then refitted to check).
 */

/** Shortest fitting window, in periods (the window is at least 8 seasons when that is longer). */
export const FIT_WINDOW_MIN = 400;

/** A form is skipped at an origin when its AICc at the previous origin exceeded the best by more than this.
 * 30 AICc points is a likelihood ratio of e¹⁵ ≈ 3·10⁶; a month of new daily data moves AICc differences by a
 * few points (measured on the store-item file: see docs/fast-ets.md). */
export const SKIP_AICC_GAP = 30;

/** Consecutive origins a form may be skipped before it is refitted. */
export const MAX_SKIPS = 3;

/**
 * First period of the fitting window for a history of `n` periods with season `m` (1 = none): 0 while
 * n < 1.5 × window, else the largest multiple of half a window that leaves at least a whole window after it.
 */
export function fitWindowStart(n: number, m: number): number {
  const w = Math.max(FIT_WINDOW_MIN, 8 * m);
  const block = Math.floor(w / 2);
  if (n < w + block) return 0;
  return Math.floor((n - w) / block) * block;
}

/** What a model keeps of one form's fit for the next origin. */
export interface WarmEntry {
  /** The fit, on y[start, start + fit.n). */
  fit: EtsFit;
  /** Its window's first period in the full history. */
  start: number;
  /** Its AICc minus the best candidate's at that origin (0 for a fixed form). */
  gap: number;
  /** Origins in a row it was skipped since. */
  skipped: number;
}

/** Where a fit sits in the full history, and the store of earlier fits it may start from. */
export interface WarmContext {
  /** The model's warm-start store (`ModelContext.warm`). */
  store: Map<string, unknown>;
  /** The full history (the window is y[start …]). */
  y: Float64Array;
  /** First period of the window being fitted. */
  start: number;
}

/** The stored entry for `key`, if it is a `WarmEntry`. */
export function warmEntry(ctx: WarmContext | null, key: string): WarmEntry | null {
  const e = ctx?.store.get(key) as WarmEntry | undefined;
  return e && typeof e === 'object' && 'fit' in e ? e : null;
}

/**
 * Starting parameters for a fit on y[ctx.start …] from an earlier fit: its smoothing parameters, and its states
 * filtered forward from its own window start to the new one. Null when the windows do not line up (the new
 * window starts before the old one, or after the end of the data the old fit saw).
 */
export function warmParams(ctx: WarmContext, entry: WarmEntry): EtsParams | null {
  const { fit } = entry;
  const k = ctx.start - entry.start;
  if (k < 0 || k > fit.n) return null;
  if (k === 0) return fit.params;
  const f = etsFilter(ctx.y.subarray(entry.start, ctx.start), fit.spec, fit.params);
  const m = fit.spec.season === 'N' ? 0 : fit.spec.seasonLength;
  // After k periods, buffer slot t mod m holds the latest state of position t: the new s₋ₘ … s₋₁ are slots
  // k mod m, (k + 1) mod m, ….
  const season0 = new Float64Array(m);
  for (let j = 0; j < m; j++) season0[j] = f.season[(k + j) % m];
  if (!Number.isFinite(f.level) || !Number.isFinite(f.trend) || !season0.every(Number.isFinite)) return null;
  return { ...fit.params, level0: f.level, trend0: f.trend, season0 };
}
