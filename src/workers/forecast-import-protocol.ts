/** Types only: the forecast-import worker's API (see rpc.ts for the envelope). */
import type { Progress } from '../lib/core/progress';
import type { ForecastFilePreview } from '../lib/forecast/external/preview';

/** Input of `inspect`. */
export interface ForecastFileInput {
  /** Dataset the forecast is for. */
  datasetId: string;
  /** The forecast file (a File or Blob; structured clone passes it without copying its bytes). */
  file: Blob;
  /** Its name, for labels. */
  fileName: string;
}

/** Input of `import`. */
export interface ForecastImportInput extends ForecastFileInput {
  /** Models to save, by their name in the file (at least one); the first is saved last, so it is the newest. */
  models: string[];
}

/** Output of `import`. */
export interface ForecastImportOutput {
  /** What the file held (read again: the file may have changed since `inspect`). */
  preview: ForecastFilePreview;
  /** Forecasts saved, in the order of `models`. */
  saved: Array<{ id: string; name: string; model: string }>;
}

/** The forecast-import worker's API map. */
export type ForecastImportApi = {
  /** Reads a forecast file against a dataset and says what it holds; saves nothing. */
  inspect: { input: ForecastFileInput; result: ForecastFilePreview; progress: Progress };
  /** Reads it again and saves the chosen models as forecasts of the dataset (nothing when the file is refused). */
  import: { input: ForecastImportInput; result: ForecastImportOutput; progress: Progress };
};
