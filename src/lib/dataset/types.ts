import type { Frequency } from '../core/dates';
import type { QualityReport } from './issues';

/**
 * The workspace's data model. Numbers are columnar typed arrays; dates are day numbers (see core/dates.ts)
 * stored once per calendar, not once per row.
 */

/** A regular grid of periods shared by every series of a dataset. */
export interface Calendar {
  /** Sampling frequency. */
  frequency: Frequency;
  /** Day number of each period, strictly increasing, one step of `frequency` apart. */
  days: Int32Array;
  /** 1 where the period holds a holiday (from the data's holiday flag or the generator), else 0. Same length as `days`. */
  holidays: Uint8Array;
  /** Day numbers of holiday periods known after the last period (e.g. from a features file), for forecasting. */
  futureHolidays?: Int32Array;
}

/** One time series: a value per period from `start` on, NaN where the period is missing. */
export interface SeriesRecord {
  /** Unique within the dataset: the key values joined by ' / ' (e.g. "1 / 3" for Store 1, Dept 3), or "total". */
  id: string;
  /** Key column name → value, e.g. { Store: '1', Dept: '3' }. Empty for a single-series file. */
  key: Record<string, string>;
  /** Index into `Calendar.days` of `values[0]`. */
  start: number;
  /** Observed value per period (demand, sales); NaN = missing period. */
  values: Float64Array;
  /** Covariate name → values aligned with `values`; NaN = missing. */
  covariates: Record<string, Float64Array>;
  /** Static descriptive attributes joined from another file (e.g. { Type: 'A', Size: '151315' }). */
  attributes?: Record<string, string>;
}

/** What the user chose for problems that are warnings, not fatal. */
export interface ImportChoices {
  /** Periods inside a series with no row: leave as missing (NaN) or fill with 0. Default 'leave'. */
  missingPeriods: 'leave' | 'zero';
  /** Negative values (returns): keep them or set them to 0. Default 'keep'. */
  negativeValues: 'keep' | 'zero';
}

/** Per-series summary statistics, computed once at import over the observed (non-NaN) values. */
export interface SeriesStats {
  /** The series' id. */
  id: string;
  /** Periods from first to last observation. */
  length: number;
  /** Observed periods. */
  observed: number;
  /** Missing periods inside the series. */
  missing: number;
  /** Mean of observed values. */
  mean: number;
  /** Sample standard deviation of observed values. */
  std: number;
  /** Coefficient of variation std / |mean| (NaN when the mean is 0). */
  cv: number;
  /** Smallest observed value. */
  min: number;
  /** Largest observed value. */
  max: number;
  /** Sum of observed values. */
  total: number;
  /** Observed values equal to 0. */
  zeros: number;
  /** Observed values below 0. */
  negatives: number;
  /** Day number of the first observation. */
  firstDay: number;
  /** Day number of the last observation. */
  lastDay: number;
  /** Mean in holiday periods / mean in other periods - 1 (NaN when either set is empty). */
  holidayUplift: number;
}

/** A dataset's descriptive record: everything but the series values. */
export interface DatasetMeta {
  /** Stable id (random, assigned at import). */
  id: string;
  /** Display name; the user can rename it. */
  name: string;
  /** Names of the files it came from. */
  sourceFiles: string[];
  /** The recognised source format (e.g. 'walmart-store-sales', 'long', 'mapped'), for display. */
  format: string;
  /** When it was imported (ms since epoch). */
  createdAt: number;
  /** Columns whose values identify a series. */
  keyColumns: string[];
  /** The demand/sales column. */
  valueColumn: string;
  /** Covariate columns kept with the series. */
  covariateColumns: string[];
  /** Data rows read from the file(s). */
  rows: number;
  /** Number of series. */
  seriesCount: number;
  /** Day number of the first period. */
  firstDay: number;
  /** Day number of the last period. */
  lastDay: number;
  /** Sampling frequency. */
  frequency: Frequency;
  /** The choices applied at import. */
  choices: ImportChoices;
  /** The data-quality report of the import. */
  report: QualityReport;
}

/** A complete dataset as the lib builds it and the persistence layer stores it. */
export interface Dataset {
  /** Descriptive record. */
  meta: DatasetMeta;
  /** Shared period grid. */
  calendar: Calendar;
  /** The series, in key order. */
  series: SeriesRecord[];
}

/** One inventory position (item, or item at a store). */
export interface InventoryItem {
  /** Id of the matching series in the linked sales dataset (same key convention as SeriesRecord.id). */
  seriesId: string;
  /** Key column name → value, e.g. { Store: 'S001', Product: 'P0001' }. */
  key: Record<string, string>;
  /** Units on hand (may be negative in a bad snapshot; reported, not hidden). */
  onHand: number;
  /** Units ordered and not yet received. */
  onOrder: number;
  /** Units owed to customers. Default 0. */
  backorders: number;
  /** Replenishment lead time in days. */
  leadTimeDays: number;
  /** Standard deviation of the lead time in days, when the data gives it. Default 0. */
  leadTimeStdDays: number;
  /** Purchase cost per unit. */
  unitCost: number;
  /** Minimum order quantity in units. Default 1. */
  moq: number;
  /** Orders are whole multiples of this many units. Default 1. */
  packSize: number;
  /** Target cycle service level in (0, 1). */
  serviceLevel: number;
  /** Fields that were not in the file and took the snapshot's defaults. */
  defaulted: Array<'onOrder' | 'backorders' | 'leadTimeDays' | 'unitCost' | 'moq' | 'packSize' | 'serviceLevel'>;
}

/** Values used for inventory fields the file does not give; the user can edit them. */
export interface InventoryDefaults {
  /** Default lead time in days: 7. */
  leadTimeDays: number;
  /** Default unit cost: 1. */
  unitCost: number;
  /** Default minimum order quantity: 1. */
  moq: number;
  /** Default pack size: 1. */
  packSize: number;
  /** Default cycle service level: 0.95. */
  serviceLevel: number;
}

/** Documented defaults for missing inventory fields. */
export const DEFAULT_INVENTORY_DEFAULTS: InventoryDefaults = {
  leadTimeDays: 7,
  unitCost: 1,
  moq: 1,
  packSize: 1,
  serviceLevel: 0.95,
};

/** An inventory snapshot: stock positions at one moment. */
export interface InventorySnapshot {
  /** Stable id. */
  id: string;
  /** Display name. */
  name: string;
  /** File it came from. */
  sourceFile: string;
  /** When it was imported (ms since epoch). */
  createdAt: number;
  /** Day number the positions refer to, when known. */
  asOfDay: number | null;
  /** Id of the sales dataset whose series the items match, when known. */
  datasetId: string | null;
  /** Key columns identifying an item. */
  keyColumns: string[];
  /** The positions. */
  items: InventoryItem[];
  /** Defaults applied to missing fields. */
  defaults: InventoryDefaults;
  /** The data-quality report of the import. */
  report: QualityReport;
}
