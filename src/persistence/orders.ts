/**
 * Purchase-order lines in the `orders` store: one `StoredRecord<OrderLine>` per line (kind 'order-line'), indexed
 * by the snapshot's dataset. A batch of decisions is written in one transaction with no other await inside it,
 * so an approval of many lines is stored whole or not at all.
 */
import { allOrNothing } from './all-or-nothing';
import type { OrderLine, OrderLineState } from '../lib/reorder-run/order-lines';
import { withState } from '../lib/reorder-run/order-lines';
import type { ShelfcastDB, StoredRecord } from './db';
import { randomId } from '../lib/core/id';

/** `StoredRecord.kind` of an order line. */
export const ORDER_LINE_KIND = 'order-line';

/** A stored order line. */
export type OrderLineRecord = StoredRecord<OrderLine>;

function isOrderLine(r: StoredRecord): r is OrderLineRecord {
  const p = r.payload as Partial<OrderLine> | null;
  return r.kind === ORDER_LINE_KIND && !!p && typeof p.inventoryId === 'string' && !!p.order && typeof p.order.seriesId === 'string';
}

/** Saves a batch of new lines in one transaction; returns their records. Each line's id is unique in the store. */
export async function saveOrderLines(db: ShelfcastDB, datasetId: string | null, lines: readonly OrderLine[], at: number): Promise<OrderLineRecord[]> {
  const records: OrderLineRecord[] = lines.map((payload) => {
    const id = `${payload.order.id}-${randomId()}`;
    return { id, datasetId, name: `${payload.order.seriesId} × ${payload.order.quantity}`, kind: ORDER_LINE_KIND, createdAt: at, updatedAt: at, payload: { ...payload, order: { ...payload.order, id } } };
  });
  await putAll(db, records);
  return records;
}

/** Moves lines to `state` in one transaction; returns the updated records (ids not found are skipped). */
export async function setOrderLineState(db: ShelfcastDB, ids: readonly string[], state: OrderLineState, at: number): Promise<OrderLineRecord[]> {
  const tx = db.transaction('orders', 'readwrite');
  const found = await Promise.all(ids.map((id) => tx.store.get(id)));
  const updated = found.filter((r): r is StoredRecord => !!r && isOrderLine(r)).map((r) => {
    const rec = r as OrderLineRecord;
    return { ...rec, updatedAt: at, payload: withState(rec.payload, state, at) };
  });
  await Promise.all([...updated.map((r) => tx.store.put(r as StoredRecord)), tx.done]);
  return updated;
}

async function putAll(db: ShelfcastDB, records: readonly StoredRecord[]): Promise<void> {
  const tx = db.transaction('orders', 'readwrite');
  await allOrNothing(tx, (queue) => {
    for (const r of records) queue(tx.store.put(r));
  });
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
