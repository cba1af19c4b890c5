/**
 * Totals of a future forecast over all series and by group (store, department, store type...), next to the
 * history's own level, for the Forecast tab (issue #14, point 6). Pure: forecast + dataset summary in, rows out.
 * The forecast worker computes them beside the packed forecast it sends (forecastTotals), so the page never walks
 * every series: at 30,000 series doing it there, with the summary read on the main thread, was most of the task
 * in which a forecast arrived (#13).
 */
import type { DatasetSummary } from '../../dataset/summary';
import type { DatasetForecast } from './forecast-dataset';
import { packForecast, type PackedForecast } from './forecast-pack';

/** Groups listed per column at most (largest first); the rest are counted in `more`. */
export const MAX_GROUP_ROWS = 200;

/** What the Forecast tab shows of a whole forecast. */
export interface ForecastTotals {
  /** Point forecasts summed per period over every series. */
  total: { days: Int32Array; point: Float64Array };
  /** How often each model leads a series' combination, most often first. */
  leads: Array<{ modelId: string; series: number }>;
  /** The forecast by group, per column that groups several series (`groupColumns`); empty without a summary. */
  groups: Array<{ column: string; rows: GroupTotal[]; more: number }>;
}

/** A forecast packed for the trip to the page, with its totals. */
export function packWithTotals(forecast: DatasetForecast, summary: Pick<DatasetSummary, 'keys' | 'attributes' | 'stats'> | null | undefined): { forecast: PackedForecast; totals: ForecastTotals } {
  const packed = packForecast(forecast);
  return { forecast: packed, totals: forecastTotals(packed, summary) };
}

/** The totals of a packed forecast (the summary gives the groups and the history's level). */
export function forecastTotals(forecast: ForecastColumns, summary: Pick<DatasetSummary, 'keys' | 'attributes' | 'stats'> | null | undefined): ForecastTotals {
  const groups = summary
    ? groupColumns(summary).map((column) => {
        const rows = groupTotals(forecast, summary, column);
        return { column, rows: rows.slice(0, MAX_GROUP_ROWS), more: Math.max(0, rows.length - MAX_GROUP_ROWS) };
      })
    : [];
  return { total: totalForecast(forecast), leads: leadModels(forecast), groups };
}

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
  // One pass per column, no intermediate arrays (100,000 series: a copy and a filter of each column per call).
  const consider = (name: string, rows: ReadonlyArray<Record<string, string> | null>) => {
    if (out.includes(name)) return;
    const distinct = new Set<string>();
    for (let i = 0; i < rows.length; i++) {
      const v = rows[i]?.[name];
      if (v !== undefined) distinct.add(v);
    }
    if (distinct.size > 1 && distinct.size < n) out.push(name);
  };
  for (const col of Object.keys(summary.keys[0] ?? {})) consider(col, summary.keys);
  for (const col of Object.keys(summary.attributes.find((a) => a) ?? {})) consider(col, summary.attributes);
  return out;
}

/** The fields of a packed forecast the totals read. */
export type ForecastColumns = Pick<PackedForecast, 'seriesIds' | 'horizon' | 'days' | 'point' | 'modelSets' | 'modelSet'>;

/** Point forecasts summed per period over every series (all series of a dataset share the forecast days). */
export function totalForecast(forecast: ForecastColumns): { days: Int32Array; point: Float64Array } {
  const N = forecast.seriesIds.length;
  const H = forecast.horizon;
  if (N === 0) return { days: new Int32Array(0), point: new Float64Array(0) };
  const point = new Float64Array(H);
  const p = forecast.point;
  for (let s = 0; s < N; s++) for (let h = 0; h < H; h++) point[h] += p[s * H + h];
  return { days: forecast.days.slice(0, H), point };
}

/** The forecast by group of `column` (a key column or an attribute), largest forecast first. */
export function groupTotals(forecast: ForecastColumns, summary: Pick<DatasetSummary, 'keys' | 'attributes' | 'stats'>, column: string): GroupTotal[] {
  const ids = forecast.seriesIds;
  const H = forecast.horizon;
  // The forecast lists the dataset's series in the summary's order; a map by id only when it does not.
  let indexById: Map<string, number> | null = null;
  const indexOf = (s: number) => {
    if (summary.stats[s]?.id === ids[s]) return s;
    indexById ??= new Map(summary.stats.map((st, i) => [st.id, i]));
    return indexById.get(ids[s]);
  };
  const groups = new Map<string, GroupTotal>();
  for (let s = 0; s < ids.length; s++) {
    const i = indexOf(s);
    if (i === undefined) continue;
    const group = summary.keys[i]?.[column] ?? summary.attributes[i]?.[column] ?? '(none)';
    let g = groups.get(group);
    if (!g) groups.set(group, (g = { group, series: 0, forecast: 0, perPeriod: 0, historyPerPeriod: 0, change: NaN }));
    g.series++;
    let sum = 0;
    for (let h = 0; h < H; h++) sum += forecast.point[s * H + h];
    g.forecast += sum;
    g.perPeriod += H ? sum / H : 0;
    const mean = summary.stats[i].mean;
    if (Number.isFinite(mean)) g.historyPerPeriod += mean;
  }
  const rows = [...groups.values()];
  for (const g of rows) g.change = g.historyPerPeriod !== 0 ? g.perPeriod / g.historyPerPeriod - 1 : NaN;
  return rows.sort((a, b) => b.forecast - a.forecast);
}

/** How often each model leads a series' combination (its first model), most often first. */
export function leadModels(forecast: Pick<ForecastColumns, 'modelSets' | 'modelSet'>): Array<{ modelId: string; series: number }> {
  const perSet = new Int32Array(forecast.modelSets.length);
  for (let s = 0; s < forecast.modelSet.length; s++) perSet[forecast.modelSet[s]]++;
  const counts = new Map<string, number>();
  forecast.modelSets.forEach((set, k) => {
    const lead = set[0];
    if (lead && perSet[k]) counts.set(lead, (counts.get(lead) ?? 0) + perSet[k]);
  });
  return [...counts].map(([modelId, n]) => ({ modelId, series: n })).sort((a, b) => b.series - a.series);
}
