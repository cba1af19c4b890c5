import type { InventoryItem } from '../../lib/dataset/types';
import type { InventoryApi } from '../../workers/summary-protocol';

/** Asks the summary worker for one slice of a snapshot's items (its `inventoryItems` method). */
export type AskItemsSlice = (input: InventoryApi['inventoryItems']['input']) => Promise<InventoryApi['inventoryItems']['result']>;

/**
 * Reads a snapshot's items slice by slice (null when it is gone). Each slice arrives in its own message, so the
 * page deserializes `sliceSize` items per task instead of the whole snapshot in one (issue #13). All slices come
 * from one read in the worker; when the worker answers "stale" (it read the snapshot again meanwhile, for another
 * load) the read starts over, at most `attempts` times, then rejects saying so.
 */
export async function readItemsInSlices(ask: AskItemsSlice, inventoryId: string, sliceSize: number, attempts = 3): Promise<InventoryItem[] | null> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const items: InventoryItem[] = [];
    let readId: number | null = null;
    let total = Infinity;
    while (items.length < total) {
      const slice = await ask({ inventoryId, readId, offset: items.length, limit: sliceSize });
      if (slice === null) return null;
      if ('stale' in slice || (readId !== null && slice.total !== total)) break;
      readId = slice.readId;
      total = slice.total;
      for (const item of slice.items) items.push(item);
      if (slice.items.length === 0) break;
    }
    if (items.length === total) return items;
  }
  throw new Error('The stock snapshot changed again and again while it was being read: try again.');
}
