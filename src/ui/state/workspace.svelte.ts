import type { InventorySummary } from '../../lib/dataset/inventory-summary';
import type { InventoryDefaults, InventoryItem } from '../../lib/dataset/types';
import { DB_NAME, DB_VERSION, openWorkspaceDb, type ShelfcastDB, type StoredDataset, type StoredJob } from '../../persistence/db';
import { onWorkspaceChange } from '../../persistence/changes';
import { withoutBidiControls } from '../../lib/core/text';
import type { BackupOptions, WorkspaceBackup } from '../../persistence/backup';
import type { ValidBackup } from '../../lib/backup';
import type { SummaryHead, SummaryRow, SummarySortKey } from '../../lib/dataset/summary-view';
import type { SummaryApi } from '../../workers/summary-protocol';
import { readItemsInSlices } from './inventory-items';
import { createWorkerClient, type WorkerClient } from '../../workers/rpc';
import { deleteDataset, deleteInventory, listDatasets, listInventorySummaries, loadCalendar, loadSeriesAt, renameDataset, settleJobsOnOpen, watchRunningJobs } from '../../persistence/datasets';

/**
 * Items per slice of a snapshot read onto the page: some 5-15 ms to deserialize, so each slice's task stays far
 * under the 50 ms long-task budget, and 100,000 items take 20 round trips.
 */
const ITEMS_SLICE = 4000;

/**
 * Backup, restore and clear-all load with their first use: their validators (lib/backup) are a fifth of the entry
 * chunk, and building them formatted numbers when the module was evaluated, the page's first number formatting,
 * which sets up ICU's number formats: 18 ms of the first load's evaluation task, cold (issue #13).
 */
const backupModule = () => import('../../persistence/backup');

/** Storage figures from `navigator.storage`. */
export interface StorageInfo {
  /** Bytes used by this origin. */
  usage: number;
  /** Bytes available to this origin. */
  quota: number;
  /** True when the browser granted persistent storage (not evicted under pressure). */
  persisted: boolean;
}

/** The workspace as the page sees it: lists of datasets and snapshots, storage, interrupted jobs. */
export class Workspace {
  /** Datasets, newest first. */
  datasets = $state.raw<StoredDataset[]>([]);
  /** Inventory snapshots, newest first, without their items (see `inventoryItems`). */
  inventories = $state.raw<InventorySummary[]>([]);
  /** Jobs found interrupted by a reload or closed tab. */
  interrupted = $state.raw<StoredJob[]>([]);
  /** Storage figures, when the browser reports them. */
  storage = $state.raw<StorageInfo | null>(null);
  /** The dataset the Explore view shows. */
  activeId = $state<string | null>(null);
  /** Set once the first listing has loaded. */
  ready = $state(false);
  /** A sentence for people when the database cannot be opened (e.g. storage blocked in private mode). */
  error = $state<string | null>(null);

  private dbPromise: Promise<ShelfcastDB> | null = null;
  private summaryClient: WorkerClient<SummaryApi> | null = null;
  /** Only the latest refresh sets the lists (an older one answering last would show a stale list). */
  private refreshes = 0;
  /** The items last asked for, kept while the listing shows the same summary of their snapshot. */
  private heldItems: { summary: InventorySummary; items: Promise<InventoryItem[] | null> } | null = null;
  private stopListening: (() => void) | null = null;
  /** Jobs of other tabs being watched (see watchRunningJobs). */
  private readonly watchedJobs = new Set<string>();
  private readonly onInterrupted = (job: StoredJob) => {
    this.interrupted = [...this.interrupted, job];
  };

  /**
   * The database handle (opened once). While an older tab holds the database open, `error` says what this tab
   * waits for; when a newer version opens in another tab, this tab's connection is closed and `error` says why.
   */
  db(): Promise<ShelfcastDB> {
    return (this.dbPromise ??= openWorkspaceDb(DB_NAME, DB_VERSION, {
      onBlocked: () => {
        this.error = 'Waiting for another Shelfcast tab, which runs an older version, to close: close or reload it and this tab opens the workspace.';
      },
      onVersionChange: () => {
        this.error = 'A newer version of Shelfcast opened in another tab, so this tab closed its connection to the workspace to let it update the stored data. Reload this tab to go on.';
      },
    }).then((db) => {
      if (this.error?.startsWith('Waiting for another Shelfcast tab')) this.error = null;
      return db;
    }));
  }

  /**
   * Loads the lists and storage figures, then marks jobs whose tab is gone as interrupted. Opening never
   * depends on a write: with a full disk the lists still load, so the user can see, back up and delete.
   */
  async init(): Promise<void> {
    try {
      await this.refresh();
    } catch (error) {
      this.error = `The browser refused local storage, so nothing can be saved (${error instanceof Error ? error.message : String(error)}). Private windows often do this; open the app in a normal window.`;
    }
    this.ready = true;
    if (this.error) return;
    try {
      const db = await this.db();
      // A job another tab runs now is not interrupted; if that tab closes mid-job, say so then.
      const marked = await settleJobsOnOpen(db, this.onInterrupted, this.watchedJobs);
      // Appended: a watched job may already have been reported through onInterrupted.
      this.interrupted = [...this.interrupted, ...marked];
    } catch {
      // A full disk refuses even this small write; the notice is lost, the workspace is not.
    }
    // Other tabs and this tab's workers announce what they change; the lists follow.
    this.stopListening ??= onWorkspaceChange((change) => {
      if (change.kind === 'datasets' || change.kind === 'inventories' || change.kind === 'workspace') void this.refresh().catch(() => undefined);
      if (change.kind === 'jobs') void this.db().then((db) => watchRunningJobs(db, this.onInterrupted, this.watchedJobs)).catch(() => undefined);
    });
  }

  /** Reloads the lists and storage figures. */
  async refresh(): Promise<void> {
    const gen = ++this.refreshes;
    const db = await this.db();
    const [datasets, inventories] = await Promise.all([listDatasets(db), this.listInventories(db)]);
    if (gen !== this.refreshes) return;
    this.datasets = datasets;
    this.inventories = inventories;
    if (!this.activeId || !datasets.some((d) => d.id === this.activeId)) this.activeId = datasets[0]?.id ?? null;
    await this.refreshStorage();
  }

  /**
   * The snapshots' summaries, made by the summary worker: reading a snapshot deserializes every item, 70-100 ms of
   * main-thread time for 30,000 items (issue #13). An empty store needs no worker (a first visit, the bench's start).
   */
  private async listInventories(db: ShelfcastDB): Promise<InventorySummary[]> {
    if ((await db.count('inventories')) === 0) return [];
    // A worker that cannot start (or crashed) must not cost the lists: then the page reads them itself, slowly.
    return this.summaries().call('inventories', null).catch(() => listInventorySummaries(db));
  }

  /**
   * A snapshot's items (null when it is gone), read by the summary worker and taken in slices of `ITEMS_SLICE`:
   * each slice arrives in its own message, so deserializing 100,000 items is many short tasks instead of one long
   * one. Kept while the listing shows the same summary of the snapshot (a change to it refreshes the listing).
   */
  inventoryItems(id: string): Promise<InventoryItem[] | null> {
    const summary = this.inventories.find((s) => s.id === id);
    if (!summary) return Promise.resolve(null);
    if (this.heldItems?.summary !== summary) {
      const items = readItemsInSlices((input) => this.summaries().call('inventoryItems', input), id, ITEMS_SLICE);
      this.heldItems = { summary, items };
      // A failed read is not kept: the next question tries again.
      items.catch(() => this.heldItems?.items === items && (this.heldItems = null));
    }
    return this.heldItems.items;
  }

  /** Reads storage usage and quota (figures only: a browser that refuses them leaves `storage` null). */
  async refreshStorage(): Promise<void> {
    if (typeof navigator === 'undefined' || !navigator.storage?.estimate) return;
    try {
      const [estimate, persisted] = await Promise.all([navigator.storage.estimate(), navigator.storage.persisted?.() ?? false]);
      this.storage = { usage: estimate.usage ?? 0, quota: estimate.quota ?? 0, persisted };
    } catch {
      this.storage = null;
    }
  }

  /** Asks the browser to keep the workspace under storage pressure. */
  async requestPersistence(): Promise<boolean> {
    const granted = (await navigator.storage?.persist?.()) ?? false;
    await this.refreshStorage();
    return granted;
  }

  /**
   * The summary worker (started on the first question, stopped after 5 idle minutes). It holds the shown dataset's
   * per-series statistics and answers with what a view shows: at 100,000 series, reading the summary here cost the
   * main thread a task of several hundred ms (issue #13).
   */
  private summaries(): WorkerClient<SummaryApi> {
    return (this.summaryClient ??= createWorkerClient<SummaryApi>(
      () => new Worker(new URL('../../workers/summary.worker.ts', import.meta.url), { type: 'module', name: 'summary' }),
      { idleTimeoutMs: 5 * 60_000 },
    ));
  }

  /** A dataset's summary without its per-series arrays (totals, profile, uplifts, most volatile series); null when gone. */
  summaryHead(id: string): Promise<SummaryHead | null> {
    return this.summaries().call('head', { datasetId: id });
  }

  /** Rows of a dataset's series table in an order, `offset` to `offset + limit`. */
  summaryRows(id: string, page: { sortKey: SummarySortKey; desc: boolean; offset: number; limit: number }): Promise<{ rows: SummaryRow[]; total: number }> {
    return this.summaries().call('rows', { datasetId: id, ...page });
  }

  /** The first `limit` series of a dataset whose id contains `query` (every series when empty). */
  findSeries(id: string, query: string, limit: number): Promise<Array<{ index: number; id: string }>> {
    return this.summaries().call('find', { datasetId: id, query, limit });
  }

  /** Series `index`'s statistics and attributes; null when absent. */
  summaryRow(id: string, index: number): Promise<SummaryRow | null> {
    return this.summaries().call('row', { datasetId: id, index });
  }

  /** A dataset's calendar (its period grid and holiday flags), or undefined when it is gone. */
  async calendar(id: string) {
    return loadCalendar(await this.db(), id);
  }

  /** Series number `index` of a dataset, read from its chunk alone; null when absent. */
  async seriesAt(id: string, index: number) {
    return loadSeriesAt(await this.db(), id, index);
  }

  /** Renames a dataset. */
  async rename(id: string, name: string): Promise<void> {
    const trimmed = withoutBidiControls(name).trim();
    if (!trimmed) return;
    await renameDataset(await this.db(), id, trimmed);
    await this.refresh();
  }

  /** Deletes a dataset and what belongs to it. */
  async remove(id: string): Promise<void> {
    await deleteDataset(await this.db(), id);
    await this.refresh();
  }

  /** Deletes an inventory snapshot. */
  async removeInventory(id: string): Promise<void> {
    await deleteInventory(await this.db(), id);
    await this.refresh();
  }

  /**
   * Sets a snapshot's defaults; items whose fields came from the defaults take the new values. Throws naming a bad
   * value. The summary worker reads, changes and writes the snapshot: its items never come to the page for this.
   */
  async updateInventoryDefaults(id: string, defaults: InventoryDefaults): Promise<void> {
    if (!this.inventories.some((s) => s.id === id)) return;
    await this.summaries().call('setInventoryDefaults', { inventoryId: id, defaults: { ...defaults } });
    await this.refresh();
  }

  /** Makes a backup file of the whole workspace (views go through this class, never persistence/). */
  async exportBackup(options: BackupOptions = {}): Promise<WorkspaceBackup> {
    return (await backupModule()).exportWorkspace(await this.db(), options);
  }

  /** Reads and validates a backup file without touching the workspace; rejects saying why a file is refused. */
  async readBackup(file: Blob, options: BackupOptions = {}): Promise<ValidBackup> {
    return (await backupModule()).readBackup(file, options);
  }

  /** Replaces the workspace with a validated backup (all or nothing), then reloads the lists. */
  async restore(backup: ValidBackup): Promise<void> {
    await (await backupModule()).restoreWorkspace(await this.db(), backup);
    await this.refresh();
  }

  /** Empties the whole workspace (all or nothing), then reloads the lists. */
  async clearAll(): Promise<void> {
    await (await backupModule()).clearWorkspace(await this.db());
    await this.refresh();
  }

  /** Dismisses the interrupted-job notice. */
  dismissInterrupted(): void {
    this.interrupted = [];
  }

  /** Forgets interrupted jobs of these kinds once a job of the kind has since succeeded (a re-import, a new run):
   * the notice would otherwise ask to start again what is already done (issue #14, point 8). */
  settleInterrupted(...kinds: StoredJob['kind'][]): void {
    if (this.interrupted.some((j) => kinds.includes(j.kind))) this.interrupted = this.interrupted.filter((j) => !kinds.includes(j.kind));
  }
}
