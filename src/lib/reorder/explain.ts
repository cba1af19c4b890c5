import { formatDay, formatDays, formatMoney, formatNumber, formatPercent, formatUnits } from './format';
import {
  ABC_CLASSES,
  REORDER_FLAGS,
  REORDER_STATUSES,
  STATUS,
  XYZ_CLASSES,
  type ReorderColumns,
  type ReorderFlag,
  type ReorderResult,
  type ReorderStatus,
} from './types';

/** Every figure of a row by name, plus the run settings it used. */
export type ExplanationNumbers = { [K in keyof ReorderColumns]: number } & {
  /** Review period R, days. */
  reviewDays: number;
  /** Overstock limit, days. */
  overstockDays: number;
  /** ρ between period errors. */
  errorCorrelation: number;
  /** Day number of the projected stockout (NaN when none in sight). */
  stockoutDay: number;
};

/** The machine-readable explanation of one recommendation and the sentence built from it. */
export interface ReorderExplanation {
  /** Series id. */
  seriesId: string;
  /** Status. */
  status: ReorderStatus;
  /** Reason for data-problem statuses, else ''. */
  reason: string;
  /** Flags set. */
  flags: ReorderFlag[];
  /** ABC class. */
  abc: (typeof ABC_CLASSES)[number];
  /** XYZ class ('-' without a usable forecast). */
  xyz: (typeof XYZ_CLASSES)[number];
  /** Day number the figures start from. */
  asOfDay: number;
  /** The numbers used, exactly as computed. */
  numbers: ExplanationNumbers;
  /** One or two plain-language sentences, built only from `numbers`. */
  sentence: string;
}

/** The explanation of row `i`. */
export function explainRow(r: ReorderResult, i: number): ReorderExplanation {
  const c = r.columns;
  const dts = c.daysToStockout[i];
  // One object literal with every field: a fixed shape is several times cheaper than keys added in a loop.
  const numbers: ExplanationNumbers = {
    onHand: c.onHand[i],
    onOrder: c.onOrder[i],
    openOrderUnits: c.openOrderUnits[i],
    backorders: c.backorders[i],
    position: c.position[i],
    leadTimeDays: c.leadTimeDays[i],
    leadTimeStdDays: c.leadTimeStdDays[i],
    protectionDays: c.protectionDays[i],
    serviceLevel: c.serviceLevel[i],
    z: c.z[i],
    demandLead: c.demandLead[i],
    demandProtection: c.demandProtection[i],
    sigmaProtection: c.sigmaProtection[i],
    safetyStock: c.safetyStock[i],
    reorderPoint: c.reorderPoint[i],
    orderUpTo: c.orderUpTo[i],
    eoq: c.eoq[i],
    rawQuantity: c.rawQuantity[i],
    orderQuantity: c.orderQuantity[i],
    orderValue: c.orderValue[i],
    coverDays: c.coverDays[i],
    onHandCoverDays: c.onHandCoverDays[i],
    daysToStockout: dts,
    excessUnits: c.excessUnits[i],
    excessValue: c.excessValue[i],
    annualValue: c.annualValue[i],
    errorCv: c.errorCv[i],
    unitCost: c.unitCost[i],
    moq: c.moq[i],
    packSize: c.packSize[i],
    reviewDays: r.options.reviewDays,
    overstockDays: r.options.overstockDays,
    errorCorrelation: r.options.errorCorrelation,
    stockoutDay: Number.isFinite(dts) ? r.asOfDay[i] + Math.floor(dts) : NaN,
  };
  const flags: ReorderFlag[] = [];
  const bits = r.flags[i];
  if (bits !== 0) for (let k = 0; k < REORDER_FLAGS.length; k++) if (bits & (1 << k)) flags.push(REORDER_FLAGS[k]);
  const status = REORDER_STATUSES[r.status[i]];
  const e: ReorderExplanation = {
    seriesId: r.seriesIds[i],
    status,
    reason: r.reasons[i],
    flags,
    abc: ABC_CLASSES[r.abc[i]],
    xyz: XYZ_CLASSES[r.xyz[i]],
    asOfDay: r.asOfDay[i],
    numbers,
    sentence: '',
  };
  e.sentence = sentenceOf(e);
  return e;
}

/** Explanations of every row, in order. */
export function explainAll(r: ReorderResult): ReorderExplanation[] {
  const out = new Array<ReorderExplanation>(r.count);
  for (let i = 0; i < r.count; i++) out[i] = explainRow(r, i);
  return out;
}

const u = formatUnits;

function positionText(n: ExplanationNumbers): string {
  const open = n.openOrderUnits > 0 ? ` + open orders ${u(n.openOrderUnits)}` : '';
  return `position ${u(n.position)} units (on hand ${u(n.onHand)} + on order ${u(n.onOrder)}${open} − backorders ${u(n.backorders)})`;
}

function pointText(n: ExplanationNumbers, flags: readonly ReorderFlag[] = []): string {
  const service = flags.includes('fill-rate-target') ? `k ${formatNumber(n.z, 2)} for a ${formatPercent(n.serviceLevel)} fill rate` : `z ${formatNumber(n.z, 2)} for ${formatPercent(n.serviceLevel)} cycle service`;
  const spread = flags.includes('cumulative-errors') ? `σ ${u(n.sigmaProtection)} of the backtest's errors over the same ${formatDays(n.protectionDays)} days` : `σ ${u(n.sigmaProtection)}`;
  const review = n.reviewDays > 0 ? ` lead time + ${formatDays(n.reviewDays)}-day review` : ' lead time';
  return (
    `reorder point ${u(n.reorderPoint)} = forecast demand over ${formatDays(n.protectionDays)} days ` +
    `(${formatDays(n.leadTimeDays)}-day${review}) ${u(n.demandProtection)} + safety stock ${u(n.safetyStock)} ` +
    `(${service} × ${spread})`
  );
}

function orderText(n: ExplanationNumbers, flags: ReorderFlag[]): string {
  const target = flags.includes('eoq-applied')
    ? `order-up-to ${u(n.orderUpTo)} (reorder point + EOQ ${u(n.eoq)})`
    : `order-up-to ${u(n.orderUpTo)}`;
  const rounding: string[] = [];
  if (flags.includes('moq-applied')) rounding.push(`MOQ ${u(n.moq)}`);
  if (flags.includes('pack-rounded')) rounding.push(n.packSize === 1 ? 'whole units' : `packs of ${u(n.packSize)}`);
  const tail = rounding.length > 0 ? `, rounded up to ${rounding.join(' and ')}` : '';
  const value = Number.isFinite(n.orderValue) ? ` worth ${formatMoney(n.orderValue)}` : '';
  return `Order ${u(n.orderQuantity)} units${value}: ${target} − position ${u(n.position)} = ${formatNumber(n.rawQuantity, 1)}${tail}.`;
}

/** Data warnings that do not stop the plan, as sentences to append (negative stock, defaulted fields). */
function notesOf(e: ReorderExplanation): string {
  const n = e.numbers;
  const notes: string[] = [];
  if (e.flags.includes('negative-on-hand')) notes.push(`On hand is negative (${u(n.onHand)} units): the snapshot is probably wrong, so count the stock.`);
  if (e.flags.includes('on-order-missing')) notes.push('On order was missing and counted as 0.');
  if (e.flags.includes('backorders-missing')) notes.push('Backorders were missing and counted as 0.');
  if (e.flags.includes('unit-cost-missing')) notes.push('The unit cost is missing, so values are unknown.');
  if (e.flags.includes('moq-defaulted') || e.flags.includes('pack-size-defaulted')) notes.push('MOQ or pack size was missing or not positive and taken as 1.');
  return notes.length > 0 ? ` ${notes.join(' ')}` : '';
}

/** The sentence of an explanation, from its numbers only. */
export function sentenceOf(e: ReorderExplanation): string {
  return mainSentence(e) + notesOf(e);
}

function mainSentence(e: ReorderExplanation): string {
  const n = e.numbers;
  switch (e.status) {
    case 'STOCK_UNKNOWN':
    case 'INVALID_INPUT':
    case 'NO_FORECAST':
    case 'NO_HISTORY':
      return `${e.status}: ${e.reason}.`;
    case 'CRITICAL': {
      const when = n.daysToStockout === 0 ? 'is out of stock now' : `runs out in ${formatDays(n.daysToStockout)} days (${formatDay(n.stockoutDay)})`;
      const head = `CRITICAL: at the forecast rate the stock ${when}, before an order placed today can arrive (lead time ${formatDays(n.leadTimeDays)} days).`;
      if (e.flags.includes('expedite')) {
        return `${head} No new order is needed: ${positionText(n)} is above the order-up-to ${u(n.orderUpTo)}; expedite the ${u(n.onOrder + n.openOrderUnits)} units on order.`;
      }
      return `${head} ${orderText(n, e.flags)}`;
    }
    case 'REORDER':
      return `REORDER: ${positionText(n)} is at or below the ${pointText(n, e.flags)}. ${orderText(n, e.flags)}`;
    case 'OVERSTOCK':
      return (
        `OVERSTOCK: ${positionText(n)} covers ${formatDays(n.coverDays)} days, beyond the ${formatDays(n.overstockDays)}-day limit; ` +
        `${u(n.excessUnits)} units are excess` +
        (Number.isFinite(n.excessValue) ? `, worth ${formatMoney(n.excessValue)} at unit cost ${formatMoney(n.unitCost)}.` : '.')
      );
    case 'HEALTHY':
      if (e.flags.includes('zero-forecast')) return `HEALTHY: no demand is forecast and the ${positionText(n)} owes nothing. No order.`;
      return (
        `HEALTHY: ${positionText(n)} is above the ${pointText(n, e.flags)} and covers ${formatDays(n.coverDays)} days, ` +
        `within the ${formatDays(n.overstockDays)}-day limit. No order.`
      );
  }
}

/** The status of row `i` as its label. */
export function statusOf(r: ReorderResult, i: number): ReorderStatus {
  return REORDER_STATUSES[r.status[i]];
}

/** Rows with status `status`, in row order. */
export function rowsWithStatus(r: ReorderResult, status: ReorderStatus): number[] {
  const code = STATUS[status];
  const out: number[] = [];
  for (let i = 0; i < r.count; i++) if (r.status[i] === code) out.push(i);
  return out;
}
