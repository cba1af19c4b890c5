import { AppError, invalidOption, maybeFinite, maybeInteger } from '../core/errors';
import { normalCdf } from './normal';
import { maybeFiniteArray, maybeMean, maybeOpenProbability } from './options';
import { logGamma } from './special';

/**
 * Demand distributions on the integers 0, 1, 2, ... (units per period), stored as a probability mass
 * function. The tail beyond `pmf.length − 1` carries less than `TAIL_MASS` probability and is cut off;
 * the kept masses are rescaled to sum to 1, and `mean`/`variance` describe the stored (cut) distribution
 * so that every formula built on it is exactly consistent.
 */
export interface DiscreteDistribution {
  /** P(D = k) for k = 0 .. length − 1. Sums to 1. */
  readonly pmf: Float64Array;
  /** E[D], units per period. */
  readonly mean: number;
  /** Var[D], units² per period². */
  readonly variance: number;
}

/** Probability mass left out of a truncated distribution, at most. */
export const TAIL_MASS = 1e-15;

/** Builds a DiscreteDistribution from masses (rescaled to sum 1, trailing zeros trimmed). */
export function fromMasses(masses: ArrayLike<number>): DiscreteDistribution {
  let end = masses.length;
  while (end > 1 && !(masses[end - 1] > 0)) end--;
  const pmf = new Float64Array(end);
  let total = 0;
  for (let k = 0; k < end; k++) {
    const m = masses[k];
    if (!(m >= 0) || !Number.isFinite(m)) invalidOption(`pmf[${k}]`, m, 'a probability ≥ 0');
    pmf[k] = m;
    total += m;
  }
  if (!(total > 0)) invalidOption('pmf', Array.from(masses).slice(0, 8), 'masses with a positive sum');
  let mean = 0;
  let second = 0;
  for (let k = 0; k < end; k++) {
    pmf[k] /= total;
    mean += k * pmf[k];
    second += k * k * pmf[k];
  }
  return { pmf, mean, variance: Math.max(0, second - mean * mean) };
}

/**
 * Fills masses outward from the mode using a ratio recurrence, stopping where terms fall below
 * TAIL_MASS·1e-3 and beyond; avoids underflow for large means.
 */
function fromMode({ mode, logAtMode, up, down }: {
  /** A mode of the distribution. */
  mode: number;
  /** ln P(mode). */
  logAtMode: number;
  /** P(k + 1) / P(k). */
  up: (k: number) => number;
  /** P(k − 1) / P(k). */
  down: (k: number) => number;
}): DiscreteDistribution {
  const tiny = TAIL_MASS * 1e-3;
  const high: number[] = [Math.exp(logAtMode)];
  for (let k = mode; ; k++) {
    const next = high[high.length - 1] * up(k);
    if (!(next > tiny) && k > mode + 2) break;
    high.push(next);
    if (high.length > 50_000_000) throw new AppError('internal', 'distribution too wide');
  }
  const masses = new Float64Array(mode + high.length);
  for (let i = 0; i < high.length; i++) masses[mode + i] = high[i];
  let p = high[0];
  for (let k = mode; k > 0; k--) {
    p *= down(k);
    if (!(p > tiny)) break;
    masses[k - 1] = p;
  }
  return fromMasses(masses);
}

/** Poisson(mean) pmf; `mean` > 0 (units per period). */
export function poissonDistribution(mean: number): DiscreteDistribution {
  const lambda = maybeMean('mean', mean);
  const mode = Math.floor(lambda);
  const logAtMode = -lambda + mode * Math.log(lambda) - logGamma(mode + 1);
  return fromMode({ mode, logAtMode, up: (k) => lambda / (k + 1), down: (k) => k / lambda });
}

/**
 * Negative binomial with the given mean and variance (variance > mean: over-dispersed demand).
 * Parameterised as the Gamma-Poisson mixture: r = mean² / (variance − mean), θ = 1 − mean / variance,
 * P(k) = Γ(k + r) / (k! Γ(r)) · (1 − θ)^r · θ^k.
 */
export function negativeBinomialDistribution(mean: number, variance: number): DiscreteDistribution {
  const mu = maybeMean('mean', mean);
  const v = maybeFinite('variance', variance);
  if (!(v > mu)) invalidOption('variance', variance, `a number > mean (${mu}); use Poisson when variance ≤ mean`);
  const r = (mu * mu) / (v - mu);
  const theta = 1 - mu / v;
  const mode = r > 1 ? Math.floor(((r - 1) * theta) / (1 - theta)) : 0;
  const logAt = (k: number) =>
    logGamma(k + r) - logGamma(k + 1) - logGamma(r) + r * Math.log1p(-theta) + k * Math.log(theta);
  return fromMode({
    mode,
    logAtMode: logAt(mode),
    up: (k) => (theta * (k + r)) / (k + 1),
    down: (k) => k / (theta * (k - 1 + r)),
  });
}

/** The distribution of a single value `k` (≥ 0, integer): deterministic demand. */
export function pointMass(k: number): DiscreteDistribution {
  const v = maybeInteger('value', k, 0);
  const masses = new Float64Array(v + 1);
  masses[v] = 1;
  return fromMasses(masses);
}

/**
 * Normal N(mean, sd²) demand rounded to whole units and truncated at 0 (the mass below ½ goes to 0), as the
 * simulator draws it with `round: true`. sd 0 is a point mass at the rounded mean.
 */
export function roundedNormalDistribution(mean: number, sd: number): DiscreteDistribution {
  if (sd === 0) return pointMass(Math.max(0, Math.round(mean)));
  const top = Math.ceil(mean + 12 * sd) + 1;
  const masses = new Float64Array(top + 1);
  let prev = 0;
  for (let k = 0; k <= top; k++) {
    const c = normalCdf((k + 0.5 - mean) / sd);
    masses[k] = Math.max(0, c - prev);
    prev = c;
  }
  return fromMasses(masses);
}

/**
 * Empirical distribution of a demand sample. NaN entries (missing periods) are skipped; values are rounded
 * to the nearest whole unit and negatives (returns) count as 0. Throws when no finite value is left.
 */
export function empiricalDistribution(sample: ArrayLike<number>): DiscreteDistribution {
  const counts: number[] = [];
  let n = 0;
  for (let i = 0; i < sample.length; i++) {
    const x = sample[i];
    if (!Number.isFinite(x)) continue;
    const k = Math.max(0, Math.round(x));
    while (counts.length <= k) counts.push(0);
    counts[k]++;
    n++;
  }
  if (n === 0) invalidOption('sample', Array.from(sample).slice(0, 8), 'at least one finite value');
  return fromMasses(counts);
}

/** How `fitDistribution` chooses the family. */
export type FitMethod = 'poisson' | 'negative-binomial' | 'empirical' | 'auto';

/**
 * The family 'auto' fits by moments: the negative binomial when the variance exceeds the mean by more than
 * 10 % (over-dispersed), Poisson otherwise. The one place this rule lives (the simulate scenario uses it too).
 */
export function momentFamily(mean: number, variance: number): 'poisson' | 'negative-binomial' {
  return variance > 1.1 * mean ? 'negative-binomial' : 'poisson';
}

/**
 * Fits a per-period demand distribution to a series (NaN = missing, skipped). 'auto' picks the negative
 * binomial when the sample variance exceeds the mean by more than 10 % and Poisson otherwise (method of
 * moments in both cases); 'empirical' uses the observed frequencies.
 */
export function fitDistribution(series: ArrayLike<number>, method: FitMethod = 'auto'): DiscreteDistribution {
  if (method === 'empirical') return empiricalDistribution(series);
  let n = 0;
  let sum = 0;
  let sum2 = 0;
  for (let i = 0; i < series.length; i++) {
    const x = series[i];
    if (!Number.isFinite(x)) continue;
    const y = Math.max(0, x);
    n++;
    sum += y;
    sum2 += y * y;
  }
  if (n < 2) invalidOption('series', Array.from(series).slice(0, 8), 'at least two finite values');
  const mean = sum / n;
  if (!(mean > 0)) invalidOption('series mean', mean, 'a mean demand > 0');
  const variance = (sum2 - n * mean * mean) / (n - 1);
  if (method === 'negative-binomial' || (method === 'auto' && momentFamily(mean, variance) === 'negative-binomial')) {
    if (!(variance > mean)) invalidOption('series variance', variance, `a variance > mean (${mean}) for the negative binomial`);
    return negativeBinomialDistribution(mean, variance);
  }
  if (method === 'poisson' || method === 'auto') return poissonDistribution(mean);
  return invalidOption('method', method, 'one of poisson, negative-binomial, empirical, auto');
}

/**
 * Distribution from forecast quantiles: the CDF is taken piecewise linear through (values[i], levels[i]),
 * reaching 0 at max(0, an extrapolation of the first segment) and 1 at an extrapolation of the last, and
 * is then discretised to whole units by rounding: P(D = k) = F(k + ½) − F(k − ½), with F(−½) = 0.
 * `levels` must be strictly increasing in (0, 1), `values` non-decreasing and ≥ 0, at least two of each.
 */
export function quantileDistribution(levels: ArrayLike<number>, values: ArrayLike<number>): DiscreteDistribution {
  const tau = maybeFiniteArray('levels', levels, 2);
  const q = maybeFiniteArray('values', values, 2);
  if (tau.length !== q.length) invalidOption('values.length', q.length, `the length of levels (${tau.length})`);
  for (let i = 0; i < tau.length; i++) {
    maybeOpenProbability(`levels[${i}]`, tau[i]);
    if (i > 0 && !(tau[i] > tau[i - 1])) invalidOption(`levels[${i}]`, tau[i], 'levels strictly increasing');
    if (q[i] < 0) invalidOption(`values[${i}]`, q[i], 'a quantile ≥ 0');
    if (i > 0 && q[i] < q[i - 1]) invalidOption(`values[${i}]`, q[i], 'values non-decreasing');
  }
  const m = tau.length;
  // Knots of the piecewise-linear CDF, with extrapolated ends at probability 0 and 1.
  const xs: number[] = [];
  const ps: number[] = [];
  const slope0 = (q[1] - q[0]) / (tau[1] - tau[0]);
  xs.push(Math.max(0, q[0] - slope0 * tau[0]));
  ps.push(0);
  for (let i = 0; i < m; i++) {
    xs.push(Math.max(q[i], xs[xs.length - 1]));
    ps.push(tau[i]);
  }
  const slope1 = (q[m - 1] - q[m - 2]) / (tau[m - 1] - tau[m - 2]);
  xs.push(q[m - 1] + slope1 * (1 - tau[m - 1]));
  ps.push(1);
  const cdf = (x: number): number => {
    if (x < xs[0]) return 0;
    if (x >= xs[xs.length - 1]) return 1;
    let i = 1;
    while (xs[i] <= x) i++;
    // xs[i-1] ≤ x < xs[i]; a zero-width segment is a jump and is passed by the loop.
    return ps[i - 1] + ((ps[i] - ps[i - 1]) * (x - xs[i - 1])) / (xs[i] - xs[i - 1]);
  };
  const top = Math.ceil(xs[xs.length - 1]) + 1;
  const masses = new Float64Array(top + 1);
  let prev = 0;
  for (let k = 0; k <= top; k++) {
    const c = cdf(k + 0.5);
    masses[k] = Math.max(0, c - prev);
    prev = c;
  }
  return fromMasses(masses);
}

/** Distribution of the sum of two independent demands. */
export function convolve(a: DiscreteDistribution, b: DiscreteDistribution): DiscreteDistribution {
  const pa = a.pmf;
  const pb = b.pmf;
  const out = new Float64Array(pa.length + pb.length - 1);
  for (let i = 0; i < pa.length; i++) {
    const x = pa[i];
    if (x === 0) continue;
    for (let j = 0; j < pb.length; j++) out[i + j] += x * pb[j];
  }
  return trimTail(out);
}

/** Cuts the upper tail carrying less than TAIL_MASS, then rescales. */
function trimTail(masses: Float64Array): DiscreteDistribution {
  let end = masses.length;
  let tail = 0;
  while (end > 1 && tail + masses[end - 1] < TAIL_MASS) tail += masses[--end];
  return fromMasses(masses.subarray(0, end));
}

/** Distribution of the sum of `n` ≥ 1 independent copies (demand over n periods), by repeated squaring. */
export function convolvePower(d: DiscreteDistribution, n: number): DiscreteDistribution {
  let k = maybeInteger('periods', n, 1);
  let result: DiscreteDistribution | undefined;
  let base = d;
  while (k > 0) {
    if (k & 1) result = result ? convolve(result, base) : base;
    k >>= 1;
    if (k > 0) base = convolve(base, base);
  }
  return result as DiscreteDistribution;
}

/** Cumulative probabilities F(k) = P(D ≤ k), k = 0 .. length − 1 (the last is 1). */
export function cumulative(d: DiscreteDistribution): Float64Array {
  const cdf = new Float64Array(d.pmf.length);
  let c = 0;
  for (let k = 0; k < cdf.length; k++) {
    c += d.pmf[k];
    cdf[k] = Math.min(1, c);
  }
  cdf[cdf.length - 1] = 1;
  return cdf;
}

/** Smallest integer y with P(D ≤ y) ≥ `p` (the p-quantile), for p in (0, 1]. */
export function discreteQuantile(d: DiscreteDistribution, p: number): number {
  let c = 0;
  for (let k = 0; k < d.pmf.length; k++) {
    c += d.pmf[k];
    // A relative slack of 1e-12 keeps rounding in the running sum from moving the answer.
    if (c >= p * (1 - 1e-12)) return k;
  }
  return d.pmf.length - 1;
}

/** E[(y − D)⁺] for integer y: expected units left over (on hand) with stock y. */
export function expectedLeftover(d: DiscreteDistribution, y: number): number {
  if (y <= 0) return 0;
  let sum = 0;
  const end = Math.min(y, d.pmf.length);
  for (let k = 0; k < end; k++) sum += (y - k) * d.pmf[k];
  return sum;
}

/** E[(D − y)⁺] for integer y: expected units short (first-order loss) with stock y. */
export function expectedShortage(d: DiscreteDistribution, y: number): number {
  return expectedLeftover(d, y) + d.mean - y;
}
