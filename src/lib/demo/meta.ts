/** Shared pieces of the demo datasets' records. */
import type { Calendar, Dataset, DatasetMeta, SeriesRecord } from '../dataset/types';
import { IssueCollector } from '../dataset/issues';

/** What differs between the demo datasets' records. */
export interface DemoMetaInput {
  /** Fixed id, e.g. 'demo-weekly-stores'. */
  id: string;
  /** Display name. */
  name: string;
  /** Key columns of the series. */
  keyColumns: string[];
  /** The demand/sales column. */
  valueColumn: string;
  /** Covariate columns, in the order each series holds them. */
  covariateColumns: string[];
  /** Creation time (ms since epoch); fixed so that the demo is deterministic. */
  createdAt: number;
}

/** Builds a complete demo Dataset: the record is filled from the calendar and series (rows = observed values). */
export function buildDemoDataset(input: DemoMetaInput, calendar: Calendar, series: SeriesRecord[]): Dataset {
  let rows = 0;
  for (const s of series) for (let i = 0; i < s.values.length; i++) if (s.values[i] === s.values[i]) rows++;
  const meta: DatasetMeta = {
    ...input,
    sourceFiles: [],
    format: 'demo',
    rows,
    seriesCount: series.length,
    firstDay: calendar.days[0],
    lastDay: calendar.days[calendar.days.length - 1],
    frequency: calendar.frequency,
    choices: { missingPeriods: 'leave', negativeValues: 'keep' },
    report: new IssueCollector().report(),
  };
  return { meta, calendar, series };
}

/** `x` rounded to `digits` decimals. */
export function round(x: number, digits: number): number {
  const p = 10 ** digits;
  return Math.round(x * p) / p;
}

/** `S01`, `I007`: a prefix and a zero-padded 1-based number. */
export function label(prefix: string, n: number, width: number): string {
  return prefix + String(n).padStart(width, '0');
}
