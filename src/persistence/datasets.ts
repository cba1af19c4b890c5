import type { Dataset, InventorySnapshot, SeriesRecord } from '../lib/dataset/types';
import { summarizeDataset, type DatasetSummary } from '../lib/dataset/summary';
import { allOrNothing } from './all-or-nothing';
import { SERIES_CHUNK, type ShelfcastDB, type StoredDataset, type StoredJob } from './db';

/**
 * Datasets and inventory snapshots in the workspace. Writes happen in one transaction per dataset (all stores
 * it touches), with no unrelated awaits inside it, so a failure or a closed tab leaves nothing half-written.
 */

/** Stores a dataset (replacing one with the same id), its summary, and optionally an inventory snapshot. */
export async function saveDataset(
  db: ShelfcastDB,
  dataset: Dataset,
  options: { sourceSignature?: string | null; inventory?: InventorySnapshot | null; summary?: DatasetSummary } = {},
): Promise<StoredDataset> {
  const summary = options.summary ?? summarizeDataset(dataset);
  const stored: StoredDataset = { ...dataset.meta, sourceSignature: options.sourceSignature ?? null };
  const tx = db.transaction(['datasets', 'calendars', 'seriesChunks', 'summaries', 'inventories'], 'readwrite');
  const chunks = tx.objectStore('seriesChunks');
  // A put that throws (an uncloneable value, the quota) must not leave the earlier puts to commit.
  await allOrNothing(tx, async (queue) => {
    const old = await chunks.index('byDataset').getAllKeys(dataset.meta.id);
    for (const k of old) queue(chunks.delete(k));
    for (let c = 0; c * SERIES_CHUNK < dataset.series.length; c++) {
      queue(chunks.put({ datasetId: dataset.meta.id, chunk: c, series: dataset.series.slice(c * SERIES_CHUNK, (c + 1) * SERIES_CHUNK) }));
    }
    queue(tx.objectStore('calendars').put({ ...dataset.calendar, datasetId: dataset.meta.id }));
    queue(tx.objectStore('summaries').put(summary));
    if (options.inventory) queue(tx.objectStore('inventories').put(options.inventory));
    queue(tx.objectStore('datasets').put(stored));
  });
  return stored;
}

/** Stores an inventory snapshot on its own. */
export async function saveInventory(db: ShelfcastDB, inventory: InventorySnapshot): Promise<void> {
  await db.put('inventories', inventory);
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
}

/** Deletes a dataset with its series, calendar, summary and the inventory snapshots linked to it. */
export async function deleteDataset(db: ShelfcastDB, id: string): Promise<void> {
  const tx = db.transaction(['datasets', 'calendars', 'seriesChunks', 'summaries', 'inventories'], 'readwrite');
  const chunkKeys = await tx.objectStore('seriesChunks').index('byDataset').getAllKeys(id);
  const invKeys = await tx.objectStore('inventories').index('byDataset').getAllKeys(id);
  await Promise.all([
    ...chunkKeys.map((k) => tx.objectStore('seriesChunks').delete(k)),
    ...invKeys.map((k) => tx.objectStore('inventories').delete(k)),
    tx.objectStore('calendars').delete(id),
    tx.objectStore('summaries').delete(id),
    tx.objectStore('datasets').delete(id),
    tx.done,
  ]);
}

/** Deletes an inventory snapshot. */
export async function deleteInventory(db: ShelfcastDB, id: string): Promise<void> {
  await db.delete('inventories', id);
}

/** Records a job's state (see StoredJob). */
export async function putJob(db: ShelfcastDB, job: StoredJob): Promise<void> {
  await db.put('jobs', job);
}

/** Marks jobs still 'running' from an earlier page as 'interrupted'; returns them. */
export async function markInterruptedJobs(db: ShelfcastDB, runningNow: ReadonlySet<string> = new Set()): Promise<StoredJob[]> {
  const tx = db.transaction('jobs', 'readwrite');
  const jobs = await tx.store.getAll();
  const interrupted = jobs.filter((j) => j.status === 'running' && !runningNow.has(j.id));
  await Promise.all([...interrupted.map((j) => tx.store.put({ ...j, status: 'interrupted', endedAt: Date.now() })), tx.done]);
  return interrupted.map((j) => ({ ...j, status: 'interrupted' }));
}

/** All jobs, newest first. */
export async function listJobs(db: ShelfcastDB): Promise<StoredJob[]> {
  return (await db.getAll('jobs')).sort((a, b) => b.startedAt - a.startedAt);
}
