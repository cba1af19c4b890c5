import { invalidOption, maybeFinite, maybeInteger, maybeNonNegative } from '../core/errors';
import type { InventoryItem } from '../dataset/types';
import { explainRow } from './explain';
import { REORDER_STATUSES, type OpenOrder, type ReorderResult, type ReorderStatus } from './types';

/**
 * Purchase orders: recommendations the user approved. Approved orders are kept (persistence layer) and fed back
 * to the next run as open orders until the inventory snapshot reflects them.
 */

/** One approved order line. Plain data: JSON- and structured-clone-safe. */
export interface ApprovedOrder {
  /** Stable id, `<idPrefix>-<row>` (unique within one approval). */
  id: string;
  /** Series replenished. */
  seriesId: string;
  /** The item's key columns, e.g. { Store: '1', Product: 'P0001' }. */
  key: Record<string, string>;
  /** Units ordered (> 0). */
  quantity: number;
  /** Purchase cost per unit (NaN when the snapshot has none). */
  unitCost: number;
  /** quantity × unitCost, money. */
  value: number;
  /** Day number the order is placed. */
  orderDay: number;
  /** orderDay + lead time, rounded up to a whole day. */
  expectedArrivalDay: number;
  /** The recommendation's status when it was approved. */
  status: ReorderStatus;
  /** What the engine recommended, units (differs from `quantity` when the user edited it). */
  recommendedQuantity: number;
  /** The recommendation's sentence, kept as the order's justification. */
  explanation: string;
  /** When it was approved, ms since epoch. */
  approvedAt: number;
}

/** Options of `approveOrders`. */
export interface ApproveOptions {
  /** Rows to approve. Default: every row with an order quantity > 0. */
  rows?: readonly number[];
  /** Quantities the user changed, by row (each > 0; others keep the recommendation). */
  quantities?: ReadonlyMap<number, number>;
  /** Day number the orders are placed. Default: each row's as-of day. */
  orderDay?: number;
  /** Approval time, ms since epoch (required: lib code does not read the clock). */
  approvedAt: number;
  /** Id prefix. Default 'po'. */
  idPrefix?: string;
}

/**
 * Turns recommendations into approved order lines. Throws `invalid rows[k]` for a row out of range or
 * without a quantity to order, and `invalid quantities[row]` for a quantity that is not > 0.
 */
export function approveOrders(result: ReorderResult, items: readonly InventoryItem[], options: ApproveOptions): ApprovedOrder[] {
  const approvedAt = maybeFinite('approvedAt', options.approvedAt);
  const prefix = options.idPrefix ?? 'po';
  const c = result.columns;
  const rows = options.rows ?? defaultRows(result);
  const out: ApprovedOrder[] = [];
  for (let k = 0; k < rows.length; k++) {
    const i = maybeInteger(`rows[${k}]`, rows[k], 0, result.count - 1);
    const edited = options.quantities?.get(i);
    const quantity = edited === undefined ? c.orderQuantity[i] : maybeNonNegative(`quantities[${i}]`, edited, true);
    if (!(quantity > 0)) invalidOption(`rows[${k}]`, i, 'a row with an order quantity > 0');
    const orderDay = options.orderDay === undefined ? result.asOfDay[i] : maybeInteger('orderDay', options.orderDay);
    const lead = c.leadTimeDays[i];
    out.push({
      id: `${prefix}-${i}`,
      seriesId: result.seriesIds[i],
      key: { ...items[i].key },
      quantity,
      unitCost: c.unitCost[i],
      value: quantity * c.unitCost[i],
      orderDay,
      expectedArrivalDay: orderDay + Math.ceil(Number.isFinite(lead) ? lead : 0),
      status: REORDER_STATUSES[result.status[i]],
      recommendedQuantity: c.orderQuantity[i],
      explanation: explainRow(result, i).sentence,
      approvedAt,
    });
  }
  return out;
}

function defaultRows(result: ReorderResult): number[] {
  const rows: number[] = [];
  for (let i = 0; i < result.count; i++) if (result.columns.orderQuantity[i] > 0) rows.push(i);
  return rows;
}

/**
 * Approved orders the next run must count as on order: those placed on or after `snapshotDay` (the snapshot's
 * as-of day), which its `onOrder` cannot include yet. Orders placed before it are assumed to be in the snapshot.
 */
export function openOrdersFrom(orders: readonly ApprovedOrder[], snapshotDay: number): OpenOrder[] {
  const day = maybeInteger('snapshotDay', snapshotDay);
  const out: OpenOrder[] = [];
  for (const o of orders) {
    if (o.orderDay < day) continue;
    out.push({ seriesId: o.seriesId, quantity: o.quantity, orderDay: o.orderDay, expectedArrivalDay: o.expectedArrivalDay });
  }
  return out;
}

/** Approved lines grouped by one key column (e.g. 'Store'): one purchase order per group. */
export interface PurchaseOrderGroup {
  /** The key value ('' when the line has none). */
  group: string;
  /** The lines, largest value first. */
  lines: ApprovedOrder[];
  /** Σ units. */
  units: number;
  /** Σ value (lines without a unit cost count 0). */
  value: number;
}

/** Groups approved lines by `keyColumn`, groups by value, largest first (ties by group name). */
export function groupOrders(orders: readonly ApprovedOrder[], keyColumn: string): PurchaseOrderGroup[] {
  const byGroup = new Map<string, PurchaseOrderGroup>();
  for (const o of orders) {
    const g = o.key[keyColumn] ?? '';
    let group = byGroup.get(g);
    if (!group) {
      group = { group: g, lines: [], units: 0, value: 0 };
      byGroup.set(g, group);
    }
    group.lines.push(o);
    group.units += o.quantity;
    if (Number.isFinite(o.value)) group.value += o.value;
  }
  const groups = [...byGroup.values()];
  for (const g of groups) g.lines.sort((a, b) => (b.value || 0) - (a.value || 0) || compareText(a.seriesId, b.seriesId));
  return groups.sort((a, b) => b.value - a.value || compareText(a.group, b.group));
}

/** Code-unit order: the same in every locale (localeCompare is not). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
