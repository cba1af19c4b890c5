/**
 * The standard normal distribution to full double precision: density, CDF and upper tail (Cody 1969, as in
 * R's pnorm.c), quantile (Wichura 1988, AS 241 PPND16, relative error about 1e-16) and the first- and
 * second-order loss functions that newsvendor, safety-stock and (r,Q) formulas use.
 *
 * Checked against scipy.stats.norm in tests/fixtures/golden/policy/normal.json.
 */

const SQRT_2PI = Math.sqrt(2 * Math.PI);
const INV_SQRT_2PI = 1 / SQRT_2PI;
const SQRT_32 = Math.sqrt(32);

/** φ(z): standard normal density. */
export function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z) * INV_SQRT_2PI;
}

// W. J. Cody, "Rational Chebyshev approximations for the error function", Math. Comp. 23 (1969) 631-637,
// coefficients as in R's nmath/pnorm.c (pnorm_both).
const A = [2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582, 18154.981253343561249, 0.065682337918207449113];
const B = [47.20258190468824187, 976.09855173777669322, 10260.932208618978205, 45507.789335026729956];
const C = [
  0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979, 597.27027639480026226, 2494.5375852903726711,
  6848.1904505362823326, 11602.651437647350124, 9842.7148383839780218, 1.0765576773720192317e-8,
];
const D = [
  22.266688044328115691, 235.38790178262499861, 1519.377599407554805, 6485.558298266760755, 18615.571640885098091,
  34900.952721145977266, 38912.003286093271411, 19685.429676859990727,
];
const P = [
  0.21589853405795699, 0.1274011611602473639, 0.022235277870649807, 0.001421619193227893466, 2.9112874951168792e-5,
  0.02307344176494017303,
];
const Q = [1.28426009614491121, 0.468238212480865118, 0.0659881378689285515, 0.00378239633202758244, 7.29751555083966205e-5];

/** exp(-x²/2) · temp, with x² split so the exponent keeps full precision in the tails (Cody's "del" trick). */
function tailTimes(x: number, temp: number): number {
  const xsq = Math.trunc(x * 16) / 16;
  const del = (x - xsq) * (x + xsq);
  return Math.exp(-xsq * xsq * 0.5) * Math.exp(-del * 0.5) * temp;
}

/** Upper-tail probability of |x| for |x| > 0.67448975, i.e. P(Z > |x|); 0 beyond 38.5. */
function upperTailAbs(y: number): number {
  if (y <= SQRT_32) {
    let xnum = C[8] * y;
    let xden = y;
    for (let i = 0; i < 7; i++) {
      xnum = (xnum + C[i]) * y;
      xden = (xden + D[i]) * y;
    }
    return tailTimes(y, (xnum + C[7]) / (xden + D[7]));
  }
  if (y >= 38.5) return 0;
  const xsq = 1 / (y * y);
  let xnum = P[5] * xsq;
  let xden = xsq;
  for (let i = 0; i < 4; i++) {
    xnum = (xnum + P[i]) * xsq;
    xden = (xden + Q[i]) * xsq;
  }
  const temp = (INV_SQRT_2PI - (xsq * (xnum + P[4])) / (xden + Q[4])) / y;
  return tailTimes(y, temp);
}

/** Φ(z) = P(Z ≤ z). Relative error about 1e-15 in both tails. NaN in, NaN out. */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return NaN;
  const y = Math.abs(z);
  if (y <= 0.67448975) return 0.5 + centralPart(z);
  const upper = upperTailAbs(y);
  return z > 0 ? 1 - upper : upper;
}

/** 1 − Φ(z) = P(Z > z), computed directly so that it keeps its precision for large z. */
export function normalSf(z: number): number {
  if (Number.isNaN(z)) return NaN;
  const y = Math.abs(z);
  if (y <= 0.67448975) return 0.5 - centralPart(z);
  const upper = upperTailAbs(y);
  return z > 0 ? upper : 1 - upper;
}

function centralPart(z: number): number {
  if (Math.abs(z) <= 1.1102230246251565e-16) return z * A[3] / B[3];
  const xsq = z * z;
  let xnum = A[4] * xsq;
  let xden = xsq;
  for (let i = 0; i < 3; i++) {
    xnum = (xnum + A[i]) * xsq;
    xden = (xden + B[i]) * xsq;
  }
  return (z * (xnum + A[3])) / (xden + B[3]);
}

// M. J. Wichura, "Algorithm AS 241: The percentage points of the normal distribution",
// Applied Statistics 37 (1988) 477-484, PPND16.
const QA = [3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125, 45921.953931549871457, 67265.770927008700853, 33430.575583588128105, 2509.0809287301226727];
const QB = [1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867, 39307.89580009271061, 28729.085735721942674, 5226.495278852854561];
const QC = [1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504, 1.27045825245236838258, 0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4];
const QD = [1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459, 0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9];
const QE = [6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123, 0.026532189526576123093, 0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7];
const QF = [1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525, 7.868691311456132591e-4, 1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15];

function horner(c: readonly number[], x: number): number {
  let v = c[7];
  for (let i = 6; i >= 0; i--) v = v * x + c[i];
  return v;
}

/** Φ⁻¹(p): the z with Φ(z) = p, for p in [0, 1] (±Infinity at the ends). NaN for p outside [0, 1]. */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * horner(QA, r)) / horner(QB, r);
  }
  let r = q < 0 ? p : 1 - p;
  r = Math.sqrt(-Math.log(r));
  const value = r <= 5 ? horner(QC, r - 1.6) / horner(QD, r - 1.6) : horner(QE, r - 5) / horner(QF, r - 5);
  return q < 0 ? -value : value;
}

/**
 * Critical-fractile safety factor z = Φ⁻¹(p / (p + h)) for underage p and overage h (both > 0), computed from
 * the smaller tail so that it stays finite when p/(p + h) rounds to 1 (e.g. h = 1e-9, p = 1e9).
 */
export function criticalZ(holdingCost: number, shortageCost: number): number {
  const total = holdingCost + shortageCost;
  return shortageCost >= holdingCost ? -normalQuantile(holdingCost / total) : normalQuantile(shortageCost / total);
}

/**
 * Standard normal first-order loss L(z) = E[(Z − z)⁺] = φ(z) − z·(1 − Φ(z)).
 * Expected units short per cycle with stock μ + zσ is σ·L(z). Uses L(z) = L(−z) − z for z < 0 to avoid
 * subtracting two large numbers.
 */
export function normalLoss(z: number): number {
  if (Number.isNaN(z)) return NaN;
  if (z < 0) return normalLoss(-z) - z;
  return Math.max(0, normalPdf(z) - z * normalSf(z));
}

/**
 * Standard normal second-order loss L²(z) = ½·E[((Z − z)⁺)²] = ½·[(z² + 1)(1 − Φ(z)) − z·φ(z)].
 * Used by the exact continuous-review (r,Q) cost.
 */
export function normalLoss2(z: number): number {
  if (Number.isNaN(z)) return NaN;
  if (z < 0) {
    // ½E[((Z − z)⁺)²] = ½E[(Z − z)²] − ½E[((z − Z)⁺)²] = ½(1 + z²) − L²(−z).
    return 0.5 * (1 + z * z) - normalLoss2(-z);
  }
  return Math.max(0, 0.5 * ((z * z + 1) * normalSf(z) - z * normalPdf(z)));
}

/**
 * The z with L(z) = `loss`, for `loss` > 0 (L is strictly decreasing from +∞ to 0).
 * Newton's method from a bracketing start; accurate to about 1e-12 in z.
 */
export function normalLossInverse(loss: number): number {
  if (!(loss > 0) || !Number.isFinite(loss)) return NaN;
  // L(z) ≈ −z for z ≪ 0, and L is convex and decreasing (L'(z) = Φ(z) − 1), so bisection is safe.
  let lo = -loss - 1;
  let hi = 40;
  while (normalLoss(lo) < loss) lo = 2 * lo - 1;
  let z = Math.max(lo, Math.min(hi, -loss));
  for (let i = 0; i < 100; i++) {
    const f = normalLoss(z) - loss;
    if (f > 0) lo = z;
    else hi = z;
    const slope = normalCdf(z) - 1;
    let next = slope < 0 ? z - f / slope : NaN;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - z) <= 1e-13 * Math.max(1, Math.abs(z))) return next;
    z = next;
  }
  return z;
}
