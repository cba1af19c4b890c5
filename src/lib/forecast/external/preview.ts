import type { ForecastFileRead } from './read-file';
import type { QuantileSource } from './source';

/** One model of a forecast file, as the import dialog lists it (no arrays: cheap to post). */
export interface ModelPreview {
  /** The model's name as the file writes it. */
  model: string;
  /** "<model>, imported from <file>". */
  label: string;
  /** Series with a forecast. */
  series: number;
  /** Of those, series shorter than the horizon. */
  shortSeries: number;
  /** Periods ahead (the longest series). */
  horizon: number;
  /** Quantile levels read from the file, ascending (empty: none). */
  quantileLevels: number[];
  /** Where they come from. */
  quantileSource: QuantileSource;
  /** The file's columns read for it. */
  columns: string[];
  /** The forecast's method sentence (what produced the point forecast and the quantiles). */
  method: string;
}

/** What a forecast file holds for a dataset, for the import dialog: the read's counts and problems, its models
 * without their numbers. */
export interface ForecastFilePreview extends Omit<ForecastFileRead, 'models'> {
  /** The file's name. */
  fileName: string;
  /** Models with at least one usable series. */
  models: ModelPreview[];
  /** Series in the dataset. */
  datasetSeries: number;
}

/** The dialog's view of a read file. */
export function previewOf(read: ForecastFileRead, fileName: string, datasetSeries: number): ForecastFilePreview {
  const { models, ...rest } = read;
  return {
    fileName,
    ...rest,
    datasetSeries,
    models: models.map(({ model, label, forecast, series, shortSeries }) => ({
      model,
      label,
      series,
      shortSeries,
      horizon: forecast.horizon,
      quantileLevels: forecast.quantileLevels,
      quantileSource: forecast.external.quantileSource,
      columns: forecast.external.columns,
      method: forecast.method,
    })),
  };
}
