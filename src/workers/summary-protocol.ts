/** Types only: the summary worker's API (see rpc.ts for the envelope). */
import type { Progress } from '../lib/core/progress';
import type { SummaryHead, SummaryRow, SummarySortKey } from '../lib/dataset/summary-view';
import type { InventorySummary } from '../lib/dataset/inventory-summary';
import type { InventoryDefaults, InventoryItem } from '../lib/dataset/types';

/**
 * The summary worker: holds a dataset's summary (per-series statistics, keys and attributes) and answers with
 * what a view shows of it, so the page's main thread never reads 100,000 per-series records (issue #13). It also
 * reads the inventory snapshots (InventoryApi).
 */
export type SummaryApi = DatasetSummaryApi & InventoryApi;

/** A slice of a snapshot's items, from one read of it. */
export interface InventoryItemsSlice {
  /** Identifies the read the slice comes from: slices of one read belong together. */
  readId: number;
  /** Items `offset` to `offset + items.length`. */
  items: InventoryItem[];
  /** Items in the snapshot. */
  total: number;
}

/**
 * Inventory snapshots, read in the worker: deserializing a snapshot of 30,000 items costs some 70 ms, which the
 * page's main thread must not spend in one task (issue #13).
 */
export type InventoryApi = {
  /** Every snapshot's summary (no items), newest first. */
  inventories: { input: null; result: InventorySummary[]; progress: Progress };
  /**
   * Items `offset` to `offset + limit` of a snapshot (at most 10,000). `readId` null reads the snapshot afresh
   * (the first slice); the next slices pass the `readId` they got and come from the same read, or the answer is
   * `{ stale: true }` when the worker has read a snapshot since. Null: the snapshot is gone.
   */
  inventoryItems: {
    input: { inventoryId: string; readId: number | null; offset: number; limit: number };
    result: InventoryItemsSlice | { stale: true } | null;
    progress: Progress;
  };
  /** Sets a snapshot's defaults (see persistence setInventoryDefaults); false when it is gone. Rejects naming a bad value. */
  setInventoryDefaults: { input: { inventoryId: string; defaults: InventoryDefaults }; result: boolean; progress: Progress };
};

/** The dataset summary's questions. */
export type DatasetSummaryApi = {
  /** The summary without its per-series arrays, with the most volatile series; null when the dataset is gone. */
  head: { input: { datasetId: string }; result: SummaryHead | null; progress: Progress };
  /** Rows `offset` to `offset + limit` of the series table sorted by `sortKey`; `total` counts every series. */
  rows: {
    input: { datasetId: string; sortKey: SummarySortKey; desc: boolean; offset: number; limit: number };
    result: { rows: SummaryRow[]; total: number };
    progress: Progress;
  };
  /** The first `limit` series (dataset order) whose id contains `query` (case-insensitive; every series when empty). */
  find: { input: { datasetId: string; query: string; limit: number }; result: Array<{ index: number; id: string }>; progress: Progress };
  /** Series `index` as a row; null when out of range or the dataset is gone. */
  row: { input: { datasetId: string; index: number }; result: SummaryRow | null; progress: Progress };
};
