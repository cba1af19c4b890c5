/**
 * A per-period rate as a cumulative function of continuous time. Time x is measured in forecast periods from
 * the start of the first period; the rate is v[h] on [h, h + 1), v[0] before 0 and `after` beyond the horizon n:
 *
 *   C(x) = x·v[0]                          for x < 0
 *   C(x) = cum[⌊x⌋] + (x − ⌊x⌋)·v[⌊x⌋]    for 0 ≤ x < n
 *   C(x) = cum[n] + (x − n)·after          for x ≥ n
 *
 * so C(b) − C(a) is the demand (or the Σ w_h·σ_h) over any window, fractional periods included. Only the
 * prefix sums are stored (v[h] = cum[h + 1] − cum[h]), so loading a curve is one pass that writes one array.
 * The engine keeps a few of these per run and reloads them for every item: no allocation per item once the
 * capacity has grown to the longest horizon.
 *
 * Invariants (checked by tests/unit/reorder/curve.test.ts):
 * - [x] cum[0] = 0 and cum[k + 1] = cum[k] + v[k];
 * - [x] C is continuous and, for v ≥ 0 and after ≥ 0, non-decreasing;
 * - [x] curveInverse(c, y) = sup{x : C(x) ≤ y}: where the running total first exceeds y.
 */
export interface Curve {
  /** Prefix sums, cum[k] = Σ_{h<k} v[h]; valid up to index n. */
  cum: Float64Array;
  /** Number of periods n (≥ 1). */
  n: number;
  /** Rate beyond the horizon, per period. */
  after: number;
}

/** An empty curve with room for `capacity` periods (it grows on `reserveCurve`). */
export function createCurve(capacity = 64): Curve {
  // `after` starts as a double (NaN, not 0) so V8 never has to change the field's representation mid-run.
  return { cum: new Float64Array(capacity + 1), n: 0, after: NaN };
}

/** Makes room for `n` periods, keeping nothing; returns `c.cum` for the caller to fill. */
export function reserveCurve(c: Curve, n: number): Float64Array {
  if (c.cum.length < n + 1) c.cum = new Float64Array(Math.max(n, 2 * (c.cum.length - 1)) + 1);
  return c.cum;
}

/** Loads the rates `v[0 … n)` (prefix sums computed here) and the rate beyond n. */
export function loadCurve(c: Curve, v: ArrayLike<number>, n: number, after: number): void {
  const cum = reserveCurve(c, n);
  let s = 0;
  cum[0] = 0;
  for (let h = 0; h < n; h++) cum[h + 1] = s += v[h];
  c.n = n;
  c.after = after;
}

/** C(x). */
export function curveAt(c: Curve, x: number): number {
  const cum = c.cum;
  if (x <= 0) return x * cum[1];
  const n = c.n;
  if (x >= n) return cum[n] + (x - n) * c.after;
  const k = Math.floor(x);
  const lo = cum[k];
  return lo + (x - k) * (cum[k + 1] - lo);
}

/** C(b) − C(a): the total over the window [a, b]. */
export function curveBetween(c: Curve, a: number, b: number): number {
  return curveAt(c, b) - curveAt(c, a);
}

/**
 * sup{x : C(x) ≤ y} for a non-decreasing curve: the moment the running total first exceeds y
 * (Infinity when it never does, −Infinity when it always does).
 */
export function curveInverse(c: Curve, y: number): number {
  const { cum, n } = c;
  if (y < 0) return cum[1] > 0 ? y / cum[1] : -Infinity;
  if (y >= cum[n]) return c.after > 0 ? n + (y - cum[n]) / c.after : Infinity;
  // Largest k with cum[k] ≤ y; then cum[k + 1] > y, so the rate in period k is > 0.
  let lo = 0;
  let hi = n;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (cum[mid] <= y) lo = mid;
    else hi = mid;
  }
  return lo + (y - cum[lo]) / (cum[lo + 1] - cum[lo]);
}
