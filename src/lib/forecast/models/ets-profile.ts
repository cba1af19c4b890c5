import type { EtsSpec } from './ets-core';

/**
 * Initial states concentrated out of the likelihood of additive ETS models (error A, season N or A).
 *
 * With additive errors and no multiplicative part the recursions are linear in (y, x₀), so by superposition the
 * one-step errors are e(x₀) = e⁰ + Σ_c x₀[c]·eᶜ, where e⁰ are the errors of a run over y from the zero state
 * (plus any fixed season states) and eᶜ those of a run over y ≡ 0 from the c-th unit initial state. The SSE is
 * then a quadratic in x₀, minimised by the normal equations A·x₀ = −r with A = Σ eᶜeᵈ, r = Σ e⁰eᶜ, and
 * SSE* = Σ(e⁰)² + x₀·r. The optimiser only has to search the 1-4 smoothing parameters, and the initial states
 * it returns are the exact maximum-likelihood ones for those parameters (forecast::ets searches them jointly).
 *
 * Free states (the unknowns x₀, in this order): l₀; b₀ (with trend); then one per free season state j < m − 1,
 * whose unit vector is s_j = 1, s_(m−1) = −1 so that the season states keep summing to 0. Seasonal models get
 * their responses from three base runs (see `loss`).
 */
export interface AdditiveProfile {
  /** n·log(SSE* ÷ n) at the given smoothing parameters (Infinity when the run blows up). */
  loss(alpha: number, beta: number, gamma: number, phi: number): number;
  /** The optimal initial states of the last `loss` call. */
  states(): { level0: number; trend0: number; season0: Float64Array };
}

/**
 * Builds the profile for `y` and an additive `spec`. `fixedSeason` (length m, chronological s₋ₘ … s₋₁) holds
 * season states that are not estimated (long seasons); null estimates them.
 */
export function createAdditiveProfile(y: Float64Array, spec: EtsSpec, fixedSeason: Float64Array | null): AdditiveProfile {
  const hasTrend = spec.trend !== 'N';
  const seasonal = spec.season !== 'N';
  const m = seasonal ? spec.seasonLength : 1;
  const freeSeason = seasonal && !fixedSeason ? m - 1 : 0;
  const K = 1 + (hasTrend ? 1 : 0) + freeSeason;
  const w: Work = {
    y,
    n: y.length,
    m,
    hasTrend,
    fixedSeason,
    freeSeason,
    K,
    firstSeason: 1 + (hasTrend ? 1 : 0),
    nLag: freeSeason > 0 ? m : 0,
    A: new Float64Array(K * K),
    r: new Float64Array(K),
    theta: new Float64Array(K),
    S0: new Float64Array(m),
    SL: new Float64Array(m),
    SB: new Float64Array(m),
    SQ: new Float64Array(m),
    qRing: new Float64Array(m),
    rQ: new Float64Array(m),
    aLQ: new Float64Array(m),
    aBQ: new Float64Array(m),
    cQ: new Float64Array(m),
    G: new Float64Array((2 + m) * (2 + m)),
    rFull: new Float64Array(2 + m),
  };
  const { theta } = w;
  const firstSeason = w.firstSeason;
  const loss = seasonal
    ? (alpha: number, beta: number, gamma: number, phi: number) => seasonalLoss(w, alpha, beta, gamma, phi)
    : (alpha: number, beta: number, _gamma: number, phi: number) => nonSeasonalLoss(w, alpha, beta, phi);
  const states = () => {
    const season0 = new Float64Array(seasonal ? m : 0);
    if (seasonal && fixedSeason) season0.set(fixedSeason);
    let sum = 0;
    for (let j = 0; j < freeSeason; j++) {
      season0[j] = theta[firstSeason + j];
      sum += season0[j];
    }
    if (freeSeason > 0) season0[m - 1] = -sum;
    return { level0: theta[0], trend0: hasTrend ? theta[1] : 0, season0 };
  };
  return { loss, states };
}

/**
 * The profile's working state. The loops below are top-level functions over it, not closures made per profile:
 * V8 keeps type feedback per closure, and a fresh closure for every fitted form deoptimised hundreds of times
 * per backtest (and ran boxed in the interpreter meanwhile).
 */
interface Work {
  y: Float64Array;
  n: number;
  m: number;
  hasTrend: boolean;
  fixedSeason: Float64Array | null;
  freeSeason: number;
  K: number;
  firstSeason: number;
  nLag: number;
  A: Float64Array;
  r: Float64Array;
  theta: Float64Array;
  /** Season buffers of the data run and of the unit-l₀, unit-b₀ and unit-slot-0 runs. */
  S0: Float64Array;
  SL: Float64Array;
  SB: Float64Array;
  SQ: Float64Array;
  /** eQ(t − k) at (t − k) mod m. */
  qRing: Float64Array;
  /** Σ e0(t)·eQ(t − k), Σ eL(t)·eQ(t − k), Σ eB(t)·eQ(t − k), Σ eQ(t)·eQ(t − k). */
  rQ: Float64Array;
  aLQ: Float64Array;
  aBQ: Float64Array;
  cQ: Float64Array;
  /** Gram matrix of the base states [l₀, b₀, slot 0 … m−1] and its right-hand side. */
  G: Float64Array;
  rFull: Float64Array;
}

/**
 * Non-seasonal models (the common case): an unrolled loop over scalars, same sums, several times faster. Each run
 * is written on the one-step forecast f = l + φb and the carried trend g = φb, as `etsLoss`'s non-seasonal loop
 * (ets-core.ts): f' = (1 − κ)f + φg + κy, g' = φg − φβf + φβy with κ = α + φβ, half the dependent latency per
 * period. The data run starts from zero states, the unit-l₀ run from (f, g) = (1, 0), the unit-b₀ run from
 * (φ, φ); the unit runs see y ≡ 0, so their errors are −f.
 */
function nonSeasonalLoss(w: Work, alpha: number, beta: number, phi: number): number {
  const { y, n, hasTrend, A, r } = w;
  let e0sq = 0;
  let r0 = 0;
  let r1 = 0;
  let a00 = 0;
  let a01 = 0;
  let a11 = 0;
  if (!hasTrend) {
    const c = 1 - alpha;
    let l = 0;
    let lu = 1;
    for (let t = 0; t < n; t++) {
      const yt = y[t];
      const e = yt - l;
      l = c * l + alpha * yt;
      const eu = -lu;
      lu *= c;
      e0sq += e * e;
      r0 += e * eu;
      a00 += eu * eu;
    }
  } else {
    const pb = phi * beta;
    const kappa = alpha + pb;
    const c = 1 - kappa;
    let f = 0;
    let g = 0;
    let fu = 1;
    let gu = 0;
    let fv = phi;
    let gv = phi;
    for (let t = 0; t < n; t++) {
      const yt = y[t];
      const e = yt - f;
      const fn = c * f + phi * g + kappa * yt;
      g = phi * g - pb * f + pb * yt;
      f = fn;
      const eu = -fu;
      const fun = c * fu + phi * gu;
      gu = phi * gu - pb * fu;
      fu = fun;
      const ev = -fv;
      const fvn = c * fv + phi * gv;
      gv = phi * gv - pb * fv;
      fv = fvn;
      e0sq += e * e;
      r0 += e * eu;
      a00 += eu * eu;
      r1 += e * ev;
      a01 += eu * ev;
      a11 += ev * ev;
    }
  }
  A[0] = a00;
  r[0] = r0;
  if (hasTrend) {
    A[1] = a01;
    A[3] = a11;
    r[1] = r1;
  }
  return finishLoss(w, e0sq);
}

function finishLoss(w: Work, e0sq: number): number {
  const { A, r, theta, K, n } = w;
  if (!solveSymmetric(A, r, theta, K)) return Infinity;
  let sse = e0sq;
  for (let c = 0; c < K; c++) sse += theta[c] * r[c];
  if (!Number.isFinite(sse)) return Infinity;
  // SSE* is a difference of large sums; a value ≤ 0 is round-off around a perfect fit.
  return n * Math.log(Math.max(sse, 1e-300 + 1e-14 * e0sq) / n);
}

// Seasonal models. The unit responses are y-free and time-invariant up to a rotation of the season buffer, so
// the response to a unit in season slot j is the response to a unit in slot 0 delayed by j periods. Three base
// responses (unit l₀, unit b₀, unit slot 0: eL, eB, eQ) and the lagged products of eQ with the others give
// every entry of the normal equations: O(4m) per period instead of O(m²) with one channel per state.
function seasonalLoss(w: Work, alpha: number, beta: number, gamma: number, phi: number): number {
  const { y, n, m, hasTrend, fixedSeason, K, firstSeason, nLag, A, r, S0, SL, SB, SQ, qRing, rQ, aLQ, aBQ, cQ, G, rFull } = w;
  if (fixedSeason) S0.set(fixedSeason);
  else S0.fill(0);
  SL.fill(0);
  SB.fill(0);
  SQ.fill(0);
  qRing.fill(0);
  rQ.fill(0);
  aLQ.fill(0);
  aBQ.fill(0);
  cQ.fill(0);
  const bOn = hasTrend ? 1 : 0;
  const qOn = nLag > 0 ? 1 : 0;
  let l0 = 0, b0 = 0, lL = 1, bL = 0, lB = 0, bB = bOn, lQ = 0, bQ = 0;
  SQ[0] = qOn;
  let e0sq = 0, rL = 0, rB = 0, aLL = 0, aLB = 0, aBB = 0;
  let slot = 0;
  for (let t = 0; t < n; t++) {
    let lb = l0 + phi * b0;
    let s = S0[slot];
    const e0 = y[t] - lb - s;
    l0 = lb + alpha * e0;
    b0 = phi * b0 + beta * e0;
    S0[slot] = s + gamma * e0;
    lb = lL + phi * bL;
    s = SL[slot];
    const eL = -lb - s;
    lL = lb + alpha * eL;
    bL = phi * bL + beta * eL;
    SL[slot] = s + gamma * eL;
    lb = lB + phi * bB;
    s = SB[slot];
    const eB = -lb - s;
    lB = lb + alpha * eB;
    bB = phi * bB + beta * eB;
    SB[slot] = s + gamma * eB;
    e0sq += e0 * e0;
    rL += e0 * eL;
    rB += e0 * eB;
    aLL += eL * eL;
    aLB += eL * eB;
    aBB += eB * eB;
    if (qOn) {
      lb = lQ + phi * bQ;
      s = SQ[slot];
      const eQ = -lb - s;
      lQ = lb + alpha * eQ;
      bQ = phi * bQ + beta * eQ;
      SQ[slot] = s + gamma * eQ;
      qRing[slot] = eQ;
      // Lag k reads qRing[(slot − k) mod m], written k periods ago (0 before the series starts).
      for (let k = 0, i = slot; k < m; k++) {
        const q = qRing[i];
        rQ[k] += e0 * q;
        aLQ[k] += eL * q;
        aBQ[k] += eB * q;
        cQ[k] += eQ * q;
        if (--i < 0) i = m - 1;
      }
    }
    if (++slot === m) slot = 0;
  }
  // Base Gram matrix; slot j's response is eQ delayed by j, so Σₜ eQ(t−j)·eQ(t−k) (j ≤ k) is the lag-(k−j)
  // product cQ minus its terms that fall after the series end for the later-starting slot.
  const P = 2 + m;
  G[0] = aLL;
  G[1] = G[P] = aLB;
  G[P + 1] = aBB;
  rFull[0] = rL;
  rFull[1] = rB;
  for (let j = 0; j < nLag; j++) {
    G[2 + j] = G[(2 + j) * P] = aLQ[j];
    G[P + 2 + j] = G[(2 + j) * P + 1] = aBQ[j];
    rFull[2 + j] = rQ[j];
    for (let k = j; k < m; k++) {
      const d = k - j;
      let v = cQ[d];
      // Subtract eQ(u)·eQ(u + d) for u = n − k … n − 1 − d; qRing holds eQ(t) at t mod m for the last m periods.
      for (let u = n - k; u <= n - 1 - d; u++) if (u >= 0) v -= qRing[u % m] * qRing[(u + d) % m];
      G[(2 + j) * P + 2 + k] = G[(2 + k) * P + 2 + j] = v;
    }
  }
  // Free states: l₀, b₀ (with trend), then c_j = slot j − slot (m − 1) for j < m − 1 (G is filled symmetric).
  const last = 2 + m - 1;
  for (let c = 0; c < K; c++) {
    const cs = c >= firstSeason;
    const bc = cs ? 2 + c - firstSeason : c;
    r[c] = cs ? rFull[bc] - rFull[last] : rFull[bc];
    for (let d = c; d < K; d++) {
      const ds = d >= firstSeason;
      const bd = ds ? 2 + d - firstSeason : d;
      let v = G[bc * P + bd];
      if (ds) v -= G[bc * P + last];
      if (cs) v += G[last * P + last] - G[last * P + bd];
      A[c * K + d] = v;
    }
  }
  return finishLoss(w, e0sq);
}

/**
 * Solves A·x = −r for symmetric positive semi-definite A (upper triangle filled, row-major K×K) by Cholesky
 * with a ridge of 1e-10 × the mean diagonal, which only matters for near-collinear states. Overwrites A.
 * Returns false when the system is not finite.
 */
function solveSymmetric(A: Float64Array, r: Float64Array, x: Float64Array, K: number): boolean {
  let trace = 0;
  for (let i = 0; i < K; i++) trace += A[i * K + i];
  if (!Number.isFinite(trace)) return false;
  const ridge = (1e-10 * trace) / K + 1e-300;
  for (let i = 0; i < K; i++) {
    for (let j = 0; j <= i; j++) {
      let s = j === i ? A[i * K + i] + ridge : A[j * K + i]; // upper triangle holds A[min][max]
      for (let k = 0; k < j; k++) s -= A[i * K + k] * A[j * K + k];
      if (j === i) {
        if (!(s > 0)) return false;
        A[i * K + i] = Math.sqrt(s);
      } else {
        A[i * K + j] = s / A[j * K + j];
      }
    }
  }
  // Forward (L z = −r) then backward (Lᵀ x = z) substitution; L lives in the lower triangle of A.
  for (let i = 0; i < K; i++) {
    let s = -r[i];
    for (let k = 0; k < i; k++) s -= A[i * K + k] * x[k];
    x[i] = s / A[i * K + i];
  }
  for (let i = K - 1; i >= 0; i--) {
    let s = x[i];
    for (let k = i + 1; k < K; k++) s -= A[k * K + i] * x[k];
    x[i] = s / A[i * K + i];
  }
  return true;
}
