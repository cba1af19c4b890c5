/**
 * Lossless JSON encoding of what IndexedDB stores (structured-clone values) for the backup file.
 *
 * JSON alone loses typed arrays, NaN, ±Infinity, -0, undefined, Dates, Maps, Sets and bigints. Each of those is
 * written as a tagged object `{"$t": tag, ...}`; everything else is plain JSON:
 * - typed arrays, `ArrayBuffer`, `DataView`: `{"$t": "Float64Array", "b64": "<little-endian bytes in base64>"}`
 *   (bytes, so every NaN payload, -0 and subnormal comes back bit for bit);
 * - non-finite numbers and -0: `{"$t": "num", "v": "NaN" | "Infinity" | "-Infinity" | "-0"}`;
 * - `{"$t": "undef"}`, `{"$t": "Date", "v": number}`, `{"$t": "Map", "v": [[k, v]...]}`, `{"$t": "Set", "v": [...]}`,
 *   `{"$t": "bigint", "v": "123"}`;
 * - a plain object that itself has a `$t` key is escaped as `{"$t": "object", "v": [[key, value]...]}`.
 *
 * Differences from structured clone, none of which the workspace relies on: shared references and cycles are not
 * kept (a cycle throws), a typed array comes back with a buffer of its own bytes only, class instances come back
 * as plain objects (as structured clone does too).
 */
import { AppError, formatValue } from '../core/errors';

/** A JSON value as the backup file holds it. */
export type EncodedValue = null | boolean | number | string | EncodedValue[] | { [key: string]: EncodedValue };

const TYPED = {
  Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array,
} as const;
type TypedName = keyof typeof TYPED;
type AnyTyped = InstanceType<(typeof TYPED)[TypedName]>;

/** True on the (hypothetical) big-endian platform: typed-array bytes are then swapped to little-endian. */
const BIG_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 0;

/** Thrown for a value the backup cannot hold (encode) or a damaged encoding (decode); `details.path` says where. */
function codecError(message: string, path: string): AppError {
  return new AppError('invalid-input', `${message} at ${path || 'the top level'}`, { path });
}

/** Encodes one stored value (see the module comment). Throws naming the path of a function, symbol or cycle. */
export function toBackupValue(value: unknown, path = '', seen: Set<object> = new Set()): EncodedValue {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (Number.isFinite(value) && !Object.is(value, -0)) return value;
      return { $t: 'num', v: Object.is(value, -0) ? '-0' : String(value) };
    case 'undefined':
      return { $t: 'undef' };
    case 'bigint':
      return { $t: 'bigint', v: value.toString() };
    case 'function':
    case 'symbol':
      throw codecError(`a ${typeof value} cannot be stored in a backup`, path);
  }
  if (value === null) return null;
  const obj = value as object;
  if (ArrayBuffer.isView(obj)) {
    const name = obj instanceof DataView ? 'DataView' : typedName(obj as AnyTyped, path);
    const size = name === 'DataView' ? 1 : (obj as AnyTyped).BYTES_PER_ELEMENT;
    return { $t: name, b64: encodeBase64(littleEndianBytes(new Uint8Array(obj.buffer, obj.byteOffset, obj.byteLength), size)) };
  }
  if (obj instanceof ArrayBuffer) return { $t: 'ArrayBuffer', b64: encodeBase64(new Uint8Array(obj)) };
  if (obj instanceof Date) return { $t: 'Date', v: toBackupValue(obj.getTime(), path) };
  if (seen.has(obj)) throw codecError('a cyclic reference cannot be stored in a backup', path);
  seen.add(obj);
  try {
    if (Array.isArray(obj)) {
      const out: EncodedValue[] = new Array(obj.length);
      for (let i = 0; i < obj.length; i++) out[i] = toBackupValue(obj[i], `${path}[${i}]`, seen);
      return out;
    }
    if (obj instanceof Map) return { $t: 'Map', v: [...obj].map(([k, v], i) => [toBackupValue(k, `${path}<key ${i}>`, seen), toBackupValue(v, `${path}<value ${i}>`, seen)]) };
    if (obj instanceof Set) return { $t: 'Set', v: [...obj].map((v, i) => toBackupValue(v, `${path}<${i}>`, seen)) };
    const entries = Object.entries(obj);
    if (Object.prototype.hasOwnProperty.call(obj, '$t')) {
      return { $t: 'object', v: entries.map(([k, v]) => [k, toBackupValue(v, `${path}.${k}`, seen)]) };
    }
    const out: { [key: string]: EncodedValue } = {};
    for (const [k, v] of entries) out[k] = toBackupValue(v, `${path}.${k}`, seen);
    return out;
  } finally {
    seen.delete(obj);
  }
}

/** Decodes what `toBackupValue` wrote. Throws naming the path of an unknown tag or damaged bytes. */
export function fromBackupValue(value: EncodedValue, path = ''): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v, i) => fromBackupValue(v, `${path}[${i}]`));
  if (!Object.prototype.hasOwnProperty.call(value, '$t')) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value)) out[safeKey(k, path)] = fromBackupValue(value[k], `${path}.${k}`);
    return out;
  }
  const tag = value.$t;
  const v = value.v;
  switch (tag) {
    case 'num':
      if (v === 'NaN') return NaN;
      if (v === 'Infinity') return Infinity;
      if (v === '-Infinity') return -Infinity;
      if (v === '-0') return -0;
      throw codecError(`invalid number ${formatValue(v)}`, path);
    case 'undef':
      return undefined;
    case 'bigint':
      if (typeof v !== 'string' || !/^-?\d+$/.test(v)) throw codecError(`invalid bigint ${formatValue(v)}`, path);
      return BigInt(v);
    case 'Date': {
      const ms = fromBackupValue(v ?? null, path);
      if (typeof ms !== 'number') throw codecError(`invalid date ${formatValue(v)}`, path);
      return new Date(ms);
    }
    case 'Map':
      if (!Array.isArray(v) || !v.every((e) => Array.isArray(e) && e.length === 2)) throw codecError('invalid Map entries', path);
      return new Map((v as EncodedValue[][]).map(([k, x], i) => [fromBackupValue(k, `${path}<key ${i}>`), fromBackupValue(x, `${path}<value ${i}>`)]));
    case 'Set':
      if (!Array.isArray(v)) throw codecError('invalid Set entries', path);
      return new Set(v.map((x, i) => fromBackupValue(x, `${path}<${i}>`)));
    case 'object': {
      if (!Array.isArray(v) || !v.every((e) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string')) throw codecError('invalid object entries', path);
      const out: Record<string, unknown> = {};
      for (const [k, x] of v as Array<[string, EncodedValue]>) out[safeKey(k, path)] = fromBackupValue(x, `${path}.${k}`);
      return out;
    }
  }
  if (typeof value.b64 !== 'string') throw codecError(`unknown tag ${formatValue(tag)}`, path);
  const bytes = decodeBase64(value.b64, path);
  if (tag === 'ArrayBuffer') return bytes.buffer;
  if (tag === 'DataView') return new DataView(bytes.buffer);
  if (typeof tag !== 'string' || !Object.prototype.hasOwnProperty.call(TYPED, tag)) throw codecError(`unknown tag ${formatValue(tag)}`, path);
  const Ctor = TYPED[tag as TypedName];
  if (bytes.byteLength % Ctor.BYTES_PER_ELEMENT !== 0) {
    throw codecError(`${bytes.byteLength} bytes is not a whole number of ${tag} elements`, path);
  }
  // decodeBase64 returns a fresh, exactly-sized buffer, so the array can own it without a copy.
  return new Ctor(littleEndianBytes(bytes, Ctor.BYTES_PER_ELEMENT).buffer as ArrayBuffer);
}

/**
 * A field name that plain assignment stores as a field. `out["__proto__"] = x` would set the object's prototype
 * instead, so the checks would see inherited fields that are never stored; no record of ours has such a field.
 */
function safeKey(key: string, path: string): string {
  if (key === '__proto__') throw codecError('a field named "__proto__" is not allowed', path);
  return key;
}

function typedName(view: AnyTyped, path: string): TypedName {
  for (const name of Object.keys(TYPED) as TypedName[]) if (view instanceof TYPED[name]) return name;
  throw codecError(`unsupported typed array ${Object.prototype.toString.call(view)}`, path);
}

/** `bytes` in little-endian element order: the same bytes on little-endian platforms, else a swapped copy. */
function littleEndianBytes(bytes: Uint8Array, elementSize: number): Uint8Array {
  if (!BIG_ENDIAN || elementSize === 1) return bytes;
  const out = bytes.slice();
  for (let i = 0; i < out.length; i += elementSize) out.subarray(i, i + elementSize).reverse();
  return out;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const CODES = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));
const LOOKUP = new Int16Array(256).fill(-1);
const ASCII = new TextDecoder();
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

/** Standard base64 (RFC 4648, with padding). Written here because `lib/` has no `btoa` in its types. */
export function encodeBase64(bytes: Uint8Array): string {
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  let o = 0;
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out[o++] = CODES[n >>> 18];
    out[o++] = CODES[(n >>> 12) & 63];
    out[o++] = CODES[(n >>> 6) & 63];
    out[o++] = CODES[n & 63];
  }
  const rest = bytes.length - i;
  if (rest) {
    const n = (bytes[i] << 16) | (rest === 2 ? bytes[i + 1] << 8 : 0);
    out[o++] = CODES[n >>> 18];
    out[o++] = CODES[(n >>> 12) & 63];
    out[o++] = rest === 2 ? CODES[(n >>> 6) & 63] : 61;
    out[o++] = 61;
  }
  // The output is ASCII, so the UTF-8 decoder's fast path turns it into a string in one native call; spreading
  // bytes into String.fromCharCode is about 20 times slower on V8.
  return ASCII.decode(out);
}

/** Decodes strict base64 (length a multiple of 4, padding only at the end); throws naming `path` otherwise. */
export function decodeBase64(text: string, path = ''): Uint8Array {
  if (text.length % 4 !== 0) throw codecError('damaged base64 (its length is not a multiple of 4)', path);
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const last = i + 4 === text.length;
    const a = sextet(text, i);
    const b = sextet(text, i + 1);
    const c = last && pad === 2 ? 0 : sextet(text, i + 2);
    const d = last && pad >= 1 ? 0 : sextet(text, i + 3);
    if ((a | b | c | d) < 0) throw codecError(`damaged base64 (an invalid character near position ${i})`, path);
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = n >>> 16;
    if (o < out.length) out[o++] = (n >>> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

/** The 6-bit value of the base64 character at `i`, or -1. */
function sextet(text: string, i: number): number {
  const code = text.charCodeAt(i);
  return code < 256 ? LOOKUP[code] : -1;
}
