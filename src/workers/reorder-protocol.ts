/** Types only: the reorder worker's API (see rpc.ts for the envelope). */
import type { Progress } from '../lib/core/progress';
import type { InsightSentence, ReorderOptions } from '../lib/reorder';
import type { AggregateForecast, ClosedLoopSettings, DatasetClosedLoop, GroupFigure, ReorderResultWire } from '../lib/reorder-run';

/** Input of `run`. */
export interface ReorderRunInput {
  /** Inventory snapshot to plan. */
  inventoryId: string;
  /** Saved forecast of the snapshot's dataset (forecasts store); null runs without forecasts (every item NO_FORECAST). */
  forecastId: string | null;
  /** Engine options (validated by the engine: a bad one rejects with `invalid <name>: <value>`). */
  options: ReorderOptions;
}

/** Where a run's time went in the reorder worker, ms. */
export interface ReorderRunTimings {
  /** Reading the snapshot, forecast, backtest and order lines from IndexedDB (what is not cached yet). */
  readMs: number;
  /** Turning the forecast and backtest into the engine's item forecasts (cached per forecast). */
  prepareMs: number;
  /** The engine: screening and ABC here, the per-item plans on the pool. */
  engineMs: number;
}

/** Output of `run`. Typed arrays of `result` are transferred. The snapshot's items do not travel: the page has them. */
export interface ReorderRunOutput {
  /** The snapshot planned. */
  inventoryId: string;
  /** Identifies the run, for `insights`. */
  runId: number;
  /** The engine's result (without series ids, which are the snapshot items'): row i is the snapshot's item i. */
  result: ReorderResultWire;
  /** Key column naming the store, or null. */
  storeColumn: string | null;
  /** Approved, not yet received order lines counted as open orders. */
  openOrders: number;
  /** Forecast series left out as malformed, with why (their items are NO_FORECAST). */
  skippedForecasts: Array<{ seriesId: string; reason: string }>;
  /** Day number the snapshot refers to (its as-of day, else the forecast's first day). */
  snapshotDay: number;
  /** Wall time of the run in the worker, ms. */
  elapsedMs: number;
  /** Its parts. */
  timings: ReorderRunTimings;
  /** Workers the per-item plans ran on (0: in the reorder worker itself). */
  workers: number;
  /** Every row by urgency, the table's first order (`urgencyOrder`). */
  urgency: Int32Array;
  /** Where the item forecasts came from (see `PrepareOutput.source`); null without a forecast. */
  inputsFrom: 'memory' | 'stored' | 'made' | null;
  /** True when the result is the plan `prepare` made of the same inputs and settings ahead of the run (then
   * `timings.engineMs` is the wait for it, not the engine's time). */
  plannedAhead: boolean;
}

/** Input of `prepare`. */
export interface PrepareInput {
  /** Dataset of the snapshots to plan (null: a snapshot without one). */
  datasetId: string | null;
  /** Its saved forecast. */
  forecastId: string;
  /** The snapshot the run will plan, read ahead too (optional). */
  inventoryId?: string;
  /** With the snapshot: the settings of that run, planned ahead (a run of the same inputs returns that plan). */
  options?: ReorderOptions;
  /** Only when the inputs are in memory or stored: never read the three whole records to make them (the app's
   * opening: the first run makes them if ever asked). Default false. */
  onlyStored?: boolean;
}

/** Output of `prepare`. */
export interface PrepareOutput {
  /** Where the item forecasts came from: this worker's memory, the stored plan inputs, or made from the records;
   * null when `onlyStored` found none (nothing was prepared). */
  source: 'memory' | 'stored' | 'made' | null;
  /** Wall time in the worker, ms. */
  elapsedMs: number;
}

/** Input of `insights`. */
export interface InsightsRequest {
  /** The run summarized (`ReorderRunOutput.runId`). */
  runId: number;
}

/** One model's accuracy in the latest backtest. */
export interface AccuracyRow {
  /** Model id ('ensemble', 'snaive', ...). */
  modelId: string;
  /** Label. */
  label: string;
  /** Mean absolute percentage error, percent (null when undefined). */
  mape: number | null;
  /** Weighted absolute percentage error, percent. */
  wape: number | null;
  /** Mean absolute scaled error. */
  mase: number | null;
}

/** Input of `overview`. */
export interface OverviewInput {
  /** Dataset. */
  datasetId: string;
  /** Key column naming the store; null: no store figures. */
  storeColumn: string | null;
}

/** The executive view's figures of a dataset. Every array is a fresh copy (transferred). */
export interface DatasetOverview {
  /** Dataset name. */
  name: string;
  /** Day number per calendar period. */
  days: Int32Array;
  /** 1 in holiday periods. */
  holidays: Uint8Array;
  /** Sum over series per period (NaN where none observed). */
  total: Float64Array;
  /** Mean total in holiday periods over other periods − 1 (NaN without holidays). */
  holidayUplift: number;
  /** Per store, in store order (empty without a store column). */
  stores: GroupFigure[];
  /** Leaderboard of the dataset's latest backtest, or null when it has none. */
  accuracy: { name: string; createdAt: number; horizon: number; rows: AccuracyRow[] } | null;
}

/** Input of `storeView`. */
export interface StoreViewInput {
  /** Dataset. */
  datasetId: string;
  /** Saved forecast, or null. */
  forecastId: string | null;
  /** Key column naming the store. */
  storeColumn: string;
  /** The store. */
  store: string;
}

/** A store's summed history and forecast. */
export interface StoreSeries {
  /** The store. */
  store: string;
  /** Series in the store. */
  series: number;
  /** Day number per calendar period. */
  days: Int32Array;
  /** Summed history per period. */
  history: Float64Array;
  /** Summed forecast (quantiles summed: an approximation), or null without a forecast. */
  forecast: AggregateForecast | null;
}

/** Input of `closedLoop`. */
export interface ClosedLoopInput {
  /** Dataset replayed. */
  datasetId: string;
  /** Snapshot giving lead times, MOQs, service levels and costs, or null for defaults. */
  inventoryId: string | null;
  /** Settings. */
  settings: ClosedLoopSettings;
  /** 'backtest' (default): replay every model of the dataset's latest backtest, or seasonal naive when it has none;
   * 'seasonal-naive': the replay's own seasonal-naive forecaster. */
  source?: 'backtest' | 'seasonal-naive';
}

/** The reorder worker: plans a snapshot, summarizes its dataset, replays policies. */
export type ReorderApi = {
  /** Runs the reorder engine on a snapshot with its dataset's forecast and the approved open orders. */
  run: { input: ReorderRunInput; result: ReorderRunOutput; progress: Progress };
  /** Makes ready, ahead of a run, what a run of a snapshot of `datasetId` with that forecast reads (the item
   * forecasts, kept in the worker and the workspace): the run then pays only for the snapshot and the engine. */
  prepare: { input: PrepareInput; result: PrepareOutput; progress: Progress };
  /** The plain-language summary of the worker's latest run (every figure with its reference), after its table: the
   * result arrives first. Null when a later run replaced it. */
  insights: { input: InsightsRequest; result: InsightSentence[] | null; progress: Progress };
  /** Dataset figures for the executive view. */
  overview: { input: OverviewInput; result: DatasetOverview; progress: Progress };
  /** One store's history and forecast for the store view. */
  storeView: { input: StoreViewInput; result: StoreSeries; progress: Progress };
  /** Closed-loop backtest of the dataset's series: cost, fill rate and stock per policy. */
  closedLoop: { input: ClosedLoopInput; result: DatasetClosedLoop; progress: Progress };
};
