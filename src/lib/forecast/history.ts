/**
 * Turns a raw history (NaN = missing period) into the gap-free series the models need.
 *
 * Rules, in order:
 * 1. Non-finite values (NaN, ±Infinity) count as missing.
 * 2. Leading missing periods are dropped: the series starts at its first observation.
 * 3. An interior gap (missing periods between two observations) is filled by linear interpolation between
 *    the observations on either side, except when it is longer than 2 periods and a full season of values
 *    precedes it: then the seasonal pattern is kept by taking the value one season earlier and adding the
 *    straight line that joins the seasonal differences y[t] - y[t - m] at the two edges of the gap.
 * 4. Trailing missing periods (after the last observation) are filled with the value one season earlier
 *    when there is one, else with the last observation. They are kept, not trimmed, so that forecasts stay
 *    aligned with the calendar.
 *
 * Returns `values` itself (no copy) when nothing is missing.
 * @param values one value per period; NaN = missing.
 * @param seasonLength periods per seasonal cycle (1 = none).
 */
export function prepareHistory(values: Float64Array, seasonLength: number): Float64Array {
  const n = values.length;
  let first = 0;
  while (first < n && !Number.isFinite(values[first])) first++;
  if (first === n) return new Float64Array(0);
  let complete = first === 0;
  for (let i = first; complete && i < n; i++) if (!Number.isFinite(values[i])) complete = false;
  if (complete) return values;

  const y = values.slice(first);
  const len = y.length;
  const m = Math.max(1, Math.floor(seasonLength));
  let t = 1;
  while (t < len) {
    if (Number.isFinite(y[t])) {
      t++;
      continue;
    }
    const a = t - 1; // last observation before the gap
    let b = t;
    while (b < len && !Number.isFinite(y[b])) b++;
    if (b === len) {
      for (let i = t; i < len; i++) y[i] = i - m >= 0 && m > 1 ? y[i - m] : y[a];
      break;
    }
    const gap = b - t;
    const seasonal = m > 1 && gap > 2 && a - m >= 0;
    const da = seasonal ? y[a] - y[a - m] : 0;
    // y[b - m] may itself lie in the gap when the gap is longer than a season; it is filled by then only
    // if b - m < t, otherwise the right edge difference is taken as equal to the left one.
    const db = seasonal && b - m < t ? y[b] - y[b - m] : da;
    for (let i = t; i < b; i++) {
      const w = (i - a) / (b - a);
      y[i] = seasonal ? y[i - m] + da + w * (db - da) : y[a] + w * (y[b] - y[a]);
    }
    t = b + 1;
  }
  return y;
}

/** True when every value is finite and > 0 (multiplicative models need this). */
export function isStrictlyPositive(y: Float64Array): boolean {
  for (let i = 0; i < y.length; i++) if (!(y[i] > 0)) return false;
  return y.length > 0;
}
