/**
 * The backup file (format version 1): UTF-8 text, a one-line JSON manifest followed by the payload.
 *
 * ```
 * {"magic":"shelfcast-backup","formatVersion":1,"schemaVersion":2,"createdAt":…,"payloadBytes":…,"payloadSha256":"…","stores":{"datasets":{"count":2,"bytes":…},…}}\n
 * <payload: for each store listed in the manifest, in BACKUP_STORES order, `count` lines of one record each,
 *  JSON with typed arrays and non-JSON numbers tagged (see codec.ts), each ending with \n>
 * ```
 *
 * `payloadSha256` is the SHA-256 of the payload bytes (everything after the manifest's newline) in lowercase hex;
 * `bytes` of each store gives its section's length, so a section can be read without scanning the others.
 * Text rather than binary so that a person can open a backup and see what it holds; base64 costs a third more
 * bytes for the series, which is the bulk of a workspace.
 */
import { AppError } from '../core/errors';
import { throwIfAborted, yieldToEventLoop } from '../core/abort';
import type { ProgressCallback } from '../core/progress';
import { fromBackupValue, toBackupValue, type EncodedValue } from './codec';
import { MAX_PROBLEMS, RECORD_CHECKS, checkLinks } from './shape';
import { checkMeaning } from './meaning';
import { BACKUP_STORES, STORES_BY_SCHEMA, isBackupStore, type BackupRecords, type BackupStore } from './stores';

/** The first field of every backup. */
export const BACKUP_MAGIC = 'shelfcast-backup';
/** The container version this build writes and the newest it reads. */
export const BACKUP_FORMAT_VERSION = 1;
/** Longest manifest line read before deciding the file is something else (bytes). */
const MAX_MANIFEST_BYTES = 64 * 1024;
/** Work between two yields to the event loop, so a large backup does not freeze the page (ms). */
const SLICE_MS = 30;

/** The manifest line. */
export interface BackupManifest {
  /** Always BACKUP_MAGIC. */
  magic: typeof BACKUP_MAGIC;
  /** Container version (BACKUP_FORMAT_VERSION when written by this build). */
  formatVersion: number;
  /** Database schema version the records follow (db.ts DB_VERSION when written). */
  schemaVersion: number;
  /** When the backup was made, ms since epoch. */
  createdAt: number;
  /** Length of the payload in bytes. */
  payloadBytes: number;
  /** SHA-256 of the payload, lowercase hex. */
  payloadSha256: string;
  /** Per store: records and section length in bytes, in payload order. */
  stores: Partial<Record<BackupStore, { count: number; bytes: number }>>;
}

/** SHA-256 of some bytes (crypto.subtle in browsers and Node; injected because `lib/` has no DOM types). */
export type Sha256 = (bytes: Uint8Array) => Promise<Uint8Array>;

/** Why a file was refused, for programs; the error message says it for people. */
export type BackupProblem = 'not-a-backup' | 'newer-version' | 'truncated' | 'damaged' | 'checksum' | 'bad-record';

/** A refused backup: `code` 'invalid-input', `details.problem` one of BackupProblem. */
export function backupError(problem: BackupProblem, message: string, extra: Record<string, unknown> = {}): AppError {
  return new AppError('invalid-input', message, { problem, ...extra });
}

/** Options of `encodeBackup`. */
export interface EncodeOptions {
  /** Schema version of the records. */
  schemaVersion: number;
  /** Time stamp written in the manifest, ms since epoch. */
  createdAt: number;
  /** The hash function. */
  sha256: Sha256;
  /** Cancels between records (rejects with AbortError). */
  signal?: AbortSignal;
  /** Progress in records, phase 'storing' (writing the file). */
  onProgress?: ProgressCallback;
}

/**
 * Encodes the records as a backup file (the stores of `schemaVersion`, see STORES_BY_SCHEMA): returns the manifest and the file's parts (manifest line, payload) for
 * a Blob. Yields to the event loop every SLICE_MS. Throws naming the path of a value JSON cannot hold.
 */
export async function encodeBackup(records: BackupRecords, options: EncodeOptions): Promise<{ manifest: BackupManifest; parts: Uint8Array[] }> {
  throwIfAborted(options.signal);
  const encoder = new TextEncoder();
  const storeList = STORES_BY_SCHEMA[options.schemaVersion] ?? BACKUP_STORES;
  const total = storeList.reduce((n, s) => n + records[s].length, 0);
  const sections: Uint8Array[] = [];
  const stores: BackupManifest['stores'] = {};
  let done = 0;
  let sliceStart = Date.now();
  for (const store of storeList) {
    const list = records[store];
    let bytes = 0;
    let pending = '';
    const flush = () => {
      const chunk = encoder.encode(pending);
      sections.push(chunk);
      bytes += chunk.length;
      pending = '';
    };
    for (let i = 0; i < list.length; i++) {
      pending += `${JSON.stringify(toBackupValue(list[i], `${store}[${i}]`))}\n`;
      // One TextEncoder call per megabyte or so rather than per record.
      if (pending.length > 1 << 20) flush();
      done++;
      if (Date.now() - sliceStart > SLICE_MS) {
        await yieldToEventLoop();
        throwIfAborted(options.signal);
        options.onProgress?.({ phase: 'storing', done, total });
        sliceStart = Date.now();
      }
    }
    if (pending) flush();
    stores[store] = { count: list.length, bytes };
  }
  const payload = concat(sections);
  const manifest: BackupManifest = {
    magic: BACKUP_MAGIC,
    formatVersion: BACKUP_FORMAT_VERSION,
    schemaVersion: options.schemaVersion,
    createdAt: options.createdAt,
    payloadBytes: payload.length,
    payloadSha256: toHex(await options.sha256(payload)),
    stores,
  };
  options.onProgress?.({ phase: 'storing', done: total, total });
  return { manifest, parts: [encoder.encode(`${JSON.stringify(manifest)}\n`), payload] };
}

/** Options of `decodeBackup`. */
export interface DecodeOptions {
  /** The newest schema version this build reads (db.ts DB_VERSION). */
  schemaVersion: number;
  /** The hash function. */
  sha256: Sha256;
  /** Cancels between records (rejects with AbortError). */
  signal?: AbortSignal;
  /** Progress in records, phase 'validating'. */
  onProgress?: ProgressCallback;
}

/** A backup that passed every check. */
export interface ValidBackup {
  /** Its manifest. */
  manifest: BackupManifest;
  /** Its records, every store present (empty where the backup had none). */
  records: BackupRecords;
}

/**
 * Reads and validates a whole backup file: magic, versions, length, checksum, then every record's shape and
 * the links between stores. Throws `backupError` with a sentence for people on the first kind of problem found;
 * resolves only for a file that can be restored as is.
 */
export async function decodeBackup(bytes: Uint8Array, options: DecodeOptions): Promise<ValidBackup> {
  throwIfAborted(options.signal);
  const manifest = readManifest(bytes, options.schemaVersion);
  const payload = bytes.subarray(manifest.headerBytes);
  if (payload.length < manifest.payloadBytes) {
    throw backupError('truncated', `The backup is incomplete: it should hold ${manifest.payloadBytes.toLocaleString('en')} bytes of data but holds ${payload.length.toLocaleString('en')}. The download or copy was probably cut short.`);
  }
  if (payload.length > manifest.payloadBytes) {
    throw backupError('damaged', `The backup is damaged: ${(payload.length - manifest.payloadBytes).toLocaleString('en')} unexpected bytes follow its end.`);
  }
  if (toHex(await options.sha256(payload)) !== manifest.payloadSha256) {
    throw backupError('checksum', 'The backup is damaged: its checksum does not match its content, so some bytes changed after it was written.');
  }
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const records = Object.fromEntries(BACKUP_STORES.map((s) => [s, [] as unknown[]])) as BackupRecords;
  const problems: string[] = [];
  const total = Object.values(manifest.stores).reduce((n, s) => n + s.count, 0);
  let done = 0;
  let offset = 0;
  let sliceStart = Date.now();
  for (const store of BACKUP_STORES) {
    const section = manifest.stores[store];
    if (!section) continue;
    let text: string;
    try {
      text = decoder.decode(payload.subarray(offset, offset + section.bytes));
    } catch {
      throw backupError('damaged', `The backup is damaged: the ${store} section is not valid UTF-8 text.`);
    }
    offset += section.bytes;
    const lines = text.split('\n');
    if (lines.pop() !== '' || lines.length !== section.count) {
      throw backupError('damaged', `The backup is damaged: the ${store} section should hold ${section.count} records but holds ${lines.length}.`);
    }
    for (let i = 0; i < lines.length; i++) {
      const path = `${store} #${i + 1}`;
      let record: unknown;
      try {
        record = fromBackupValue(JSON.parse(lines[i]) as EncodedValue);
      } catch (error) {
        problems.push(`${path}: ${error instanceof SyntaxError ? 'not valid JSON' : (error as Error).message}`);
        if (problems.length >= MAX_PROBLEMS) break;
        continue;
      }
      const before = problems.length;
      const found: string[] = [];
      RECORD_CHECKS[store](record, '', found);
      for (const p of found.slice(0, MAX_PROBLEMS - before)) problems.push(`${path}: ${p}`);
      records[store].push(record);
      if (problems.length >= MAX_PROBLEMS) break;
      done++;
      if (Date.now() - sliceStart > SLICE_MS) {
        await yieldToEventLoop();
        throwIfAborted(options.signal);
        options.onProgress?.({ phase: 'validating', done, total });
        sliceStart = Date.now();
      }
    }
    if (problems.length >= MAX_PROBLEMS) break;
  }
  const linked = records as Record<BackupStore, Array<Record<string, unknown>>>;
  if (!problems.length) problems.push(...checkLinks(linked));
  // Meaning is checked only on records whose shapes and links hold, so each check can rely on the types.
  if (!problems.length) problems.push(...checkMeaning(linked));
  if (problems.length) {
    throw backupError('bad-record', `The backup cannot be restored: its records have ${problems.length >= MAX_PROBLEMS ? `at least ${MAX_PROBLEMS} problems` : problems.length === 1 ? 'a problem' : `${problems.length} problems`}. ${problems.slice(0, 3).join('; ')}.`, { problems });
  }
  options.onProgress?.({ phase: 'validating', done: total, total });
  const { headerBytes: _, ...plain } = manifest;
  return { manifest: plain, records };
}

/** Parses and checks the manifest line; returns it with the byte length of the line (newline included). */
function readManifest(bytes: Uint8Array, newestSchema: number): BackupManifest & { headerBytes: number } {
  if (bytes.length === 0) throw backupError('not-a-backup', 'The file is empty: it is not a Shelfcast backup.');
  const end = bytes.subarray(0, MAX_MANIFEST_BYTES).indexOf(0x0a);
  const notBackup = (what: string) => backupError('not-a-backup', `This file is not a Shelfcast backup (${what}). Pick a file made with “Download backup”.`);
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end < 0 ? Math.min(bytes.length, MAX_MANIFEST_BYTES) : end)));
  } catch {
    if (end < 0 && bytes.length < MAX_MANIFEST_BYTES && startsWithMagic(bytes)) {
      throw backupError('truncated', 'The backup is incomplete: it ends inside its header. The download or copy was probably cut short.');
    }
    if (bytes[0] === 0x7b && startsWithMagic(bytes)) throw backupError('damaged', 'The backup is damaged: its header is not valid JSON.');
    throw notBackup(looksLikeText(bytes) ? 'it is a text file, perhaps a CSV, without the backup header' : 'it is a binary file');
  }
  if (typeof raw !== 'object' || raw === null || (raw as { magic?: unknown }).magic !== BACKUP_MAGIC) throw notBackup('it is a JSON file of another kind');
  if (end < 0) throw backupError('truncated', 'The backup is incomplete: it holds a header but no data. The download or copy was probably cut short.');
  const m = raw as Record<string, unknown>;
  const damaged = (what: string) => backupError('damaged', `The backup is damaged: its header has ${what}.`);
  if (!Number.isInteger(m.formatVersion) || (m.formatVersion as number) < 1) throw damaged(`an invalid format version (${JSON.stringify(m.formatVersion)})`);
  if (!Number.isInteger(m.schemaVersion) || (m.schemaVersion as number) < 1) throw damaged(`an invalid schema version (${JSON.stringify(m.schemaVersion)})`);
  if ((m.formatVersion as number) > BACKUP_FORMAT_VERSION || (m.schemaVersion as number) > newestSchema) {
    throw backupError(
      'newer-version',
      `This backup was made by a newer version of Shelfcast (backup format ${String(m.formatVersion)}, data schema ${String(m.schemaVersion)}); this version reads up to format ${BACKUP_FORMAT_VERSION}, schema ${newestSchema}. Reload the app to update it, then restore again.`,
      { formatVersion: m.formatVersion, schemaVersion: m.schemaVersion },
    );
  }
  if (typeof m.createdAt !== 'number' || !Number.isFinite(m.createdAt)) throw damaged('no valid creation time');
  if (typeof m.payloadSha256 !== 'string' || !/^[0-9a-f]{64}$/.test(m.payloadSha256)) throw damaged('no valid checksum');
  if (!Number.isInteger(m.payloadBytes) || (m.payloadBytes as number) < 0) throw damaged('no valid data length');
  if (typeof m.stores !== 'object' || m.stores === null || Array.isArray(m.stores)) throw damaged('no list of stores');
  const allowed = STORES_BY_SCHEMA[m.schemaVersion as number] ?? BACKUP_STORES;
  let sum = 0;
  for (const [name, section] of Object.entries(m.stores as Record<string, unknown>)) {
    if (!isBackupStore(name) || !allowed.includes(name)) throw damaged(`an unknown store ${JSON.stringify(name)}`);
    const s = section as { count?: unknown; bytes?: unknown } | null;
    if (!s || !Number.isInteger(s.count) || !Number.isInteger(s.bytes) || (s.count as number) < 0 || (s.bytes as number) < 0) throw damaged(`an invalid entry for the ${name} store`);
    sum += s.bytes as number;
  }
  if (sum !== m.payloadBytes) throw damaged('store lengths that do not add up to its data length');
  return { ...(m as unknown as BackupManifest), headerBytes: end + 1 };
}

function startsWithMagic(bytes: Uint8Array): boolean {
  const expected = `{"magic":"${BACKUP_MAGIC}"`;
  const head = String.fromCharCode(...bytes.subarray(0, expected.length));
  return head.startsWith(expected) || expected.startsWith(head);
}

/** True when the first bytes hold no control characters other than tab, CR and LF (and no NUL). */
function looksLikeText(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 512);
  return head.every((b) => b >= 0x20 || b === 0x09 || b === 0x0a || b === 0x0d);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Lowercase hex of some bytes. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}
