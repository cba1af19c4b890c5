/**
 * The reorder engine's inputs made from a (forecast, backtest, dataset): the one module that reads and writes the
 * `planInputs` store. Derived data (lib/reorder-run/plan-inputs.ts), so:
 * - it is never the only copy of anything: a missing, unreadable or old-format record is made again, and a failure
 *   to save one only costs the next first run its time;
 * - it goes with what it came from: deleting the forecast, the backtest or the dataset, or replacing the dataset's
 *   series, deletes it (records.ts, datasets.ts call `deletePlanInputsIn` inside their own transactions);
 * - backups leave it out and a restore or clear-all empties it (backup.ts clears every store).
 * A large record is saved in parts like the result stores' (record-parts.ts).
 */
import type { PlanInputs } from '../lib/reorder-run/plan-inputs';
import type { IDBPTransaction, StoreNames } from 'idb';
import type { ShelfcastDB, ShelfcastSchema, StoredRecord } from './db';
import { allOrNothing } from './all-or-nothing';
import { joinRecord, PART_BYTES, partsRange, splitRecord } from './record-parts';

/** What the store's payload holds. */
export interface StoredPlanInputs {
  /** Forecast the inputs came from. */
  forecastId: string;
  /** Backtest whose errors they carry ('' for none). */
  backtestId: string;
  /** The inputs. */
  inputs: PlanInputs;
}

/** The record id of the inputs of a forecast, a backtest ('' for none) and a dataset ('' for none). */
export function planInputsId(forecastId: string, backtestId: string, datasetId: string): string {
  return `${forecastId}|${backtestId}|${datasetId}`;
}

/** The inputs saved under `id`, or undefined (also when a part is missing: the caller makes them again). */
export async function getPlanInputs(db: ShelfcastDB, id: string): Promise<PlanInputs | undefined> {
  const tx = db.transaction('planInputs');
  const head = (await tx.store.get(id)) as (StoredRecord & { parts?: number }) | undefined;
  if (!head) return undefined;
  try {
    const record = head.parts ? joinRecord<StoredPlanInputs>(head, await tx.store.getAll(partsRange(id))) : (head as StoredRecord<StoredPlanInputs>);
    return record.payload.inputs;
  } catch {
    return undefined;
  }
}

/**
 * Saves the inputs under `id`, its typed arrays over `partBytes` in parts; false, saving nothing, when the forecast
 * is gone (deleted meanwhile, perhaps in another tab: checked in the same transaction, so no record outlives it).
 */
export async function putPlanInputs(db: ShelfcastDB, id: string, source: { datasetId: string | null; forecastId: string; backtestId: string }, inputs: PlanInputs, partBytes = PART_BYTES): Promise<boolean> {
  const now = Date.now();
  const record: StoredRecord<StoredPlanInputs> = { id, datasetId: source.datasetId, name: '', kind: 'plan-inputs', createdAt: now, updatedAt: now, payload: { forecastId: source.forecastId, backtestId: source.backtestId, inputs } };
  const { head, parts } = splitRecord(record, partBytes);
  const tx = db.transaction(['planInputs', 'forecasts'], 'readwrite');
  const store = tx.objectStore('planInputs');
  let saved = false;
  await allOrNothing(tx, async (queue) => {
    if ((await tx.objectStore('forecasts').getKey(source.forecastId)) === undefined) return;
    queue(store.delete(partsRange(id)));
    for (const p of parts) queue(store.put(p as StoredRecord));
    queue(store.put(head as StoredRecord));
    saved = true;
  });
  return saved;
}

/** A transaction that includes the `planInputs` store. */
type WithPlanInputs = IDBPTransaction<ShelfcastSchema, ArrayLike<StoreNames<ShelfcastSchema>>, 'readwrite'>;

/**
 * Queues, inside `tx`, the deletion of every record made from a forecast, a backtest or a dataset (with their
 * parts). For the callers that delete those, in their own transaction.
 */
export async function deletePlanInputsIn(tx: WithPlanInputs, by: { forecastId?: string; backtestId?: string; datasetId?: string }, queue: (write: Promise<unknown>) => void): Promise<void> {
  const store = tx.objectStore('planInputs');
  const ids = new Set<string>();
  if (by.forecastId !== undefined) for (const k of await store.index('byForecast').getAllKeys(by.forecastId)) ids.add(k);
  if (by.backtestId !== undefined) for (const k of await store.index('byBacktest').getAllKeys(by.backtestId)) ids.add(k);
  // By dataset: heads and parts alike (parts carry the dataset id too).
  if (by.datasetId !== undefined) for (const k of await store.index('byDataset').getAllKeys(by.datasetId)) ids.add(k);
  for (const id of ids) {
    queue(store.delete(id));
    queue(store.delete(partsRange(id)));
  }
}
