import { aggregateTotal, computeSeriesStats, seasonalProfile, type SeasonalProfile } from './stats';
import type { Dataset, SeriesStats } from './types';

/** Everything the Explore view needs without loading series: computed once when a dataset is stored. */
export interface DatasetSummary {
  /** The dataset's id. */
  datasetId: string;
  /** Sum over all series per calendar period (NaN where none is observed). */
  total: Float64Array;
  /** Per-series statistics, in series order. */
  stats: SeriesStats[];
  /** Per-series keys, in series order (for filters and the table). */
  keys: Record<string, string>[];
  /** Per-series attributes, in series order, when joined from a file. */
  attributes: Array<Record<string, string> | null>;
  /** Seasonal profile of the total. */
  profile: SeasonalProfile;
  /** Mean of the total in holiday periods / in other periods - 1 (NaN without holidays). */
  holidayUplift: number;
  /** Per covariate flag (0/1 columns other than the holiday flag, e.g. promotions): uplift of the total when on. */
  flagUplift: Record<string, number>;
}

/** Computes the summary of a dataset (O(values)). */
export function summarizeDataset(dataset: Dataset): DatasetSummary {
  const { calendar, series } = dataset;
  const total = aggregateTotal(series, calendar.days.length);
  const stats = series.map((s) => computeSeriesStats(s, calendar));
  let hSum = 0;
  let hN = 0;
  let oSum = 0;
  let oN = 0;
  for (let i = 0; i < total.length; i++) {
    if (Number.isNaN(total[i])) continue;
    if (calendar.holidays[i]) {
      hSum += total[i];
      hN++;
    } else {
      oSum += total[i];
      oN++;
    }
  }
  const flagUplift: Record<string, number> = {};
  for (const name of dataset.meta.covariateColumns) {
    let on = 0;
    let onN = 0;
    let off = 0;
    let offN = 0;
    let binary = true;
    let sameAsHolidays = true;
    for (const s of series) {
      const c = s.covariates[name];
      if (!c) continue;
      for (let i = 0; i < c.length && binary; i++) {
        const f = c[i];
        const v = s.values[i];
        if (Number.isNaN(f) || Number.isNaN(v)) continue;
        if (f !== 0 && f !== 1) binary = false;
        if (f !== calendar.holidays[s.start + i]) sameAsHolidays = false;
        else if (f === 1) {
          on += v;
          onN++;
        } else {
          off += v;
          offN++;
        }
      }
    }
    // A flag identical to the holiday calendar is the holiday flag itself, already reported as holidayUplift.
    if (binary && !sameAsHolidays && onN && offN && off) flagUplift[name] = on / onN / (off / offN) - 1;
  }
  return {
    datasetId: dataset.meta.id,
    total,
    stats,
    keys: series.map((s) => s.key),
    attributes: series.map((s) => s.attributes ?? null),
    profile: seasonalProfile(total, calendar),
    holidayUplift: hN && oN && oSum ? hSum / hN / (oSum / oN) - 1 : NaN,
    flagUplift,
  };
}
