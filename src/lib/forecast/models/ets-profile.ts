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
 * Channels: 0 = data; 1 = l₀; 2 = b₀ (with trend); then one per free season state j < m − 1, whose unit vector
 * is s_j = 1, s_(m−1) = −1 so that the season states keep summing to 0.
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
  const C = K + 1;
  const L = new Float64Array(C);
  const B = new Float64Array(C);
  const S = new Float64Array(C * m);
  const E = new Float64Array(C);
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

  const loss = (alpha: number, beta: number, gamma: number, phi: number): number => {
    if (!seasonal) return lossNonSeasonal(alpha, beta, phi);
    L.fill(0);
    B.fill(0);
    S.fill(0);
    L[1] = 1;
    if (hasTrend) B[2] = 1;
    if (seasonal && fixedSeason) S.set(fixedSeason, 0);
    for (let j = 0; j < freeSeason; j++) {
      const c = firstSeason + 1 + j;
      S[c * m + j] = 1;
      S[c * m + m - 1] = -1;
    }
    A.fill(0);
    r.fill(0);
    let e0sq = 0;
    let slot = 0;
    for (let t = 0; t < n; t++) {
      for (let c = 0; c < C; c++) {
        const lb = L[c] + phi * B[c];
        const si = c * m + slot;
        const s = seasonal ? S[si] : 0;
        const e = (c === 0 ? y[t] : 0) - lb - s;
        E[c] = e;
        L[c] = lb + alpha * e;
        B[c] = phi * B[c] + beta * e;
        if (seasonal) S[si] = s + gamma * e;
      }
      const e0 = E[0];
      e0sq += e0 * e0;
      for (let c = 0; c < K; c++) {
        const ec = E[c + 1];
        r[c] += e0 * ec;
        for (let d = c; d < K; d++) A[c * K + d] += ec * E[d + 1];
      }
      if (++slot === m) slot = 0;
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
