import { invalidOption, maybeInteger } from '../core/errors';
import { normalQuantile } from '../policy/normal';
import type { ConfidenceInterval } from './types';

/**
 * Student t CDF for integer degrees of freedom, exactly, by the finite series of Abramowitz & Stegun
 * 26.7.3 (odd ν) and 26.7.4 (even ν) in θ = atan(t/√ν). O(ν) work.
 */
export function studentTCdf(t: number, df: number): number {
  const theta = Math.atan(Math.abs(t) / Math.sqrt(df));
  const c2 = Math.cos(theta) ** 2;
  const s = Math.sin(theta);
  let a: number;
  if (df % 2 === 1) {
    let sum = 0;
    let term = Math.cos(theta);
    for (let j = 0; j < (df - 1) / 2; j++) {
      sum += term;
      term *= ((2 * j + 2) / (2 * j + 3)) * c2;
    }
    a = (2 / Math.PI) * (theta + s * sum);
  } else {
    let sum = 0;
    let term = 1;
    for (let j = 0; j < df / 2; j++) {
      sum += term;
      term *= ((2 * j + 1) / (2 * j + 2)) * c2;
    }
    a = s * sum;
  }
  return t >= 0 ? 0.5 + 0.5 * a : 0.5 - 0.5 * a;
}

/** Cornish-Fisher expansion of the t quantile in powers of 1/ν (A&S 26.7.5); error O(ν⁻⁵). */
function cornishFisher(z: number, df: number): number {
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  return z + g1 / df + g2 / df ** 2 + g3 / df ** 3 + g4 / df ** 4;
}

/** The p-quantile of Student's t with `df` (integer ≥ 1) degrees of freedom, p in (0, 1). */
export function studentTQuantile(p: number, df: number): number {
  const nu = maybeInteger('df', df, 1);
  if (!(p > 0 && p < 1)) invalidOption('p', p, 'a probability in (0, 1)');
  if (p < 0.5) return -studentTQuantile(1 - p, nu);
  if (p === 0.5) return 0;
  const z = normalQuantile(p);
  if (nu > 1000) return cornishFisher(z, nu);
  // Bisection on the exact CDF from a bracket around the Cornish-Fisher start.
  let lo = z;
  let hi = Math.max(2 * z, cornishFisher(z, nu));
  while (studentTCdf(hi, nu) < p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-14 * hi; i++) {
    const mid = 0.5 * (lo + hi);
    if (studentTCdf(mid, nu) < p) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** mean ± t_{n−1,(1+level)/2} · s/√n of `values` (n ≥ 1; the half width is 0 when n = 1). */
export function confidenceInterval(values: ArrayLike<number>, level = 0.95): ConfidenceInterval {
  const n = values.length;
  if (n < 1) invalidOption('values', values, 'at least one value');
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i];
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - mean) ** 2;
  const halfWidth = n > 1 ? (studentTQuantile((1 + level) / 2, n - 1) * Math.sqrt(ss / (n - 1))) / Math.sqrt(n) : 0;
  return { mean, halfWidth, low: mean - halfWidth, high: mean + halfWidth, n };
}
