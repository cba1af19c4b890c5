import type { InventoryItem } from '../dataset/types';
import type { OpenOrder } from './types';

/**
 * Open orders grouped by result row in compressed-row form: the orders of row i are entries
 * start[i] … start[i + 1] − 1 of `quantity`, `arrivalDay` and `orderDay`. Built once per run, so the per-item
 * loop reads two numbers instead of filtering a list.
 */
export interface OpenOrderIndex {
  /** Row offsets, length rows + 1. */
  start: Int32Array;
  /** Units per order. */
  quantity: Float64Array;
  /** Expected arrival day number, NaN when not given. */
  arrivalDay: Float64Array;
  /** Order day number, NaN when not given. */
  orderDay: Float64Array;
  /** Orders that matched no row or had a quantity that is not > 0. */
  ignored: number;
}

/**
 * Groups `orders` by the row of their series (the first item with that series id). The map is built over the
 * orders, usually far fewer than the items, and is skipped when there are none.
 */
export function indexOpenOrders(orders: readonly OpenOrder[], items: readonly InventoryItem[]): OpenOrderIndex {
  const rows = items.length;
  const start = new Int32Array(rows + 1);
  if (orders.length === 0) {
    const empty = new Float64Array(0);
    return { start, quantity: empty, arrivalDay: empty, orderDay: empty, ignored: 0 };
  }
  const bySeries = new Map<string, number[]>();
  let ignored = 0;
  for (let k = 0; k < orders.length; k++) {
    const o = orders[k];
    if (!(o.quantity > 0) || !Number.isFinite(o.quantity)) {
      ignored++;
      continue;
    }
    const list = bySeries.get(o.seriesId);
    if (list) list.push(k);
    else bySeries.set(o.seriesId, [k]);
  }
  const rowOrders = new Array<number[] | undefined>(rows);
  for (let i = 0; i < rows && bySeries.size > 0; i++) {
    const id = items[i].seriesId;
    const list = bySeries.get(id);
    if (list) {
      rowOrders[i] = list;
      bySeries.delete(id);
    }
  }
  for (const list of bySeries.values()) ignored += list.length;
  for (let i = 0; i < rows; i++) start[i + 1] = start[i] + (rowOrders[i]?.length ?? 0);
  const m = start[rows];
  const quantity = new Float64Array(m);
  const arrivalDay = new Float64Array(m);
  const orderDay = new Float64Array(m);
  for (let i = 0; i < rows; i++) {
    const list = rowOrders[i];
    if (!list) continue;
    let at = start[i];
    for (const k of list) {
      const o = orders[k];
      quantity[at] = o.quantity;
      arrivalDay[at] = Number.isFinite(o.expectedArrivalDay) ? (o.expectedArrivalDay as number) : NaN;
      orderDay[at] = Number.isFinite(o.orderDay) ? (o.orderDay as number) : NaN;
      at++;
    }
  }
  return { start, quantity, arrivalDay, orderDay, ignored };
}
