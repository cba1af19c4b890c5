/**
 * Which column of a forecast file is what, from the header alone, in the long format that Nixtla's libraries
 * write (statsforecast `forecast()`, neuralforecast `predict()`, mlforecast `predict()`) and that this app's own
 * forecast export writes:
 *
 * - series id: `unique_id` (Nixtla), `series` (this app's export) or `id`;
 * - date: `ds` (Nixtla) or `date`;
 * - point forecast: one column per model, named after it (`AutoETS`, `AutoARIMA`, `NHITS`, `forecast`);
 * - intervals: `<model>-lo-<level>` and `<model>-hi-<level>` (level in percent, any level: 80 gives the 0.1 and
 *   0.9 quantiles), as statsforecast and neuralforecast write with `level=[...]`;
 * - quantiles: `<model>-median` (neuralforecast's MQLoss), `<model>_ql<q>` (neuralforecast's `quantiles=[...]`,
 *   q in (0, 1)), `<model>-q-<percent>` (TimeCopilot and others), and a bare `q<percent>` beside a single model
 *   (this app's export: `q10`, `q50`, `q90`).
 *
 * A model with quantiles but no point column (neuralforecast with MQLoss writes `NHITS-median` and its intervals
 * only) takes the median as its point forecast, and says so. Columns that are none of these (`y`, `horizon`,
 * `models`, a pandas index) are ignored and listed.
 */
import { ExternalIssueCollector } from './issues';

/** One quantile column of a model. */
export interface QuantileColumn {
  /** Quantile level in (0, 1). */
  level: number;
  /** Column index in the file. */
  column: number;
  /** How the file expressed it: an interval bound or a quantile. */
  source: 'interval' | 'quantile';
}

/** The columns of one model. */
export interface ModelColumns {
  /** The model's name as the file writes it (`AutoETS`). */
  model: string;
  /** Column index of the point forecast. */
  point: number;
  /** True when the point column is the model's median because the file has no mean column for it. */
  pointIsMedian: boolean;
  /** Its quantile columns, by ascending level (the point column's own median included when `pointIsMedian`). */
  quantiles: QuantileColumn[];
}

/** What the header says. */
export interface HeaderPlan {
  /** Column index of the series id. */
  id: number;
  /** Column index of the date. */
  date: number;
  /** The models, in file order. */
  models: ModelColumns[];
  /** Column names, trimmed (for messages). */
  names: string[];
}

const ID_NAMES = ['unique_id', 'series', 'id'];
const DATE_NAMES = ['ds', 'date'];
/** Known columns that are not forecasts, and why they are skipped. */
const SKIPPED: Record<string, string> = {
  y: 'actual values, not a forecast',
  horizon: "the forecast step, read from the date instead",
  h: "the forecast step, read from the date instead",
  models: "this app's list of combined models (text)",
  index: 'a row index',
  'unnamed: 0': "pandas' row index (write with index=False)",
  '': "a column without a name (pandas' row index: write with index=False)",
};

const INTERVAL = /^(.+)-(lo|hi)-(\d+(?:\.\d+)?)$/;
const MEDIAN = /^(.+)-median$/;
const NF_QUANTILE = /^(.+)_ql(\d*\.?\d+)$/;
const PCT_QUANTILE = /^(.+)-q-(\d+(?:\.\d+)?)$/;
const BARE_QUANTILE = /^q(\d+(?:\.\d+)?)$/i;

/** A quantile level rounded so that 80 % → 0.1 and 0.9 exactly, not 0.09999999999999998. */
const roundLevel = (q: number) => Math.round(q * 1e9) / 1e9;

interface Bound {
  model: string | null;
  level: number;
  column: number;
  source: 'interval' | 'quantile';
}

/** Reads a bound's level from a column name, or null when the name is not one. */
function boundOf(name: string, column: number): Bound | 'bad' | null {
  let m = INTERVAL.exec(name);
  if (m) {
    const level = Number(m[3]);
    if (!(level > 0 && level < 100)) return 'bad';
    const tail = (1 - level / 100) / 2;
    return { model: m[1], level: roundLevel(m[2] === 'lo' ? tail : 1 - tail), column, source: 'interval' };
  }
  if ((m = MEDIAN.exec(name))) return { model: m[1], level: 0.5, column, source: 'quantile' };
  if ((m = NF_QUANTILE.exec(name))) {
    const q = Number(m[2]);
    return q > 0 && q < 1 ? { model: m[1], level: roundLevel(q), column, source: 'quantile' } : 'bad';
  }
  const pct = PCT_QUANTILE.exec(name) ?? BARE_QUANTILE.exec(name);
  if (pct) {
    const p = Number(pct.length === 3 ? pct[2] : pct[1]);
    return p > 0 && p < 100 ? { model: pct.length === 3 ? pct[1] : null, level: roundLevel(p / 100), column, source: 'quantile' } : 'bad';
  }
  return null;
}

/**
 * Classifies the header's columns. Returns null (with a fatal issue) when the file has no id, date or model
 * column, or is a cross-validation file; ignored columns are reported as info.
 */
export function planHeader(header: readonly string[], issues: ExternalIssueCollector): HeaderPlan | null {
  const names = header.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim());
  const lower = names.map((n) => n.toLowerCase());
  const id = ID_NAMES.map((n) => lower.indexOf(n)).find((i) => i >= 0) ?? -1;
  const date = DATE_NAMES.map((n) => lower.indexOf(n)).find((i) => i >= 0) ?? -1;
  const shown = names.map((n) => JSON.stringify(n)).join(', ');
  if (lower.includes('cutoff')) {
    issues.add({ code: 'cross-validation-file', severity: 'fatal', row: 1, column: 'cutoff', message: 'The file has a cutoff column: it is the output of cross_validation() (forecasts of the past at several cutoffs). Import the output of forecast() or predict() instead.' });
    return null;
  }
  if (id < 0) issues.add({ code: 'no-id-column', severity: 'fatal', row: 1, message: `No series id column: name it unique_id (the header is ${shown}).` });
  if (date < 0) issues.add({ code: 'no-date-column', severity: 'fatal', row: 1, message: `No date column: name it ds (the header is ${shown}).` });
  if (id < 0 || date < 0) return null;

  const points = new Map<string, number>();
  const bounds: Bound[] = [];
  const seen = new Set<string>();
  names.forEach((name, column) => {
    if (column === id || column === date) return;
    const why = SKIPPED[lower[column]];
    if (why !== undefined || seen.has(name)) {
      issues.add({ code: 'ignored-column', severity: 'info', row: 1, column: name, message: `Column ${JSON.stringify(name)} is ignored: ${why ?? 'its name repeats an earlier column'}.` });
      return;
    }
    seen.add(name);
    if (/_(lower|upper)$/i.test(name)) {
      // Prophet's yhat_lower / yhat_upper: the interval's width (interval_width) is not in the file, so its level is unknown.
      issues.add({ code: 'ignored-column', severity: 'warning', row: 1, column: name, message: `Column ${JSON.stringify(name)} is ignored: an interval bound whose level the file does not say (Prophet's interval_width). Rename it, e.g. yhat_lower → yhat-lo-80 for interval_width=0.8.` });
      return;
    }
    const bound = boundOf(name, column);
    if (bound === 'bad') issues.add({ code: 'ignored-column', severity: 'warning', row: 1, column: name, message: `Column ${JSON.stringify(name)} is ignored: its level is not between 0 and 100 % (or 0 and 1).` });
    else if (bound) bounds.push(bound);
    else points.set(name, column);
  });

  const byModel = new Map<string, Bound[]>();
  for (const b of bounds) {
    // A bare q<percent> belongs to the file's only model (this app's export); with several it is ambiguous.
    const model = b.model ?? (points.size === 1 ? [...points.keys()][0] : null);
    if (model === null || (!points.has(model) && !bounds.some((o) => o.model === model && o.level === 0.5))) {
      const name = names[b.column];
      const why = model === null ? `there are ${points.size} model columns, so a bare quantile cannot be attached to one` : `there is no ${JSON.stringify(model)} column (nor a median) for it to belong to`;
      issues.add({ code: 'ignored-column', severity: 'warning', row: 1, column: name, message: `Column ${JSON.stringify(name)} is ignored: ${why}.` });
      continue;
    }
    byModel.set(model, [...(byModel.get(model) ?? []), b]);
  }

  const models: ModelColumns[] = [];
  const order = [...new Set([...points.keys(), ...byModel.keys()])].sort((a, b) => firstColumn(a) - firstColumn(b));
  function firstColumn(model: string): number {
    return Math.min(points.get(model) ?? Infinity, ...(byModel.get(model) ?? []).map((b) => b.column));
  }
  for (const model of order) {
    const quantiles: QuantileColumn[] = [];
    for (const b of [...(byModel.get(model) ?? [])].sort((x, y) => x.level - y.level || x.column - y.column)) {
      if (quantiles.length && quantiles[quantiles.length - 1].level === b.level) {
        issues.add({ code: 'ignored-column', severity: 'warning', row: 1, column: names[b.column], message: `Column ${JSON.stringify(names[b.column])} is ignored: ${JSON.stringify(names[quantiles[quantiles.length - 1].column])} already gives the ${b.level} quantile of ${model}.` });
        continue;
      }
      quantiles.push({ level: b.level, column: b.column, source: b.source });
    }
    const point = points.get(model);
    const median = quantiles.find((q) => q.level === 0.5);
    models.push(point !== undefined ? { model, point, pointIsMedian: false, quantiles } : { model, point: median!.column, pointIsMedian: true, quantiles });
  }
  if (models.length === 0) {
    issues.add({ code: 'no-model-column', severity: 'fatal', row: 1, message: `No forecast column besides the id and the date: add one column per model, e.g. AutoETS (the header is ${shown}).` });
    return null;
  }
  return { id, date, models, names };
}
