/**
 * Workspace backup, restore and clear-all. The file format is in lib/backup/format.ts; this module reads and
 * writes the database:
 * - export reads every backed-up store in one readonly transaction (a consistent snapshot, even while a worker
 *   writes), then encodes outside it, yielding to the event loop, so the page stays responsive;
 * - restore validates the whole file first and only then replaces the workspace, clearing and filling every
 *   store in one readwrite transaction: a failure (quota, a closed tab) aborts it and the old workspace stays;
 * - clear-all empties every store in one transaction.
 * Memory: export and restore hold the whole workspace (records and file bytes) at once. A workspace of a few
 * hundred MB of series needs about three times that while a backup is made or read.
 */
import { allOrNothing } from './all-or-nothing';
import type { StoreNames } from 'idb';
import {
  BACKUP_STORES, decodeBackup, encodeBackup, type BackupManifest, type BackupRecords, type BackupStore, type ValidBackup,
} from '../lib/backup';
import type { ProgressCallback } from '../lib/core/progress';
import { announceChange } from './changes';
import { DB_VERSION, RECORD_STORES, metaOf, type ShelfcastDB, type ShelfcastSchema, type StoredRecord } from './db';
import { approximateBytes, storageError } from './quota';
import { joinAll, splitRecord } from './record-parts';
import { MAX_RECORD_BYTES } from './records';

// Every store a backup holds exists in the schema (checked by the compiler).
BACKUP_STORES satisfies ReadonlyArray<StoreNames<ShelfcastSchema>>;

/** Options of the long backup calls. */
export interface BackupOptions {
  /** Cancels between records (rejects with AbortError). */
  signal?: AbortSignal;
  /** Progress in records. */
  onProgress?: ProgressCallback;
}

/** SHA-256 with the platform's Web Crypto (browsers, workers, Node ≥ 19). */
export async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
}

/** Reads every backed-up store in one readonly transaction. Settings come as `{key, value}` pairs. */
export async function readWorkspaceRecords(db: ShelfcastDB): Promise<BackupRecords> {
  const tx = db.transaction([...BACKUP_STORES], 'readonly');
  const [settingKeys, settingValues, ...lists] = await Promise.all([
    tx.objectStore('settings').getAllKeys(),
    tx.objectStore('settings').getAll(),
    ...BACKUP_STORES.map((s) => (s === 'settings' ? Promise.resolve([]) : tx.objectStore(s).getAll())),
    tx.done,
  ]);
  // A record saved in parts (record-parts.ts) goes in the backup whole, as it was before it was split.
  const isRecordStore = (s: string) => (RECORD_STORES as readonly string[]).includes(s);
  const records = Object.fromEntries(BACKUP_STORES.map((s, i) => [s, isRecordStore(s) ? joinAll(lists[i] as unknown[]) : (lists[i] as unknown[])])) as BackupRecords;
  records.settings = settingKeys.map((key, i) => ({ key, value: settingValues[i] }));
  return records;
}

/** A backup ready to download. */
export interface WorkspaceBackup {
  /** The file. */
  blob: Blob;
  /** Its manifest (counts per store). */
  manifest: BackupManifest;
  /** A file name with the date, e.g. `shelfcast-backup-2024-05-01-1730.shelfcast`. */
  fileName: string;
}

/** Makes a backup file of the whole workspace. */
export async function exportWorkspace(db: ShelfcastDB, options: BackupOptions & { now?: number } = {}): Promise<WorkspaceBackup> {
  const createdAt = options.now ?? Date.now();
  const records = await readWorkspaceRecords(db);
  const { manifest, parts } = await encodeBackup(records, { schemaVersion: DB_VERSION, createdAt, sha256, signal: options.signal, onProgress: options.onProgress });
  const stamp = new Date(createdAt).toISOString().slice(0, 16).replace('T', '-').replace(':', '');
  return { blob: new Blob(parts as BlobPart[], { type: 'application/octet-stream' }), manifest, fileName: `shelfcast-backup-${stamp}.shelfcast` };
}

/**
 * Reads and validates a backup file without touching the database. Rejects with an AppError whose message says
 * why for a file that is not a backup, is truncated, damaged, from a newer version or holds a malformed record.
 */
export async function readBackup(file: Blob, options: BackupOptions = {}): Promise<ValidBackup> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  return decodeBackup(bytes, { schemaVersion: DB_VERSION, sha256, signal: options.signal, onProgress: options.onProgress });
}

/**
 * Replaces the whole workspace with a validated backup in one readwrite transaction over every store (clear,
 * then put): all of it is written or, on any failure, none of it and the old workspace stays. Stores the backup
 * does not hold (the jobs log; the newer stores of an older schema) are left empty.
 */
export async function restoreWorkspace(db: ShelfcastDB, backup: ValidBackup): Promise<void> {
  // The records follow schema `backup.manifest.schemaVersion` ≤ DB_VERSION. Versions 1 and 2 share every record
  // shape (2 only added stores); a version that changes a shape must migrate the records here.
  const records = (name: string) => (RECORD_STORES as readonly string[]).includes(name);
  try {
    await rewriteAll(db, (store, queue) => {
      const meta = store('recordMeta');
      for (const name of BACKUP_STORES) {
        const os = store(name);
        for (const r of backup.records[name]) {
          if (name === 'settings') {
            const { key, value } = r as { key: IDBValidKey; value: unknown };
            queue(os.put(value, key));
          } else if (!records(name) || approximateBytes(r) <= MAX_RECORD_BYTES) queue(os.put(r));
          else {
            // Too large for one value: saved in parts, as putRecord saves it.
            const { head, parts } = splitRecord(r as StoredRecord);
            for (const part of [...parts, head]) queue(os.put(part));
          }
          // The metadata store is derived, so a backup does not carry it: it is rebuilt here.
          if (records(name)) queue(meta.put(metaOf(name as (typeof RECORD_STORES)[number], r as StoredRecord)));
        }
      }
    });
  } catch (error) {
    throw await storageError(error, backup.records);
  }
  announceChange({ kind: 'workspace' });
}

/** Empties every store of the workspace (datasets, results, settings, jobs) in one transaction. */
export async function clearWorkspace(db: ShelfcastDB): Promise<void> {
  await rewriteAll(db, () => undefined);
  announceChange({ kind: 'workspace' });
}

/** A store of the rewrite transaction, with the one method `fill` needs. */
type PutStore = { put(value: unknown, key?: IDBValidKey): Promise<unknown> };

/**
 * Clears every store and queues `fill`'s puts in one readwrite transaction, with no other await inside it.
 * Invariants: either every clear and put commits or none does; a request that throws synchronously (the quota,
 * an uncloneable value) aborts the transaction before it can auto-commit the requests queued before it.
 */
async function rewriteAll(db: ShelfcastDB, fill: (store: (name: BackupStore | 'recordMeta') => PutStore, queue: (write: Promise<unknown>) => void) => void): Promise<void> {
  const names = [...db.objectStoreNames];
  const tx = db.transaction(names, 'readwrite');
  await allOrNothing(tx, (queue) => {
    for (const name of names) queue(tx.objectStore(name).clear());
    fill((name) => tx.objectStore(name) as unknown as PutStore, queue);
  });
}

/** Records per store of the open workspace (for "replace N datasets with M?" and for tests). */
export async function countWorkspace(db: ShelfcastDB): Promise<Record<StoreNames<ShelfcastSchema>, number>> {
  const names = [...db.objectStoreNames];
  const tx = db.transaction(names, 'readonly');
  const counts = await Promise.all(names.map((n) => tx.objectStore(n).count()));
  await tx.done;
  return Object.fromEntries(names.map((n, i) => [n, counts[i]])) as Record<StoreNames<ShelfcastSchema>, number>;
}

