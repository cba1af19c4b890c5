/**
 * What the Explore view shows of a dataset summary, computed where the summary is held (the summary worker), so
 * the page never brings 100,000 per-series records to life (issue #13): the head (totals, profile, uplifts and
 * the most volatile series), one page of the series table in a chosen order, and the series whose id matches a
 * search. At 30,000 series reading the whole summary on the main thread was an 85 ms task, at 100,000 several.
 */
import type { DatasetSummary } from './summary';
import type { SeriesStats } from './types';
import { naturalCompare } from './stats';

/** One series' line: its index in the dataset, its statistics and attributes. */
export interface SummaryRow {
  /** Index of the series in the dataset. */
  index: number;
  /** Its statistics. */
  stats: SeriesStats;
  /** Its attributes when joined from a file, else null. */
  attributes: Record<string, string> | null;
}

/** The summary without its per-series arrays, plus the rows shown above the table. */
export interface SummaryHead extends Pick<DatasetSummary, 'datasetId' | 'total' | 'profile' | 'holidayUplift' | 'flagUplift'> {
  /** Number of series. */
  series: number;
  /** The 10 series with the largest CV (of those with ≥ 8 observations), largest first. */
  volatile: SummaryRow[];
}

/** Columns the series table sorts by. */
export const SUMMARY_SORT_KEYS = ['id', 'mean', 'total', 'cv', 'observed', 'missing', 'zeros', 'negatives', 'holidayUplift'] as const;
/** A column the series table sorts by. */
export type SummarySortKey = (typeof SUMMARY_SORT_KEYS)[number];

/** Series `index` as a row. */
export function summaryRow(summary: DatasetSummary, index: number): SummaryRow {
  return { index, stats: summary.stats[index], attributes: summary.attributes[index] ?? null };
}

/** The head of a summary: everything but the per-series arrays, and the most volatile series. Its typed arrays are
 * copies: a worker transfers them, and the summary it keeps must stay whole. */
export function summaryHead(summary: DatasetSummary, volatileCount = 10): SummaryHead {
  const { datasetId, total, profile, holidayUplift, flagUplift } = summary;
  return {
    datasetId,
    total: total.slice(),
    profile: { ...profile, index: profile.index.slice() },
    holidayUplift,
    flagUplift: { ...flagUplift },
    series: summary.stats.length,
    volatile: mostVolatile(summary.stats, volatileCount).map((i) => summaryRow(summary, i)),
  };
}

/** Indices of the n series with the largest CV (of those with ≥ 8 observations), largest first: one pass. */
export function mostVolatile(stats: readonly SeriesStats[], n: number): number[] {
  const top: number[] = [];
  for (let i = 0; i < stats.length; i++) {
    const st = stats[i];
    if (!(st.observed >= 8 && Number.isFinite(st.cv))) continue;
    if (top.length === n && st.cv <= stats[top[n - 1]].cv) continue;
    let at = top.length;
    while (at > 0 && stats[top[at - 1]].cv < st.cv) at--;
    top.splice(at, 0, i);
    if (top.length > n) top.pop();
  }
  return top;
}

/** Series indices sorted by `key` (descending when `desc`); NaN sorts last either way, ties keep dataset order. */
export function sortOrder(stats: readonly SeriesStats[], key: SummarySortKey, desc: boolean): Int32Array {
  const idx = Int32Array.from({ length: stats.length }, (_, i) => i);
  const dir = desc ? -1 : 1;
  if (key === 'id') return idx.sort((a, b) => dir * naturalCompare(stats[a].id, stats[b].id) || a - b);
  const v = Float64Array.from(stats, (st) => st[key]);
  return idx.sort((a, b) => (Number.isNaN(v[a]) ? (Number.isNaN(v[b]) ? a - b : 1) : Number.isNaN(v[b]) ? -1 : dir * (v[a] - v[b]) || a - b));
}

/** Indices of the first `limit` series (dataset order) whose id contains `query`, case-insensitive; all when empty. */
export function matchSeries(stats: readonly SeriesStats[], query: string, limit: number): number[] {
  const q = query.trim().toLowerCase();
  const out: number[] = [];
  for (let i = 0; i < stats.length && out.length < limit; i++) if (!q || stats[i].id.toLowerCase().includes(q)) out.push(i);
  return out;
}
