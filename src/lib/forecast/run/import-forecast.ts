import Papa from 'papaparse';
import { addPeriods, dayFromYmd } from '../../core/dates';
import { AppError } from '../../core/errors';
import type { Dataset } from '../../dataset/types';
import { futureDays, periodDays, type DatasetForecast, type SeriesForecast } from './forecast-dataset';

/**
 * Forecasts made elsewhere (statsforecast, neuralforecast, Prophet on a cluster) read onto a dataset, in the long
 * format those libraries write: `unique_id, ds`, then one column per model, with interval columns named
 * `<model>-lo-<level>` / `<model>-hi-<level>` (statsforecast, neuralforecast), `<model>-median`, or quantile
 * columns `<model>_ql<p>` (neuralforecast, p in 0…1) and `<model>-q-<percent>`. Prophet's `yhat`, `yhat_lower`,
 * `yhat_upper` (an 80 % interval by default) are read as model `yhat`. The app's own forecast export
 * (`series, date, horizon, forecast, q10, q50, q90, models`) reads back too (model `forecast`).
 *
 * The forecast must start at the period after the dataset's last one; series of the file that the dataset lacks
 * are reported, not guessed; dataset series the file lacks get no forecast (and are listed).
 */

/** What `readForecastFile` found. */
export interface ImportedForecast {
  /** The forecast, ready to save like the app's own. */
  forecast: DatasetForecast;
  /** Model columns in the file; `model` is the one read. */
  models: string[];
  /** The model read. */
  model: string;
  /** Series ids of the file that are not in the dataset (ignored). */
  unknownSeries: string[];
  /** Dataset series the file has no forecast for. */
  missingSeries: string[];
}

/** A quantile level from a column suffix, or null: lo-80 → 0.1, hi-80 → 0.9, median → 0.5, _ql0.25 → 0.25, -q-90 → 0.9. */
function levelOf(suffix: string): number | null {
  let m = /^-lo-(\d+(?:\.\d+)?)$/.exec(suffix);
  if (m) return (1 - Number(m[1]) / 100) / 2;
  m = /^-hi-(\d+(?:\.\d+)?)$/.exec(suffix);
  if (m) return 1 - (1 - Number(m[1]) / 100) / 2;
  if (suffix === '-median') return 0.5;
  m = /^_ql(0?\.\d+)$/.exec(suffix);
  if (m) return Number(m[1]);
  m = /^-q-(\d+(?:\.\d+)?)$/.exec(suffix);
  if (m) return Number(m[1]) / 100;
  return null;
}

const PROPHET: Record<string, number> = { yhat_lower: 0.1, yhat_upper: 0.9 };
const OWN_EXPORT = /^q(\d+)$/;

/**
 * Reads a forecast file's text onto `dataset`. `model` picks a model column (default: the first). Throws an
 * AppError('invalid-input') naming the problem when the file is not such a forecast.
 */
export function readForecastFile(text: string, dataset: Dataset, options: { model?: string; fileName?: string; createdAt?: number } = {}): ImportedForecast {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true });
  const [header, ...rows] = parsed.data;
  const fail = (why: string): never => {
    throw new AppError('invalid-input', `${options.fileName ?? 'The forecast file'} ${why}`);
  };
  if (!header) fail('is empty.');
  const col = (names: string[]) => header.findIndex((h) => names.includes(h.trim()));
  const idCol = col(['unique_id', 'series']);
  const dsCol = col(['ds', 'date']);
  if (idCol < 0 || dsCol < 0) fail(`needs unique_id and ds columns (it has ${header.join(', ')}).`);
  // Point columns: every other column that is not an interval of another or a bookkeeping column.
  const names = header.map((h) => h.trim());
  const skip = new Set(['unique_id', 'series', 'ds', 'date', 'horizon', 'models', 'cutoff', 'y', 'actual']);
  const models = names.filter((n, i) => i !== idCol && i !== dsCol && !skip.has(n) && !(n in PROPHET) && !OWN_EXPORT.test(n) && !names.some((base) => base !== n && n.startsWith(base) && levelOf(n.slice(base.length)) !== null));
  if (models.length === 0) fail('has no model column next to unique_id and ds.');
  const model = options.model ?? models[0];
  if (!models.includes(model)) fail(`has no column ${model} (models: ${models.join(', ')}).`);
  const pointCol = names.indexOf(model);
  // Quantile columns of that model, by level.
  const levels = new Map<number, number>();
  names.forEach((n, i) => {
    const level = n.startsWith(model) ? levelOf(n.slice(model.length)) : null;
    if (level !== null && level > 0 && level < 1) levels.set(level, i);
    if (model === 'yhat' && n in PROPHET) levels.set(PROPHET[n], i);
    const own = OWN_EXPORT.exec(n);
    if (model === 'forecast' && own) levels.set(Number(own[1]) / 100, i);
  });

  const { calendar } = dataset;
  const lastDay = calendar.days[calendar.days.length - 1];
  const index = new Map(dataset.series.map((s, i) => [s.id, i]));
  const byDay = new Map<number, number>(); // day → horizon index (0-based), for the periods after the last one
  const H = rows.length;
  for (let h = 0; h < Math.min(H, 10_000); h++) byDay.set(addPeriods(lastDay, h + 1, calendar.frequency), h);
  const cells = new Map<number, Array<{ h: number; row: string[] }>>();
  const unknown = new Set<string>();
  let horizon = 0;
  for (const row of rows) {
    const id = (row[idCol] ?? '').trim();
    const day = dayOf((row[dsCol] ?? '').trim());
    const s = index.get(id);
    if (s === undefined) {
      unknown.add(id);
      continue;
    }
    const h = day === null ? undefined : byDay.get(day);
    if (h === undefined) fail(`has ${row[dsCol]} for ${id}, which is not a ${calendar.frequency} period after the data's last one.`);
    horizon = Math.max(horizon, h! + 1);
    let list = cells.get(s);
    if (!list) cells.set(s, (list = []));
    list.push({ h: h!, row });
  }
  if (cells.size === 0) fail(`matches none of the dataset's series (its ids: ${[...unknown].slice(0, 3).join(', ')}…).`);
  const quantileLevels = [...levels.keys()].sort((a, b) => a - b);
  const days = futureDays(calendar, horizon);
  const num = (v: string | undefined) => (v === undefined || v.trim() === '' ? NaN : Number(v));
  const series: SeriesForecast[] = [];
  for (const [s, list] of [...cells].sort((a, b) => a[0] - b[0])) {
    const point = new Float64Array(horizon).fill(NaN);
    const quantiles = quantileLevels.map(() => new Float64Array(horizon).fill(NaN));
    for (const { h, row } of list) {
      point[h] = Math.max(0, num(row[pointCol]));
      quantileLevels.forEach((q, j) => (quantiles[j][h] = Math.max(0, num(row[levels.get(q)!]))));
    }
    // Levels cannot cross: the file's intervals are kept non-decreasing as the app's own are.
    for (let h = 0; h < horizon; h++) for (let j = 1; j < quantiles.length; j++) if (quantiles[j][h] < quantiles[j - 1][h]) quantiles[j][h] = quantiles[j - 1][h];
    if (point.some((v) => !Number.isFinite(v))) fail(`lacks a ${model} value for some of the ${horizon} periods of ${dataset.series[s].id}.`);
    series.push({ seriesId: dataset.series[s].id, days, point, quantiles, modelIds: [`imported:${model}`], weights: [1] });
  }
  const missingSeries = dataset.series.filter((_, i) => !cells.has(i)).map((s) => s.id);
  return {
    forecast: {
      datasetId: dataset.meta.id,
      createdAt: options.createdAt ?? 0,
      horizon,
      quantileLevels,
      periodDays: periodDays(calendar.frequency),
      series,
      method: `imported from ${options.fileName ?? 'a forecast file'}: model ${model}${quantileLevels.length ? `, quantiles ${quantileLevels.map((q) => q.toFixed(2)).join(', ')} from its interval columns` : ', no intervals'}`,
    },
    models,
    model,
    unknownSeries: [...unknown],
    missingSeries,
  };
}

/** Day number of an ISO date (YYYY-MM-DD, optionally with a time), or null. */
function dayOf(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!m) return null;
  return dayFromYmd(Number(m[1]), Number(m[2]), Number(m[3]));
}
