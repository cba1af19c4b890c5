import { invalidOption, maybeInteger } from '../../core/errors';

/**
 * STL, "Seasonal-Trend decomposition procedure based on Loess": Cleveland, Cleveland, McRae & Terpenning (1990),
 * J. Official Statistics 6(1):3-73. This is a line-by-line port of the authors' Fortran (netlib `stl`, the
 * code R's `stats::stl` runs), following statsmodels' Cython translation (`statsmodels/tsa/stl/_stl.pyx`),
 * with R's defaults. Indices inside the loess helpers stay 1-based like the Fortran where that keeps the port
 * checkable against it.
 */

/** Options of `stl`; windows are in periods and must be odd. Defaults are R's `stl()`. */
export interface StlOptions {
  /** Periods per seasonal cycle, integer ≥ 2. Required. */
  period: number;
  /** Loess window of the cycle-subseries smoothing (R's s.window), odd ≥ 3. Default 11 (`mstl`/`stlf`). */
  seasonalWindow?: number;
  /** Degree (0 or 1) of that loess. Default 0. */
  seasonalDegree?: number;
  /** Trend window, odd ≥ 3. Default the smallest odd integer ≥ 1.5·period / (1 − 1.5 / seasonalWindow). */
  trendWindow?: number;
  /** Degree of the trend loess. Default 1. */
  trendDegree?: number;
  /** Low-pass window, odd ≥ 3. Default the smallest odd integer ≥ period. */
  lowPassWindow?: number;
  /** Degree of the low-pass loess. Default trendDegree. */
  lowPassDegree?: number;
  /** Robust fitting (bisquare weights, 15 outer passes, 1 inner). Default false (0 outer, 2 inner passes). */
  robust?: boolean;
}

/** The components of an STL decomposition: y = seasonal + trend + remainder. */
export interface StlResult {
  /** Seasonal component. */
  seasonal: Float64Array;
  /** Trend component. */
  trend: Float64Array;
  /** y − seasonal − trend. */
  remainder: Float64Array;
}

const nextOdd = (x: number): number => (x % 2 === 0 ? x + 1 : x);

/** Decomposes `y` (no missing values, length > 2·period) into seasonal, trend and remainder. */
export function stl(y: Float64Array, options: StlOptions): StlResult {
  const np = maybeInteger('period', options.period, 2);
  const n = y.length;
  if (n <= 2 * np) invalidOption('series length', n, `more than two periods (> ${2 * np})`);
  const odd = (name: string, v: number): number => {
    const w = maybeInteger(name, v, 3);
    if (w % 2 === 0) invalidOption(name, v, 'an odd integer ≥ 3');
    return w;
  };
  const ns = odd('seasonalWindow', options.seasonalWindow ?? 11);
  const nt = odd('trendWindow', options.trendWindow ?? nextOdd(Math.ceil((1.5 * np) / (1 - 1.5 / ns))));
  const nl = odd('lowPassWindow', options.lowPassWindow ?? nextOdd(np));
  const isdeg = maybeInteger('seasonalDegree', options.seasonalDegree ?? 0, 0, 1);
  const itdeg = maybeInteger('trendDegree', options.trendDegree ?? 1, 0, 1);
  const ildeg = maybeInteger('lowPassDegree', options.lowPassDegree ?? itdeg, 0, 1);
  const robust = options.robust ?? false;
  if (typeof robust !== 'boolean') invalidOption('robust', robust, 'a boolean');
  const inner = robust ? 1 : 2;
  const outer = robust ? 15 : 0;
  const jump = (w: number) => Math.ceil(w / 10);

  // Tricube weights of a window centred on its point, one per loess window length (see `ess`).
  const kernels = new Map<number, Float64Array>();
  for (const w of [ns, nl, nt]) if (!kernels.has(w)) kernels.set(w, centredKernel(w));

  const len = n + 2 * np;
  const w0 = new Float64Array(len);
  const w1 = new Float64Array(len);
  const w2 = new Float64Array(len);
  const w3 = new Float64Array(len);
  const w4 = new Float64Array(len);
  const scratch = new Float64Array(len);
  const season = new Float64Array(n);
  const trend = new Float64Array(n);
  const rw = new Float64Array(n).fill(1);
  let userw = false;

  for (let pass = 0; ; pass++) {
    for (let it = 0; it < inner; it++) {
      for (let i = 0; i < n; i++) w0[i] = y[i] - trend[i];
      // Cycle-subseries smoothing into w1 (extended by one period at each end).
      for (let j = 0; j < np; j++) {
        const k = Math.floor((n - (j + 1)) / np) + 1;
        for (let i = 0; i < k; i++) w2[i] = w0[i * np + j];
        if (userw) for (let i = 0; i < k; i++) w4[i] = rw[i * np + j];
        ess(w2, k, ns, isdeg, jump(ns), userw, w4, w3, 1, scratch, kernels.get(ns)!);
        let v = est(w2, k, ns, isdeg, 0, 1, Math.min(ns, k), scratch, userw, w4);
        w3[0] = Number.isNaN(v) ? w3[1] : v;
        v = est(w2, k, ns, isdeg, k + 1, Math.max(1, k - ns + 1), k, scratch, userw, w4);
        w3[k + 1] = Number.isNaN(v) ? w3[k] : v;
        for (let i = 0; i < k + 2; i++) w1[i * np + j] = w3[i];
      }
      // Low-pass filter of the subseries: moving averages of lengths np, np, 3, then loess.
      movingAverage(w1, len, np, w2);
      movingAverage(w2, len - np + 1, np, w0);
      movingAverage(w0, len - 2 * np + 2, 3, w2);
      ess(w2, n, nl, ildeg, jump(nl), false, w3, w0, 0, w4, kernels.get(nl)!);
      for (let i = 0; i < n; i++) {
        season[i] = w1[np + i] - w0[i];
        w0[i] = y[i] - season[i];
      }
      ess(w0, n, nt, itdeg, jump(nt), userw, rw, trend, 0, w2, kernels.get(nt)!);
    }
    if (pass >= outer) break;
    robustnessWeights(y, season, trend, rw);
    userw = true;
  }
  const remainder = new Float64Array(n);
  for (let i = 0; i < n; i++) remainder[i] = y[i] - season[i] - trend[i];
  return { seasonal: season, trend, remainder };
}

/** Loess estimate at 1-based abscissa `xs` from points nleft…nright (1-based) of y; NaN when all weights are 0. */
function est(
  y: Float64Array,
  n: number,
  len: number,
  ideg: number,
  xs: number,
  nleft: number,
  nright: number,
  w: Float64Array,
  userw: boolean,
  rw: Float64Array,
): number {
  const range = n - 1;
  let h = Math.max(xs - nleft, nright - xs);
  if (len > n) h += Math.floor((len - n) / 2);
  const h9 = 0.999 * h;
  const h1 = 0.001 * h;
  let a = 0;
  for (let j = nleft - 1; j < nright; j++) {
    w[j] = 0;
    const r = Math.abs(j + 1 - xs);
    if (r <= h9) {
      if (r <= h1) w[j] = 1;
      else {
        const q = r / h;
        const c = 1 - q * q * q; // tricube weight (1 − q³)³, multiplied out: Math.pow is slow here
        w[j] = c * c * c;
      }
      if (userw) w[j] *= rw[j];
      a += w[j];
    }
  }
  if (a <= 0) return NaN;
  for (let j = nleft - 1; j < nright; j++) w[j] /= a;
  if (h > 0 && ideg > 0) {
    a = 0;
    for (let j = nleft - 1; j < nright; j++) a += w[j] * (j + 1);
    let b = xs - a;
    let c = 0;
    for (let j = nleft - 1; j < nright; j++) c += w[j] * (j + 1 - a) * (j + 1 - a);
    if (Math.sqrt(c) > 0.001 * range) {
      b /= c;
      for (let j = nleft - 1; j < nright; j++) w[j] *= b * (j + 1 - a) + 1;
    }
  }
  let ys = 0;
  for (let j = nleft - 1; j < nright; j++) ys += w[j] * y[j];
  return ys;
}

/**
 * The normalised weights `est` gives a window of `len` points (odd) centred on the point estimated, without
 * robustness weights: the tricube of the distance over the half-width h = (len − 1) / 2, in window order. The end
 * points (distance h) get 0, as in `est`. With degree 1 the local line's correction vanishes on a centred window
 * (the weighted mean abscissa is the point itself), so the same weights serve both degrees.
 */
function centredKernel(len: number): Float64Array {
  const h = (len - 1) / 2;
  const h9 = 0.999 * h;
  const h1 = 0.001 * h;
  const w = new Float64Array(len);
  let a = 0;
  for (let k = 0; k < len; k++) {
    const r = Math.abs(k - h);
    if (r <= h9) {
      if (r <= h1) w[k] = 1;
      else {
        const q = r / h;
        const c = 1 - q * q * q;
        w[k] = c * c * c;
      }
      a += w[k];
    }
  }
  for (let k = 0; k < len; k++) w[k] /= a;
  return w;
}

/**
 * Loess smoothing of y[0..n) into ys[off..off+n), evaluated every `njump` points and interpolated between.
 * Without robustness weights, a point whose window is centred on it (all but the ends) is the dot product of
 * the window with `kernel` (`centredKernel(len)`): the same weights `est` computes, without recomputing them at
 * each point (most of STL's time before). With degree 1 the result differs from `est`'s only by round-off.
 */
function ess(
  y: Float64Array,
  n: number,
  len: number,
  ideg: number,
  njump: number,
  userw: boolean,
  rw: Float64Array,
  ys: Float64Array,
  off: number,
  res: Float64Array,
  kernel: Float64Array,
): void {
  if (n < 2) {
    ys[off] = y[0];
    return;
  }
  const newnj = Math.min(njump, n - 1);
  let nleft = 0;
  let nright = 0;
  const half = (len - 1) / 2;
  const centred = !userw && len < n;
  const at = (i: number): void => {
    if (centred && nleft === i + 1 - half && nright === i + 1 + half) {
      let v = 0;
      for (let k = 0, j = nleft - 1; k < len; k++, j++) v += kernel[k] * y[j];
      ys[off + i] = v;
      return;
    }
    const v = est(y, n, len, ideg, i + 1, nleft, nright, res, userw, rw);
    ys[off + i] = Number.isNaN(v) ? y[i] : v;
  };
  if (len >= n) {
    nleft = 1;
    nright = n;
    for (let i = 0; i < n; i += newnj) at(i);
  } else if (newnj === 1) {
    const nsh = Math.floor((len + 2) / 2);
    nleft = 1;
    nright = len;
    for (let i = 0; i < n; i++) {
      if (i + 1 > nsh && nright !== n) {
        nleft++;
        nright++;
      }
      at(i);
    }
  } else {
    const nsh = Math.floor((len + 1) / 2);
    for (let i = 0; i < n; i += newnj) {
      if (i + 1 < nsh) {
        nleft = 1;
        nright = len;
      } else if (i + 1 >= n - nsh + 1) {
        nleft = n - len + 1;
        nright = n;
      } else {
        nleft = i + 1 - nsh + 1;
        nright = len + i + 1 - nsh;
      }
      at(i);
    }
  }
  if (newnj === 1) return;
  for (let i = 0; i < n - newnj; i += newnj) {
    const delta = (ys[off + i + newnj] - ys[off + i]) / newnj;
    for (let j = i + 1; j < i + newnj; j++) ys[off + j] = ys[off + i] + delta * (j - i);
  }
  const k = Math.floor((n - 1) / newnj) * newnj + 1;
  if (k !== n) {
    at(n - 1); // with the window of the last evaluated point, as the Fortran does
    if (k !== n - 1) {
      const delta = (ys[off + n - 1] - ys[off + k - 1]) / (n - k);
      for (let j = k; j < n - 1; j++) ys[off + j] = ys[off + k - 1] + delta * (j + 1 - k);
    }
  }
}

/** Moving average of length `len` over x[0..n) into ave[0..n−len]. */
function movingAverage(x: Float64Array, n: number, len: number, ave: Float64Array): void {
  let v = 0;
  for (let i = 0; i < len; i++) v += x[i];
  ave[0] = v / len;
  for (let j = 1, k = len, m = 0; j < n - len + 1; j++, k++, m++) {
    v += x[k] - x[m];
    ave[j] = v / len;
  }
}

/** Bisquare robustness weights from the residuals, scaled by 6 × their median absolute value. */
function robustnessWeights(y: Float64Array, season: Float64Array, trend: Float64Array, rw: Float64Array): void {
  const n = y.length;
  for (let i = 0; i < n; i++) rw[i] = Math.abs(y[i] - season[i] - trend[i]);
  const sorted = Float64Array.from(rw).sort();
  const cmad = 3 * (sorted[Math.floor(n / 2)] + sorted[n - Math.floor(n / 2) - 1]);
  if (cmad === 0) {
    rw.fill(1);
    return;
  }
  const c9 = 0.999 * cmad;
  const c1 = 0.001 * cmad;
  for (let i = 0; i < n; i++) {
    const r = rw[i];
    const u = 1 - (r / cmad) * (r / cmad);
    rw[i] = r <= c1 ? 1 : r <= c9 ? u * u : 0;
  }
}
