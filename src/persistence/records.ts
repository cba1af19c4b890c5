/**
 * Result records (models, forecasts, backtests, simulation runs, order lines): the one module that writes them
 * and their metadata. Invariants:
 * - a record and its `recordMeta` entry are written and deleted in one transaction, so lists (read from
 *   `recordMeta` only, never deserialising a payload of up to 160 MB) always match the records;
 * - a record with a dataset is saved only while that dataset exists, checked in the same transaction, so a job
 *   still running in one tab cannot store results for a dataset another tab deleted.
 */
import { AppError } from '../lib/core/errors';
import { allOrNothing } from './all-or-nothing';
import { announceChange } from './changes';
import { metaOf, type ShelfcastDB, type StoredRecord, type StoredRecordMeta } from './db';
import { storageError } from './quota';

/** Stores holding `StoredRecord`s. */
export type RecordStore = StoredRecordMeta['store'];

/** Saves (or replaces) a record. Rejects with 'not-found' when its dataset is gone, 'quota-exceeded' when storage is full. */
export async function putRecord<P>(db: ShelfcastDB, store: RecordStore, record: StoredRecord<P>): Promise<void> {
  const tx = db.transaction([store, 'recordMeta', 'datasets'], 'readwrite');
  try {
    await allOrNothing(tx, async (queue) => {
      if (record.datasetId !== null && (await tx.objectStore('datasets').getKey(record.datasetId)) === undefined) {
        throw new AppError('not-found', `The dataset this result belongs to was deleted (perhaps in another tab), so the result was not saved.`, { datasetId: record.datasetId });
      }
      queue(tx.objectStore(store).put(record as StoredRecord));
      queue(tx.objectStore('recordMeta').put(metaOf(store, record as StoredRecord)));
    });
  } catch (error) {
    throw await storageError(error, record);
  }
  announceChange({ kind: 'results', store, datasetId: record.datasetId });
}

/** One record, or undefined. */
export async function getRecord<P>(db: ShelfcastDB, store: RecordStore, id: string): Promise<StoredRecord<P> | undefined> {
  return (await db.get(store, id)) as StoredRecord<P> | undefined;
}

/** Lists a store's records, newest first, without their payloads (read from `recordMeta`), optionally for one dataset. */
export async function listRecords(db: ShelfcastDB, store: RecordStore, datasetId?: string): Promise<Array<StoredRecord<null>>> {
  const metas = datasetId === undefined ? await db.getAllFromIndex('recordMeta', 'byStore', store) : (await db.getAllFromIndex('recordMeta', 'byDataset', datasetId)).filter((m) => m.store === store);
  return metas.map(({ store: _, ...rest }) => ({ ...rest, payload: null })).sort((a, b) => b.createdAt - a.createdAt);
}

/** Deletes a record and its metadata. */
export async function deleteRecord(db: ShelfcastDB, store: RecordStore, id: string): Promise<void> {
  const tx = db.transaction([store, 'recordMeta'], 'readwrite');
  const record = await tx.objectStore(store).get(id);
  await Promise.all([tx.objectStore(store).delete(id), tx.objectStore('recordMeta').delete([store, id]), tx.done]);
  announceChange({ kind: 'results', store, datasetId: record?.datasetId ?? null });
}
