import { invalidOption, maybeInteger } from '../core/errors';
import type { Calendar, InventoryItem } from '../dataset/types';
import { createCurve, curveAt, reserveCurve } from './curve';
import type { ItemForecast } from './forecast-input';
import { formatDays } from './format';
import { plural, SentenceBuilder, type InsightSentence } from './insight-text';
import { FLAG, STATUS, type ReorderResult } from './types';

/**
 * A plain-language summary of a reorder run, from deterministic templates over the computed figures (no
 * network, no model). Each sentence lists the figures it uses (insight-text.ts), so the UI can point from
 * every number in the text to the number on screen. Sentences, in order:
 * risk (counts and order value) → stores (which store drives the risk) → urgent (earliest stockouts) →
 * coming weeks (forecast peak vs recent level, holidays) → rising items → orders (largest, and why) →
 * reliability (largest forecast-error CV, short history) → overstock → check first.
 */

/** What `buildInsights` reads. */
export interface InsightsInput {
  /** The run. */
  result: ReorderResult;
  /** The items of the run, same order. */
  items: readonly InventoryItem[];
  /** The forecasts of the run (for the coming weeks). Optional: without them those sentences are left out. */
  forecasts?: readonly ItemForecast[];
  /** Day numbers of holidays (calendar periods flagged, future holidays included). */
  holidays?: ArrayLike<number>;
  /** Days each holiday entry spans: 7 when they are the weeks of a weekly calendar. Default 1. */
  holidayPeriodDays?: number;
  /** Key column that names the store. Default: a key named Store/store/Location/Site, else none. */
  groupBy?: string;
  /** Weeks ahead for the coming-weeks sentences (1-52). Default 8. */
  weeks?: number;
  /** Items named per list (1-10). Default 3. */
  top?: number;
}

/**
 * The holidays of a calendar for `InsightsInput.holidays`: the day numbers of flagged periods and the known future
 * holidays, with the days each spans (a period of the calendar's frequency).
 */
export function holidaysFromCalendar(calendar: Calendar): { holidays: number[]; holidayPeriodDays: number } {
  const holidays: number[] = [];
  for (let k = 0; k < calendar.days.length; k++) if (calendar.holidays[k] === 1) holidays.push(calendar.days[k]);
  if (calendar.futureHolidays) for (const d of calendar.futureHolidays) holidays.push(d);
  const holidayPeriodDays = calendar.frequency === 'daily' ? 1 : calendar.frequency === 'weekly' ? 7 : 30;
  return { holidays, holidayPeriodDays };
}

const STORE_KEYS = ['Store', 'store', 'STORE', 'Location', 'location', 'Site', 'site', 'Store_ID', 'store_id', 'Store ID'];

/** Builds the summary. Throws only on bad options (`invalid weeks: 0`). */
export function buildInsights(input: InsightsInput): InsightSentence[] {
  const { result: r, items } = input;
  if (items.length !== r.count) invalidOption('items', items.length, `the ${r.count} items of the run`);
  const weeks = maybeInteger('weeks', input.weeks ?? 8, 1, 52);
  const top = maybeInteger('top', input.top ?? 3, 1, 10);
  const group = input.groupBy ?? STORE_KEYS.find((k) => items.some((it) => k in it.key));
  const ctx: Ctx = { r, items, group, top, label: (i) => itemLabel(items[i], group) };
  const out: InsightSentence[] = [];
  const push = (s: InsightSentence | undefined) => s && out.push(s);
  push(riskSentence(ctx));
  push(storeSentence(ctx));
  push(urgentSentence(ctx));
  if (input.forecasts) {
    const weekly = weeklyOutlook(ctx, input.forecasts, weeks);
    push(peakSentence(weekly, input.holidays, input.holidayPeriodDays ?? 1));
    push(risingSentence(ctx, weekly));
  }
  push(ordersSentence(ctx));
  push(reliabilitySentence(ctx));
  push(overstockSentence(ctx));
  push(checkFirstSentence(ctx));
  return out;
}

interface Ctx {
  r: ReorderResult;
  items: readonly InventoryItem[];
  group: string | undefined;
  top: number;
  label: (row: number) => string;
}

/** "P0001 at Store 1": the key values other than the store, then the store. */
export function itemLabel(item: InventoryItem, group: string | undefined): string {
  const others = Object.keys(item.key).filter((k) => k !== group).map((k) => item.key[k]);
  const name = others.length > 0 ? others.join(' / ') : group === undefined ? item.seriesId : '';
  if (group === undefined || item.key[group] === undefined) return name || item.seriesId;
  return name ? `${name} at ${group} ${item.key[group]}` : `${group} ${item.key[group]}`;
}

function rowsWhere(r: ReorderResult, test: (i: number) => boolean): number[] {
  const rows: number[] = [];
  for (let i = 0; i < r.count; i++) if (test(i)) rows.push(i);
  return rows;
}

/** ' day' after a figure shown as 1, else ' days'. */
const days = (d: number) => (formatDays(d) === '1' ? ' day' : ' days');

const sum = (rows: number[], col: Float64Array) => rows.reduce((s, i) => s + (Number.isFinite(col[i]) ? col[i] : 0), 0);

function riskSentence({ r }: Ctx): InsightSentence {
  const critical = rowsWhere(r, (i) => r.status[i] === STATUS.CRITICAL);
  const reorder = rowsWhere(r, (i) => r.status[i] === STATUS.REORDER);
  const b = new SentenceBuilder();
  if (critical.length + reorder.length === 0) {
    // Only items with a plan (a status from their forecast and stock) can be said to be safe.
    const planned = rowsWhere(r, (i) => r.status[i] === STATUS.HEALTHY || r.status[i] === STATUS.OVERSTOCK);
    if (planned.length === 0) {
      return b.t('No item could be assessed: of ').ref('items', r.count, 'count').t(` ${plural(r.count, 'item')}, none has both a usable forecast and a known stock.`).build('risk', 'risk');
    }
    b.t('No item is CRITICAL or at its reorder point across ').ref('planned items', planned.length, 'count', planned).t(` ${plural(planned.length, 'item')}`);
    if (planned.length < r.count) b.t(' with a plan, out of ').ref('items', r.count, 'count');
    return b.t('.').build('risk', 'risk');
  }
  const ordering = rowsWhere(r, (i) => r.columns.orderQuantity[i] > 0);
  b.ref('CRITICAL items', critical.length, 'count', critical).t(` ${plural(critical.length, 'item is', 'items are')} CRITICAL and `);
  b.ref('REORDER items', reorder.length, 'count', reorder).t(` ${plural(reorder.length, 'needs', 'need')} reordering; the recommended orders total `);
  b.ref('units to order', r.summary.totalOrderUnits, 'units', ordering).t(' units worth ').ref('order value', r.summary.totalOrderValue, 'money', ordering).t('.');
  return b.build('risk', 'risk');
}

interface StoreRisk {
  name: string;
  critical: number[];
  reorder: number[];
  value: number;
}

function storeSentence({ r, items, group, top }: Ctx): InsightSentence | undefined {
  if (group === undefined) return undefined;
  const byStore = new Map<string, StoreRisk>();
  for (let i = 0; i < r.count; i++) {
    const st = r.status[i];
    if (st !== STATUS.CRITICAL && st !== STATUS.REORDER) continue;
    const name = items[i].key[group] ?? '';
    let s = byStore.get(name);
    if (!s) byStore.set(name, (s = { name, critical: [], reorder: [], value: 0 }));
    (st === STATUS.CRITICAL ? s.critical : s.reorder).push(i);
    if (r.columns.orderValue[i] > 0) s.value += r.columns.orderValue[i];
  }
  if (byStore.size === 0) return undefined;
  const stores = [...byStore.values()].sort(
    (a, b) => b.critical.length - a.critical.length || b.reorder.length - a.reorder.length || b.value - a.value || (a.name < b.name ? -1 : 1),
  );
  const total = r.summary.totalOrderValue;
  const [first, ...rest] = stores;
  const b = new SentenceBuilder();
  b.ref(group, `${group} ${first.name}`, 'label').t(' drives the risk: ');
  b.ref(`CRITICAL items, ${group} ${first.name}`, first.critical.length, 'count', first.critical).t(' CRITICAL and ');
  b.ref(`REORDER items, ${group} ${first.name}`, first.reorder.length, 'count', first.reorder).t(' REORDER items, with orders worth ');
  b.ref(`order value, ${group} ${first.name}`, first.value, 'money', [...first.critical, ...first.reorder]);
  if (total > 0) b.t(' (').ref(`share of order value, ${group} ${first.name}`, first.value / total, 'percent').t(' of the total)');
  const next = rest.slice(0, top - 1);
  if (next.length > 0) {
    b.t('; then ').list(next, (bb, s) => {
      bb.ref(group, `${group} ${s.name}`, 'label').t(' (');
      bb.ref(`CRITICAL items, ${group} ${s.name}`, s.critical.length, 'count', s.critical).t(' CRITICAL, ');
      bb.ref(`REORDER items, ${group} ${s.name}`, s.reorder.length, 'count', s.reorder).t(' REORDER)');
    });
  }
  return b.t('.').build('stores', 'stores');
}

function urgentSentence({ r, top, label }: Ctx): InsightSentence | undefined {
  const c = r.columns;
  const rows = rowsWhere(r, (i) => r.status[i] === STATUS.CRITICAL)
    .sort((a, b) => c.daysToStockout[a] - c.daysToStockout[b] || c.annualValue[b] - c.annualValue[a] || a - b)
    .slice(0, top);
  if (rows.length === 0) return undefined;
  const b = new SentenceBuilder().t('Most urgent: ');
  b.list(rows, (bb, i) => {
    bb.ref('item', label(i), 'label', [i]);
    if (c.daysToStockout[i] === 0) bb.t(' is out of stock now');
    else bb.t(' runs out in ').ref(`days to stockout, ${label(i)}`, c.daysToStockout[i], 'days', [i]).t(days(c.daysToStockout[i]));
    bb.t(' with a lead time of ').ref(`lead time, ${label(i)}`, c.leadTimeDays[i], 'days', [i]).t(days(c.leadTimeDays[i]));
  });
  return b.t('.').build('urgent', 'urgent');
}

/** Forecast per item and week ahead, and the recent weekly level, in money when every item has a unit cost. */
interface WeeklyOutlook {
  weeks: number;
  /** First day of each week. */
  weekStart: Float64Array;
  /** Σ over items of the forecast in each week. */
  total: Float64Array;
  /** Σ recent weekly level over the items that have one (NaN when none has). */
  recent: number;
  /** Per row: forecast over the weeks ÷ (weeks × recent level), NaN without a recent level. */
  ratio: Float64Array;
  /** 'money' or 'units'. */
  measure: 'money' | 'units';
}

function weeklyOutlook({ r }: Ctx, forecasts: readonly ItemForecast[], weeks: number): WeeklyOutlook {
  const byId = new Map<string, ItemForecast>();
  for (const f of forecasts) if (!byId.has(f.seriesId)) byId.set(f.seriesId, f);
  const planned = rowsWhere(r, (i) => r.status[i] <= STATUS.OVERSTOCK && byId.has(r.seriesIds[i]));
  const money = planned.length > 0 && planned.every((i) => r.columns.unitCost[i] > 0);
  const total = new Float64Array(weeks);
  const ratio = new Float64Array(r.count).fill(NaN);
  let recent = 0;
  let withRecent = 0;
  const curve = createCurve();
  let start = NaN;
  for (const i of planned) {
    const fc = byId.get(r.seriesIds[i]) as ItemForecast;
    const n = fc.mean.length;
    const cum = reserveCurve(curve, n);
    let s = 0;
    cum[0] = 0;
    for (let h = 0; h < n; h++) cum[h + 1] = s += fc.mean[h] > 0 ? fc.mean[h] : 0;
    curve.n = n;
    curve.after = s / n;
    const x0 = (r.asOfDay[i] - fc.firstDay) / fc.periodDays;
    if (Number.isNaN(start)) start = r.asOfDay[i];
    const w = money ? r.columns.unitCost[i] : 1;
    const c0 = curveAt(curve, x0);
    const ahead = curveAt(curve, x0 + (7 * weeks) / fc.periodDays) - c0;
    for (let k = 0; k < weeks; k++) {
      total[k] += w * (curveAt(curve, x0 + (7 * (k + 1)) / fc.periodDays) - curveAt(curve, x0 + (7 * k) / fc.periodDays));
    }
    if (fc.recentMean !== undefined && Number.isFinite(fc.recentMean) && fc.recentMean > 0) {
      const level = (fc.recentMean * 7) / fc.periodDays;
      recent += w * level;
      withRecent++;
      ratio[i] = ahead / (weeks * level);
    }
  }
  const weekStart = new Float64Array(weeks);
  for (let k = 0; k < weeks; k++) weekStart[k] = start + 7 * k;
  return { weeks, weekStart, total, recent: withRecent > 0 && withRecent === planned.length ? recent : NaN, ratio, measure: money ? 'money' : 'units' };
}

function peakSentence(w: WeeklyOutlook, holidays: ArrayLike<number> | undefined, holidayDays: number): InsightSentence | undefined {
  if (Number.isNaN(w.weekStart[0])) return undefined;
  let peak = 0;
  let avg = 0;
  for (let k = 0; k < w.weeks; k++) {
    avg += w.total[k] / w.weeks;
    if (w.total[k] > w.total[peak]) peak = k;
  }
  const base = Number.isFinite(w.recent) ? w.recent : avg;
  const baseLabel = Number.isFinite(w.recent) ? 'the recent weekly level' : 'the average week ahead';
  const unit = w.measure === 'money' ? ' in value' : ' units';
  const b = new SentenceBuilder().t('Over the next ').ref('weeks ahead', w.weeks, 'count').t(' weeks, forecast demand peaks in the week of ');
  b.ref('peak week', w.weekStart[peak], 'date').t(' at ').ref('peak week demand', w.total[peak], w.measure);
  b.t(unit);
  if (base > 0) {
    const change = w.total[peak] / base - 1;
    b.t(change >= 0 ? ', ' : ', still ').ref('change vs ' + baseLabel, Math.abs(change), 'percent').t(` ${change >= 0 ? 'above' : 'below'} ${baseLabel} of `);
    b.ref(baseLabel, base, w.measure);
  }
  const inPeak: number[] = [];
  const anyAhead: number[] = [];
  if (holidays) {
    const p0 = w.weekStart[peak];
    for (let k = 0; k < holidays.length; k++) {
      const d = holidays[k];
      if (d + holidayDays > p0 && d < p0 + 7) inPeak.push(d);
      if (d + holidayDays > w.weekStart[0] && d < w.weekStart[0] + 7 * w.weeks) anyAhead.push(d);
    }
  }
  if (inPeak.length > 0) b.t('; that week holds a holiday (').ref('holiday', inPeak[0], 'date').t(')');
  else if (anyAhead.length > 0) b.t('; holidays ahead: ').list(anyAhead.slice(0, 3), (bb, d) => bb.ref('holiday', d, 'date'));
  return b.t('.').build('peak-week', 'coming-weeks');
}

function risingSentence({ r, top, label }: Ctx, w: WeeklyOutlook): InsightSentence | undefined {
  const rows = rowsWhere(r, (i) => w.ratio[i] > 1.2)
    .sort((a, b) => w.ratio[b] * r.columns.annualValue[b] - w.ratio[a] * r.columns.annualValue[a] || a - b)
    .slice(0, top);
  if (rows.length === 0) return undefined;
  const b = new SentenceBuilder().t('Rising over the next ').ref('weeks ahead', w.weeks, 'count').t(' weeks compared with recent sales: ');
  b.list(rows, (bb, i) => bb.ref('item', label(i), 'label', [i]).t(' (+').ref(`forecast vs recent, ${label(i)}`, w.ratio[i] - 1, 'percent', [i]).t(')'));
  return b.t('.').build('rising', 'coming-weeks');
}

function ordersSentence({ r, top, label }: Ctx): InsightSentence | undefined {
  const c = r.columns;
  const key = (i: number) => (Number.isFinite(c.orderValue[i]) ? c.orderValue[i] : 0);
  const rows = rowsWhere(r, (i) => c.orderQuantity[i] > 0).sort((a, b) => key(b) - key(a) || c.orderQuantity[b] - c.orderQuantity[a] || a - b).slice(0, top);
  if (rows.length === 0) return undefined;
  const b = new SentenceBuilder().t(rows.length === 1 ? 'The largest order: ' : 'The largest orders: ');
  b.list(rows, (bb, i) => {
    bb.ref('item', label(i), 'label', [i]).t(', ').ref(`order quantity, ${label(i)}`, c.orderQuantity[i], 'units', [i]).t(' units');
    if (Number.isFinite(c.orderValue[i])) bb.t(' (').ref(`order value, ${label(i)}`, c.orderValue[i], 'money', [i]).t(')');
    bb.t(', as its position ').ref(`position, ${label(i)}`, c.position[i], 'units', [i]).t(' is below the ');
    bb.ref(`order-up-to, ${label(i)}`, c.orderUpTo[i], 'units', [i]).t(' needed for ');
    bb.ref(`protection interval, ${label(i)}`, c.protectionDays[i], 'days', [i]).t(' days of demand and safety stock');
  });
  return b.t('.').build('orders', 'orders');
}

function reliabilitySentence({ r, top, label }: Ctx): InsightSentence | undefined {
  const c = r.columns;
  const planned = rowsWhere(r, (i) => r.status[i] <= STATUS.OVERSTOCK);
  if (planned.length === 0) return undefined;
  const important = planned.filter((i) => r.abc[i] <= 1);
  const pool = (important.length > 0 ? important : planned).filter((i) => Number.isFinite(c.errorCv[i]));
  const worst = pool.sort((a, b) => c.errorCv[b] - c.errorCv[a] || a - b).slice(0, top);
  const short = planned.filter((i) => r.flags[i] & FLAG['short-history']);
  const noModel = planned.filter((i) => r.flags[i] & FLAG['sigma-poisson']);
  const z = planned.filter((i) => r.xyz[i] === 2);
  const b = new SentenceBuilder();
  if (worst.length > 0) {
    b.t(`Forecasts are least reliable for ${important.length > 0 ? 'A and B items ' : ''}`).list(worst, (bb, i) =>
      bb.ref('item', label(i), 'label', [i]).t(' (error CV ').ref(`forecast error CV, ${label(i)}`, c.errorCv[i], 'ratio', [i]).t(')'),
    );
    b.t('; ');
  } else b.t('Forecast reliability: ');
  b.ref('Z items', z.length, 'count', z).t(` ${plural(z.length, 'item is', 'items are')} Z-class (error CV above `).ref('XYZ threshold Y/Z', r.options.xyzThresholds[1], 'ratio').t('), ');
  b.ref('short-history items', short.length, 'count', short).t(` ${plural(short.length, 'has', 'have')} less than `).ref('short history threshold, periods', r.options.shortHistoryPeriods, 'count').t(' periods of history');
  if (noModel.length > 0) b.t(' and ').ref('items without error estimates', noModel.length, 'count', noModel).t(` ${plural(noModel.length, 'has', 'have')} no error estimate (Poisson assumed)`);
  return b.t('.').build('reliability', 'reliability');
}

function overstockSentence({ r, label }: Ctx): InsightSentence | undefined {
  const c = r.columns;
  const rows = rowsWhere(r, (i) => r.status[i] === STATUS.OVERSTOCK);
  if (rows.length === 0) return undefined;
  const biggest = rows.reduce((a, i) => ((c.excessValue[i] || 0) > (c.excessValue[a] || 0) ? i : a), rows[0]);
  const b = new SentenceBuilder().ref('OVERSTOCK items', rows.length, 'count', rows).t(` ${plural(rows.length, 'item covers', 'items cover')} more than `);
  b.ref('overstock limit, days', r.options.overstockDays, 'days').t(`${days(r.options.overstockDays)}, with `).ref('excess value', sum(rows, c.excessValue), 'money', rows).t(' of excess stock; the largest is ');
  b.ref('item', label(biggest), 'label', [biggest]).t(' (').ref(`excess units, ${label(biggest)}`, c.excessUnits[biggest], 'units', [biggest]).t(' units');
  if (Number.isFinite(c.excessValue[biggest])) b.t(', ').ref(`excess value, ${label(biggest)}`, c.excessValue[biggest], 'money', [biggest]);
  return b.t(').').build('overstock', 'overstock');
}

function checkFirstSentence({ r, label }: Ctx): InsightSentence {
  const unknown = rowsWhere(r, (i) => r.status[i] === STATUS.STOCK_UNKNOWN);
  const invalid = rowsWhere(r, (i) => r.status[i] === STATUS.INVALID_INPUT);
  const noFc = rowsWhere(r, (i) => r.status[i] === STATUS.NO_FORECAST || r.status[i] === STATUS.NO_HISTORY);
  const negative = rowsWhere(r, (i) => (r.flags[i] & FLAG['negative-on-hand']) !== 0);
  const b = new SentenceBuilder().t('Check first: ');
  const parts: Array<[number[], string, string]> = [
    [unknown, 'items with unknown stock', ' with unknown stock'],
    [negative, 'items with negative stock', ' with negative stock on hand'],
    [invalid, 'items with invalid data', ' with invalid data'],
    [noFc, 'items without a usable forecast', ' without a usable forecast'],
  ];
  const present = parts.filter(([rows]) => rows.length > 0);
  b.list(present, (bb, [rows, name, text]) => bb.ref(name, rows.length, 'count', rows).t(` ${plural(rows.length, 'item')}${text}`));
  const c = r.columns;
  const critical = rowsWhere(r, (i) => r.status[i] === STATUS.CRITICAL).sort((a, bb) => c.daysToStockout[a] - c.daysToStockout[bb] || a - bb);
  if (critical.length > 0) {
    b.t(present.length > 0 ? '; then the CRITICAL item ' : 'the CRITICAL item ').ref('item', label(critical[0]), 'label', [critical[0]]);
  } else if (present.length === 0) {
    const largest = rowsWhere(r, (i) => c.orderQuantity[i] > 0).sort((a, bb) => (c.orderValue[bb] || 0) - (c.orderValue[a] || 0) || a - bb)[0];
    if (largest === undefined) b.t('nothing needs attention');
    else b.t('the largest order, ').ref('item', label(largest), 'label', [largest]);
  }
  return b.t('.').build('check-first', 'check-first');
}
