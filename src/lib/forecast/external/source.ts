/**
 * What a forecast imported from a file records about its origin. Types only, with no imports, so that
 * run/forecast-dataset.ts can name it without an import cycle.
 */

/** Where an imported model's quantiles come from, in words the UI shows. */
export type QuantileSource = 'intervals' | 'quantiles' | 'intervals and quantiles' | 'none';

/** The file and model a forecast was imported from. */
export interface ExternalSource {
  /** The file's name. */
  fileName: string;
  /** The model's name as the file writes it. */
  model: string;
  /** The file's columns read for this model (point first). */
  columns: string[];
  /** Where the quantiles come from ('none': the file has no intervals or quantiles for the model). */
  quantileSource: QuantileSource;
  /** True when the point forecast is the file's median (no mean column for the model). */
  pointIsMedian: boolean;
}
