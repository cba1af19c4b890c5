/**
 * Walker's alias method, built by Vose's O(n) algorithm ("A linear algorithm for generating random numbers
 * with a given distribution", IEEE TSE 17(9), 1991): one uniform and one comparison per sample, whatever
 * the distribution. Used by the throughput path, where Knuth's Poisson sampler (O(mean) uniforms) would
 * dominate the cost of a period.
 */
export interface AliasTable {
  /** Number of outcomes 0..n − 1. */
  readonly n: number;
  /** Probability of keeping column i rather than jumping to alias[i]. */
  readonly keep: Float64Array;
  /** The outcome column i jumps to. */
  readonly alias: Int32Array;
}

/** Builds the table for masses (need not be normalised; must be ≥ 0 with a positive sum). */
export function createAliasTable(masses: ArrayLike<number>): AliasTable {
  const n = masses.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += masses[i];
  const scaled = new Float64Array(n);
  for (let i = 0; i < n; i++) scaled[i] = (masses[i] * n) / total;
  const keep = new Float64Array(n);
  const alias = new Int32Array(n);
  const small = new Int32Array(n);
  const large = new Int32Array(n);
  let ns = 0;
  let nl = 0;
  for (let i = 0; i < n; i++) {
    if (scaled[i] < 1) small[ns++] = i;
    else large[nl++] = i;
  }
  while (ns > 0 && nl > 0) {
    const l = small[--ns];
    const g = large[--nl];
    keep[l] = scaled[l];
    alias[l] = g;
    scaled[g] = scaled[g] + scaled[l] - 1;
    if (scaled[g] < 1) small[ns++] = g;
    else large[nl++] = g;
  }
  // What is left is 1 up to rounding.
  while (nl > 0) {
    const g = large[--nl];
    keep[g] = 1;
    alias[g] = g;
  }
  while (ns > 0) {
    const l = small[--ns];
    keep[l] = 1;
    alias[l] = l;
  }
  return { n, keep, alias };
}

/** Draws one outcome with a uniform u in [0, 1). */
export function sampleAlias(table: AliasTable, u: number): number {
  const x = u * table.n;
  const i = x | 0;
  return x - i < table.keep[i] ? i : table.alias[i];
}
