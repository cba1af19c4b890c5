/**
 * The summary worker's inventory steps: list the snapshots' summaries and hand a snapshot's items to the page in
 * slices, each small enough to deserialize on the main thread within a frame (issue #13). One read is held
 * between the slices of a load; the next first slice reads afresh, so a changed snapshot is never served stale.
 */
import { maybeInteger } from '../lib/core/errors';
import type { InventorySnapshot } from '../lib/dataset/types';
import { listInventorySummaries, loadInventory, setInventoryDefaults } from '../persistence/datasets';
import type { ShelfcastDB } from '../persistence/db';
import type { Handlers } from './rpc';
import type { InventoryApi } from './summary-protocol';

/** Largest slice of items one call returns. */
export const MAX_ITEMS_SLICE = 10_000;

/** Creates the inventory handlers over a workspace database (opened lazily by `db`). */
export function createInventoryHandlers(db: () => Promise<ShelfcastDB>): Handlers<InventoryApi> {
  let reads = 0;
  let held: { readId: number; inventoryId: string; snapshot: InventorySnapshot } | null = null;
  const checkId = (id: unknown) => {
    if (typeof id !== 'string') throw new TypeError(`invalid inventoryId: ${String(id)}`);
    return id;
  };

  return {
    async inventories() {
      return listInventorySummaries(await db());
    },

    async inventoryItems({ inventoryId, readId, offset, limit }) {
      const id = checkId(inventoryId);
      const from = maybeInteger('offset', offset, 0);
      const n = maybeInteger('limit', limit, 1, MAX_ITEMS_SLICE);
      if (readId === null) {
        const snapshot = await loadInventory(await db(), id);
        held = snapshot ? { readId: ++reads, inventoryId: id, snapshot } : null;
        if (!held) return null;
      } else if (held?.readId !== readId || held.inventoryId !== id) return { stale: true };
      const { items } = held.snapshot;
      // The last slice lets the read go: the page holds the items now.
      const slice = { readId: held.readId, items: items.slice(from, from + n), total: items.length };
      if (from + n >= items.length) held = null;
      return slice;
    },

    async setInventoryDefaults({ inventoryId, defaults }) {
      return setInventoryDefaults(await db(), checkId(inventoryId), defaults);
    },
  };
}
