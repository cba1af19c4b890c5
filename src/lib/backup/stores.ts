/** The object stores a backup holds, in the order their sections appear in the file. */
export const BACKUP_STORES = [
  'datasets', 'calendars', 'seriesChunks', 'summaries', 'inventories', 'mappings', 'settings',
  'models', 'forecasts', 'backtests', 'simRuns', 'orders',
] as const;

/** A store a backup holds. `jobs` is left out on purpose: it is a log of this browser's runs, not workspace data. */
export type BackupStore = (typeof BACKUP_STORES)[number];

/** The stores each schema version has (a backup of an older schema restores with the newer stores empty). */
export const STORES_BY_SCHEMA: Readonly<Record<number, readonly BackupStore[]>> = {
  1: ['datasets', 'calendars', 'seriesChunks', 'summaries', 'inventories', 'mappings', 'settings'],
  2: BACKUP_STORES,
  // Version 3 added only `recordMeta`, which is derived from the record stores and rebuilt on restore.
  3: BACKUP_STORES,
  // Version 4 added only `planInputs`, the reorder engine's inputs derived from a forecast: made again on first use.
  4: BACKUP_STORES,
};

/** Records of each store; settings records are `{key, value}` (that store has out-of-line keys). */
export type BackupRecords = Record<BackupStore, unknown[]>;

/** True for a store name a backup may hold. */
export function isBackupStore(name: string): name is BackupStore {
  return (BACKUP_STORES as readonly string[]).includes(name);
}
