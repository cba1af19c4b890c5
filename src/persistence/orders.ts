/**
 * Purchase-order lines in the `orders` store: one `StoredRecord<OrderLine>` per line (kind 'order-line'), indexed
 * by the snapshot's dataset. A batch of decisions is written in one transaction with no other await inside it,
 * so an approval of many lines is stored whole or not at all.
 * Invariant: at most one approved (open) line per item and snapshot. The check and the writes share one readwrite
 * transaction, which IndexedDB runs alone on this store across every tab, so a double click, two tabs approving
 * at once, or a retry after a reload cannot order an item twice.
 */
import { allOrNothing } from './all-or-nothing';
import { announceChange } from './changes';
import { storageError } from './quota';
import type { OrderLine, OrderLineState } from '../lib/reorder-run/order-lines';
import { withState } from '../lib/reorder-run/order-lines';
import { metaOf, type ShelfcastDB, type StoredRecord } from './db';
import { randomId } from '../lib/core/id';

/** `StoredRecord.kind` of an order line. */
export const ORDER_LINE_KIND = 'order-line';

/** A stored order line. */
export type OrderLineRecord = StoredRecord<OrderLine>;

function isOrderLine(r: StoredRecord): r is OrderLineRecord {
  const p = r.payload as Partial<OrderLine> | null;
  return r.kind === ORDER_LINE_KIND && !!p && typeof p.inventoryId === 'string' && !!p.order && typeof p.order.seriesId === 'string';
}

/** What a batch of decisions did. */
export interface Decision {
  /** The lines stored, in input order. */
  saved: OrderLineRecord[];
  /** Series skipped: already on an open (approved) line of the snapshot, or already rejected (for a rejection). */
  skipped: string[];
}

/**
 * Stores a batch of decisions in one transaction (see the module's invariant): a line for an item that already
 * has an approved line in its snapshot is skipped, and so is a rejection of an item whose latest line is a
 * rejection. Returns what was saved and what was skipped. Each line's id is unique in the store.
 */
export async function decideOrderLines(db: ShelfcastDB, datasetId: string | null, lines: readonly OrderLine[], at: number): Promise<Decision> {
  const tx = db.transaction(['orders', 'recordMeta'], 'readwrite');
  const saved: OrderLineRecord[] = [];
  const skipped: string[] = [];
  try {
    await allOrNothing(tx, async (queue) => {
      const orders = tx.objectStore('orders');
      const existing = (datasetId === null ? await orders.getAll() : await orders.index('byDataset').getAll(datasetId)).filter(isOrderLine);
      const open = new Set<string>();
      const latest = new Map<string, OrderLineRecord>();
      for (const r of existing) {
        const key = `${r.payload.inventoryId}\u0000${r.payload.order.seriesId}`;
        if (r.payload.state === 'approved') open.add(key);
        const prev = latest.get(key);
        if (!prev || r.updatedAt >= prev.updatedAt) latest.set(key, r);
      }
      for (const payload of lines) {
        const key = `${payload.inventoryId}\u0000${payload.order.seriesId}`;
        if (open.has(key) || (payload.state === 'rejected' && latest.get(key)?.payload.state === 'rejected')) {
          skipped.push(payload.order.seriesId);
          continue;
        }
        if (payload.state === 'approved') open.add(key);
        const id = `${payload.order.id}-${randomId()}`;
        const record: OrderLineRecord = { id, datasetId, name: `${payload.order.seriesId} × ${payload.order.quantity}`, kind: ORDER_LINE_KIND, createdAt: at, updatedAt: at, payload: { ...payload, order: { ...payload.order, id } } };
        latest.set(key, record);
        saved.push(record);
        queue(tx.objectStore('orders').put(record as StoredRecord));
        queue(tx.objectStore('recordMeta').put(metaOf('orders', record as StoredRecord)));
      }
    });
  } catch (error) {
    throw await storageError(error, saved);
  }
  for (const inventoryId of new Set(saved.map((r) => r.payload.inventoryId))) announceChange({ kind: 'orders', inventoryId });
  return { saved, skipped };
}

/** Saves a batch of new lines (see `decideOrderLines`); returns the records stored. */
export async function saveOrderLines(db: ShelfcastDB, datasetId: string | null, lines: readonly OrderLine[], at: number): Promise<OrderLineRecord[]> {
  return (await decideOrderLines(db, datasetId, lines, at)).saved;
}

/** Moves lines to `state` in one transaction; returns the updated records (ids not found are skipped). */
export async function setOrderLineState(db: ShelfcastDB, ids: readonly string[], state: OrderLineState, at: number): Promise<OrderLineRecord[]> {
  const tx = db.transaction(['orders', 'recordMeta'], 'readwrite');
  const found = await Promise.all(ids.map((id) => tx.objectStore('orders').get(id)));
  const updated = found.filter((r): r is StoredRecord => !!r && isOrderLine(r)).map((r) => {
    const rec = r as OrderLineRecord;
    return { ...rec, updatedAt: at, payload: withState(rec.payload, state, at) };
  });
  await Promise.all([...updated.flatMap((r) => [tx.objectStore('orders').put(r as StoredRecord), tx.objectStore('recordMeta').put(metaOf('orders', r as StoredRecord))]), tx.done]).catch(async (error: unknown) => {
    throw await storageError(error, updated);
  });
  for (const inventoryId of new Set(updated.map((r) => r.payload.inventoryId))) announceChange({ kind: 'orders', inventoryId });
  return updated;
}

/**
 * The lines of one inventory snapshot, newest first. With its dataset id the `byDataset` index is read; a snapshot
 * without a dataset (null is not an IndexedDB key) reads the whole store.
 */
export async function listOrderLines(db: ShelfcastDB, inventoryId: string, datasetId: string | null): Promise<OrderLineRecord[]> {
  const all = datasetId === null ? await db.getAll('orders') : await db.getAllFromIndex('orders', 'byDataset', datasetId);
  return all
    .filter(isOrderLine)
    .filter((r) => r.payload.inventoryId === inventoryId)
    .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1));
}
