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
import { deletePlanInputsIn } from './plan-inputs';
import { approximateBytes, storageError } from './quota';
import { joinRecord, partsRange, splitRecord } from './record-parts';

/**
 * Largest record saved in one piece. Chromium refuses a single IndexedDB value whose serialised form exceeds
 * 133,169,152 bytes ("The serialized keys and/or value are too large", measured in Chromium 14x, issue #13): a
 * weekly backtest of 100,000 series with the default models is about 180 MB. The estimate (`approximateBytes`)
 * can be a few MB off the serialised size, so the bound keeps a margin below the browser's.
 */
export const MAX_RECORD_BYTES = 125_000_000;

const mb = (bytes: number) => `${Math.round(bytes / 1e6).toLocaleString('en')} MB`;

/** The 'storage' error of a record too large for one IndexedDB value (details.tooLarge: true). */
export function tooLargeError(neededBytes: number, maxBytes = MAX_RECORD_BYTES): AppError {
  return new AppError(
    'storage',
    `This result is too large to save in the browser: about ${mb(neededBytes)}, and the browser stores at most ${mb(maxBytes)} in one piece. It was not saved. Use fewer models, fewer origins or a shorter horizon, or split the catalogue (by store or category) and run each part.`,
    { tooLarge: true, neededBytes, maxBytes },
  );
}

/** True for the error `tooLargeError` makes, also after it crossed a worker boundary. */
export function isTooLargeError(error: unknown): boolean {
  return error instanceof AppError && error.code === 'storage' && error.details?.tooLarge === true;
}

/** Chromium's own refusal of an oversized value (an UnknownError that aborts the transaction), as `tooLargeError`. */
export function browserTooLarge(error: unknown, record: unknown): AppError | null {
  const e = error as { name?: unknown; message?: unknown } | null;
  if (typeof e?.message !== 'string' || !/too large/i.test(e.message) || e.name === 'AppError') return null;
  const size = /size=(\d+)/.exec(e.message)?.[1];
  const max = /max=(\d+)/.exec(e.message)?.[1];
  return tooLargeError(size ? Number(size) : approximateBytes(record), max ? Number(max) : MAX_RECORD_BYTES);
}

/** Stores holding `StoredRecord`s. */
export type RecordStore = StoredRecordMeta['store'];

/**
 * Saves (or replaces) a record. Over `maxBytes` (about one value the browser takes) its large typed arrays are
 * saved as parts of `partBytes` in the same transaction (record-parts.ts). Rejects with 'not-found' when its
 * dataset is gone, 'quota-exceeded' when storage is full, and 'storage' with `details.tooLarge`
 * (`isTooLargeError`) when even without its large arrays it is over `maxBytes`: checked before writing, as
 * Chromium's refusal comes only after it serialised the whole value.
 */
export async function putRecord<P>(db: ShelfcastDB, store: RecordStore, record: StoredRecord<P>, maxBytes = MAX_RECORD_BYTES, partBytes?: number): Promise<void> {
  const bytes = approximateBytes(record);
  // Over the bound, its large typed arrays go in parts (record-parts.ts); what is left must fit in one value.
  const { head, parts } = bytes > maxBytes ? splitRecord(record, partBytes) : { head: record as StoredRecord, parts: [] };
  if (bytes > maxBytes && (parts.length === 0 || approximateBytes(head) > maxBytes)) throw tooLargeError(bytes, maxBytes);
  const tx = db.transaction([store, 'recordMeta', 'datasets'], 'readwrite');
  try {
    await allOrNothing(tx, async (queue) => {
      if (record.datasetId !== null && (await tx.objectStore('datasets').getKey(record.datasetId)) === undefined) {
        throw new AppError('not-found', `The dataset this result belongs to was deleted (perhaps in another tab), so the result was not saved.`, { datasetId: record.datasetId });
      }
      // The parts of an earlier version of this record go first (the new one may have fewer, or none).
      queue(tx.objectStore(store).delete(partsRange(record.id)));
      for (const part of parts) queue(tx.objectStore(store).put(part as StoredRecord));
      queue(tx.objectStore(store).put(head as StoredRecord));
      queue(tx.objectStore('recordMeta').put(metaOf(store, record as StoredRecord)));
    });
  } catch (error) {
    throw browserTooLarge(error, record) ?? (await storageError(error, record));
  }
  announceChange({ kind: 'results', store, datasetId: record.datasetId });
}

/** One record (joined from its parts when it was saved in parts), or undefined. */
export async function getRecord<P>(db: ShelfcastDB, store: RecordStore, id: string): Promise<StoredRecord<P> | undefined> {
  const tx = db.transaction(store);
  const head = (await tx.store.get(id)) as (StoredRecord & { parts?: number }) | undefined;
  if (!head?.parts) return head as StoredRecord<P> | undefined;
  return joinRecord<P>(head, await tx.store.getAll(partsRange(id)));
}

/** Lists a store's records, newest first, without their payloads (read from `recordMeta`), optionally for one dataset. */
export async function listRecords(db: ShelfcastDB, store: RecordStore, datasetId?: string): Promise<Array<StoredRecord<null>>> {
  const metas = datasetId === undefined ? await db.getAllFromIndex('recordMeta', 'byStore', store) : (await db.getAllFromIndex('recordMeta', 'byDataset', datasetId)).filter((m) => m.store === store);
  return metas.map(({ store: _, ...rest }) => ({ ...rest, payload: null })).sort((a, b) => b.createdAt - a.createdAt);
}

/** Deletes a record and its metadata. */
export async function deleteRecord(db: ShelfcastDB, store: RecordStore, id: string): Promise<void> {
  const tx = db.transaction([store, 'recordMeta', 'planInputs'], 'readwrite');
  let datasetId: string | null = null;
  await allOrNothing(tx, async (queue) => {
    datasetId = (await tx.objectStore(store).get(id))?.datasetId ?? null;
    // The reorder inputs made from a forecast or a backtest go with it (plan-inputs.ts).
    if (store === 'forecasts') await deletePlanInputsIn(tx, { forecastId: id }, queue);
    if (store === 'backtests') await deletePlanInputsIn(tx, { backtestId: id }, queue);
    queue(tx.objectStore(store).delete(id));
    queue(tx.objectStore(store).delete(partsRange(id)));
    queue(tx.objectStore('recordMeta').delete([store, id]));
  });
  announceChange({ kind: 'results', store, datasetId });
}
