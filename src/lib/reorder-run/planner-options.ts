import type { Frequency } from '../core/dates';
import { AppError } from '../core/errors';
import { seasonLength as seasonLengthOf } from '../core/dates';
import type { BacktestSettings } from '../forecast/run/backtest-dataset';
import type { StatModelId } from '../forecast/models/registry';
import type { ReorderOptions } from '../reorder/types';

/**
 * The Orders tab's settings in the units people type (percentages, days), and their translation into the
 * engine's options and into the forecast made in place when a dataset has none.
 */

/** What the planner edits. */
export interface PlannerOptions {
  /** Review period R, days. */
  reviewDays: number;
  /** Cover beyond this many days is OVERSTOCK. */
  overstockDays: number;
  /** 'item': each item's own service level (its ABC class's when defaulted); 'class': always the class's. */
  serviceLevelSource: 'item' | 'class';
  /** What the levels mean: 'cycle', P(no stockout in a cycle); 'fill-rate', the share of demand served from stock. */
  serviceMeasure: 'cycle' | 'fill-rate';
  /** Service level of A items, percent. */
  serviceA: number;
  /** Of B items, percent. */
  serviceB: number;
  /** Of C items, percent. */
  serviceC: number;
  /** EOQ lot sizing (order up to s + EOQ) instead of order-up-to s. */
  eoq: boolean;
  /** EOQ: cost per order, money. */
  orderCost: number;
  /** EOQ: holding cost per year, percent of unit cost. */
  holdingRatePercent: number;
}

/** The defaults: the engine's own (reorder/options.ts), with EOQ off. */
export const DEFAULT_PLANNER_OPTIONS: Readonly<PlannerOptions> = Object.freeze({
  reviewDays: 7,
  overstockDays: 120,
  serviceLevelSource: 'item',
  serviceMeasure: 'cycle',
  serviceA: 98,
  serviceB: 95,
  serviceC: 90,
  eoq: false,
  orderCost: 50,
  holdingRatePercent: 25,
});

/** The engine options of the planner's settings. Values are passed as typed, so the engine names a bad one. */
export function toReorderOptions(p: PlannerOptions): ReorderOptions {
  return {
    reviewDays: p.reviewDays,
    overstockDays: p.overstockDays,
    serviceLevelSource: p.serviceLevelSource,
    serviceLevelByClass: { A: p.serviceA / 100, B: p.serviceB / 100, C: p.serviceC / 100 },
    serviceMeasure: p.serviceMeasure ?? 'cycle',
    lotSizing: p.eoq ? { kind: 'eoq', orderCost: p.orderCost, holdingRatePerYear: p.holdingRatePercent / 100 } : { kind: 'order-up-to' },
  };
}

/** How thorough the in-place forecast is. */
export type ForecastPreset = 'quick' | 'standard';

/** Models of each preset: quick ones fit in milliseconds per series; ETS and STL+ETS take longer. */
export function presetModels(preset: ForecastPreset, intermittent: boolean): StatModelId[] {
  const base: StatModelId[] = preset === 'quick' ? ['snaive', 'ses'] : ['snaive', 'ets', 'stl-ets', 'sdiff-ses'];
  return intermittent ? [...base, 'croston', 'tsb'] : base;
}

/** A backtest and a future horizon for the in-place forecast. */
export interface ForecastPlan {
  /** Backtest settings (for the forecast worker's `backtest`). */
  settings: BacktestSettings;
  /** Periods to forecast (for its `forecast`). */
  horizon: number;
}

/**
 * The in-place forecast: horizon = the longest lead time plus the review period, in periods, plus 4; a backtest
 * over three non-overlapping windows at the end of the history (enough to calibrate the intervals the engine
 * reads safety stock from, and quick). Throws naming the dataset when it is too short for one window.
 */
export function planForecast(o: {
  frequency: Frequency;
  periods: number;
  maxLeadTimeDays: number;
  reviewDays: number;
  preset: ForecastPreset;
  intermittent: boolean;
}): ForecastPlan {
  const pd = o.frequency === 'daily' ? 1 : o.frequency === 'weekly' ? 7 : 30;
  const lead = Number.isFinite(o.maxLeadTimeDays) && o.maxLeadTimeDays > 0 ? o.maxLeadTimeDays : 0;
  const review = Number.isFinite(o.reviewDays) && o.reviewDays > 0 ? o.reviewDays : 0;
  const horizon = Math.ceil((lead + review) / pd - 1e-9) + 4;
  const m = seasonLengthOf(o.frequency);
  const backtestHorizon = Math.max(1, Math.min(horizon, Math.floor(o.periods / 4)));
  const step = backtestHorizon;
  const lastOrigin = o.periods - backtestHorizon;
  const firstOrigin = Math.max(Math.min(lastOrigin, 2 * m + 1), lastOrigin - 2 * step);
  if (lastOrigin < 4) throw new AppError('invalid-input', `The dataset has ${o.periods} periods: too short to backtest a forecast.`);
  return {
    settings: { modelIds: presetModels(o.preset, o.intermittent), horizon: backtestHorizon, firstOrigin, lastOrigin, step, quantiles: [0.1, 0.5, 0.9, 0.95], ensembleK: 2 },
    horizon,
  };
}
