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
  kind: 'import' | 'train' | 'simulate' | 'reorder';
  /** 'running' while in progress; a job still 'running' after a reload was interrupted. */
  status: 'running' | 'done' | 'failed' | 'cancelled' | 'interrupted';
  /** Words for people (file name, model). */
  label: string;
  /** Start, ms since epoch. */
  startedAt: number;
  /** End, ms since epoch. */
  endedAt: number | null;
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
}

/** The database name. */
export const DB_NAME = 'shelfcast';
/** The current schema version. */
export const DB_VERSION = 1;

/** The database handle type. */
export type ShelfcastDB = IDBPDatabase<ShelfcastSchema>;

/**
 * Opens the workspace database, creating or upgrading it. Each version's step runs once, in order, so a
 * workspace saved by any earlier version opens in this one.
 */
export function openWorkspaceDb(name = DB_NAME): Promise<ShelfcastDB> {
  return openDB<ShelfcastSchema>(name, DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore('datasets', { keyPath: 'id' });
        db.createObjectStore('calendars', { keyPath: 'datasetId' });
        db.createObjectStore('seriesChunks', { keyPath: ['datasetId', 'chunk'] }).createIndex('byDataset', 'datasetId');
        db.createObjectStore('summaries', { keyPath: 'datasetId' });
        db.createObjectStore('inventories', { keyPath: 'id' }).createIndex('byDataset', 'datasetId');
        db.createObjectStore('mappings', { keyPath: 'signature' });
        db.createObjectStore('jobs', { keyPath: 'id' });
        db.createObjectStore('settings');
      }
    },
    blocking() {
      // Another tab wants a newer version: let it upgrade; this tab reopens on next use.
    },
  });
}
