import type { InventoryItem } from '../dataset/types';
import { STATUS, type ReorderResult } from '../reorder/types';
import { compareKeyValues } from './groups';
import { sortRowsBy, sortRowsBySmall } from './sort-rows';

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

/** `STATUS_RANK` by status code, as an array. */
const RANKS = Array.from({ length: 8 }, (_, code) => STATUS_RANK[code] ?? 8);

/** The rank of each distinct string in `compareKeyValues` order. */
function rankStrings(values: readonly string[]): Map<string, number> {
  const distinct = [...new Set(values)].sort(compareKeyValues);
  return new Map(distinct.map((v, k) => [v, k]));
}

/** True for the table's first view: every row, by urgency (the order `urgencyOrder` gives). */
export function isUrgencyQuery(q: TableQuery): boolean {
  return q.sort === 'status' && !q.descending && q.status === null && q.store === null && q.abc === null && q.rows === null && q.text.trim() === '';
}

/**
 * Every row by urgency, as the table first shows them: made in the reorder worker with the result, so the page's
 * first view of a large table sorts nothing (at 30,000 rows its first, not yet optimised sort was the longest part
 * of the task that shows the table).
 */
export function urgencyOrder(result: ReorderResult): Int32Array {
  return queryRows(result, { search: [], names: [], stores: [], storeColumn: null, name: () => '' }, { status: null, store: null, abc: null, text: '', rows: null, sort: 'status', descending: false });
}

/** Row indexes to show, in order; `urgency`, when given, is `urgencyOrder(result)` (used for that query). */
export function queryRows(result: ReorderResult, index: ItemIndex, q: TableQuery, urgency?: Int32Array): Int32Array {
  if (urgency && urgency.length === result.count && isUrgencyQuery(q)) return urgency;
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
  // Sort keys in a typed array, sorted without a comparator (sort-rows.ts, issue #13): 100,000 rows through a
  // comparator took hundreds of ms on the main thread. Strings (stores, names) sort through their rank among the
  // distinct values. Descending negates the keys, so ties still keep the rows in ascending order.
  const n = result.count;
  const key = new Float64Array(n);
  const sign = q.descending ? -1 : 1;
  const rows = Int32Array.from(keep);
  const fill = (col: ArrayLike<number>, missing: number) => {
    for (const i of keep) key[i] = sign * finiteOr(col[i], missing);
  };
  if (q.sort === 'status') {
    // Urgency, then days to stockout: the secondary key first (the sort is stable).
    fill(c.daysToStockout, 1e12);
    const byDays = sortRowsBy(rows, key);
    const rank = new Uint8Array(n);
    for (const i of keep) rank[i] = q.descending ? 8 - RANKS[result.status[i]] : RANKS[result.status[i]];
    return sortRowsBySmall(byDays, rank, 9);
  }
  if (q.sort === 'store' || q.sort === 'item') {
    const values = q.sort === 'store' ? index.stores : index.names;
    const rank = rankStrings(keep.map((i) => values[i]));
    for (const i of keep) key[i] = sign * rank.get(values[i])!;
  } else if (q.sort === 'abc') fill(result.abc, 2);
  else if (q.sort === 'position') fill(c.position, -1e12);
  else if (q.sort === 'cover') fill(c.coverDays, 1e12);
  else if (q.sort === 'stockout') fill(c.daysToStockout, 1e12);
  else if (q.sort === 'order') fill(c.orderQuantity, 0);
  else fill(c.orderValue, 0);
  return sortRowsBy(rows, key);
}
