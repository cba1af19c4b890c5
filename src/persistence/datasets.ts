import type { Dataset, InventoryDefaults, InventorySnapshot, SeriesRecord } from '../lib/dataset/types';
import { applyInventoryDefaults, maybeInventoryDefaults } from '../lib/dataset/inventory-defaults';
import { summarizeInventory, type InventorySummary } from '../lib/dataset/inventory-summary';
import { summarizeDataset, type DatasetSummary } from '../lib/dataset/summary';
import { allOrNothing } from './all-or-nothing';
import { deletePlanInputsIn } from './plan-inputs';
import { announceChange } from './changes';
import { RECORD_STORES, SERIES_CHUNK, type ShelfcastDB, type StoredDataset, type StoredJob } from './db';
import { heldJobLocks, holdJobLock, releaseJobLock, waitForJobLock } from './job-locks';
import { isQuotaError, storageError } from './quota';

/**
 * Datasets and inventory snapshots in the workspace. Writes happen in one transaction per dataset (all stores
 * it touches), with no unrelated awaits inside it, so a failure or a closed tab leaves nothing half-written.
 */

/** A dataset to store, with what belongs to it. */
export interface DatasetEntry {
  /** The dataset. */
  dataset: Dataset;
  /** Identifies its source file (see StoredDataset). */
  sourceSignature?: string | null;
  /** An inventory snapshot stored with it. */
  inventory?: InventorySnapshot | null;
  /** Its summary (computed when absent). */
  summary?: DatasetSummary;
}

/** Stores a dataset (replacing one with the same id), its summary, and optionally an inventory snapshot. */
export async function saveDataset(
  db: ShelfcastDB,
  dataset: Dataset,
  options: { sourceSignature?: string | null; inventory?: InventorySnapshot | null; summary?: DatasetSummary } = {},
): Promise<StoredDataset> {
  return (await saveDatasets(db, [{ dataset, ...options }]))[0];
}

/**
 * Stores several datasets in one transaction (the demo's two and its snapshot): all of them or, on a full disk,
 * none, with "not enough storage: X MB needed, Y MB free".
 */
export async function saveDatasets(db: ShelfcastDB, entries: readonly DatasetEntry[]): Promise<StoredDataset[]> {
  const stored = entries.map((e) => ({ ...e.dataset.meta, sourceSignature: e.sourceSignature ?? null }) satisfies StoredDataset);
  const summaries = entries.map((e) => e.summary ?? summarizeDataset(e.dataset));
  const tx = db.transaction(['datasets', 'calendars', 'seriesChunks', 'summaries', 'inventories', 'planInputs'], 'readwrite');
  const chunks = tx.objectStore('seriesChunks');
  try {
    // A put that throws (an uncloneable value, the quota) must not leave the earlier puts to commit.
    await allOrNothing(tx, async (queue) => {
      for (const [i, { dataset, inventory }] of entries.entries()) {
        // New series under this id: reorder inputs made from the old ones (history facts) no longer hold.
        await deletePlanInputsIn(tx, { datasetId: dataset.meta.id }, queue);
        const old = await chunks.index('byDataset').getAllKeys(dataset.meta.id);
        for (const k of old) queue(chunks.delete(k));
        for (let c = 0; c * SERIES_CHUNK < dataset.series.length; c++) {
          queue(chunks.put({ datasetId: dataset.meta.id, chunk: c, series: dataset.series.slice(c * SERIES_CHUNK, (c + 1) * SERIES_CHUNK) }));
        }
        queue(tx.objectStore('calendars').put({ ...dataset.calendar, datasetId: dataset.meta.id }));
        queue(tx.objectStore('summaries').put(summaries[i]));
        if (inventory) queue(tx.objectStore('inventories').put(inventory));
        queue(tx.objectStore('datasets').put(stored[i]));
      }
    });
  } catch (error) {
    throw await storageError(error, entries);
  }
  for (const d of stored) announceChange({ kind: 'datasets', datasetId: d.id });
  return stored;
}

/** Stores an inventory snapshot on its own. */
export async function saveInventory(db: ShelfcastDB, inventory: InventorySnapshot): Promise<void> {
  await db.put('inventories', inventory).catch(async (error: unknown) => {
    throw await storageError(error, inventory);
  });
  announceChange({ kind: 'inventories', inventoryId: inventory.id });
}

/** All datasets, newest first. */
export async function listDatasets(db: ShelfcastDB): Promise<StoredDataset[]> {
  const all = await db.getAll('datasets');
  return all.sort((a, b) => b.createdAt - a.createdAt);
}

/** All inventory snapshots, newest first. */
export async function listInventories(db: ShelfcastDB): Promise<InventorySnapshot[]> {
  const all = await db.getAll('inventories');
  return all.sort((a, b) => b.createdAt - a.createdAt);
}

/**
 * Every snapshot's summary, newest first, read one snapshot at a time (a cursor), so that no more than one
 * snapshot's items are held at once. Reading a snapshot deserializes all its items: call it off the main thread
 * (the summary worker does) where snapshots may be large.
 */
export async function listInventorySummaries(db: ShelfcastDB): Promise<InventorySummary[]> {
  const out: InventorySummary[] = [];
  for (let cursor = await db.transaction('inventories').store.openCursor(); cursor; cursor = await cursor.continue()) out.push(summarizeInventory(cursor.value));
  return out.sort((a, b) => b.createdAt - a.createdAt);
}

/** Loads one inventory snapshot with its items, or null. */
export async function loadInventory(db: ShelfcastDB, id: string): Promise<InventorySnapshot | null> {
  return (await db.get('inventories', id)) ?? null;
}

/**
 * Sets a snapshot's defaults (items whose fields came from the defaults take the new values), reading and writing
 * it in one transaction; throws naming a bad value, before anything is written. Returns false when it is gone.
 */
export async function setInventoryDefaults(db: ShelfcastDB, id: string, defaults: InventoryDefaults): Promise<boolean> {
  const checked = maybeInventoryDefaults(defaults);
  const tx = db.transaction('inventories', 'readwrite');
  const snapshot = await tx.store.get(id);
  if (!snapshot) {
    await tx.done;
    return false;
  }
  const next = applyInventoryDefaults(snapshot, checked);
  try {
    await Promise.all([tx.store.put(next), tx.done]);
  } catch (error) {
    throw await storageError(error, next);
  }
  announceChange({ kind: 'inventories', inventoryId: id });
  return true;
}

/** Loads a whole dataset, or null. */
export async function loadDataset(db: ShelfcastDB, id: string): Promise<Dataset | null> {
  const tx = db.transaction(['datasets', 'calendars', 'seriesChunks'], 'readonly');
  const [meta, calendar, chunks] = await Promise.all([
    tx.objectStore('datasets').get(id),
    tx.objectStore('calendars').get(id),
    tx.objectStore('seriesChunks').index('byDataset').getAll(id),
  ]);
  if (!meta || !calendar) return null;
  chunks.sort((a, b) => a.chunk - b.chunk);
  const { datasetId: _, ...cal } = calendar;
  const { sourceSignature: __, ...plainMeta } = meta;
  return { meta: plainMeta, calendar: cal, series: chunks.flatMap((c) => c.series) };
}

/** Loads one series by its position in the dataset (one chunk read). */
export async function loadSeriesAt(db: ShelfcastDB, datasetId: string, index: number): Promise<SeriesRecord | null> {
  const chunk = await db.get('seriesChunks', [datasetId, Math.floor(index / SERIES_CHUNK)]);
  return chunk?.series[index % SERIES_CHUNK] ?? null;
}

/** Loads a dataset's summary. */
export function loadSummary(db: ShelfcastDB, datasetId: string): Promise<DatasetSummary | undefined> {
  return db.get('summaries', datasetId);
}

/** Loads a dataset's calendar. */
export async function loadCalendar(db: ShelfcastDB, datasetId: string) {
  return db.get('calendars', datasetId);
}

/** Renames a dataset. */
export async function renameDataset(db: ShelfcastDB, id: string, name: string): Promise<void> {
  const tx = db.transaction('datasets', 'readwrite');
  const meta = await tx.store.get(id);
  if (meta) await tx.store.put({ ...meta, name });
  await tx.done;
  announceChange({ kind: 'datasets', datasetId: id });
}

/**
 * Deletes a dataset with everything that depends on it, in one transaction: series, calendar, summary, the
 * inventory snapshots linked to it, and its results (models, forecasts, backtests, simulation runs on its
 * series, order lines) with their metadata. Nothing unreachable is left behind or carried into backups.
 */
export async function deleteDataset(db: ShelfcastDB, id: string): Promise<void> {
  const stores = ['datasets', 'calendars', 'seriesChunks', 'summaries', 'inventories', 'recordMeta', 'planInputs', ...RECORD_STORES] as const;
  const tx = db.transaction(stores, 'readwrite');
  await allOrNothing(tx, async (queue) => {
    await deletePlanInputsIn(tx, { datasetId: id }, queue);
    for (const store of ['seriesChunks', 'inventories', ...RECORD_STORES] as const) {
      const index = tx.objectStore(store).index('byDataset');
      for (const k of await index.getAllKeys(id)) queue(tx.objectStore(store).delete(k));
    }
    for (const k of await tx.objectStore('recordMeta').index('byDataset').getAllKeys(id)) queue(tx.objectStore('recordMeta').delete(k));
    queue(tx.objectStore('calendars').delete(id));
    queue(tx.objectStore('summaries').delete(id));
    queue(tx.objectStore('datasets').delete(id));
  });
  announceChange({ kind: 'datasets', datasetId: id });
}

/** Deletes an inventory snapshot and its order lines, in one transaction. */
export async function deleteInventory(db: ShelfcastDB, id: string): Promise<void> {
  const tx = db.transaction(['inventories', 'orders', 'recordMeta'], 'readwrite');
  await allOrNothing(tx, async (queue) => {
    const snap = await tx.objectStore('inventories').get(id);
    const orders = tx.objectStore('orders');
    const lines = snap?.datasetId ? await orders.index('byDataset').getAll(snap.datasetId) : await orders.getAll();
    for (const r of lines) {
      if ((r.payload as { inventoryId?: unknown } | null)?.inventoryId !== id) continue;
      queue(orders.delete(r.id));
      queue(tx.objectStore('recordMeta').delete(['orders', r.id]));
    }
    queue(tx.objectStore('inventories').delete(id));
  });
  announceChange({ kind: 'inventories', inventoryId: id });
}

/**
 * Records a job's state (see StoredJob). A job is owned by the realm (tab or worker) that runs it: writing
 * 'running' takes a Web Lock named after the job, any other state releases it, and a closed tab or crashed
 * worker releases it by itself. Other tabs thus tell a job that runs elsewhere from one that was interrupted.
 */
export async function putJob(db: ShelfcastDB, job: StoredJob): Promise<void> {
  if (job.status === 'running') await holdJobLock(job.id);
  try {
    await db.put('jobs', job);
  } catch (error) {
    // The log of jobs is bookkeeping: a full disk must not fail the job itself, whose own write then says
    // "not enough storage" with the figures.
    if (!isQuotaError(error)) throw error;
  }
  if (job.status !== 'running') releaseJobLock(job.id);
  else announceChange({ kind: 'jobs' });
}

/**
 * Marks jobs still 'running' whose owner is gone (no tab or worker holds their lock) as 'interrupted'; returns
 * them. Where Web Locks are missing, every running job not in `runningNow` counts as interrupted.
 */
export async function markInterruptedJobs(db: ShelfcastDB, runningNow: ReadonlySet<string> = new Set()): Promise<StoredJob[]> {
  const owned = await heldJobLocks();
  const tx = db.transaction('jobs', 'readwrite');
  const jobs = await tx.store.getAll();
  const interrupted = jobs.filter((j) => j.status === 'running' && !runningNow.has(j.id) && !owned.has(j.id));
  await Promise.all([...interrupted.map((j) => tx.store.put({ ...j, status: 'interrupted', endedAt: Date.now() })), tx.done]);
  return interrupted.map((j) => ({ ...j, status: 'interrupted' }));
}

/**
 * Waits, without blocking anything, for the owners of jobs that run in another tab or worker now: when one
 * lets its lock go and its job is still 'running' (the tab closed or crashed mid-job), the job is marked
 * 'interrupted' and passed to `onInterrupted`. A job that ends normally writes its state before releasing.
 * `watched` holds the ids already watched (call again when another tab announces a job).
 */
export async function watchRunningJobs(db: ShelfcastDB, onInterrupted: (job: StoredJob) => void, watched: Set<string> = new Set()): Promise<void> {
  const owned = await heldJobLocks();
  const running = (await db.getAll('jobs')).filter((j) => j.status === 'running' && owned.has(j.id) && !watched.has(j.id));
  for (const job of running) {
    watched.add(job.id);
    void waitForJobLock(job.id).then(async () => {
      const tx = db.transaction('jobs', 'readwrite');
      const now = await tx.store.get(job.id);
      if (now?.status !== 'running') return;
      const marked: StoredJob = { ...now, status: 'interrupted', endedAt: Date.now() };
      await Promise.all([tx.store.put(marked), tx.done]);
      onInterrupted(marked);
    }).catch(() => undefined);
  }
}

/**
 * What a page does with the jobs log when it opens: watches the jobs whose owner is alive, then marks the others
 * 'interrupted' and returns them. Watching first closes a gap: an owner that holds its lock when the page looks
 * (a reloaded page's worker, still shutting down) and lets go a moment later is watched, so its job is marked when
 * it goes; in the other order the job was skipped by the first check, unwatched by the second, and stayed
 * 'running' with no notice. A job no one owns when watching starts is owned by no one later, so the mark finds it.
 * Each job is reported once: both steps write 'interrupted' only over 'running', in serialized transactions.
 */
export async function settleJobsOnOpen(db: ShelfcastDB, onInterrupted: (job: StoredJob) => void, watched: Set<string> = new Set()): Promise<StoredJob[]> {
  await watchRunningJobs(db, onInterrupted, watched);
  return markInterruptedJobs(db);
}

/** All jobs, newest first. */
export async function listJobs(db: ShelfcastDB): Promise<StoredJob[]> {
  return (await db.getAll('jobs')).sort((a, b) => b.startedAt - a.startedAt);
}
