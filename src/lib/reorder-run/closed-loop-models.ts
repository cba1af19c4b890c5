import { throwIfAborted } from '../core/abort';
import { seasonLength as seasonLengthOf } from '../core/dates';
import { AppError } from '../core/errors';
import { createProgressThrottle, type ProgressCallback } from '../core/progress';
import type { Dataset, InventorySnapshot } from '../dataset/types';
import type { BacktestResult } from '../forecast/evaluate/types';
import { runClosedLoop, type ClosedLoopItem, type ClosedLoopRow } from '../reorder/closed-loop';
import type { ItemForecast } from '../reorder/forecast-input';
import { addRows, maybeClosedLoopSettings, perfectForecastAt, type ClosedLoopSettings, type ClosedLoopTableRow, type DatasetClosedLoop } from './closed-loop-input';
import { cumulativeErrorsOf, rowsBySeries } from './cumulative-errors';
import { explainClosedLoop } from './closed-loop-explain';

/**
 * "What the user's forecasts are worth": the closed loop (src/lib/reorder/closed-loop.ts) replayed with the forecasts
 * of the user's own last backtest. Every model of its leaderboard (the statistical models, the LSTM when it was in
 * the backtest, the ensemble) drives the same reorder engine, with the same costs, stock and lead times, next to the
 * simple rules and a perfect-forecast reference.
 *
 * Honesty of the replay:
 * - held-out periods: the later half of the backtest's origins (after its `splitOrigin`, where the leaderboard
 *   measures interval coverage), at least H + 8 origins after the first, so each model has errors to learn from;
 * - at a review in period t the engine gets the forecast of the latest backtest origin o ≤ t (made from data before
 *   o, shifted by t − o when origins are further apart than a period) and, for safety stock, that model's errors of
 *   cumulative demand from windows already over by t (o' + s + P ≤ t): nothing from the future;
 * - everything else as the seasonal-naive replay (closed-loop-input.ts): costs, starting stock, lead times.
 */

/** The backtest as the replay reads it (a stored `BacktestReport`'s fields). */
export interface BacktestForLoop {
  /** Forecasts and actuals. */
  result: BacktestResult;
  /** Origins ≤ this calibrated the intervals; later ones are held out. */
  splitOrigin: number;
  /** Its name, for the assumptions. */
  name?: string;
}

const periodDaysOf = (f: string) => (f === 'daily' ? 1 : f === 'weekly' ? 7 : 30);

/** The replay window in calendar periods [first, last] and the review period R. */
export function heldOutWindow(b: BacktestForLoop): { first: number; last: number } {
  const origins = b.result.rowOrigin;
  let lo = Infinity;
  let hi = -Infinity;
  for (let r = 0; r < origins.length; r++) {
    lo = Math.min(lo, origins[r]);
    hi = Math.max(hi, origins[r]);
  }
  return { first: Math.max(b.splitOrigin + 1, lo + b.result.horizon + 8), last: hi };
}

/**
 * Why a backtest cannot be replayed, or null when it can: the held-out window must have at least two periods and
 * at least 8 origins whose whole window is over before it (the errors safety stock is read from).
 */
export function backtestReplayProblem(b: BacktestForLoop): string | null {
  const { first, last } = heldOutWindow(b);
  const H = b.result.horizon;
  const done = new Set<number>();
  for (let r = 0; r < b.result.rows; r++) if (b.result.rowOrigin[r] + H <= first) done.add(b.result.rowOrigin[r]);
  if (last - first + 1 < 2 || done.size < 8) {
    return `the last backtest${b.name ? ` ("${b.name}")` : ''} has too few origins to replay its models (it needs at least H + 10, the first 8 to learn the errors from)`;
  }
  return null;
}

/**
 * The forecast of model `modelIndex` at calendar period t for the series whose backtest rows are `rows`: the latest
 * origin ≤ t, shifted; its cumulative errors from windows over by t. Undefined when no origin is within H of t.
 */
export function backtestForecastAt(
  b: BacktestResult,
  modelIndex: number,
  rows: Int32Array,
  o: { periodDays: number; dayOf: (period: number) => number; seriesId: string },
): (t: number) => ItemForecast | undefined {
  const H = b.horizon;
  return (t) => {
    let j = -1;
    for (let k = rows.length - 1; k >= 0; k--) {
      if (b.rowOrigin[rows[k]] <= t) {
        j = k;
        break;
      }
    }
    if (j < 0) return undefined;
    const r = rows[j];
    const shift = t - b.rowOrigin[r];
    if (shift >= H) return undefined;
    const from = (modelIndex * b.rows + r) * H;
    const mean = b.forecast.slice(from + shift, from + H);
    for (let h = 0; h < mean.length; h++) if (mean[h] < 0) mean[h] = 0;
    const f: ItemForecast = { seriesId: o.seriesId, periodDays: o.periodDays, firstDay: o.dayOf(t), mean, quantileLevels: [], quantiles: [], model: b.modelIds[modelIndex] };
    const ce = cumulativeErrorsOf(b, modelIndex, rows, { shift, before: t, minCount: 8 });
    if (ce) f.cumulativeErrors = ce;
    return f;
  };
}

/** The closed loop of every model of a backtest; rejects with an AbortError when `signal` is aborted. */
export async function runBacktestClosedLoop(
  dataset: Dataset,
  inventory: InventorySnapshot | null,
  backtest: BacktestForLoop,
  settings: ClosedLoopSettings,
  run: { signal: AbortSignal; onProgress?: ProgressCallback },
): Promise<DatasetClosedLoop> {
  throwIfAborted(run.signal);
  const { calendar } = dataset;
  const b = backtest.result;
  const { first, last } = heldOutWindow(backtest);
  const T = last - first + 1;
  const problem = backtestReplayProblem(backtest);
  if (problem) throw new AppError('invalid-input', `Cannot replay: ${problem}.`);
  const s = maybeClosedLoopSettings({ ...settings, heldOutPeriods: undefined }, calendar.frequency, calendar.days.length);
  const pd = periodDaysOf(calendar.frequency);
  const m = seasonLengthOf(calendar.frequency);
  const R = Math.max(1, Math.ceil(s.reviewDays / pd));
  const byId = new Map((inventory?.items ?? []).map((it) => [it.seriesId, it]));
  const seriesIndex = new Map(dataset.series.map((x, i) => [x.id, i]));
  const rowsOf = rowsBySeries(b);
  const candidates: Array<{ total: number; k: number; rows: Int32Array; item: ClosedLoopItem; h: number; p: number }> = [];
  let skipped = 0;
  b.seriesIds.forEach((id, k) => {
    const i = seriesIndex.get(id);
    const rows = rowsOf[k];
    const series = i === undefined ? undefined : dataset.series[i];
    if (!series || rows.length === 0 || first - series.start < Math.max(1, m)) {
      skipped++;
      return;
    }
    // Demand from the series' start to the end of the replay; missing periods count as zero demand.
    const y = new Float64Array(last + 1 - series.start);
    let total = 0;
    for (let t = 0; t < y.length; t++) {
      const v = t < series.values.length ? series.values[t] : NaN;
      y[t] = v === v && v > 0 ? v : 0;
      if (t >= first - series.start) total += y[t];
    }
    if (!(total > 0)) {
      skipped++;
      return;
    }
    const it = byId.get(id);
    const leadDays = it && Number.isFinite(it.leadTimeDays) && it.leadTimeDays >= 0 ? it.leadTimeDays : s.defaultLeadTimeDays;
    const L = Math.ceil(leadDays / pd - 1e-9);
    const start = first - series.start;
    let recent = 0;
    const from = Math.max(0, start - Math.max(m, 4));
    for (let t = from; t < start; t++) recent += y[t] / (start - from);
    const unitCost = it && Number.isFinite(it.unitCost) && it.unitCost > 0 ? it.unitCost : 1;
    const item: ClosedLoopItem = {
      seriesId: id,
      demand: y,
      start,
      forecastAt: () => undefined,
      initialOnHand: Math.ceil((L + R) * recent),
      leadTimePeriods: L,
      serviceLevel: it && it.serviceLevel > 0 && it.serviceLevel < 1 ? it.serviceLevel : s.defaultServiceLevel,
      moq: it && it.moq > 0 ? it.moq : 1,
      packSize: it && it.packSize > 0 ? it.packSize : 1,
      unitCost,
    };
    candidates.push({ total, k, rows, item, h: (s.holdingRatePerYear * unitCost * pd) / 365, p: s.shortageCostRatio * unitCost });
  });
  candidates.sort((a, c) => c.total - a.total);
  skipped += Math.max(0, candidates.length - s.maxSeries);
  const chosen = candidates.slice(0, s.maxSeries);
  if (chosen.length === 0) throw new AppError('invalid-input', `No series of ${dataset.meta.name} has demand in the backtest's held-out periods.`);

  const M = b.modelIds.length;
  const perModel: ClosedLoopRow[][] = Array.from({ length: M }, () => []);
  const rules: ClosedLoopRow[][] = [[], []];
  const reference: ClosedLoopRow[] = [];
  const progress = createProgressThrottle(run.onProgress);
  const quiet = { signal: run.signal };
  for (let c = 0; c < chosen.length; c++) {
    const { item, rows, h, p } = chosen[c];
    const series = dataset.series[seriesIndex.get(item.seriesId)!];
    const dayOf = (t: number) => calendar.days[Math.min(calendar.days.length - 1, t)] + Math.max(0, t - calendar.days.length + 1) * pd;
    const options = { periodDays: pd, periods: T, reviewPeriods: R, unmet: s.unmet, holdingCost: h, shortageCost: p, orderCost: s.orderCost, engine: settings.engine };
    const rulesRun = await runClosedLoop([item], { ...options, policies: ['fixed-cover', 'order-what-sold'] }, quiet);
    rules[0].push(rulesRun.rows[0]);
    rules[1].push(rulesRun.rows[1]);
    for (let i = 0; i < M; i++) {
      const at = backtestForecastAt(b, i, rows, { periodDays: pd, dayOf, seriesId: item.seriesId });
      // The loop indexes demand from the series' start; the backtest counts calendar periods.
      const replayItem = { ...item, forecastAt: (t: number) => at(t + series.start) };
      perModel[i].push((await runClosedLoop([replayItem], { ...options, policies: ['forecast'] }, quiet)).rows[0]);
    }
    if (s.reference) {
      const perfect = { ...item, forecastAt: perfectForecastAt(item.demand, { horizon: Math.max(b.horizon, item.leadTimePeriods + R + 1), periodDays: pd, day0: dayOf(series.start) }) };
      reference.push((await runClosedLoop([perfect], { ...options, policies: ['forecast'] }, quiet)).rows[0]);
    }
    progress({ phase: 'simulating', done: c + 1, total: chosen.length });
  }
  const rows: ClosedLoopTableRow[] = b.modelIds.map((id, i) => ({ ...addRows(perModel[i], 'forecast', `Forecast engine (R,S) with ${b.modelLabels[i] ?? id}`), modelId: id }));
  rows.push(addRows(rules[0], 'fixed-cover', rules[0].every((r) => r.label === rules[0][0].label) ? `Fixed cover: ${rules[0][0].label}` : 'Fixed cover: order up to (L + R + 1) × 4-period average'));
  rows.push(addRows(rules[1], 'order-what-sold', 'Order what sold'));
  if (s.reference) rows.push(addRows(reference, 'reference', 'Forecast engine with a perfect forecast (reference)'));
  const unit = calendar.frequency === 'daily' ? 'day' : calendar.frequency === 'weekly' ? 'week' : 'month';
  const assumptions =
    `${chosen.length} series × ${T} held-out ${unit}s of the backtest${backtest.name ? ` "${backtest.name}"` : ''} (origins after ${backtest.splitOrigin}); each model's own forecasts at each review, its own backtest errors of cumulative demand (windows already over) for safety stock; ` +
    `review every ${R} ${unit}${R === 1 ? '' : 's'}; lead time, MOQ, pack, service level and unit cost from ${inventory ? `the snapshot "${inventory.name}" (others: defaults)` : 'defaults'} (${s.defaultLeadTimeDays} days, ${(100 * s.defaultServiceLevel).toFixed(1)}% cycle service); ` +
    `starting stock L + R periods of recent mean demand; holding ${Math.round(s.holdingRatePerYear * 100)}% of unit cost a year; ${s.unmet === 'lost' ? 'a lost sale' : 'a unit backordered for a period'} costs ${s.shortageCostRatio} × unit cost; ${s.orderCost} per order.` +
    (skipped > 0 ? ` ${skipped} series left out (no held-out demand, too little history, or beyond the ${s.maxSeries} largest).` : '');
  const holidays = Array.from({ length: T }, (_, t) => calendar.holidays[first + t] === 1);
  return {
    rows,
    periods: T,
    periodDays: pd,
    startDay: calendar.days[first],
    series: chosen.length,
    skipped,
    reviewPeriods: R,
    assumptions,
    source: 'backtest',
    holidays: Uint8Array.from(holidays, Number),
    explanations: explainClosedLoop(rows, { holidays, holdingPerPeriodRatio: (s.holdingRatePerYear * pd) / 365, shortageRatio: s.shortageCostRatio, unmet: s.unmet, unit }),
  };
}
