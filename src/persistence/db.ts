/**
 * The workspace database: one typed schema, versioned upgrades, columnar storage. Series are stored in chunks
 * of `SERIES_CHUNK` per record (typed arrays inside), and a dataset is written in one transaction, so a dataset
 * is either stored whole or not at all.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ColumnMapping } from '../lib/csv/mapping';
import type { DatasetSummary } from '../lib/dataset/summary';
import type { Calendar, DatasetMeta, InventorySnapshot, SeriesRecord } from '../lib/dataset/types';

/** Series per stored record. */
export const SERIES_CHUNK = 256;

/** A dataset's descriptive record as stored. */
export interface StoredDataset extends DatasetMeta {
  /** Identifies the source file (name, size, modification time) to notice the same file dropped twice. */
  sourceSignature: string | null;
}

/** A chunk of series. */
export interface StoredSeriesChunk {
  /** Owning dataset. */
  datasetId: string;
  /** Chunk number: series `chunk * SERIES_CHUNK` ... */
  chunk: number;
  /** The series of this chunk, in dataset order. */
  series: SeriesRecord[];
}

/** A remembered column mapping for files with the same header. */
export interface StoredMapping {
  /** `headerSignature` of the file. */
  signature: string;
  /** The mapping the user confirmed. */
  mapping: ColumnMapping;
  /** When it was saved, ms since epoch. */
  savedAt: number;
}

/** A long-running job, recorded so that a reload can tell an interrupted one from a finished one. */
export interface StoredJob {
  /** Job id. */
  id: string;
  /** What kind of job. */
  kind: 'import' | 'backtest' | 'forecast' | 'train' | 'simulate' | 'reorder';
  /** 'running' while in progress; a job still 'running' after a reload was interrupted. */
  status: 'running' | 'done' | 'failed' | 'cancelled' | 'interrupted';
  /** Words for people (file name, model). */
  label: string;
  /** Start, ms since epoch. */
  startedAt: number;
  /** End, ms since epoch. */
  endedAt: number | null;
}

/**
 * A saved result of a later stage (trained model, forecast, backtest, simulation run, purchase order). Each
 * feature's repository module narrows `payload` to its own type; the database only needs these fields.
 */
export interface StoredRecord<Payload = unknown> {
  /** Record id. */
  id: string;
  /** Dataset it belongs to (null for a classroom run on synthetic demand). */
  datasetId: string | null;
  /** Display name. */
  name: string;
  /** What it is within its store (e.g. 'lstm-global', 'ss-policy'). */
  kind: string;
  /** When it was saved, ms since epoch. */
  createdAt: number;
  /** When it last changed, ms since epoch. */
  updatedAt: number;
  /** The feature's own data (typed arrays allowed). */
  payload: Payload;
}

/** A result record's descriptive fields, kept apart from its payload so that lists never read payloads. */
export interface StoredRecordMeta extends Omit<StoredRecord, 'payload'> {
  /** The store the record lives in. */
  store: 'models' | 'forecasts' | 'backtests' | 'simRuns' | 'orders';
}

/** The schema. */
export interface ShelfcastSchema extends DBSchema {
  datasets: { key: string; value: StoredDataset };
  calendars: { key: string; value: Calendar & { datasetId: string } };
  seriesChunks: { key: [string, number]; value: StoredSeriesChunk; indexes: { byDataset: string } };
  summaries: { key: string; value: DatasetSummary };
  inventories: { key: string; value: InventorySnapshot; indexes: { byDataset: string } };
  mappings: { key: string; value: StoredMapping };
  jobs: { key: string; value: StoredJob };
  settings: { key: string; value: unknown };
  models: { key: string; value: StoredRecord; indexes: { byDataset: string } };
  forecasts: { key: string; value: StoredRecord; indexes: { byDataset: string } };
  backtests: { key: string; value: StoredRecord; indexes: { byDataset: string } };
  simRuns: { key: string; value: StoredRecord; indexes: { byDataset: string } };
  orders: { key: string; value: StoredRecord; indexes: { byDataset: string } };
  /** Version 3: the descriptive fields of every record of the five stores above, keyed [store, id]. */
  recordMeta: { key: [string, string]; value: StoredRecordMeta; indexes: { byStore: string; byDataset: string } };
  /**
   * Version 4: the reorder engine's inputs made from a (forecast, backtest, dataset), derived data kept so the
   * Orders tab need not read those three whole records (plan-inputs.ts). Records saved in parts like the result
   * stores' (record-parts.ts); not in backups (made again on first use).
   */
  planInputs: { key: string; value: StoredRecord; indexes: { byDataset: string; byForecast: string; byBacktest: string } };
}

/** The database name. */
export const DB_NAME = 'shelfcast';
/** The current schema version. */
export const DB_VERSION = 4;

/** The stores holding `StoredRecord`s (their metadata is mirrored in `recordMeta`). */
export const RECORD_STORES = ['models', 'forecasts', 'backtests', 'simRuns', 'orders'] as const;

/** The metadata of a record (its fields without the payload). */
export function metaOf(store: StoredRecordMeta['store'], record: StoredRecord): StoredRecordMeta {
  const { payload: _, ...rest } = record;
  return { ...rest, store };
}

/** What the page is told while the database waits on, or gives way to, another tab. */
export interface OpenCallbacks {
  /**
   * Another tab opened a newer version of the app: this connection is closed (so that tab can upgrade) and the
   * page should say so and offer a reload. Without it the other tab would wait forever.
   */
  onVersionChange?: () => void;
  /** This tab wants a newer version but an older tab keeps its connection open: say which wait this is. */
  onBlocked?: () => void;
}

/** The database handle type. */
export type ShelfcastDB = IDBPDatabase<ShelfcastSchema>;

/**
 * Opens the workspace database, creating or upgrading it. Each version's step runs once, in order, so a
 * workspace saved by any earlier version opens in this one.
 */
export function openWorkspaceDb(name = DB_NAME, version = DB_VERSION, callbacks: OpenCallbacks = {}): Promise<ShelfcastDB> {
  let handle: ShelfcastDB | null = null;
  const opening = openDB<ShelfcastSchema>(name, version, {
    async upgrade(db, oldVersion, newVersion, tx) {
      const target = newVersion ?? version;
      if (oldVersion < 1 && target >= 1) {
        db.createObjectStore('datasets', { keyPath: 'id' });
        db.createObjectStore('calendars', { keyPath: 'datasetId' });
        db.createObjectStore('seriesChunks', { keyPath: ['datasetId', 'chunk'] }).createIndex('byDataset', 'datasetId');
        db.createObjectStore('summaries', { keyPath: 'datasetId' });
        db.createObjectStore('inventories', { keyPath: 'id' }).createIndex('byDataset', 'datasetId');
        db.createObjectStore('mappings', { keyPath: 'signature' });
        db.createObjectStore('jobs', { keyPath: 'id' });
        db.createObjectStore('settings');
      }
      if (oldVersion < 2 && target >= 2) {
        // Version 2: results of forecasting, simulation and replenishment, each indexed by dataset.
        for (const name of RECORD_STORES) {
          db.createObjectStore(name, { keyPath: 'id' }).createIndex('byDataset', 'datasetId');
        }
      }
      if (oldVersion < 3 && target >= 3) {
        // Version 3: record metadata in a store of its own, filled from the records already stored (the one time
        // their payloads are read to list them).
        const meta = db.createObjectStore('recordMeta', { keyPath: ['store', 'id'] });
        meta.createIndex('byStore', 'store');
        meta.createIndex('byDataset', 'datasetId');
        for (const store of RECORD_STORES) {
          let cursor = await tx.objectStore(store).openCursor();
          while (cursor) {
            await meta.put(metaOf(store, cursor.value));
            cursor = await cursor.continue();
          }
        }
      }
      if (oldVersion < 4 && target >= 4) {
        // Version 4: derived plan inputs, empty at first (each is made on its first use). Parts carry no payload
        // ids, so they are found by their key range (record-parts.ts), and by dataset like the head.
        const inputs = db.createObjectStore('planInputs', { keyPath: 'id' });
        inputs.createIndex('byDataset', 'datasetId');
        inputs.createIndex('byForecast', 'payload.forecastId');
        inputs.createIndex('byBacktest', 'payload.backtestId');
      }
    },
    blocked() {
      callbacks.onBlocked?.();
    },
    blocking() {
      // Another tab opened a newer version: close, or it waits forever; this tab must reload to go on.
      handle?.close();
      callbacks.onVersionChange?.();
    },
  });
  return opening.then((db) => (handle = db));
}
