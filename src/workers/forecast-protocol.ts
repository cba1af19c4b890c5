/** Types only: the forecast worker's API (see rpc.ts for the envelope). */
import type { Progress } from '../lib/core/progress';
import type { BacktestSettings } from '../lib/forecast/run/backtest-dataset';
import type { PackedBacktestReport } from '../lib/forecast/run/backtest-pack';
import type { PackedForecast } from '../lib/forecast/run/forecast-pack';
import type { ForecastTotals } from '../lib/forecast/run/forecast-totals';
import type { BackendChoice, BackendName, TensorMemory } from '../lib/lstm/backend-types';
import type { LstmSettings } from '../lib/lstm/options';

export type { LstmSettings, TrainingProgress } from '../lib/lstm/options';

/** The forecast worker: backtests, forecasts and their exports, saved in the workspace. */
export type ForecastApi = {
  /** Runs a rolling-origin backtest of a stored dataset and saves it. The report's per-series scores travel packed
   * (backtest-pack.ts): at 30,000 series their 90,000 objects cost the page a 100 ms task to bring back to life. */
  backtest: {
    input: { datasetId: string; settings: BacktestSettings; lstm?: LstmSettings | null; backend?: BackendName | null };
    /** `id` null: the report was too large to save (`notSaved` says why and what to do); it is shown, not stored. */
    result: { id: string | null; report: PackedBacktestReport; notSaved: string | null };
    progress: Progress;
  };
  /** Forecasts every series of the dataset with the models its backtest chose (training the final LSTM when it is
   * one of them, and saving it), and saves the forecast. The result is packed (forecast-pack.ts): at 30,000 series
   * the page's main thread would otherwise spend hundreds of ms bringing 300,000 objects to life. `totals` are its
   * sums over all series and by group, made here so the page never walks every series (#13). */
  forecast: { input: { backtestId: string; horizon: number; backend?: BackendName | null }; result: { id: string; forecast: PackedForecast; totals: ForecastTotals; modelId: string | null }; progress: Progress };
  /** Ends the final model's training in progress early, keeping its best weights so far: the `forecast` call goes
   * on with them (a cancel of that call discards everything instead). `stopping` is false when nothing trains. */
  stopTraining: { input: null; result: { stopping: boolean }; progress: Progress };
  /** Forecasts a dataset with a saved model as it is (no training): checks it on the windows it never trained on,
   * next to seasonal naive, takes its intervals from those errors, and saves the forecast. */
  forecastWithModel: { input: { modelId: string; datasetId: string; backend?: BackendName | null }; result: { id: string; forecast: PackedForecast; totals: ForecastTotals }; progress: Progress };
  /** Selects the TF.js backend (the preferred one when it works, else the fastest) and reports the measurements. */
  backend: { input: { preferred: BackendName | null }; result: BackendChoice; progress: Progress };
  /** A saved LSTM model's files in TF.js format (meta.json, model.json, weights.bin). */
  exportModel: { input: { id: string }; result: { name: string; files: Array<{ name: string; data: string | Uint8Array }> }; progress: Progress };
  /** Imports a model exported by `exportModel`; checks it loads, then saves it. */
  importModel: { input: { datasetId: string | null; name: string; files: Array<{ name: string; data: string | Uint8Array }> }; result: { id: string }; progress: Progress };
  /** Loads a saved backtest, packed as `backtest` returns it (typed arrays are transferred, not copied). */
  getBacktest: { input: { id: string }; result: PackedBacktestReport | null; progress: Progress };
  /** Loads a saved forecast, packed (the page unpacks the series it shows), with its totals. */
  getForecast: { input: { id: string }; result: { forecast: PackedForecast; totals: ForecastTotals } | null; progress: Progress };
  /** A saved backtest or forecast as CSV text in long format, safe to open in a spreadsheet. */
  exportCsv: { input: { kind: 'backtest' | 'forecast'; id: string }; result: { fileName: string; text: string }; progress: Progress };
  /** Diagnostics: the worker's live TF.js tensors and bytes (the soak test checks they stay flat run after run). */
  memory: { input: null; result: TensorMemory; progress: Progress };
};
