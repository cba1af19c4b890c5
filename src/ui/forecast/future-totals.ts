/**
 * Totals of a future forecast over all series and by group (store, department, store type...), next to the
 * history's own level, for the Forecast tab (issue #14, point 6). Pure: forecast + dataset summary in, rows out.
 */
import type { DatasetSummary } from '../../lib/dataset/summary';
import type { SeriesForecast } from '../../lib/forecast/run/forecast-dataset';

/** One group's figures. */
export interface GroupTotal {
  /** The group's value (a store id, a type). */
  group: string;
  /** Series in it that have a forecast. */
  series: number;
  /** Forecast summed over the group's series and the horizon. */
  forecast: number;
  /** Forecast per period (forecast / horizon). */
  perPeriod: number;
  /** Sum of the series' historical means per period. */
  historyPerPeriod: number;
  /** perPeriod / historyPerPeriod − 1 (NaN when the history is 0). */
  change: number;
}

/** The columns a forecast can be grouped by: key columns with fewer values than series, then attributes. */
export function groupColumns(summary: Pick<DatasetSummary, 'keys' | 'attributes'>): string[] {
  const n = summary.keys.length;
  const out: string[] = [];
  const consider = (name: string, values: Array<string | undefined>) => {
    const distinct = new Set(values.filter((v) => v !== undefined)).size;
    if (distinct > 1 && distinct < n && !out.includes(name)) out.push(name);
  };
  for (const col of Object.keys(summary.keys[0] ?? {})) consider(col, summary.keys.map((k) => k[col]));
  for (const col of Object.keys(summary.attributes.find((a) => a) ?? {})) consider(col, summary.attributes.map((a) => a?.[col]));
  return out;
}

/** Point forecasts summed per period over every series (all series of a dataset share the forecast days). */
export function totalForecast(series: readonly SeriesForecast[]): { days: Int32Array; point: Float64Array } {
  const first = series[0];
  if (!first) return { days: new Int32Array(0), point: new Float64Array(0) };
  const point = new Float64Array(first.point.length);
  for (const s of series) for (let h = 0; h < point.length; h++) point[h] += s.point[h] ?? 0;
  return { days: first.days, point };
}

/** The forecast by group of `column` (a key column or an attribute), largest forecast first. */
export function groupTotals(series: readonly SeriesForecast[], summary: Pick<DatasetSummary, 'keys' | 'attributes' | 'stats'>, column: string): GroupTotal[] {
  const indexById = new Map(summary.stats.map((s, i) => [s.id, i]));
  const groups = new Map<string, GroupTotal>();
  for (const s of series) {
    const i = indexById.get(s.seriesId);
    if (i === undefined) continue;
    const group = summary.keys[i]?.[column] ?? summary.attributes[i]?.[column] ?? '(none)';
    const g = groups.get(group) ?? { group, series: 0, forecast: 0, perPeriod: 0, historyPerPeriod: 0, change: NaN };
    g.series++;
    for (let h = 0; h < s.point.length; h++) g.forecast += s.point[h];
    g.perPeriod += s.point.length ? s.point.reduce((a, b) => a + b, 0) / s.point.length : 0;
    const mean = summary.stats[i].mean;
    if (Number.isFinite(mean)) g.historyPerPeriod += mean;
    groups.set(group, g);
  }
  const rows = [...groups.values()];
  for (const g of rows) g.change = g.historyPerPeriod !== 0 ? g.perPeriod / g.historyPerPeriod - 1 : NaN;
  return rows.sort((a, b) => b.forecast - a.forecast);
}

/** How often each model leads a series' combination (its first model), most often first. */
export function leadModels(series: readonly SeriesForecast[]): Array<{ modelId: string; series: number }> {
  const counts = new Map<string, number>();
  for (const s of series) {
    const lead = s.modelIds[0];
    if (lead) counts.set(lead, (counts.get(lead) ?? 0) + 1);
  }
  return [...counts].map(([modelId, n]) => ({ modelId, series: n })).sort((a, b) => b.series - a.series);
}
