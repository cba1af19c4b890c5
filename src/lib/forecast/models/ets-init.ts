import type { EtsSpec } from './ets-core';

/** Heuristic initial states (see `heuristicStates`). */
export interface InitialStates {
  /** l₀. */
  level0: number;
  /** b₀ (0 without trend). */
  trend0: number;
  /** s₋ₘ … s₋₁ (empty without season). */
  season0: Float64Array;
}

/**
 * Initial states by the heuristic of Hyndman et al. (2008, §2.6.1) as forecast::initstate applies it:
 * 1. season: a classical decomposition (centred 2×m moving average, as R's `decompose`) of the first
 *    k = min(3, ⌊n/m⌋) whole seasons; the season indices are the per-position means of the detrended values,
 *    normalised to sum 0 (additive) or to average 1 (multiplicative). forecast::initstate uses exactly 3
 *    seasons and a Fourier regression when n < 3m; this version needs k ≥ 2 and uses what there is;
 * 2. level and trend: a least-squares line through the first min(max(10, 2m), n) seasonally adjusted values,
 *    l₀ = its value at t = 0 (one period before the first observation), b₀ = its slope; without trend l₀ is
 *    their mean.
 * The caller guarantees n ≥ 2m for seasonal specs and a positive series for multiplicative ones.
 */
export function heuristicStates(y: Float64Array, spec: EtsSpec): InitialStates {
  const n = y.length;
  const m = spec.season === 'N' ? 1 : spec.seasonLength;
  const season0 = spec.season === 'N' ? new Float64Array(0) : seasonIndices(y, m, spec.season === 'M');
  const maxn = Math.min(Math.max(10, 2 * m), n);
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let t = 0; t < maxn; t++) {
    let v = y[t];
    if (spec.season === 'A') v -= season0[t % m];
    else if (spec.season === 'M') v /= Math.max(season0[t % m], 1e-2);
    const x = t + 1;
    sx += x;
    sy += v;
    sxx += x * x;
    sxy += x * v;
  }
  if (spec.trend === 'N' || maxn < 2) return { level0: sy / maxn, trend0: 0, season0 };
  const slope = (maxn * sxy - sx * sy) / (maxn * sxx - sx * sx);
  const intercept = (sy - slope * sx) / maxn;
  return { level0: intercept, trend0: slope, season0 };
}

/** Classical-decomposition season indices of the first whole seasons of `y` (k ≥ 2 seasons). */
function seasonIndices(y: Float64Array, m: number, multiplicative: boolean): Float64Array {
  const k = Math.min(3, Math.floor(y.length / m));
  const len = k * m;
  const half = Math.floor(m / 2);
  const even = m % 2 === 0;
  const sum = new Float64Array(m);
  const count = new Float64Array(m);
  for (let t = half; t < len - half; t++) {
    let ma = 0;
    if (even) {
      ma = 0.5 * (y[t - half] + y[t + half]);
      for (let i = t - half + 1; i < t + half; i++) ma += y[i];
    } else {
      for (let i = t - half; i <= t + half; i++) ma += y[i];
    }
    ma /= m;
    sum[t % m] += multiplicative ? y[t] / ma : y[t] - ma;
    count[t % m]++;
  }
  const out = new Float64Array(m);
  let mean = 0;
  for (let j = 0; j < m; j++) {
    out[j] = count[j] > 0 ? sum[j] / count[j] : multiplicative ? 1 : 0;
    mean += out[j] / m;
  }
  for (let j = 0; j < m; j++) out[j] = multiplicative ? out[j] / mean : out[j] - mean;
  return out;
}
