import { isoFromDay } from '../core/dates';
import type { InventoryItem } from '../dataset/types';
import { explainRow } from '../reorder/explain';
import type { ApprovedOrder } from '../reorder/orders';
import { ABC_CLASSES, FLAG, REORDER_FLAGS, REORDER_STATUSES, XYZ_CLASSES, type ReorderColumns, type ReorderResult } from '../reorder/types';
import { toCsv, type CsvCell, type CsvOptions } from './csv';

/** Options of `recommendationsToCsv`. */
export interface RecommendationCsvOptions extends CsvOptions {
  /** Only these rows, in this order. Default: every row. */
  rows?: readonly number[];
  /** Add the plain-language sentence as the last column. Default true. */
  explanations?: boolean;
  /** Decimals kept in figures (integer 0-10). Default 3: enough for units, and no 140.00000000000003. */
  decimals?: number;
}

const FIGURES: readonly (keyof ReorderColumns)[] = [
  'onHand', 'onOrder', 'openOrderUnits', 'backorders', 'position', 'leadTimeDays', 'leadTimeStdDays', 'serviceLevel',
  'demandLead', 'demandProtection', 'sigmaProtection', 'safetyStock', 'reorderPoint', 'orderUpTo', 'orderQuantity',
  'unitCost', 'orderValue', 'coverDays', 'daysToStockout', 'excessUnits', 'excessValue', 'annualValue', 'errorCv',
];

/** Key column names in order of first appearance across `items`. */
export function keyColumnsOf(items: readonly InventoryItem[]): string[] {
  const seen = new Set<string>();
  for (const it of items) for (const k of Object.keys(it.key)) seen.add(k);
  return [...seen];
}

/**
 * The engine's result as CSV: the item's key columns, series id, status, classes, every figure, the stockout
 * date, the flags (';'-separated) and the sentence. Infinite figures (cover with zero demand) are empty cells.
 */
export function recommendationsToCsv(result: ReorderResult, items: readonly InventoryItem[], options: RecommendationCsvOptions = {}): string {
  const keys = keyColumnsOf(items);
  const explain = options.explanations !== false;
  const decimals = Math.min(10, Math.max(0, Math.trunc(options.decimals ?? 3)));
  const scale = 10 ** decimals;
  const round = (x: number) => (Number.isFinite(x) ? Math.round(x * scale) / scale : x);
  const header: CsvCell[] = [...keys, 'seriesId', 'status', 'abc', 'xyz', ...FIGURES, 'stockoutDate', 'flags', 'reason'];
  if (explain) header.push('explanation');
  const rows: CsvCell[][] = [header];
  const order = options.rows ?? Array.from({ length: result.count }, (_, i) => i);
  for (const i of order) {
    const row: CsvCell[] = keys.map((k) => items[i].key[k] ?? '');
    row.push(result.seriesIds[i], REORDER_STATUSES[result.status[i]], ABC_CLASSES[result.abc[i]], XYZ_CLASSES[result.xyz[i]]);
    for (const f of FIGURES) row.push(round(result.columns[f][i]));
    const dts = result.columns.daysToStockout[i];
    row.push(Number.isFinite(dts) ? isoFromDay(result.asOfDay[i] + Math.floor(dts)) : '');
    row.push(REORDER_FLAGS.filter((f) => result.flags[i] & FLAG[f]).join(';'));
    row.push(result.reasons[i]);
    if (explain) row.push(explainRow(result, i).sentence);
    rows.push(row);
  }
  return toCsv(rows, options);
}

/** Approved order lines as CSV, one row per line, key columns first. */
export function ordersToCsv(orders: readonly ApprovedOrder[], options: CsvOptions = {}): string {
  const keys: string[] = [];
  for (const o of orders) for (const k of Object.keys(o.key)) if (!keys.includes(k)) keys.push(k);
  const rows: CsvCell[][] = [[...keys, 'id', 'seriesId', 'quantity', 'recommendedQuantity', 'unitCost', 'value', 'orderDate', 'expectedArrivalDate', 'status', 'explanation']];
  for (const o of orders) {
    rows.push([
      ...keys.map((k) => o.key[k] ?? ''),
      o.id, o.seriesId, o.quantity, o.recommendedQuantity, o.unitCost, o.value,
      isoFromDay(o.orderDay), isoFromDay(o.expectedArrivalDay), o.status, o.explanation,
    ]);
  }
  return toCsv(rows, options);
}
