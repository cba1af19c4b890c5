import type { BacktestResult } from '../forecast/evaluate/types';
import { ENSEMBLE_ID } from '../forecast/run/backtest-dataset';
import type { DatasetForecast } from '../forecast/run/forecast-dataset';
import type { SeriesRecord } from '../dataset/types';
import { invalidOption } from '../core/errors';
import type { ItemForecast } from '../reorder/forecast-input';
import { packForecasts, unpackForecasts, type ForecastLabels, type PackedForecasts } from '../reorder/packed-forecasts';
import { cumulativeErrorsBySeries } from './cumulative-errors';
import { toItemForecasts, type ItemForecasts } from './item-forecasts';

/**
 * The reorder engine's inputs from one (forecast, backtest, dataset), made once and kept (issue #13). Making them
 * means reading the three whole records (at 30,000 weekly series some 300,000 small typed arrays, most of a first
 * run's second) and deriving each series' merged quantiles, cumulative errors and history facts. Stored as a few
 * large typed arrays instead, they are read back in a few milliseconds, and unpacked into the very `ItemForecast`s
 * `toItemForecasts` gives (tests/unit/reorder-run/plan-inputs.test.ts), as views into one array.
 * The three records never change once saved (a new forecast or backtest is a new record), so neither do these.
 */

/** Layout version of `PlanInputs`: a stored record of another version is made again. */
export const PLAN_INPUTS_FORMAT = 1;

/** The engine's inputs of every forecast series, columnar. */
export interface PlanInputs extends ForecastLabels {
  /** `PLAN_INPUTS_FORMAT` when made. */
  format: number;
  /** Usable forecast series (rows), in forecast order. */
  rows: number;
  /** Means, quantiles at the merged levels, cumulative errors and history periods of every row. */
  forecasts: PackedForecasts;
  /** Forecast series left out as malformed, each with why (their items are NO_FORECAST). */
  skipped: Array<{ seriesId: string; reason: string }>;
}

/** Which records `buildPlanInputs` reads. */
export interface PlanInputSources {
  /** The saved forecast. */
  forecast: DatasetForecast;
  /** The dataset's series (history facts), or none when the dataset is gone. */
  series: readonly SeriesRecord[];
  /** The dataset's latest backtest, or null. */
  backtest: BacktestResult | null;
}

/** True when `buildPlanInputs` reads the backtest of this forecast (so a caller may skip reading it otherwise). */
export function usesBacktest(forecast: Pick<DatasetForecast, 'check' | 'external'>): boolean {
  // Safety stock from the ensemble's errors of cumulative demand in the latest backtest, for a forecast the ensemble
  // made. A trained model's forecast carries its own check and keeps its quantiles; a forecast imported from a file
  // keeps the file's quantiles, or none: the app's backtest says nothing about that model's errors.
  return !forecast.check && !forecast.external;
}

/** Makes the inputs from the records (the one place this derivation happens; the old per-run path did the same). */
export function buildPlanInputs({ forecast, series, backtest }: PlanInputSources): PlanInputs {
  const used = backtest && usesBacktest(forecast) ? backtest : null;
  const modelIndex = used ? used.modelIds.indexOf(ENSEMBLE_ID) : -1;
  const errors = used && modelIndex >= 0 ? cumulativeErrorsBySeries(used, modelIndex) : [];
  const errorIndex = new Map(used ? used.seriesIds.map((id, k) => [id, k]) : []);
  return toPlanInputs(toItemForecasts(forecast, series, { cumulativeErrors: (id) => errors[errorIndex.get(id) ?? -1] }));
}

/** Packs item forecasts (one levels array shared by all, as `toItemForecasts` makes them). */
export function toPlanInputs({ forecasts, skipped }: ItemForecasts): PlanInputs {
  const rows = forecasts.length;
  const recentMean = new Float64Array(rows).fill(NaN);
  const modelOfRow = new Int32Array(rows).fill(-1);
  const sourceOfRow = new Int32Array(rows).fill(-1);
  const models: string[] = [];
  const sources: string[] = [];
  const modelIndex = new Map<string, number>();
  const sourceIndex = new Map<string, number>();
  const indexOf = (list: string[], index: Map<string, number>, s: string) => index.get(s) ?? (index.set(s, list.length), list.push(s) - 1);
  forecasts.forEach((f, i) => {
    if (f.recentMean !== undefined) recentMean[i] = f.recentMean;
    if (f.model !== undefined) modelOfRow[i] = indexOf(models, modelIndex, f.model);
    const source = f.cumulativeErrors?.source;
    if (source !== undefined) sourceOfRow[i] = indexOf(sources, sourceIndex, source);
  });
  return {
    format: PLAN_INPUTS_FORMAT,
    rows,
    forecasts: packForecasts(forecasts),
    seriesIds: forecasts.map((f) => f.seriesId),
    recentMean,
    models,
    modelOfRow,
    sources,
    sourceOfRow,
    skipped: skipped.map((s) => ({ ...s })),
  };
}

/**
 * The item forecasts again, as views into the inputs' arrays (read-only: keep `inputs` alive and unchanged).
 * Throws `invalid plan inputs …` for a record of another format or a malformed one (the caller makes it again).
 */
export function fromPlanInputs(inputs: PlanInputs): ItemForecasts {
  if (inputs == null || inputs.format !== PLAN_INPUTS_FORMAT || !Number.isInteger(inputs.rows) || inputs.rows < 0 || !Array.isArray(inputs.skipped)) {
    invalidOption('plan inputs', inputs?.format, `a record of format ${PLAN_INPUTS_FORMAT}`);
  }
  const all = unpackForecasts(inputs.forecasts, inputs.rows, inputs);
  const forecasts: ItemForecast[] = [];
  for (const f of all) if (f) forecasts.push(f);
  return { forecasts, skipped: inputs.skipped };
}
