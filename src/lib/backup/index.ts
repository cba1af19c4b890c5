/** The workspace backup format: lossless value codec, container, record shapes. See format.ts for the layout. */
export { toBackupValue, fromBackupValue, encodeBase64, decodeBase64, type EncodedValue } from './codec';
export {
  BACKUP_MAGIC, BACKUP_FORMAT_VERSION, backupError, decodeBackup, encodeBackup, toHex,
  type BackupManifest, type BackupProblem, type DecodeOptions, type EncodeOptions, type Sha256, type ValidBackup,
} from './format';
export { RECORD_CHECKS, checkLinks, MAX_PROBLEMS } from './shape';
export { checkMeaning } from './meaning';
export { BACKUP_STORES, STORES_BY_SCHEMA, isBackupStore, type BackupRecords, type BackupStore } from './stores';
