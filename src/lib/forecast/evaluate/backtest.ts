import { checkpoint, throwIfAborted } from '../../core/abort';
import { invalidOption, maybeInteger } from '../../core/errors';
import { createProgressThrottle } from '../../core/progress';
import { createTimeLeft } from './eta';
import { errorScale } from './intervals';
import { seasonalNaiveScale } from './metrics';
import { maybeHorizon, maybeSeasonLength, type ForecastContext } from '../types';
import type { BacktestOptions, BacktestResult, BacktestSeries } from './types';

export type { BacktestOptions, BacktestResult, BacktestSeries } from './types';

/**
 * Rolling-origin backtest (Tashman 2000, "Out-of-sample tests of forecasting accuracy"): at each origin o,
 * every model is refitted on the periods before o only and forecasts periods o … o + H − 1, which are then
 * compared with what happened. Origins are counted in periods of the shared calendar: a series whose
 * `values[0]` is calendar period `start` trains on values[0 … o − start).
 */

interface Row {
  series: number;
  origin: number;
}

/** Runs the backtest; resolves with every forecast, or rejects with an AbortError when `signal` aborts. */
export async function runBacktest(series: BacktestSeries[], options: BacktestOptions): Promise<BacktestResult> {
  const o = normalize(series, options);
  const { H, m, models } = o;
  const rows = listRows(series, o.first, o.last, o.step);
  const nRows = rows.length;
  const result: BacktestResult = {
    horizon: H,
    seasonLength: m,
    modelIds: models.map((x) => x.id),
    modelLabels: models.map((x) => x.label),
    seriesIds: series.map((s) => s.id),
    rows: nRows,
    rowSeries: Int32Array.from(rows, (r) => r.series),
    rowOrigin: Int32Array.from(rows, (r) => r.origin),
    actual: new Float64Array(nRows * H),
    forecast: new Float64Array(models.length * nRows * H),
    scale: new Float64Array(nRows),
    lastValue: new Float64Array(nRows),
    level: new Float64Array(nRows),
  };
  const progress = createProgressThrottle(options.onProgress);
  // One warm-start store per series: rows are series-major with origins ascending (listRows), so each fit can
  // start from the same model's fit at the series' previous origin.
  const ctx: ForecastContext = { seasonLength: m, nonNegative: o.nonNegative, warm: null };
  throwIfAborted(options.signal);
  progress({ phase: 'backtesting', done: 0, total: nRows });
  let lastYield = Date.now();
  const timeLeft = createTimeLeft();
  for (let r = 0; r < nRows; r++) {
    if (Date.now() - lastYield >= o.yieldMs) {
      await checkpoint(options.signal);
      lastYield = Date.now();
    } else {
      throwIfAborted(options.signal);
    }
    if (r === 0 || rows[r].series !== rows[r - 1].series) ctx.warm = new Map();
    const s = series[rows[r].series];
    const cut = rows[r].origin - (s.start ?? 0);
    const history = s.values.subarray(0, cut);
    for (let h = 0; h < H; h++) result.actual[r * H + h] = cut + h < s.values.length ? s.values[cut + h] : NaN;
    result.scale[r] = seasonalNaiveScale(history, m);
    result.level[r] = errorScale(history, m);
    let last = history.length - 1;
    while (!Number.isFinite(history[last])) last--; // listRows guarantees an observation before the origin
    result.lastValue[r] = history[last];
    for (let i = 0; i < models.length; i++) {
      const fc = models[i].forecast(history, H, ctx);
      const at = (i * nRows + r) * H;
      // Models built with defineModel never return a non-finite value; this guards any other StatModel.
      for (let h = 0; h < H; h++) result.forecast[at + h] = Number.isFinite(fc[h]) ? fc[h] : result.lastValue[r];
    }
    const left = timeLeft(r + 1, nRows);
    progress({ phase: 'backtesting', done: r + 1, total: nRows, message: `series ${rows[r].series + 1} of ${series.length}${left ? `, ${left}` : ''}` });
  }
  return result;
}

function normalize(series: BacktestSeries[], options: BacktestOptions) {
  if (!Array.isArray(series)) invalidOption('series', series, 'an array');
  if (options == null || typeof options !== 'object') invalidOption('options', options, 'an object');
  const H = maybeHorizon(options.horizon);
  const m = maybeSeasonLength(options.seasonLength);
  const models = options.models;
  if (!Array.isArray(models) || models.length === 0) invalidOption('models', models, 'a non-empty array of models');
  const ids = new Set<string>();
  for (const model of models) {
    if (!model || typeof model.forecast !== 'function') invalidOption('model', model, 'a StatModel');
    if (ids.has(model.id)) invalidOption('model id', model.id, 'ids unique within one backtest');
    ids.add(model.id);
  }
  let calendarLength = 0;
  for (const s of series) {
    if (!s || !(s.values instanceof Float64Array)) invalidOption('series values', s?.values, 'a Float64Array');
    const start = maybeInteger('series start', s.start ?? 0, 0);
    calendarLength = Math.max(calendarLength, start + s.values.length);
  }
  const last = maybeInteger('lastOrigin', options.lastOrigin ?? Math.max(1, calendarLength - H), 1);
  const defaultFirst = Math.min(last, Math.max(2 * m, Math.floor(calendarLength / 2), 1));
  const first = maybeInteger('firstOrigin', options.firstOrigin ?? defaultFirst, 1, last);
  const step = maybeInteger('step', options.step ?? 1, 1);
  const nonNegative = options.nonNegative ?? true;
  if (typeof nonNegative !== 'boolean') invalidOption('nonNegative', nonNegative, 'a boolean');
  const yieldMs = maybeInteger('yieldIntervalMs', options.yieldIntervalMs ?? 10, 0);
  return { H, m, models, first, last, step, nonNegative, yieldMs };
}

/** Rows with at least one observation before the origin and at least one period after it inside the series. */
function listRows(series: BacktestSeries[], first: number, last: number, step: number): Row[] {
  const rows: Row[] = [];
  series.forEach((s, index) => {
    const start = s.start ?? 0;
    let firstObserved = -1;
    for (let t = 0; t < s.values.length && firstObserved < 0; t++) if (Number.isFinite(s.values[t])) firstObserved = t;
    if (firstObserved < 0) return;
    for (let origin = first; origin <= last; origin += step) {
      const cut = origin - start;
      if (cut > firstObserved && cut < s.values.length) rows.push({ series: index, origin });
    }
  });
  return rows;
}
