/** Types only: the forecast worker's API (see rpc.ts for the envelope). */
import type { Progress } from '../lib/core/progress';
import type { BacktestReport, BacktestSettings } from '../lib/forecast-run/backtest-dataset';
import type { DatasetForecast } from '../lib/forecast-run/forecast-dataset';

/** The forecast worker: backtests, forecasts and their exports, saved in the workspace. */
export type ForecastApi = {
  /** Runs a rolling-origin backtest of a stored dataset and saves it. */
  backtest: { input: { datasetId: string; settings: BacktestSettings }; result: { id: string; report: BacktestReport }; progress: Progress };
  /** Forecasts every series of the dataset with the models its backtest chose, and saves the forecast. */
  forecast: { input: { backtestId: string; horizon: number }; result: { id: string; forecast: DatasetForecast }; progress: Progress };
  /** Loads a saved backtest (typed arrays are transferred, not copied). */
  getBacktest: { input: { id: string }; result: BacktestReport | null; progress: Progress };
  /** Loads a saved forecast. */
  getForecast: { input: { id: string }; result: DatasetForecast | null; progress: Progress };
  /** A saved backtest or forecast as CSV text in long format, safe to open in a spreadsheet. */
  exportCsv: { input: { kind: 'backtest' | 'forecast'; id: string }; result: { fileName: string; text: string }; progress: Progress };
};
