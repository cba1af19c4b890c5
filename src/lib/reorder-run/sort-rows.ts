/**
 * Sorting row indexes by a numeric key without a comparator: an LSD radix sort on the key's bits, stable, so rows
 * with equal keys keep their order. Sorting 100,000 rows with a comparator took 50 to 150 ms on the main thread of
 * the 2-core test machine, a long task on every click of a column header; this takes a few ms (issue #13).
 */

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * `rows` reordered by `key[row]` ascending (keys must not be NaN), ties in their order in `rows`. A new array;
 * `rows` is not changed. Sort by several keys with several calls, the least significant first.
 */
export function sortRowsBy(rows: Int32Array, key: Float64Array): Int32Array {
  const m = rows.length;
  if (!LITTLE_ENDIAN) return Int32Array.from(Array.from(rows).map((r, j) => [r, j]).sort((a, b) => key[a[0]] - key[b[0]] || a[1] - b[1]).map((x) => x[0]));
  // The key's bits as an unsigned number in the key's order: negative numbers have every bit flipped, others only
  // the sign bit (IEEE 754 order); +0 for −0.
  const f = new Float64Array(1);
  const u = new Uint32Array(f.buffer);
  let hi = new Uint32Array(m);
  let lo = new Uint32Array(m);
  let order = rows.slice();
  for (let j = 0; j < m; j++) {
    f[0] = key[rows[j]] + 0;
    if (u[1] & 0x80000000) {
      hi[j] = ~u[1] >>> 0;
      lo[j] = ~u[0] >>> 0;
    } else {
      hi[j] = (u[1] | 0x80000000) >>> 0;
      lo[j] = u[0];
    }
  }
  let hi2 = new Uint32Array(m);
  let lo2 = new Uint32Array(m);
  let order2 = new Int32Array(m);
  const count = new Int32Array(65537);
  for (let pass = 0; pass < 4; pass++) {
    const word = pass < 2 ? lo : hi;
    const shift = pass % 2 === 0 ? 0 : 16;
    count.fill(0);
    for (let j = 0; j < m; j++) count[((word[j] >>> shift) & 0xffff) + 1]++;
    // A digit every key shares moves nothing.
    if (m === 0 || count[((word[0] >>> shift) & 0xffff) + 1] === m) continue;
    for (let d = 0; d < 65536; d++) count[d + 1] += count[d];
    for (let j = 0; j < m; j++) {
      const at = count[(word[j] >>> shift) & 0xffff]++;
      order2[at] = order[j];
      hi2[at] = hi[j];
      lo2[at] = lo[j];
    }
    [order, order2] = [order2, order];
    [hi, hi2] = [hi2, hi];
    [lo, lo2] = [lo2, lo];
  }
  return order;
}

/** `rows` reordered by a small integer key in [0, `buckets`) (a counting sort: one pass), ties in their order. */
export function sortRowsBySmall(rows: Int32Array, key: ArrayLike<number>, buckets: number): Int32Array {
  const count = new Int32Array(buckets + 1);
  for (let j = 0; j < rows.length; j++) count[key[rows[j]] + 1]++;
  for (let b = 0; b < buckets; b++) count[b + 1] += count[b];
  const out = new Int32Array(rows.length);
  for (let j = 0; j < rows.length; j++) out[count[key[rows[j]]]++] = rows[j];
  return out;
}
