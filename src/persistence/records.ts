import type { ShelfcastDB, StoredRecord } from './db';

/** Stores holding `StoredRecord`s. */
export type RecordStore = 'models' | 'forecasts' | 'backtests' | 'simRuns' | 'orders';

/** Saves (or replaces) a record. */
export async function putRecord<P>(db: ShelfcastDB, store: RecordStore, record: StoredRecord<P>): Promise<void> {
  await db.put(store, record as StoredRecord);
}

/** One record, or undefined. */
export async function getRecord<P>(db: ShelfcastDB, store: RecordStore, id: string): Promise<StoredRecord<P> | undefined> {
  return (await db.get(store, id)) as StoredRecord<P> | undefined;
}

/**
 * Lists a store's records, newest first, without their payloads (a cursor reads each record; only the
 * descriptive fields are kept), optionally for one dataset.
 */
export async function listRecords(db: ShelfcastDB, store: RecordStore, datasetId?: string): Promise<Array<StoredRecord<null>>> {
  const tx = db.transaction(store, 'readonly');
  const source = datasetId === undefined ? tx.store : tx.store.index('byDataset');
  const out: Array<StoredRecord<null>> = [];
  let cursor = await (datasetId === undefined ? source.openCursor() : source.openCursor(datasetId));
  while (cursor) {
    const { payload: _, ...rest } = cursor.value;
    out.push({ ...rest, payload: null });
    cursor = await cursor.continue();
  }
  await tx.done;
  return out.sort((a, b) => b.createdAt - a.createdAt);
}

/** Deletes a record. */
export async function deleteRecord(db: ShelfcastDB, store: RecordStore, id: string): Promise<void> {
  await db.delete(store, id);
}
