import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64, fromBackupValue, toBackupValue, type EncodedValue } from '../../../src/lib/backup';
import { createRng } from '../../../src/lib/core/rng';
import { expectSameBits, oddNaN } from './helpers';

const roundTrip = (v: unknown) => fromBackupValue(JSON.parse(JSON.stringify(toBackupValue(v))) as EncodedValue);

describe('backup value codec', () => {
  it('encodeBase64 matches Node for every length 0..64 and decodeBase64 inverts it', () => {
    const rng = createRng(7);
    for (let n = 0; n <= 64; n++) {
      const bytes = Uint8Array.from({ length: n }, () => rng.int(256));
      const text = encodeBase64(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64'));
      expect([...decodeBase64(text)]).toEqual([...bytes]);
    }
  });

  it('decodeBase64 refuses a bad length, a bad character and padding in the middle', () => {
    expect(() => decodeBase64('abc', 'x.values')).toThrow(/damaged base64 \(its length is not a multiple of 4\) at x\.values/);
    expect(() => decodeBase64('ab*d')).toThrow(/invalid character near position 0/);
    expect(() => decodeBase64('ab==abcd')).toThrow(/invalid character/);
    expect(() => decodeBase64('abé=')).toThrow(/invalid character/);
  });

  it('every typed array kind, ArrayBuffer and DataView come back with the same type and bytes', () => {
    const values = [
      new Int8Array([-128, 127]), new Uint8Array([0, 255]), new Uint8ClampedArray([0, 255]), new Int16Array([-32768, 1]), new Uint16Array([65535]),
      new Int32Array([-(2 ** 31), 2 ** 31 - 1]), new Uint32Array([2 ** 32 - 1]), new Float32Array([NaN, -0, 1e-45]),
      new Float64Array([NaN, oddNaN(), -0, Infinity, -Infinity, 5e-324]), new BigInt64Array([-(2n ** 63n)]), new BigUint64Array([2n ** 64n - 1n]),
      new Uint8Array([9, 8, 7]).buffer, new DataView(new Uint8Array([1, 2, 3]).buffer), new Float64Array(0),
    ];
    for (const v of values) expectSameBits(roundTrip(v), v, Object.prototype.toString.call(v));
  });

  it('a view onto part of a buffer keeps only its own bytes', () => {
    const whole = new Float64Array([1, 2, 3, 4]);
    const back = roundTrip(new Float64Array(whole.buffer, 8, 2)) as Float64Array;
    expect([...back]).toEqual([2, 3]);
    expect(back.buffer.byteLength).toBe(16);
  });

  it('numbers JSON cannot hold, undefined, Date, Map, Set and bigint come back', () => {
    const value = { n: [NaN, -0, Infinity, -Infinity, 0, 1.5], u: undefined, d: new Date(5), m: new Map([[1, 'a']]), s: new Set(['x']), b: -(2n ** 80n) };
    const back = roundTrip(value) as typeof value;
    expectSameBits(back.n, value.n);
    expect('u' in back && back.u === undefined).toBe(true);
    expect(back.d).toEqual(new Date(5));
    expect(back.m).toEqual(value.m);
    expect(back.s).toEqual(value.s);
    expect(back.b).toBe(value.b);
  });

  it('an object with its own "$t" key is escaped, not read as a tag', () => {
    const value = { $t: 'Float64Array', b64: 'AAAA', inner: { $t: 'num', v: 'NaN' } };
    expect(roundTrip(value)).toEqual(value);
  });

  it('a function or a cycle throws naming where it is', () => {
    expect(() => toBackupValue({ a: [1, { f: () => 1 }] })).toThrow(/a function cannot be stored in a backup at \.a\[1\]\.f/);
    const cyclic: Record<string, unknown> = { x: 1 };
    cyclic.self = cyclic;
    expect(() => toBackupValue(cyclic, 'rec')).toThrow(/cyclic reference .* at rec\.self/);
    const shared = { k: 1 };
    expect(roundTrip({ a: shared, b: shared })).toEqual({ a: { k: 1 }, b: { k: 1 } });
  });

  it('an unknown tag or bytes that do not fill whole elements are refused naming the path', () => {
    expect(() => fromBackupValue({ x: { $t: 'Float16Array', b64: 'AAAA' } })).toThrow(/unknown tag "Float16Array" at \.x/);
    expect(() => fromBackupValue({ $t: 'Float64Array', b64: 'AAAA' })).toThrow(/3 bytes is not a whole number of Float64Array elements/);
    expect(() => fromBackupValue({ $t: 'num', v: '1' })).toThrow(/invalid number "1"/);
    expect(() => fromBackupValue({ $t: 'mystery' })).toThrow(/unknown tag "mystery"/);
  });
});
