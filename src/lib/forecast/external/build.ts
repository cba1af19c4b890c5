/**
 * Turns the rows read from a forecast file into one `DatasetForecast` per model, the shape the Forecast view and
 * the reorder engine already read. Nothing is invented: a series' forecast stops at its first period without a
 * row or a number (reported), negative values are clipped at 0 (counted, as the app's own forecasts are) and
 * crossing quantiles are sorted per period (counted). Quantiles come from the file's intervals or quantile
 * columns; a model without them has none, and its `method` says how the reorder engine then sizes safety stock.
 */
import { isoFromDay } from '../../core/dates';
import type { Calendar } from '../../dataset/types';
import { futureDays, periodDays, type DatasetForecast, type SeriesForecast } from '../run/forecast-dataset';
export type { ExternalSource, QuantileSource } from './source';
import type { HeaderPlan, ModelColumns } from './columns';
import { quote, type ExternalIssueCollector } from './issues';
import type { ExternalSource, QuantileSource } from './source';
import type { ForecastRows } from './rows';

/** Largest table of numbers held while building (series × periods × columns): about 400 MB of doubles. */
export const MAX_CELLS = 50_000_000;

/** A dataset forecast imported from a file: `external` says from where. */
export interface ImportedForecast extends DatasetForecast {
  /** The file and model it came from. */
  external: ExternalSource;
}

/** One model's imported forecast and what the import made of it. */
export interface ImportedModel {
  /** The model's name. */
  model: string;
  /** Display name: "<model>, imported from <file>". */
  label: string;
  /** The forecast, ready to store. */
  forecast: ImportedForecast;
  /** Series with a forecast. */
  series: number;
  /** Of those, series shorter than the horizon. */
  shortSeries: number;
}

/** Options of `buildForecasts`. */
export interface BuildOptions {
  /** Dataset the forecast belongs to. */
  datasetId: string;
  /** Its calendar (the forecast's days are the periods after its end). */
  calendar: Calendar;
  /** The file's name, for labels. */
  fileName: string;
  /** Saved at, ms since epoch. */
  createdAt: number;
}

/** The label every view shows for an imported model. */
export function importedLabel(model: string, fileName: string): string {
  return `${model}, imported from ${fileName}`;
}

/** The stored forecast's name: its label and where its quantiles come from, so every list that names it says so. */
export function recordName(m: ImportedModel): string {
  const { quantileLevels: levels, external } = m.forecast;
  if (levels.length === 0) return `${m.label} (no intervals in the file: Orders assumes a Poisson spread)`;
  return `${m.label} (quantiles ${levels.map((q) => `${+(q * 100).toFixed(2)}%`).join(', ')} from its ${external.quantileSource})`;
}

/** Builds one forecast per model of `plan` from `rows`; models with no usable series are left out (reported). */
export function buildForecasts(plan: HeaderPlan, rows: ForecastRows, issues: ExternalIssueCollector, options: BuildOptions): ImportedModel[] {
  const n = rows.series.length;
  const seriesOf = rows.series.view();
  const stepOf = rows.step.view();
  const lineOf = rows.line.view();
  // Compact slots for the series present, in dataset order.
  const present = [...new Set(seriesOf)].sort((a, b) => a - b);
  const slotOf = new Map(present.map((s, k) => [s, k]));
  let H = 0;
  for (let r = 0; r < n; r++) if (stepOf[r] > H) H = stepOf[r];
  const cells = present.length * H;
  if (cells * (rows.valueColumns.length + 1) > MAX_CELLS) {
    issues.add({ code: 'nothing-usable', severity: 'fatal', message: `The file holds ${present.length} series over ${H} periods with ${rows.valueColumns.length} number columns: more than this browser can hold (${MAX_CELLS / 1e6} million numbers). Split it by model or by store.` });
    return [];
  }
  const ids = rows.target.seriesIds;
  const days = futureDays(options.calendar, H);
  // The first row of each (series, period); a repeat is reported and ignored.
  const first = new Int32Array(cells).fill(-1);
  for (let r = 0; r < n; r++) {
    const cell = slotOf.get(seriesOf[r])! * H + stepOf[r] - 1;
    if (first[cell] < 0) first[cell] = r;
    else {
      const id = ids[seriesOf[r]];
      issues.add({ code: 'duplicate-row', severity: 'warning', row: lineOf[r], column: plan.names[plan.id], value: id, message: `Row ${lineOf[r]} repeats series ${quote(id)} on ${isoFromDay(days[stepOf[r] - 1])} (first on row ${lineOf[first[cell]]}); it is ignored.` });
    }
  }
  const columnIndex = new Map(rows.valueColumns.map((c, k) => [c, k]));
  const out: ImportedModel[] = [];
  for (const m of plan.models) {
    const built = buildModel(m);
    if (built) out.push(built);
  }
  return out;

  function buildModel(m: ModelColumns): ImportedModel | null {
    const point = rows.values[columnIndex.get(m.point)!].view();
    const qs = m.quantiles.map((q) => rows.values[columnIndex.get(q.column)!].view());
    const lengths = new Int32Array(present.length);
    for (let k = 0; k < present.length; k++) {
      let h = 0;
      for (; h < H; h++) {
        const r = first[k * H + h];
        if (r < 0 || !Number.isFinite(point[r])) break;
        let j = 0;
        while (j < qs.length && Number.isFinite(qs[j][r])) j++;
        if (j < qs.length) break;
      }
      lengths[k] = h;
    }
    const Hm = lengths.reduce((a, b) => Math.max(a, b), 0);
    if (Hm === 0) {
      issues.add({ code: 'nothing-usable', severity: 'warning', column: plan.names[m.point], message: `${m.model}: no series has a usable first period (${isoFromDay(days[0] ?? 0)}), so this model is not imported.` });
      return null;
    }
    const label = importedLabel(m.model, options.fileName);
    // Series of the same length share one days array, as the app's own forecasts do (one copy when stored).
    const daysByLength = new Map<number, Int32Array>();
    const daysOf = (len: number) => daysByLength.get(len) ?? daysByLength.set(len, days.slice(0, len)).get(len)!;
    let negatives = 0;
    let crossings = 0;
    let shortSeries = 0;
    const series: SeriesForecast[] = [];
    for (let k = 0; k < present.length; k++) {
      const len = lengths[k];
      const id = ids[present[k]];
      if (len < Hm) {
        shortSeries++;
        issues.add({ code: 'short-series', severity: 'warning', row: stopRow(k, len), column: stopColumn(k, len, m), value: id, message: `${m.model}, series ${quote(id)}: ${len === 0 ? 'no usable period, so it has no forecast' : `forecast for ${len} of ${Hm} periods only`} (${stopReason(k, len, m)}).` });
      }
      if (len === 0) continue;
      const p = new Float64Array(len);
      const quantiles = qs.map(() => new Float64Array(len));
      const column = new Float64Array(qs.length);
      for (let h = 0; h < len; h++) {
        const r = first[k * H + h];
        if (point[r] < 0) negatives++;
        p[h] = Math.max(0, point[r]);
        let crossed = false;
        for (let j = 0; j < qs.length; j++) {
          column[j] = Math.max(0, qs[j][r]);
          if (qs[j][r] < 0) negatives++;
          if (j > 0 && column[j] < column[j - 1]) crossed = true;
        }
        if (crossed) {
          crossings++;
          column.sort();
        }
        for (let j = 0; j < qs.length; j++) quantiles[j][h] = column[j];
      }
      series.push({ seriesId: id, days: daysOf(len), point: p, quantiles, modelIds: [label] });
    }
    if (negatives) issues.add({ code: 'negative-value', severity: 'warning', column: plan.names[m.point], message: `${m.model}: ${negatives} negative value${negatives === 1 ? '' : 's'} set to 0 (demand cannot be negative).` });
    if (crossings) issues.add({ code: 'crossing-quantiles', severity: 'warning', column: plan.names[m.point], message: `${m.model}: in ${crossings} period${crossings === 1 ? '' : 's'} the quantiles crossed (a lower level above a higher one); they were sorted.` });
    const source = sourceOf(m);
    const external: ExternalSource = { fileName: options.fileName, model: m.model, columns: [m.point, ...m.quantiles.map((q) => q.column)].filter((c, i, a) => a.indexOf(c) === i).map((c) => plan.names[c]), quantileSource: source, pointIsMedian: m.pointIsMedian };
    const forecast: ImportedForecast = {
      datasetId: options.datasetId,
      createdAt: options.createdAt,
      horizon: Hm,
      quantileLevels: m.quantiles.map((q) => q.level),
      periodDays: periodDays(options.calendar.frequency),
      series,
      method: methodOf(label, m, source, plan),
      external,
    };
    return { model: m.model, label, forecast, series: series.length, shortSeries };
  }

  function stopRow(k: number, len: number): number | undefined {
    const r = len < H ? first[k * H + len] : -1;
    return r >= 0 ? lineOf[r] : undefined;
  }
  function stopColumn(k: number, len: number, m: ModelColumns): string {
    const r = len < H ? first[k * H + len] : -1;
    if (r < 0) return plan.names[plan.date];
    const col = [m.point, ...m.quantiles.map((q) => q.column)].find((c) => !Number.isFinite(rows.values[columnIndex.get(c)!].get(r)));
    return plan.names[col ?? m.point];
  }
  function stopReason(k: number, len: number, m: ModelColumns): string {
    const r = first[k * H + len];
    if (r < 0) return `no row for ${isoFromDay(days[len])}`;
    return `row ${lineOf[r]}, column ${stopColumn(k, len, m)} has no number`;
  }
}

function sourceOf(m: ModelColumns): QuantileSource {
  const own = m.quantiles;
  const intervals = own.some((q) => q.source === 'interval');
  const quantiles = own.some((q) => q.source === 'quantile');
  return intervals && quantiles ? 'intervals and quantiles' : intervals ? 'intervals' : quantiles ? 'quantiles' : 'none';
}

/** The forecast's `method` sentence: what produced the point forecast and the quantiles. */
function methodOf(label: string, m: ModelColumns, source: QuantileSource, plan: HeaderPlan): string {
  const point = m.pointIsMedian ? `point forecast: the median (${plan.names[m.point]}; the file has no ${JSON.stringify(m.model)} column)` : `point forecast: column ${plan.names[m.point]}`;
  if (source === 'none') {
    return `${label}; ${point}; no intervals or quantiles in the file, so none are stored: the reorder engine sizes safety stock from a Poisson spread (σ = √forecast), not from this model's errors.`;
  }
  const levels = m.quantiles.map((q) => `${q.level} (${plan.names[q.column]})`).join(', ');
  return `${label}; ${point}; quantiles from the file's ${source}: ${levels}.`;
}
