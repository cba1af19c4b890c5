import { maybeOneOf } from '../../core/errors';
import { createAutoEtsModel, createHoltWintersModel, createSesModel } from './ets';
import { createCrostonModel, createTsbModel } from './intermittent';
import { createMovingAverageModel, createNaiveModel, createSeasonalNaiveModel } from './naive';
import { createSeasonalDiffSesModel } from './seasonal-diff';
import { createStlEtsModel } from './stl-ets';
import type { StatModel } from '../types';

/**
 * The statistical models by id, with default options, for callers (workers, UI state) that name models in
 * messages rather than build them.
 */

/** Ids of the built-in statistical models. */
export const STAT_MODEL_IDS = [
  'naive',
  'snaive',
  'ma',
  'ses',
  'ets',
  'ets-nonseasonal',
  'hw-add',
  'hw-mul',
  'hw-add-damped',
  'stl-ets',
  'sdiff-ses',
  'croston',
  'croston-sba',
  'tsb',
] as const;

/** A built-in statistical model id. */
export type StatModelId = (typeof STAT_MODEL_IDS)[number];

/** Builds the model with that id and its default options. Throws `invalid model id: …` for an unknown id. */
export function createStatModel(id: StatModelId): StatModel {
  switch (maybeOneOf('model id', id, STAT_MODEL_IDS)) {
    case 'naive':
      return createNaiveModel();
    case 'snaive':
      return createSeasonalNaiveModel();
    case 'ma':
      return createMovingAverageModel();
    case 'ses':
      return createSesModel();
    case 'ets':
      return createAutoEtsModel();
    case 'ets-nonseasonal':
      return createAutoEtsModel({ seasonal: false });
    case 'hw-add':
      return createHoltWintersModel();
    case 'hw-mul':
      return createHoltWintersModel({ seasonality: 'multiplicative' });
    case 'hw-add-damped':
      return createHoltWintersModel({ damped: true });
    case 'stl-ets':
      return createStlEtsModel();
    case 'sdiff-ses':
      return createSeasonalDiffSesModel();
    case 'croston':
      return createCrostonModel();
    case 'croston-sba':
      return createCrostonModel({ variant: 'sba' });
    case 'tsb':
      return createTsbModel();
  }
}

/**
 * A sensible default line-up for a backtest: the benchmarks (naive, seasonal naive), exponential smoothing
 * (auto ETS; for seasonal data STL + ETS, which needs more than two seasons, and seasonal naive + smoothed
 * seasonal change, which needs barely more than one) and, when at least a third of the values are zero, the
 * intermittent-demand methods.
 * @param zeroShare share (0-1) of zero values in the data.
 */
export function defaultStatModels(seasonLength: number, zeroShare = 0): StatModel[] {
  const ids: StatModelId[] = ['naive', 'snaive', 'ses', 'ets'];
  if (seasonLength > 1) ids.push('stl-ets', 'sdiff-ses');
  if (zeroShare >= 1 / 3) ids.push('croston-sba', 'tsb');
  return ids.map(createStatModel);
}
