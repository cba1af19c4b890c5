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
  const n = y.length;
  const hasTrend = spec.trend !== 'N';
  const seasonal = spec.season !== 'N';
  const m = seasonal ? spec.seasonLength : 1;
  const freeSeason = seasonal && !fixedSeason ? m - 1 : 0;
  const K = 1 + (hasTrend ? 1 : 0) + freeSeason;
  const A = new Float64Array(K * K);
  const r = new Float64Array(K);
  const theta = new Float64Array(K);
  const firstSeason = 1 + (hasTrend ? 1 : 0);

  // Non-seasonal models (the common case) take an unrolled loop over scalars: same sums, several times faster.
  const lossNonSeasonal = (alpha: number, beta: number, phi: number): number => {
    let l = 0;
    let b = 0;
    let lu = 1;
    let bu = 0;
    let lv = 0;
    let bv = 1;
    let e0sq = 0;
    let r0 = 0;
    let r1 = 0;
    let a00 = 0;
    let a01 = 0;
    let a11 = 0;
    if (!hasTrend) {
      for (let t = 0; t < n; t++) {
        const e = y[t] - l;
        l += alpha * e;
        const eu = -lu;
        lu += alpha * eu;
        e0sq += e * e;
        r0 += e * eu;
        a00 += eu * eu;
      }
    } else {
      for (let t = 0; t < n; t++) {
        const lb = l + phi * b;
        const e = y[t] - lb;
        l = lb + alpha * e;
        b = phi * b + beta * e;
        const lbu = lu + phi * bu;
        const eu = -lbu;
        lu = lbu + alpha * eu;
        bu = phi * bu + beta * eu;
        const lbv = lv + phi * bv;
        const ev = -lbv;
        lv = lbv + alpha * ev;
        bv = phi * bv + beta * ev;
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
    return finish(e0sq);
  };

  const finish = (e0sq: number): number => {
    if (!solveSymmetric(A, r, theta, K)) return Infinity;
    let sse = e0sq;
    for (let c = 0; c < K; c++) sse += theta[c] * r[c];
    if (!Number.isFinite(sse)) return Infinity;
    // SSE* is a difference of large sums; a value ≤ 0 is round-off around a perfect fit.
    return n * Math.log(Math.max(sse, 1e-300 + 1e-14 * e0sq) / n);
  };

  // Seasonal models. The unit responses are y-free and time-invariant up to a rotation of the season buffer, so
  // the response to a unit in season slot j is the response to a unit in slot 0 delayed by j periods. Three base
  // responses (unit l₀, unit b₀, unit slot 0: eL, eB, eQ) and the lagged products of eQ with the others give
  // every entry of the normal equations: O(4m) per period instead of O(m²) with one channel per state.
  const nLag = freeSeason > 0 ? m : 0;
  const S0 = new Float64Array(m);
  const SL = new Float64Array(m);
  const SB = new Float64Array(m);
  const SQ = new Float64Array(m);
  const qRing = new Float64Array(m); // eQ(t − k) at (t − k) mod m
  const rQ = new Float64Array(m); // Σ e0(t)·eQ(t − k)
  const aLQ = new Float64Array(m); // Σ eL(t)·eQ(t − k)
  const aBQ = new Float64Array(m); // Σ eB(t)·eQ(t − k)
  const cQ = new Float64Array(m); // Σ eQ(t)·eQ(t − k)
  const G = new Float64Array((2 + m) * (2 + m)); // Gram matrix of the base states [l₀, b₀, slot 0 … m−1]
  const rFull = new Float64Array(2 + m);

  const loss = (alpha: number, beta: number, gamma: number, phi: number): number => {
    if (!seasonal) return lossNonSeasonal(alpha, beta, phi);
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
    G[1] = aLB;
    G[P + 1] = aBB;
    rFull[0] = rL;
    rFull[1] = rB;
    for (let j = 0; j < nLag; j++) {
      G[2 + j] = aLQ[j];
      G[P + 2 + j] = aBQ[j];
      rFull[2 + j] = rQ[j];
      for (let k = j; k < m; k++) {
        const d = k - j;
        let v = cQ[d];
        // Subtract eQ(u)·eQ(u + d) for u = n − k … n − 1 − d; qRing holds eQ(t) at t mod m for the last m periods.
        for (let u = n - k; u <= n - 1 - d; u++) if (u >= 0) v -= qRing[u % m] * qRing[(u + d) % m];
        G[(2 + j) * P + 2 + k] = v;
      }
    }
    // Free states: l₀, b₀ (with trend), then c_j = slot j − slot (m − 1) for j < m − 1.
    const idx = (c: number): number => (c === 0 ? 0 : hasTrend && c === 1 ? 1 : -1);
    const g = (a: number, b: number): number => (a <= b ? G[a * P + b] : G[b * P + a]);
    const last = 2 + m - 1;
    for (let c = 0; c < K; c++) {
      const bc = idx(c);
      const jc = bc >= 0 ? -1 : 2 + (c - firstSeason);
      r[c] = bc >= 0 ? rFull[bc] : rFull[jc] - rFull[last];
      for (let d = c; d < K; d++) {
        const bd = idx(d);
        const jd = bd >= 0 ? -1 : 2 + (d - firstSeason);
        let v: number;
        if (bc >= 0 && bd >= 0) v = g(bc, bd);
        else if (bc >= 0) v = g(bc, jd) - g(bc, last);
        else v = g(jc, jd) - g(jc, last) - g(last, jd) + g(last, last);
        A[c * K + d] = v;
      }
    }
    return finish(e0sq);
  };

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
