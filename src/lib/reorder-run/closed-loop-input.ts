import { throwIfAborted } from '../core/abort';
import { seasonLength as seasonLengthOf, type Frequency } from '../core/dates';
import { AppError, invalidOption, maybeInteger, maybeNonNegative, maybeOneOf } from '../core/errors';
import type { ProgressCallback } from '../core/progress';
import { createProgressThrottle } from '../core/progress';
import type { Dataset, InventorySnapshot } from '../dataset/types';
import { quantileSorted } from '../forecast/evaluate/intervals';
import { seasonalNaiveForecast } from '../forecast/models/naive';
import { runClosedLoop, sumClosedLoopRows, type ClosedLoopItem, type ClosedLoopPolicy, type ClosedLoopRow } from '../reorder/closed-loop';
import type { ItemForecast } from '../reorder/forecast-input';
import type { ReorderOptions } from '../reorder/types';

/**
 * "What the forecasts are worth": the closed-loop backtest (src/lib/reorder/closed-loop.ts) on a stored dataset.
 * Each series' last `heldOutPeriods` are replayed through three ordering policies from the same synthetic stock
 * position; the forecast policy re-forecasts at every review with a seasonal naive forecast and empirical error
 * quantiles (fast enough for hundreds of series; the engine reads σ off the quantiles), and a perfect-forecast
 * run of the engine is added as the reference a better forecast could approach. Costs are per item, from its
 * unit cost, so totals are money.
 *
 * Assumptions, stated in `DatasetClosedLoop.assumptions`:
 * - lead time, MOQ, pack size, service level and unit cost from the linked inventory item, else the defaults;
 * - starting stock: L + R periods of the series' mean demand over the season before the replay, nothing on order;
 * - missing periods count as zero demand.
 */

/** Quantile levels of the replay forecaster: dense above the median, where service levels sit. */
export const CLOSED_LOOP_LEVELS: readonly number[] = [0.5, 0.8, 0.9, 0.95, 0.98, 0.99];

/** Settings of the dataset closed loop; every field has a default. */
export interface ClosedLoopSettings {
  /** Periods replayed at the end of the calendar. Default: 56 days, 52 weeks or 12 months, fewer when the history is short. */
  heldOutPeriods?: number;
  /** Review period R, days (whole periods, at least one). Default 7. */
  reviewDays?: number;
  /** Holding cost per year as a share of unit cost (≥ 0). Default 0.25. */
  holdingRatePerYear?: number;
  /** Cost of a unit short as a multiple of its unit cost (≥ 0): per unit lost, or per unit and period backordered. Default 1. */
  shortageCostRatio?: number;
  /** Cost per order placed, money (≥ 0). Default 0. */
  orderCost?: number;
  /** Unmet demand is lost (default) or backordered. */
  unmet?: 'lost' | 'backorder';
  /** Lead time of series without an inventory item, days (≥ 0). Default 14. */
  defaultLeadTimeDays?: number;
  /**
   * Cycle service level of series without an inventory item, in (0, 1). Default: the critical ratio of the costs,
   * p / (p + h) with h the holding cost of a period, within [0.5, 0.995] (the newsvendor balance of the two costs).
   */
  defaultServiceLevel?: number;
  /** Most series replayed, the largest by total demand (integer ≥ 1). Default 500. */
  maxSeries?: number;
  /** Add the perfect-forecast reference row. Default true. */
  reference?: boolean;
  /** Reorder engine options for the forecast policies (service measure, cumulative-error rule...). Default {}. */
  engine?: ReorderOptions;
}

/** One row of the result: a policy with its totals over all replayed series. */
export interface ClosedLoopTableRow extends ClosedLoopRow {
  /** 'reference' for the perfect-forecast row. */
  kind: ClosedLoopPolicy | 'reference';
  /** The backtest model whose forecasts drove the engine (replays of a backtest only). */
  modelId?: string;
}

/** The closed loop of a dataset. */
export interface DatasetClosedLoop {
  /** Forecast engine, fixed cover, order what sold, then the reference (when asked). */
  rows: ClosedLoopTableRow[];
  /** Periods replayed. */
  periods: number;
  /** Days per period. */
  periodDays: number;
  /** Day number of the first replayed period. */
  startDay: number;
  /** Series replayed. */
  series: number;
  /** Series left out: too short, empty, or beyond `maxSeries`. */
  skipped: number;
  /** Review period, periods. */
  reviewPeriods: number;
  /** The assumptions, in one paragraph for people. */
  assumptions: string;
  /** 'backtest': every model of the user's last backtest; 'seasonal-naive': the replay's own forecaster. */
  source?: 'backtest' | 'seasonal-naive';
  /** 1 for each replayed period that is a holiday period. */
  holidays?: Uint8Array;
  /** Why the cheapest policy wins, in sentences computed from the rows (closed-loop-explain.ts). */
  explanations?: string[];
}

const pctText = (p: number) => `${(100 * p).toFixed(1).replace(/\.0$/, '')}%`;
const periodDaysOf = (f: Frequency) => (f === 'daily' ? 1 : f === 'weekly' ? 7 : 30);

/** Default held-out periods for a frequency. */
export function defaultHeldOut(frequency: Frequency): number {
  return frequency === 'daily' ? 56 : frequency === 'weekly' ? 52 : 12;
}

/**
 * A seasonal naive forecaster with empirical error quantiles: at origin o the mean is y[o − m + (h mod m)], and
 * the quantile at level p is mean + the p-quantile of the in-sample seasonal errors y[t] − y[t − m], t < o
 * (R type 7), clipped at 0. `y` must be free of NaN.
 */
export function seasonalNaiveQuantilesAt(
  y: Float64Array,
  o: { season: number; horizon: number; periodDays: number; day0: number; seriesId?: string },
): (origin: number) => ItemForecast {
  return (origin) => {
    const mean = seasonalNaiveForecast(y.subarray(0, origin), o.horizon, o.season);
    const errors = new Float64Array(Math.max(0, origin - o.season));
    for (let t = o.season; t < origin; t++) errors[t - o.season] = y[t] - y[t - o.season];
    errors.sort();
    return {
      seriesId: o.seriesId ?? 's',
      periodDays: o.periodDays,
      firstDay: o.day0 + origin * o.periodDays,
      mean,
      quantileLevels: CLOSED_LOOP_LEVELS,
      quantiles: CLOSED_LOOP_LEVELS.map((p) => {
        const q = quantileSorted(errors, p);
        return mean.map((m) => Math.max(0, m + q));
      }),
      historyPeriods: origin,
      model: 'snaive',
    };
  };
}

/** A perfect forecast: the actual future values, with no error. */
export function perfectForecastAt(y: Float64Array, o: { horizon: number; periodDays: number; day0: number }): (origin: number) => ItemForecast {
  return (origin) => {
    const mean = new Float64Array(o.horizon);
    for (let h = 0; h < o.horizon; h++) mean[h] = origin + h < y.length ? y[origin + h] : y[y.length - 1];
    return { seriesId: 's', periodDays: o.periodDays, firstDay: o.day0 + origin * o.periodDays, mean, quantileLevels: [], quantiles: [], errorSigma: new Float64Array([0]), historyPeriods: origin };
  };
}

/** A series made ready for the replay, with its own costs. */
export interface PreparedItem {
  /** The closed-loop item (forecast policy: seasonal naive with quantiles). */
  item: ClosedLoopItem;
  /** The same with a perfect forecast. */
  perfect: ClosedLoopItem;
  /** Holding cost per unit and period. */
  holdingCost: number;
  /** Shortage cost per unit (lost) or per unit and period (backordered). */
  shortageCost: number;
}

/** Normalized settings. */
export type NormalizedClosedLoopSettings = Required<ClosedLoopSettings>;

/** Fills defaults and checks each setting; throws `invalid <name>: <value>`. */
export function maybeClosedLoopSettings(s: ClosedLoopSettings, frequency: Frequency, periods: number): NormalizedClosedLoopSettings {
  const m = seasonLengthOf(frequency);
  // Leave at least one season plus 8 errors of history before the replay.
  const room = periods - m - 8;
  if (room < 2) throw new AppError('invalid-input', `The dataset has ${periods} periods: a replay needs at least ${m + 10} (one season, some history of errors, and periods to replay).`);
  const holdingRatePerYear = maybeNonNegative('holdingRatePerYear', s.holdingRatePerYear ?? 0.25);
  const shortageCostRatio = maybeNonNegative('shortageCostRatio', s.shortageCostRatio ?? 1);
  const h = (holdingRatePerYear * periodDaysOf(frequency)) / 365;
  const ratio = shortageCostRatio + h > 0 ? shortageCostRatio / (shortageCostRatio + h) : 0.95;
  const level = s.defaultServiceLevel ?? Math.min(0.995, Math.max(0.5, ratio));
  if (!(typeof level === 'number' && level > 0 && level < 1)) invalidOption('defaultServiceLevel', level, 'a number in (0, 1)');
  return {
    heldOutPeriods: maybeInteger('heldOutPeriods', s.heldOutPeriods ?? Math.min(defaultHeldOut(frequency), room), 2, room),
    reviewDays: maybeInteger('reviewDays', s.reviewDays ?? 7, 0, 3660),
    holdingRatePerYear,
    shortageCostRatio,
    orderCost: maybeNonNegative('orderCost', s.orderCost ?? 0),
    unmet: maybeOneOf('unmet', s.unmet ?? 'lost', ['lost', 'backorder'] as const),
    defaultLeadTimeDays: maybeNonNegative('defaultLeadTimeDays', s.defaultLeadTimeDays ?? 14),
    defaultServiceLevel: level,
    maxSeries: maybeInteger('maxSeries', s.maxSeries ?? 500, 1),
    reference: s.reference ?? true,
    engine: s.engine ?? {},
  };
}

/**
 * The closed-loop items of a dataset, largest series first (by total demand), with their costs. Series too short
 * for the replay, or with no demand at all, are counted in `skipped`.
 */
export function closedLoopItemsFrom(dataset: Dataset, inventory: InventorySnapshot | null, settings: NormalizedClosedLoopSettings): { prepared: PreparedItem[]; skipped: number; reviewPeriods: number; startDay: number } {
  const { calendar } = dataset;
  const n = calendar.days.length;
  const pd = periodDaysOf(calendar.frequency);
  const m = seasonLengthOf(calendar.frequency);
  const R = Math.max(1, Math.ceil(settings.reviewDays / pd));
  const T = settings.heldOutPeriods;
  const byId = new Map((inventory?.items ?? []).map((it) => [it.seriesId, it]));
  const candidates: Array<{ total: number; prepared: PreparedItem }> = [];
  let skipped = 0;
  for (const s of dataset.series) {
    // History from the series' start to the calendar's end; missing periods count as zero demand.
    const y = new Float64Array(n - s.start);
    let total = 0;
    for (let t = 0; t < y.length; t++) {
      const v = t < s.values.length ? s.values[t] : NaN;
      y[t] = v === v && v > 0 ? v : 0;
      total += y[t];
    }
    const start = y.length - T;
    if (start < m + 8 || total <= 0) {
      skipped++;
      continue;
    }
    const it = byId.get(s.id);
    const leadDays = it && Number.isFinite(it.leadTimeDays) && it.leadTimeDays >= 0 ? it.leadTimeDays : settings.defaultLeadTimeDays;
    const L = Math.ceil(leadDays / pd - 1e-9);
    let recent = 0;
    const from = Math.max(0, start - Math.max(m, 4));
    for (let t = from; t < start; t++) recent += y[t] / (start - from);
    const unitCost = it && Number.isFinite(it.unitCost) && it.unitCost > 0 ? it.unitCost : 1;
    const day0 = calendar.days[s.start];
    const horizon = Math.max(m, L + R + 1);
    const item: ClosedLoopItem = {
      seriesId: s.id,
      demand: y,
      start,
      forecastAt: seasonalNaiveQuantilesAt(y, { season: m, horizon, periodDays: pd, day0, seriesId: s.id }),
      initialOnHand: Math.ceil((L + R) * recent),
      leadTimePeriods: L,
      serviceLevel: it && it.serviceLevel > 0 && it.serviceLevel < 1 ? it.serviceLevel : settings.defaultServiceLevel,
      moq: it && it.moq > 0 ? it.moq : 1,
      packSize: it && it.packSize > 0 ? it.packSize : 1,
      unitCost,
    };
    candidates.push({
      total,
      prepared: {
        item,
        perfect: { ...item, forecastAt: perfectForecastAt(y, { horizon, periodDays: pd, day0 }) },
        holdingCost: (settings.holdingRatePerYear * unitCost * pd) / 365,
        shortageCost: settings.shortageCostRatio * unitCost,
      },
    });
  }
  candidates.sort((a, b) => b.total - a.total);
  skipped += Math.max(0, candidates.length - settings.maxSeries);
  return { prepared: candidates.slice(0, settings.maxSeries).map((c) => c.prepared), skipped, reviewPeriods: R, startDay: calendar.days[n - T] };
}

/** Adds policy rows of several runs (fill rate weighted by demand). */
export function addRows(rows: readonly ClosedLoopRow[], kind: ClosedLoopTableRow['kind'], label: string): ClosedLoopTableRow {
  return { ...sumClosedLoopRows(rows, rows[0]?.policy ?? 'forecast', label), kind };
}

/** Runs the closed loop on a dataset; rejects with an AbortError when `signal` is aborted. */
export async function runDatasetClosedLoop(
  dataset: Dataset,
  inventory: InventorySnapshot | null,
  settings: ClosedLoopSettings,
  run: { signal: AbortSignal; onProgress?: ProgressCallback },
): Promise<DatasetClosedLoop> {
  throwIfAborted(run.signal);
  const { calendar } = dataset;
  const s = maybeClosedLoopSettings(settings, calendar.frequency, calendar.days.length);
  const pd = periodDaysOf(calendar.frequency);
  const { prepared, skipped, reviewPeriods, startDay } = closedLoopItemsFrom(dataset, inventory, s);
  if (prepared.length === 0) throw new AppError('invalid-input', `No series of ${dataset.meta.name} has demand and enough history to replay ${s.heldOutPeriods} periods.`);
  const progress = createProgressThrottle(run.onProgress);
  const perPolicy: ClosedLoopRow[][] = [[], [], []];
  const reference: ClosedLoopRow[] = [];
  const quiet = { signal: run.signal };
  for (let k = 0; k < prepared.length; k++) {
    const p = prepared[k];
    const options = { periodDays: pd, periods: s.heldOutPeriods, reviewPeriods, unmet: s.unmet, holdingCost: p.holdingCost, shortageCost: p.shortageCost, orderCost: s.orderCost, engine: s.engine };
    const r = await runClosedLoop([p.item], options, quiet);
    r.rows.forEach((row, j) => perPolicy[j].push(row));
    if (s.reference) reference.push((await runClosedLoop([p.perfect], { ...options, policies: ['forecast'] }, quiet)).rows[0]);
    progress({ phase: 'simulating', done: k + 1, total: prepared.length });
  }
  const rows: ClosedLoopTableRow[] = [
    addRows(perPolicy[0], 'forecast', 'Forecast engine (R,S): seasonal naive + error quantiles'),
    addRows(perPolicy[1], 'fixed-cover', perPolicy[1].every((r) => r.label === perPolicy[1][0].label) ? `Fixed cover: ${perPolicy[1][0].label}` : 'Fixed cover: order up to (L + R + 1) × 4-period average'),
    addRows(perPolicy[2], 'order-what-sold', 'Order what sold'),
  ];
  if (s.reference) rows.push(addRows(reference, 'reference', 'Forecast engine with a perfect forecast (reference)'));
  const unit = calendar.frequency === 'daily' ? 'day' : calendar.frequency === 'weekly' ? 'week' : 'month';
  const assumptions =
    `${prepared.length} series × the last ${s.heldOutPeriods} ${unit}s; review every ${reviewPeriods} ${unit}${reviewPeriods === 1 ? '' : 's'}; ` +
    `lead time, MOQ, pack size, service level and unit cost from ${inventory ? `the snapshot "${inventory.name}" (others: ${s.defaultLeadTimeDays} days, MOQ 1, pack 1, ${pctText(s.defaultServiceLevel)} service, unit cost 1)` : `defaults (${s.defaultLeadTimeDays} days, MOQ 1, pack 1, ${pctText(s.defaultServiceLevel)} service, unit cost 1)`}; ` +
    `starting stock L + R periods of recent mean demand; holding ${Math.round(s.holdingRatePerYear * 100)}% of unit cost a year; ` +
    `${s.unmet === 'lost' ? 'a lost sale' : 'a unit backordered for a period'} costs ${s.shortageCostRatio} × unit cost; ${s.orderCost} per order; missing periods count as zero demand.` +
    (skipped > 0 ? ` ${skipped} series left out (too short, no demand, or beyond the ${s.maxSeries} largest).` : '');
  return { rows, periods: s.heldOutPeriods, periodDays: pd, startDay, series: prepared.length, skipped, reviewPeriods, assumptions, source: 'seasonal-naive' };
}
