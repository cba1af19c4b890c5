import type { InventoryItem } from '../dataset/types';
import { STATUS, type ReorderResult } from '../reorder/types';
import { compareKeyValues } from './groups';

/**
 * The proposed-orders table's rows: filter and sort over the columnar result, giving the row indexes to show.
 * Pure, O(n log n), no objects per row, so it reruns on every keystroke of a 30 000-row table.
 */

/** Columns the table sorts by. */
export type SortKey = 'status' | 'store' | 'item' | 'abc' | 'position' | 'cover' | 'stockout' | 'order' | 'value';

/** Status filter: a status code, 'order' (rows with a recommended order), or null for all rows. */
export type StatusFilter = number | 'order' | null;

/** What the table shows. */
export interface TableQuery {
  /** Status filter. */
  status: StatusFilter;
  /** Only this store (null: all). */
  store: string | null;
  /** Only this ABC code (0 A, 1 B, 2 C; null: all). */
  abc: number | null;
  /** Case-insensitive text every shown row's series id or key values contain ('' for all). */
  text: string;
  /** Only these rows (e.g. the rows behind an insight's figure), or null. */
  rows: ReadonlySet<number> | null;
  /** Sort column. */
  sort: SortKey;
  /** Largest first. */
  descending: boolean;
}

/** Urgency order of the statuses for sorting: what needs a decision first, HEALTHY last. */
export const STATUS_RANK: Readonly<Record<number, number>> = {
  [STATUS.CRITICAL]: 0,
  [STATUS.REORDER]: 1,
  [STATUS.INVALID_INPUT]: 2,
  [STATUS.STOCK_UNKNOWN]: 3,
  [STATUS.NO_FORECAST]: 4,
  [STATUS.NO_HISTORY]: 5,
  [STATUS.OVERSTOCK]: 6,
  [STATUS.HEALTHY]: 7,
};

/**
 * Per-item text computed once per run, so filtering and sorting allocate nothing per row. Only the stores are built
 * up front; the names (for sorting by item) and the search text (for the text filter) are built the first time a
 * query needs them, so opening a 30,000-row table does not pay for 60,000 strings it may never use (issue #13).
 */
export interface ItemIndex {
  /** Lower-cased series id and key values (built on first use). */
  readonly search: string[];
  /** `itemName` of each item (built on first use). */
  readonly names: string[];
  /** Store of each item ('' without a store column). */
  readonly stores: string[];
  /** The store column used. */
  readonly storeColumn: string | null;
  /** `itemName` of item i, without building `names`. */
  name(i: number): string;
}

/** Builds the item index. */
export function indexItems(items: readonly InventoryItem[], storeColumn: string | null): ItemIndex {
  let search: string[] | null = null;
  let names: string[] | null = null;
  return {
    get search() {
      return (search ??= items.map((it) => `${it.seriesId} ${Object.values(it.key).join(' ')}`.toLowerCase()));
    },
    get names() {
      return (names ??= items.map((it) => itemName(it, storeColumn)));
    },
    stores: items.map((it) => (storeColumn ? (it.key[storeColumn] ?? '') : '')),
    storeColumn,
    name: (i) => names?.[i] ?? (items[i] ? itemName(items[i], storeColumn) : ''),
  };
}

/** The item's name without the store: its other key values, or its series id. */
export function itemName(item: InventoryItem, storeColumn: string | null): string {
  const parts = Object.keys(item.key).filter((k) => k !== storeColumn).map((k) => item.key[k]);
  return parts.length > 0 ? parts.join(' / ') : item.seriesId;
}

const finiteOr = (x: number, fallback: number) => (Number.isFinite(x) ? x : fallback);

/** Row indexes to show, in order. */
export function queryRows(result: ReorderResult, index: ItemIndex, q: TableQuery): Int32Array {
  const c = result.columns;
  const text = q.text.trim().toLowerCase();
  const keep: number[] = [];
  for (let i = 0; i < result.count; i++) {
    if (q.rows && !q.rows.has(i)) continue;
    if (q.status === 'order' ? !(c.orderQuantity[i] > 0) : q.status !== null && result.status[i] !== q.status) continue;
    if (q.abc !== null && result.abc[i] !== q.abc) continue;
    if (q.store !== null && index.stores[i] !== q.store) continue;
    if (text && !index.search[i].includes(text)) continue;
    keep.push(i);
  }
  const dir = q.descending ? -1 : 1;
  const byNumber = (col: Float64Array, missing: number) => (a: number, b: number) => finiteOr(col[a], missing) - finiteOr(col[b], missing);
  const urgency = (a: number, b: number) =>
    STATUS_RANK[result.status[a]] - STATUS_RANK[result.status[b]] || finiteOr(c.daysToStockout[a], 1e12) - finiteOr(c.daysToStockout[b], 1e12);
  const cmp: (a: number, b: number) => number =
    q.sort === 'status' ? urgency
    : q.sort === 'store' ? (a, b) => compareKeyValues(index.stores[a], index.stores[b])
    : q.sort === 'item' ? (a, b) => compareKeyValues(index.names[a], index.names[b])
    : q.sort === 'abc' ? (a, b) => result.abc[a] - result.abc[b]
    : q.sort === 'position' ? byNumber(c.position, -1e12)
    : q.sort === 'cover' ? byNumber(c.coverDays, 1e12)
    : q.sort === 'stockout' ? byNumber(c.daysToStockout, 1e12)
    : q.sort === 'order' ? byNumber(c.orderQuantity, 0)
    : byNumber(c.orderValue, 0);
  keep.sort((a, b) => dir * cmp(a, b) || a - b);
  return Int32Array.from(keep);
}
