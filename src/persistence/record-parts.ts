/**
 * A record larger than one IndexedDB value, saved in parts (issue #13). Chromium refuses a single value over
 * 133,169,152 serialised bytes, and a weekly backtest of 100,000 series is about 165 MB, nearly all of it a few
 * typed arrays. So its large typed arrays are cut into part records of at most `PART_BYTES` each, stored in the
 * same store beside the record (payload `{bytes}`, an object as backups require; ids `<id>\0part0000`, …, all in one transaction with it), and the record keeps a
 * marker in their place. Parts never get a `recordMeta` entry, so lists never see them; they share the record's
 * dataset, so deleting the dataset deletes them. Reading joins them back into the same typed arrays.
 */
import type { StoredRecord } from './db';

/** Largest part, bytes: well under the browser's per-value limit. */
export const PART_BYTES = 32_000_000;

/** `kind` of a part record. */
export const PART_KIND = 'part';

/** The marker left in place of a typed array saved in parts: parts `from` ≤ k < `to`, of `type`. */
interface PartsMarker {
  __recordParts: [from: number, to: number];
  type: keyof typeof TYPED;
}

const TYPED = { Float64Array, Float32Array, Int32Array, Uint32Array, Int16Array, Uint16Array, Int8Array, Uint8Array, Uint8ClampedArray };

/** Id of part `k` of record `id` (zero-padded, so key order is part order). */
export const partId = (id: string, k: number) => `${id}\u0000part${String(k).padStart(4, '0')}`;

/** Key range of every part of record `id` (ids from `<id>\0` up to, not including, `<id>\u0001`). */
export const partsRange = (id: string) => IDBKeyRange.bound(`${id}\u0000`, `${id}\u0001`, false, true);

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);

const typeOf = (v: ArrayBufferView): keyof typeof TYPED | null => {
  const name = v.constructor.name as keyof typeof TYPED;
  return name in TYPED ? name : null;
};

/**
 * Splits a record: its typed arrays over `partBytes` become part records (the input stays untouched; only the
 * objects on the way to a split array are copied). `head.parts` is the number of parts (absent when none).
 */
export function splitRecord<P>(record: StoredRecord<P>, partBytes = PART_BYTES): { head: StoredRecord<unknown> & { parts?: number }; parts: Array<StoredRecord<{ bytes: Uint8Array }>> } {
  const parts: Array<StoredRecord<{ bytes: Uint8Array }>> = [];
  const walk = (v: unknown): unknown => {
    if (ArrayBuffer.isView(v)) {
      const type = typeOf(v);
      if (!type || v.byteLength <= partBytes) return v;
      const bytes = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
      const from = parts.length;
      for (let off = 0; off < bytes.length; off += partBytes) {
        parts.push({ id: partId(record.id, parts.length), datasetId: record.datasetId, name: '', kind: PART_KIND, createdAt: record.createdAt, updatedAt: record.updatedAt, payload: { bytes: bytes.slice(off, off + partBytes) } });
      }
      return { __recordParts: [from, parts.length], type } satisfies PartsMarker;
    }
    if (Array.isArray(v)) {
      let changed = false;
      const out = v.map((x) => {
        const y = walk(x);
        changed ||= y !== x;
        return y;
      });
      return changed ? out : v;
    }
    if (isPlainObject(v)) {
      let out: Record<string, unknown> | null = null;
      for (const [k, x] of Object.entries(v)) {
        const y = walk(x);
        if (y !== x) (out ??= { ...v })[k] = y;
      }
      return out ?? v;
    }
    return v;
  };
  const payload = walk(record.payload);
  return { head: parts.length ? { ...record, payload, parts: parts.length } : record, parts };
}

/** Joins a head record with its parts (in part order) back into the record `splitRecord` was given. */
export function joinRecord<P>(head: StoredRecord<unknown> & { parts?: number }, parts: Array<StoredRecord<unknown>>): StoredRecord<P> {
  const { parts: count, ...record } = head;
  if (!count) return head as StoredRecord<P>;
  if (parts.length !== count) throw new Error(`record ${head.id} has ${parts.length} of its ${count} parts`);
  const walk = (v: unknown): unknown => {
    if (ArrayBuffer.isView(v)) return v;
    if (Array.isArray(v)) return v.map(walk);
    if (!isPlainObject(v)) return v;
    const marker = v.__recordParts;
    if (Array.isArray(marker) && typeof v.type === 'string' && v.type in TYPED) {
      const [from, to] = marker as [number, number];
      const pieces = parts.slice(from, to).map((p) => (p.payload as { bytes: Uint8Array }).bytes);
      const bytes = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
      let off = 0;
      for (const p of pieces) {
        bytes.set(p, off);
        off += p.length;
      }
      const Type = TYPED[v.type as keyof typeof TYPED];
      return new Type(bytes.buffer, 0, bytes.length / Type.BYTES_PER_ELEMENT);
    }
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = walk(x);
    return out;
  };
  return { ...record, payload: walk(record.payload) } as StoredRecord<P>;
}

/** A store's records as saved (heads and parts, any order) → the whole records, parts joined into their heads. */
export function joinAll(records: readonly unknown[]): unknown[] {
  const parts = new Map<string, Array<StoredRecord<unknown>>>();
  for (const r of records as Array<StoredRecord<unknown>>) {
    if (r?.kind !== PART_KIND) continue;
    const head = r.id.slice(0, r.id.indexOf('\u0000'));
    parts.set(head, [...(parts.get(head) ?? []), r]);
  }
  if (!parts.size) return [...records];
  return (records as Array<StoredRecord<unknown> & { parts?: number }>)
    .filter((r) => r?.kind !== PART_KIND)
    .map((r) => (r?.parts ? joinRecord(r, (parts.get(r.id) ?? []).sort((a, b) => (a.id < b.id ? -1 : 1))) : r));
}
