/**
 * What the records of a backup mean, checked after their shapes (shape.ts) and links (`checkLinks`): a file can
 * be well-formed and checksummed yet describe a workspace no view can open (reversed dates, an order of 1e308
 * units, a forecast of another dataset). The checksum is not a signature, so anyone can craft such a file.
 * Invariants checked here, each a sentence in the refusal:
 * - a dataset's first day ≤ last day, its frequency is its calendar's, its calendar's days rise strictly, lie in
 *   [MIN_DAY, MAX_DAY] and number at most MAX_PERIODS, and series × periods ≤ MAX_CELLS;
 * - every series value is a number (NaN for missing) of magnitude ≤ MAX_UNITS;
 * - a summary has one entry per series and one total per period;
 * - every result record (model, forecast, backtest, simulation run, order line) has a kind this build writes,
 *   belongs to a dataset of the backup (or to none) and holds a payload of that kind with bounded numbers and
 *   consistent array lengths;
 * - an order line belongs to a snapshot of the backup, with that snapshot's dataset, for one of its items; at
 *   most one approved (open) line per item and snapshot, so a restore cannot create a duplicate order.
 */
import { MAX_CELLS, MAX_DAY, MAX_PERIODS, MAX_UNITS, MIN_DAY } from '../core/limits';
import { isoFromDay } from '../core/dates';
import { MAX_PROBLEMS } from './shape';
import type { BackupStore } from './stores';

type Rec = Record<string, unknown>;
type Records = Record<BackupStore, Rec[]>;

const isObj = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v);
const isText = (v: unknown): v is string => typeof v === 'string';
const isInt = (v: unknown, min: number, max: number): v is number => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;
const isDay = (v: unknown): v is number => isInt(v, MIN_DAY, MAX_DAY);
const isTyped = <T>(v: unknown, ctor: new (...a: never[]) => T): v is T => v instanceof ctor;
/** True when every value is finite (or NaN where allowed) and within ±max. */
function bounded(values: ArrayLike<number>, max: number, nan: boolean): boolean {
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (x !== x ? !nan : !(x >= -max && x <= max)) return false;
  }
  return true;
}
const iso = (d: unknown) => (typeof d === 'number' && Number.isFinite(d) ? isoFromDay(d) : String(d));
/** The largest backtest a backup may hold (forecast values), as the forecast worker's own limit. */
const MAX_BACKTEST_VALUES = 20_000_000;
/** The longest forecast horizon or simulation trace, in periods. */
const MAX_HORIZON = MAX_PERIODS;

/** Checks the meaning of records that passed `RECORD_CHECKS` and `checkLinks`; returns at most MAX_PROBLEMS problems. */
export function checkMeaning(records: Records): string[] {
  const out: string[] = [];
  const push = (m: string) => void (out.length < MAX_PROBLEMS && out.push(m));
  const calendars = new Map(records.calendars.map((c) => [c.datasetId as string, c]));
  const seriesIds = new Map<string, Set<string>>();
  for (const c of records.seriesChunks) {
    const set = seriesIds.get(c.datasetId as string) ?? new Set<string>();
    for (const s of c.series as Rec[]) {
      set.add(s.id as string);
      if (!bounded(s.values as Float64Array, MAX_UNITS, true)) push(`seriesChunks: series ${JSON.stringify(s.id)} holds a value that is infinite or beyond ±${MAX_UNITS.toExponential()}`);
    }
    seriesIds.set(c.datasetId as string, set);
  }
  for (const d of records.datasets) {
    const label = `dataset ${JSON.stringify(d.name)}`;
    if ((d.firstDay as number) > (d.lastDay as number)) push(`datasets: ${label} ends (${iso(d.lastDay)}) before it starts (${iso(d.firstDay)})`);
    const cal = calendars.get(d.id as string);
    if (!cal) continue;
    const days = cal.days as Int32Array;
    if (cal.frequency !== d.frequency) push(`calendars: ${label} is ${String(d.frequency)} but its calendar is ${String(cal.frequency)}`);
    if (days.length > MAX_PERIODS) push(`calendars: ${label} has ${days.length.toLocaleString('en')} periods, more than the ${MAX_PERIODS.toLocaleString('en')} supported`);
    else if (days.length * (d.seriesCount as number) > MAX_CELLS) push(`datasets: ${label} has more series × periods than the ${MAX_CELLS.toLocaleString('en')} supported`);
    for (let i = 0; i < days.length; i++) {
      if (!isDay(days[i]) || (i > 0 && days[i] <= days[i - 1])) {
        push(`calendars: ${label}'s dates must rise from 1800-01-01 to 2200-12-31, but period ${i + 1} is ${iso(days[i])}${i > 0 ? ` after ${iso(days[i - 1])}` : ''}`);
        break;
      }
    }
  }
  for (const s of records.summaries) {
    const d = records.datasets.find((x) => x.id === s.datasetId);
    const periods = (calendars.get(s.datasetId as string)?.days as Int32Array | undefined)?.length;
    if (!d) continue;
    const n = d.seriesCount as number;
    if ((s.stats as unknown[]).length !== n || (s.keys as unknown[]).length !== n) push(`summaries: the summary of dataset ${JSON.stringify(d.name)} does not have one entry per series (${n})`);
    if (periods !== undefined && (s.total as Float64Array).length !== periods) push(`summaries: the summary of dataset ${JSON.stringify(d.name)} does not have one total per period (${periods})`);
  }
  const ctx: Context = { datasets: new Set(records.datasets.map((d) => d.id as string)), seriesIds, calendars, push };
  for (const r of records.models) checkModel(r, ctx);
  for (const r of records.forecasts) checkForecast(r, ctx);
  for (const r of records.backtests) checkBacktest(r, ctx);
  for (const r of records.simRuns) checkSimRun(r, ctx);
  checkOrders(records.orders, records.inventories, push);
  return out;
}

interface Context {
  datasets: Set<string>;
  seriesIds: Map<string, Set<string>>;
  calendars: Map<string, Rec>;
  push: (message: string) => void;
}

/** The record's label for messages, and whether its dataset link holds. */
function linked(store: string, r: Rec, ctx: Context, required: boolean): string | null {
  const label = `${store}: ${JSON.stringify(r.name)}`;
  if (r.datasetId === null ? required : !ctx.datasets.has(r.datasetId as string)) {
    ctx.push(`${label} belongs to ${r.datasetId === null ? 'no dataset' : `dataset ${JSON.stringify(r.datasetId)}, which the backup does not hold`}`);
    return null;
  }
  return label;
}

function checkModel(r: Rec, ctx: Context): void {
  const label = linked('models', r, ctx, false);
  if (!label) return;
  const p = r.payload as Rec;
  if (!isText(r.kind) || !r.kind.startsWith('lstm-')) ctx.push(`${label} is of an unknown kind ${JSON.stringify(r.kind)}`);
  else if (!Array.isArray(p.files) || !p.files.every((f) => isObj(f) && isText(f.name) && (isText(f.data) || f.data instanceof Uint8Array)) || !isObj(p.meta)) {
    ctx.push(`${label} does not hold a model's files and description`);
  }
}

function checkForecast(r: Rec, ctx: Context): void {
  const label = linked('forecasts', r, ctx, true);
  if (!label) return;
  const p = r.payload as Rec;
  const levels = p.quantileLevels;
  const H = p.horizon;
  const ok =
    r.kind === 'forecast' && p.datasetId === r.datasetId && isInt(H, 1, MAX_HORIZON) && Array.isArray(levels) && levels.every((q) => typeof q === 'number' && q > 0 && q < 1) &&
    [1, 7, 30].includes(p.periodDays as number) && isText(p.method) && Array.isArray(p.series);
  if (!ok) return ctx.push(`${label} is not a forecast of its dataset (kind, dataset, horizon, interval levels or method)`);
  const ids = ctx.seriesIds.get(r.datasetId as string) ?? new Set<string>();
  for (const s of p.series as unknown[]) {
    // A forecast imported from a file (payload.external) may stop early for a series with a hole in the file.
    const n = isObj(s) && isTyped(s.days, Int32Array) ? s.days.length : -1;
    const good =
      isObj(s) && isText(s.seriesId) && ids.has(s.seriesId) && isTyped(s.days, Int32Array) && (n === H || (isObj(p.external) && n >= 1 && n < (H as number))) && s.days.every(isDay) &&
      isTyped(s.point, Float64Array) && s.point.length === n && bounded(s.point, MAX_UNITS, false) &&
      Array.isArray(s.quantiles) && s.quantiles.length === (levels as number[]).length && s.quantiles.every((q) => isTyped(q, Float64Array) && q.length === n && bounded(q, MAX_UNITS, false)) &&
      Array.isArray(s.modelIds) && s.modelIds.every(isText) && (s.weights === undefined || (Array.isArray(s.weights) && s.weights.every((w) => typeof w === 'number' && w >= 0 && w <= 1)));
    if (!good) return ctx.push(`${label}: the forecast of series ${JSON.stringify(isObj(s) ? s.seriesId : s)} is not one of the dataset's series with ${String(H)} bounded values per interval`);
  }
}

function checkBacktest(r: Rec, ctx: Context): void {
  const label = linked('backtests', r, ctx, true);
  if (!label) return;
  const p = r.payload as Rec;
  const res = p.result as Rec | undefined;
  const periods = (ctx.calendars.get(r.datasetId as string)?.days as Int32Array | undefined)?.length ?? 0;
  if (r.kind !== 'backtest' || p.datasetId !== r.datasetId || !isObj(res) || !isObj(p.settings) || !Array.isArray(p.leaderboard) || !Array.isArray(p.perSeries)) {
    return ctx.push(`${label} is not a backtest of its dataset`);
  }
  const { horizon: H, rows, modelIds, modelLabels, seriesIds } = res;
  const sized = (v: unknown, n: number, nan: boolean) => isTyped(v, Float64Array) && v.length === n && bounded(v, MAX_UNITS, nan);
  const models = Array.isArray(modelIds) ? modelIds.length : 0;
  const ok =
    isInt(H, 1, MAX_HORIZON) && isInt(rows, 0, MAX_BACKTEST_VALUES) && Array.isArray(modelIds) && modelIds.every(isText) && Array.isArray(modelLabels) &&
    modelLabels.length === models && Array.isArray(seriesIds) && seriesIds.every(isText) && models * rows * H <= MAX_BACKTEST_VALUES &&
    isTyped(res.rowSeries, Int32Array) && res.rowSeries.length === rows && res.rowSeries.every((i) => i >= 0 && i < seriesIds.length) &&
    isTyped(res.rowOrigin, Int32Array) && res.rowOrigin.length === rows && res.rowOrigin.every((o) => o >= 1 && o <= periods) &&
    sized(res.actual, rows * H, true) && sized(res.forecast, models * rows * H, false) && sized(res.scale, rows, false) && sized(res.lastValue, rows, true) && sized(res.level, rows, true);
  if (!ok) ctx.push(`${label}: its forecasts and actuals do not fit its ${String(rows)} rows, ${String(H)} periods and ${models} models, or lie outside its dataset's ${periods} periods`);
}

function checkSimRun(r: Rec, ctx: Context): void {
  const label = linked('simRuns', r, ctx, false);
  if (!label) return;
  const p = r.payload as Rec;
  const H = p.horizon;
  const n = isTyped(p.eventPeriods, Int32Array) ? p.eventPeriods.length : -1;
  const ok =
    r.kind === 'ss-run' && p.version === 1 && isInt(H, 0, MAX_HORIZON) && Array.isArray(p.traceFields) && p.traceFields.every(isText) &&
    isTyped(p.traceData, Float64Array) && p.traceData.length === p.traceFields.length * H && bounded(p.traceData, MAX_UNITS * 1e3, true) &&
    isTyped(p.eventKinds, Uint8Array) && p.eventKinds.length === n && p.eventKinds.every((k) => k < 3) && isTyped(p.eventQuantities, Float64Array) &&
    p.eventQuantities.length === n && bounded(p.eventQuantities, MAX_UNITS, false) && isTyped(p.eventDue, Int32Array) && p.eventDue.length === n &&
    isObj(p.kpis) && Object.values(p.kpis).every((x) => typeof x === 'number') && isObj(p.scenario) && isText(p.policyName) && isText(p.demandLabel);
  if (!ok) ctx.push(`${label} is not a simulation run with a consistent trace and event log`);
}

/** Order lines: see the module comment. */
function checkOrders(orders: Rec[], inventories: Rec[], push: (m: string) => void): void {
  const snapshots = new Map(inventories.map((s) => [s.id as string, s]));
  const open = new Set<string>();
  for (const r of orders) {
    const label = `orders: line ${JSON.stringify(r.id)}`;
    const p = r.payload as Rec;
    const o = p.order as Rec | undefined;
    const snap = snapshots.get(p.inventoryId as string);
    if (r.kind !== 'order-line' || !isObj(o) || !snap) {
      push(`${label} is not an order line of a snapshot in the backup`);
      continue;
    }
    if (r.datasetId !== snap.datasetId) push(`${label} names dataset ${JSON.stringify(r.datasetId)} but its snapshot belongs to ${JSON.stringify(snap.datasetId)}, so it would be hidden from the snapshot`);
    const items = new Set((snap.items as Rec[]).map((i) => i.seriesId as string));
    const q = o.quantity;
    const sane =
      ['approved', 'rejected', 'received'].includes(p.state as string) && Array.isArray(p.history) && p.history.length > 0 &&
      p.history.every((h) => isObj(h) && typeof h.at === 'number' && h.at >= 0 && h.at <= 8.64e15 && typeof h.quantity === 'number' && h.quantity > 0 && h.quantity <= MAX_UNITS) &&
      o.id === r.id && isText(o.seriesId) && items.has(o.seriesId) && isObj(o.key) && typeof q === 'number' && q > 0 && q <= MAX_UNITS &&
      typeof o.recommendedQuantity === 'number' && o.recommendedQuantity >= 0 && o.recommendedQuantity <= MAX_UNITS &&
      typeof o.unitCost === 'number' && (Number.isNaN(o.unitCost) || (o.unitCost >= 0 && o.unitCost <= 1e9)) && typeof o.value === 'number' && !(Math.abs(o.value) > 1e21) &&
      isDay(o.orderDay) && isDay(o.expectedArrivalDay) && o.expectedArrivalDay >= o.orderDay && typeof o.approvedAt === 'number' && o.approvedAt >= 0 && o.approvedAt <= 8.64e15 &&
      isText(o.explanation) && isText(o.status);
    if (!sane) {
      push(`${label} for ${JSON.stringify(o.seriesId)} is not a valid order (item of its snapshot, state, quantity from 1 to ${MAX_UNITS.toExponential()} units, dates)`);
      continue;
    }
    if (p.state !== 'approved') continue;
    const key = `${String(p.inventoryId)}\u0000${String(o.seriesId)}`;
    if (open.has(key)) push(`${label}: item ${JSON.stringify(o.seriesId)} already has an open order in snapshot ${JSON.stringify(snap.name)}; a second one would order it twice`);
    open.add(key);
  }
}
