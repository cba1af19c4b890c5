/**
 * Derivative-free minimisation by the Nelder-Mead simplex method with the dimension-adaptive coefficients of
 * Gao & Han (2012), "Implementing the Nelder-Mead simplex algorithm with adaptive parameters",
 * Comput. Optim. Appl. 51:259-277. Bounds are the caller's job: map bounded parameters through a smooth
 * transform (see ets-fit.ts) so the search space is unbounded. After convergence the search restarts from
 * the best point with a fresh simplex, which rescues the collapsed simplices Nelder-Mead is known for
 * (McKinnon 1998); it stops when a restart gains less than `fTolerance`.
 */

/** Options of `nelderMead`. */
export interface NelderMeadOptions {
  /** Initial simplex edge, one for all coordinates or one per coordinate (same units as x). Default 0.5. */
  step?: number | ArrayLike<number>;
  /** Budget of objective evaluations over all restarts. Default 200 × (dimension + 1). */
  maxEvaluations?: number;
  /** Converged when the simplex's values span ≤ this (absolute)… Default 1e-6. */
  fTolerance?: number;
  /** …and its vertices lie within this distance of the best one in every coordinate. Default 1e-5. */
  xTolerance?: number;
  /** Restarts after the first convergence. Default 2. */
  restarts?: number;
}

/** Where `nelderMead` stopped. */
export interface NelderMeadResult {
  /** The best point found. */
  x: Float64Array;
  /** f(x); +Infinity when no finite value was found. */
  value: number;
  /** Objective evaluations used. */
  evaluations: number;
  /** True when the tolerances were met (false: the evaluation budget ran out first). */
  converged: boolean;
}

/**
 * Minimises `f` from `x0`. `f` may return NaN or ±Infinity for infeasible points: they count as +Infinity.
 * `f` may be called with a reused buffer and must not keep a reference to its argument.
 */
export function nelderMead(
  f: (x: Float64Array) => number,
  x0: Float64Array,
  options: NelderMeadOptions = {},
): NelderMeadResult {
  const d = x0.length;
  const step = options.step ?? 0.5;
  const maxEval = options.maxEvaluations ?? 200 * (d + 1);
  const fTol = options.fTolerance ?? 1e-6;
  const xTol = options.xTolerance ?? 1e-5;
  const restarts = options.restarts ?? 2;
  let evaluations = 0;
  const value = (x: Float64Array): number => {
    evaluations++;
    const v = f(x);
    return Number.isNaN(v) ? Infinity : v;
  };
  if (d === 0) return { x: new Float64Array(0), value: value(x0), evaluations, converged: true };

  const alpha = 1;
  const beta = 1 + 2 / d; // expansion
  const gamma = 0.75 - 1 / (2 * d); // contraction
  const delta = 1 - 1 / d; // shrink (the 1 - 1/d of Gao & Han; 0.5 when d = 2 as in the classic method)
  const sx: Float64Array[] = Array.from({ length: d + 1 }, () => new Float64Array(d));
  const fx = new Float64Array(d + 1);
  const centroid = new Float64Array(d);
  const xr = new Float64Array(d);
  const xe = new Float64Array(d);
  const xc = new Float64Array(d);
  const best = Float64Array.from(x0);
  let bestValue = value(best);
  let converged = false;
  const accept = (i: number, x: Float64Array, fxNew: number): void => {
    sx[i].set(x);
    fx[i] = fxNew;
  };

  for (let round = 0; round <= restarts && evaluations < maxEval; round++) {
    const startValue = bestValue;
    for (let i = 0; i <= d; i++) {
      sx[i].set(best);
      if (i > 0) sx[i][i - 1] += typeof step === 'number' ? step : step[i - 1];
      fx[i] = i === 0 ? bestValue : value(sx[i]);
    }
    converged = false;
    while (evaluations < maxEval) {
      // Best, worst and second-worst vertices by one scan (ties: the lower index counts as better).
      let lo = 0;
      let hi = 0;
      for (let i = 1; i <= d; i++) {
        if (fx[i] < fx[lo]) lo = i;
        if (fx[i] >= fx[hi]) hi = i;
      }
      let nh = hi === 0 ? 1 : 0;
      for (let i = 0; i <= d; i++) if (i !== hi && fx[i] >= fx[nh]) nh = i;
      if (isConverged(sx, fx, lo, d, fTol, xTol)) {
        converged = true;
        break;
      }
      centroid.fill(0);
      for (let i = 0; i <= d; i++) {
        if (i === hi) continue;
        const v = sx[i];
        for (let j = 0; j < d; j++) centroid[j] += v[j] / d;
      }
      const xh = sx[hi];
      for (let j = 0; j < d; j++) xr[j] = centroid[j] + alpha * (centroid[j] - xh[j]);
      const fr = value(xr);
      if (fr < fx[lo]) {
        for (let j = 0; j < d; j++) xe[j] = centroid[j] + beta * (xr[j] - centroid[j]);
        const fe = value(xe);
        if (fe < fr) accept(hi, xe, fe);
        else accept(hi, xr, fr);
      } else if (fr < fx[nh]) {
        accept(hi, xr, fr);
      } else {
        const outside = fr < fx[hi];
        for (let j = 0; j < d; j++) {
          xc[j] = outside ? centroid[j] + gamma * (xr[j] - centroid[j]) : centroid[j] - gamma * (centroid[j] - xh[j]);
        }
        const fc = value(xc);
        if (outside ? fc <= fr : fc < fx[hi]) {
          accept(hi, xc, fc);
        } else {
          const xl = sx[lo];
          for (let i = 0; i <= d; i++) {
            if (i === lo) continue;
            const v = sx[i];
            for (let j = 0; j < d; j++) v[j] = xl[j] + delta * (v[j] - xl[j]);
            fx[i] = value(v);
          }
        }
      }
    }
    let lo = 0;
    for (let i = 1; i <= d; i++) if (fx[i] < fx[lo]) lo = i;
    if (fx[lo] <= bestValue) {
      bestValue = fx[lo];
      best.set(sx[lo]);
    }
    if (round > 0 && !(startValue - bestValue > fTol)) break;
  }
  return { x: best, value: bestValue, evaluations, converged };
}

function isConverged(
  sx: Float64Array[],
  fx: Float64Array,
  lo: number,
  d: number,
  fTol: number,
  xTol: number,
): boolean {
  const fl = fx[lo];
  for (let i = 0; i <= d; i++) {
    const df = fx[i] - fl;
    if (!(df <= fTol)) return false; // also false for Infinity - Infinity = NaN
  }
  const xl = sx[lo];
  for (let i = 0; i <= d; i++) {
    const v = sx[i];
    for (let j = 0; j < d; j++) if (Math.abs(v[j] - xl[j]) > xTol) return false;
  }
  return true;
}

/** Options of `goldenSection`. */
export interface GoldenSectionOptions {
  /** Stop once the bracket is no wider than this (same units as x). Default 1e-5. */
  tolerance?: number;
  /** Most narrowing steps (one evaluation each). Default 200. */
  maxIterations?: number;
}

/** Where a one-dimensional search stopped. */
export interface LineSearchResult {
  /** The best point evaluated. */
  x: number;
  /** f(x); +Infinity when no finite value was found. */
  value: number;
  /** Objective evaluations used. */
  evaluations: number;
}

const INVERSE_PHI = (Math.sqrt(5) - 1) / 2;

/**
 * Golden-section search for the minimum of `f` on the bracket [a, b]: exact for a unimodal `f`, a local
 * minimum otherwise. Ties narrow towards b. NaN counts as +Infinity. Returns the better of the two last
 * interior points. The app's one line search: `gridGoldenSection` and the (r,Q) optimum both use it.
 */
export function goldenSection(f: (x: number) => number, a: number, b: number, options: GoldenSectionOptions = {}): LineSearchResult {
  const tolerance = options.tolerance ?? 1e-5;
  const maxIterations = options.maxIterations ?? 200;
  let evaluations = 0;
  const value = (x: number): number => {
    evaluations++;
    const v = f(x);
    return Number.isNaN(v) ? Infinity : v;
  };
  let c = b - INVERSE_PHI * (b - a);
  let d = a + INVERSE_PHI * (b - a);
  let fc = value(c);
  let fd = value(d);
  for (let i = 0; i < maxIterations && b - a > tolerance; i++) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - INVERSE_PHI * (b - a);
      fc = value(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + INVERSE_PHI * (b - a);
      fd = value(d);
    }
  }
  return fd < fc ? { x: d, value: fd, evaluations } : { x: c, value: fc, evaluations };
}

/**
 * Minimises a function of one variable on [lo, hi]: a grid of `gridPoints` evenly spaced values (ends
 * included) finds the best region, then golden-section search narrows the bracket around the best grid point
 * to `tolerance`. Global up to the grid's resolution, where Nelder-Mead in one dimension is only local.
 */
export function gridGoldenSection(
  f: (x: number) => number,
  lo: number,
  hi: number,
  gridPoints = 11,
  tolerance = 1e-5,
): LineSearchResult {
  let evaluations = 0;
  const h = (hi - lo) / (gridPoints - 1);
  let bestX = lo;
  let bestValue = Infinity;
  for (let i = 0; i < gridPoints; i++) {
    const x = lo + i * h;
    evaluations++;
    const v = f(x);
    if (v < bestValue) {
      bestValue = v;
      bestX = x;
    }
  }
  const local = goldenSection(f, Math.max(lo, bestX - h), Math.min(hi, bestX + h), { tolerance, maxIterations: Infinity });
  evaluations += local.evaluations;
  return local.value < bestValue ? { x: local.x, value: local.value, evaluations } : { x: bestX, value: bestValue, evaluations };
}
