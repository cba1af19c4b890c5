import { maybeInteger } from '../../core/errors';
import type { ProgressCallback } from '../../core/progress';
import { alignedGrid, optimizeSs, ssCostGrid, ssInUnits } from '../../policy';
import type { ExactModel } from './exact';
import type { CostSurface, Scenario } from './types';

/** What `scenarioCostSurface` needs besides the model. */
export interface ScenarioSurfaceOptions {
  /** Reorder points [from, to], units; default: around the optimum. */
  sRange?: [number, number];
  /** Order-up-to levels [from, to], units; default: around the optimum. */
  SRange?: [number, number];
  /** Most cells per axis (2..121). Default 41. */
  maxCells?: number;
  /** Cancels between rows. */
  signal: AbortSignal;
  /** Receives `optimizing` progress by rows. */
  onProgress?: ProgressCallback;
}

/**
 * Exact cost c(s,S) over a grid for the heatmap. The grid is chosen in lots (1 unit unless demand is large)
 * and its axes go back to units at the end. The default window lies around the optimum, stretched to show
 * the scenario's own (s,S) when it is near; both axes always hold the optimum's s and S when in range.
 */
export async function scenarioCostSurface(x: Scenario, model: ExactModel, o: ScenarioSurfaceOptions): Promise<Omit<CostSurface, 'elapsedMs'>> {
  const cells = maybeInteger('maxCells', o.maxCells ?? 41, 2, 121);
  const { options, lot } = model;
  const optimum = optimizeSs(options);
  const xs = Math.round(x.s / lot);
  const xS = Math.max(xs + 1, Math.round(x.S / lot));
  const lead = options.leadTimePeriods ?? 0;
  const sdLead = Math.sqrt(options.demand.variance * (lead + 1));
  const ws = Math.max(5, Math.ceil(2.5 * sdLead));
  const wS = Math.max(8, Math.ceil(0.6 * (optimum.S - optimum.s)));
  const near = Math.abs(xs - optimum.s) <= 4 * ws && Math.abs(xS - optimum.S) <= 4 * wS;
  const inLots = (r: [number, number] | undefined, name: string): [number, number] | undefined => {
    if (!r) return undefined;
    const from = maybeInteger(`${name}[0]`, r[0], -1e6, 1e6);
    return [Math.floor(from / lot), Math.ceil(maybeInteger(`${name}[1]`, r[1], from, 1e6) / lot)];
  };
  const [lo, hi] = inLots(o.sRange, 'sRange') ?? [Math.min(optimum.s - ws, near ? xs : Infinity), Math.max(optimum.s + ws, near ? xs : -Infinity)];
  const [loS, hiS0] = inLots(o.SRange, 'SRange') ?? [Math.min(optimum.S - wS, near ? xS : Infinity), Math.max(optimum.S + wS, near ? xS : -Infinity)];
  const hiS = Math.max(hiS0, lo + 1);
  // Columns with s ≥ every S of the grid would be empty (S must exceed s).
  const hiCut = o.sRange ? hi : Math.max(optimum.s, Math.min(hi, hiS - 1));
  const sValues = alignedGrid(optimum.s, lo, hiCut, Math.max(1, Math.ceil((hiCut - lo) / (cells - 1))));
  const SValues = alignedGrid(optimum.S, Math.max(loS, sValues[0] + 1), hiS, Math.max(1, Math.ceil((hiS - loS) / (cells - 1))));
  const cost = await ssCostGrid(options, sValues, SValues, { signal: o.signal, onProgress: o.onProgress });
  if (lot > 1) {
    sValues.forEach((v, i) => (sValues[i] = v * lot));
    SValues.forEach((v, i) => (SValues[i] = v * lot));
  }
  let min = Infinity;
  let max = -Infinity;
  for (const c of cost) {
    if (!Number.isFinite(c)) continue;
    if (c < min) min = c;
    if (c > max) max = c;
  }
  return { s: sValues, S: SValues, cost, optimum: ssInUnits(optimum, lot), range: [min, max] };
}
