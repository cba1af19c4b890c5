/** Types only: the statistics worker's API (one per pool slot, see pool.ts; envelope in rpc.ts). */
import type { Progress } from '../lib/core/progress';
import type { BacktestResult } from '../lib/forecast/evaluate/types';
import type { StatBacktestRequest } from '../lib/forecast/run/partition';
import type { StatForecastRequest } from '../lib/forecast/run/forecast-parallel';

/** A part of a statistical backtest as it crosses to a worker: every series' values in one transferred array. */
export interface StatBacktestWire extends Omit<StatBacktestRequest, 'series'> {
  /** Series ids, in order. */
  ids: string[];
  /** Calendar period of each series' first value. */
  starts: Int32Array;
  /** Series i is values[offsets[i] … offsets[i + 1]); length ids.length + 1. */
  offsets: Int32Array;
  /** All the series' values, concatenated. */
  values: Float64Array;
}

/** A part of a future forecast as it crosses to a worker: histories in one transferred array. */
export interface StatForecastWire extends Omit<StatForecastRequest, 'histories'> {
  /** History i is values[offsets[i] … offsets[i + 1]). */
  offsets: Int32Array;
  /** All histories, concatenated. */
  values: Float64Array;
}

/** The statistics worker: per-series statistical fits for a part of the dataset's series. */
export type StatApi = {
  /** Backtests the part's series (results' typed arrays are transferred back). */
  backtest: { input: StatBacktestWire; result: BacktestResult; progress: Progress };
  /** Forecasts the part's series with the models each needs: series × models × horizon values. */
  forecast: { input: StatForecastWire; result: Float64Array; progress: Progress };
};
