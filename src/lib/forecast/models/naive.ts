import { maybeInteger } from '../../core/errors';
import { defineModel, type StatModel } from '../types';

/** Naive forecast: every future period equals the last observation. */
export function naiveForecast(y: Float64Array, horizon: number): Float64Array {
  return new Float64Array(horizon).fill(y[y.length - 1]);
}

/**
 * Seasonal naive forecast: period n + h equals the observation one (or more) whole seasons earlier,
 * y[n - m + ((h - 1) mod m)]. With fewer than `m` observations it falls back to the naive forecast.
 * @param m season length in periods.
 */
export function seasonalNaiveForecast(y: Float64Array, horizon: number, m: number): Float64Array {
  const n = y.length;
  if (m <= 1 || n < m) return naiveForecast(y, horizon);
  const out = new Float64Array(horizon);
  for (let h = 0; h < horizon; h++) out[h] = y[n - m + (h % m)];
  return out;
}

/** Mean of the last `window` observations (all of them when fewer), repeated over the horizon. */
export function movingAverageForecast(y: Float64Array, horizon: number, window: number): Float64Array {
  const n = y.length;
  const k = Math.min(window, n);
  let s = 0;
  for (let i = n - k; i < n; i++) s += y[i];
  return new Float64Array(horizon).fill(s / k);
}

/** The naive (random walk) model: id 'naive'. */
export function createNaiveModel(): StatModel {
  return defineModel('naive', 'Naive', (y, h) => naiveForecast(y, h));
}

/** The seasonal naive model, id 'snaive': naive when the history is shorter than one season. */
export function createSeasonalNaiveModel(): StatModel {
  return defineModel('snaive', 'Seasonal naive', (y, h, ctx) => seasonalNaiveForecast(y, h, ctx.seasonLength));
}

/** Options of the moving-average model. */
export interface MovingAverageOptions {
  /** Number of most recent periods averaged; integer in [1, 10000]. Default: the season length (so a full cycle). */
  window?: number;
}

/** The moving-average model, id `ma` (or `ma-<window>` with a fixed window). Throws `invalid window: …`. */
export function createMovingAverageModel(options: MovingAverageOptions = {}): StatModel {
  const window = options.window === undefined ? undefined : maybeInteger('window', options.window, 1, 10_000);
  const id = window === undefined ? 'ma' : `ma-${window}`;
  const label = window === undefined ? 'Moving average (1 season)' : `Moving average (${window})`;
  return defineModel(id, label, (y, h, ctx) => movingAverageForecast(y, h, window ?? ctx.seasonLength));
}
