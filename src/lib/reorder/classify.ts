/**
 * ABC and XYZ classification.
 *
 * ABC (Pareto by annual value): items are ranked by annual value, highest first; an item is A while the
 * cumulative share of value *before* it is below the first threshold (default 80 %), B while below the second
 * (95 %), else C. Counting the share before the item makes the item that crosses 80 % an A item, so a single
 * item holding 90 % of the value is A, not B. Ties share the better class (all items with the value of the
 * last A item are A). Items with value 0 or NaN are C; when no item has value, every item is C.
 *
 * XYZ (forecastability): by the coefficient of variation of forecast errors, CV = Σ σ_h / Σ forecast over the
 * protection interval (the periods the decision depends on; at least one period), σ_h as for the safety stock.
 * X when CV ≤ 0.5, Y when CV ≤ 1.0, Z above (thresholds configurable). Items whose CV is unknown (NaN, e.g.
 * zero forecast) are Z when they have a forecast, '-' (code 3) without one.
 */

/** ABC codes (0 A, 1 B, 2 C) for `values` (money per year). */
export function abcClasses(values: Float64Array, thresholds: readonly [number, number] = [0.8, 0.95]): Uint8Array {
  const n = values.length;
  const out = new Uint8Array(n).fill(2);
  const sorted = new Float64Array(n);
  let m = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v > 0) {
      sorted[m++] = v;
      total += v;
    }
  }
  if (m === 0) return out;
  // Native numeric sort of a typed array (no comparator): ascending, so walk from the end.
  const desc = sorted.subarray(0, m).sort();
  let cutA = Infinity;
  let cutB = Infinity;
  let before = 0;
  for (let k = m - 1; k >= 0; k--) {
    const v = desc[k];
    const share = before / total;
    if (share < thresholds[0]) cutA = v;
    else if (share < thresholds[1]) cutB = v;
    else break;
    before += v;
  }
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!(v > 0)) continue;
    out[i] = v >= cutA ? 0 : v >= cutB ? 1 : 2;
  }
  return out;
}

/** XYZ code (0 X, 1 Y, 2 Z) of one coefficient of variation; NaN is Z. */
export function xyzClass(cv: number, thresholds: readonly [number, number] = [0.5, 1.0]): number {
  return cv <= thresholds[0] ? 0 : cv <= thresholds[1] ? 1 : 2;
}
