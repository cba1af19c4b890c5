/**
 * Order statistics without sorting: quickselect (Hoare's FIND with median-of-three pivots) rearranges an array so
 * that its k-th smallest value sits at index k, in O(n) expected time instead of the O(n log n) of a sort. Used
 * for the per-series medians and MADs of the import's quality report.
 */

/** Numeric arrays quickselect works on in place. */
export type NumericArray = Float64Array | Float32Array | Int32Array | number[];

/**
 * Rearranges `a[from, to)` so that `a[k]` holds the value a sort would put there, every value before it is ≤ it
 * and every value after it is ≥ it; returns `a[k]`. NaN must not occur in the range. Throws for k outside the range.
 */
export function selectInPlace(a: NumericArray, k: number, from = 0, to = a.length): number {
  if (!Number.isInteger(k) || k < from || k >= to) throw new RangeError(`invalid k: ${k} (range ${from}..${to - 1})`);
  let lo = from;
  let hi = to - 1;
  while (hi > lo) {
    // Median of three as the pivot, moved to a[hi]: sorted or constant input stays O(n).
    const mid = (lo + hi) >>> 1;
    if (a[mid] < a[lo]) swap(a, mid, lo);
    if (a[hi] < a[lo]) swap(a, hi, lo);
    if (a[mid] < a[hi]) swap(a, mid, hi);
    const pivot = a[hi];
    // Hoare-style partition around the pivot; values equal to it go to both sides, so runs of ties split evenly.
    let i = lo - 1;
    let j = hi;
    for (;;) {
      do i++;
      while (a[i] < pivot);
      do j--;
      while (j > lo && a[j] > pivot);
      if (i >= j) break;
      swap(a, i, j);
    }
    swap(a, i, hi);
    if (i === k) return a[k];
    if (k < i) hi = i - 1;
    else lo = i + 1;
  }
  return a[k];
}

function swap(a: NumericArray, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/**
 * The median of `values[0, n)` as the quality report defines it: the element at index ⌊n/2⌋ of the sorted values
 * (the upper median when n is even). `values` is reordered. NaN for n = 0.
 */
export function medianInPlace(values: NumericArray, n = values.length): number {
  return n > 0 ? selectInPlace(values, n >> 1, 0, n) : NaN;
}

/**
 * The median and the median absolute deviation of `values[0, n)` (both by `medianInPlace`'s rule, the MAD not
 * scaled). `values` is overwritten with the absolute deviations. NaN for both when n = 0.
 */
export function medianAndMadInPlace(values: NumericArray, n = values.length): { median: number; mad: number } {
  const median = medianInPlace(values, n);
  for (let i = 0; i < n; i++) values[i] = Math.abs(values[i] - median);
  return { median, mad: medianInPlace(values, n) };
}
