import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { summarizeInventory } from '../../../src/lib/dataset/inventory-summary';
import { DEFAULT_INVENTORY_DEFAULTS, type InventoryItem, type InventorySnapshot } from '../../../src/lib/dataset/types';
import { onWorkspaceChange, type WorkspaceChange } from '../../../src/persistence/changes';
import { listInventorySummaries, saveInventory, setInventoryDefaults } from '../../../src/persistence/datasets';
import { openWorkspaceDb } from '../../../src/persistence/db';
import { createInventoryHandlers, MAX_ITEMS_SLICE } from '../../../src/workers/inventory-service';
import { readItemsInSlices } from '../../../src/ui/state/inventory-items';

/**
 * The page lists inventory snapshots without their items and reads a snapshot's items in slices from the summary
 * worker (issue #13: reading a 30,000-item snapshot whole cost the main thread 112 ms and 81 ms tasks).
 */

let n = 0;
const freshDb = () => openWorkspaceDb(`inventory-service-${++n}`);
const live = { signal: new AbortController().signal, onProgress: () => {} };

function item(i: number, defaulted: InventoryItem['defaulted'] = []): InventoryItem {
  return {
    key: { sku: `S${i}` }, seriesId: `S${i}`, onHand: i, onOrder: 0, backorders: 0, leadTimeDays: defaulted.includes('leadTimeDays') ? 7 : 3 + (i % 11),
    leadTimeStdDays: 0, unitCost: 1, moq: 1, packSize: 1, serviceLevel: 0.95, defaulted,
  };
}

function snapshot(id: string, count: number, createdAt: number): InventorySnapshot {
  return {
    id, name: `stock ${id}`, sourceFile: `${id}.csv`, createdAt, asOfDay: null, datasetId: null, keyColumns: ['sku'],
    items: Array.from({ length: count }, (_, i) => item(i, i % 3 === 0 ? ['leadTimeDays'] : [])),
    defaults: { ...DEFAULT_INVENTORY_DEFAULTS }, report: { issues: [], counts: {}, severities: {}, fatal: false },
  };
}

describe('inventory summaries', () => {
  it('count the items, those that use a default, and the longest lead time; they carry no items nor report', () => {
    const s = summarizeInventory(snapshot('a', 30, 1));
    expect(s).toMatchObject({ id: 'a', name: 'stock a', itemCount: 30, defaultedCount: 10, maxLeadTimeDays: 13 });
    expect(s).not.toHaveProperty('items');
    expect(s).not.toHaveProperty('report');
    expect(summarizeInventory(snapshot('e', 0, 1))).toMatchObject({ itemCount: 0, defaultedCount: 0, maxLeadTimeDays: 0 });
  });

  it('are listed newest first, one per stored snapshot', async () => {
    const db = await freshDb();
    await saveInventory(db, snapshot('old', 5, 1));
    await saveInventory(db, snapshot('new', 7, 2));
    expect((await listInventorySummaries(db)).map((s) => [s.id, s.itemCount])).toEqual([['new', 7], ['old', 5]]);
  });
});

describe('inventory worker handlers', () => {
  it('hand over a snapshot in slices of one read that join into its items', async () => {
    const db = await freshDb();
    const snap = snapshot('big', 2 * MAX_ITEMS_SLICE + 5, 1);
    await saveInventory(db, snap);
    const h = createInventoryHandlers(async () => db);
    const listed = await h.inventories(null, live);
    expect(listed).toEqual([summarizeInventory(snap)]);
    const got: InventoryItem[] = [];
    let readId: number | null = null;
    for (;;) {
      const slice = await h.inventoryItems({ inventoryId: 'big', readId, offset: got.length, limit: MAX_ITEMS_SLICE }, live);
      if (!slice || 'stale' in slice) throw new Error('expected a slice');
      readId = slice.readId;
      got.push(...slice.items);
      expect(slice.total).toBe(snap.items.length);
      if (got.length >= slice.total) break;
    }
    expect(got).toEqual(snap.items);
  });

  it('answer stale when another read came in between, null for a gone snapshot, and refuse a bad slice', async () => {
    const db = await freshDb();
    await saveInventory(db, snapshot('a', 10, 1));
    const h = createInventoryHandlers(async () => db);
    const first = await h.inventoryItems({ inventoryId: 'a', readId: null, offset: 0, limit: 4 }, live);
    if (!first || 'stale' in first) throw new Error('expected a slice');
    await h.inventoryItems({ inventoryId: 'a', readId: null, offset: 0, limit: 4 }, live);
    expect(await h.inventoryItems({ inventoryId: 'a', readId: first.readId, offset: 4, limit: 4 }, live)).toEqual({ stale: true });
    expect(await h.inventoryItems({ inventoryId: 'gone', readId: null, offset: 0, limit: 4 }, live)).toBeNull();
    await expect(h.inventoryItems({ inventoryId: 'a', readId: null, offset: 0, limit: MAX_ITEMS_SLICE + 1 }, live)).rejects.toThrow(/invalid limit/);
    await expect(h.inventoryItems({ inventoryId: 7 as unknown as string, readId: null, offset: 0, limit: 4 }, live)).rejects.toThrow(/invalid inventoryId: 7/);
  });

  it('set defaults in the worker: defaulted fields take them, file values stay, and the change is announced', async () => {
    const db = await freshDb();
    const snap = snapshot('a', 6, 1);
    await saveInventory(db, snap);
    const changes: WorkspaceChange[] = [];
    const stop = onWorkspaceChange((c) => changes.push(c));
    const h = createInventoryHandlers(async () => db);
    expect(await h.setInventoryDefaults({ inventoryId: 'a', defaults: { ...DEFAULT_INVENTORY_DEFAULTS, leadTimeDays: 21 } }, live)).toBe(true);
    const stored = (await db.get('inventories', 'a'))!;
    expect(stored.defaults.leadTimeDays).toBe(21);
    expect(stored.items.map((it) => it.leadTimeDays)).toEqual(snap.items.map((it) => (it.defaulted.includes('leadTimeDays') ? 21 : it.leadTimeDays)));
    expect((await h.inventories(null, live))[0].maxLeadTimeDays).toBe(21);
    expect(await h.setInventoryDefaults({ inventoryId: 'gone', defaults: DEFAULT_INVENTORY_DEFAULTS }, live)).toBe(false);
    await new Promise((r) => setTimeout(r, 20));
    stop();
    expect(changes).toContainEqual({ kind: 'inventories', inventoryId: 'a' });
  });

  it('refuse a bad default before writing anything', async () => {
    const db = await freshDb();
    await saveInventory(db, snapshot('a', 3, 1));
    await expect(setInventoryDefaults(db, 'a', { ...DEFAULT_INVENTORY_DEFAULTS, serviceLevel: 1.2 })).rejects.toThrow(/invalid serviceLevel: 1.2/);
    expect((await db.get('inventories', 'a'))!.defaults.serviceLevel).toBe(0.95);
  });
});

describe('reading a snapshot onto the page in slices (ui/state/inventory-items)', () => {
  it('joins the slices of one read into the items, asking for sliceSize at a time; null when gone', async () => {
    const db = await freshDb();
    const snap = snapshot('a', 25, 1);
    await saveInventory(db, snap);
    const h = createInventoryHandlers(async () => db);
    const asked: Array<[number, number | null]> = [];
    const ask = (input: Parameters<typeof h.inventoryItems>[0]) => (asked.push([input.offset, input.readId]), h.inventoryItems(input, live));
    expect(await readItemsInSlices(ask, 'a', 10)).toEqual(snap.items);
    expect(asked.map(([offset]) => offset)).toEqual([0, 10, 20]);
    expect(asked[0][1]).toBeNull();
    expect(asked[1][1]).not.toBeNull();
    expect(await readItemsInSlices(ask, 'gone', 10)).toBeNull();
  });

  it('starts over when another read comes in between, and gives up saying why when it never settles', async () => {
    const db = await freshDb();
    const snap = snapshot('a', 25, 1);
    await saveInventory(db, snap);
    const h = createInventoryHandlers(async () => db);
    let interrupts = 1;
    const ask = async (input: Parameters<typeof h.inventoryItems>[0]) => {
      // Another load reads the snapshot afresh right after this one's first slice (once).
      const answer = await h.inventoryItems(input, live);
      if (input.readId === null && interrupts-- > 0) await h.inventoryItems({ ...input, readId: null }, live);
      return answer;
    };
    expect(await readItemsInSlices(ask, 'a', 10)).toEqual(snap.items);
    const always = async (input: Parameters<typeof h.inventoryItems>[0]) => {
      const answer = await h.inventoryItems(input, live);
      if (input.readId === null) await h.inventoryItems({ ...input, readId: null }, live);
      return answer;
    };
    await expect(readItemsInSlices(always, 'a', 10, 2)).rejects.toThrow(/changed again and again/);
  });
});
