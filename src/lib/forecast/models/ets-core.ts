/**
 * The innovations state-space recursions of exponential smoothing (ETS), after Hyndman, Koehler, Ord & Snyder
 * (2008), "Forecasting with Exponential Smoothing", Table 2.3, and R's forecast::ets (C function etscalc).
 *
 * Covered: error A/M, trend N/A/Ad (additive, optionally damped), season N/A/M. Multiplicative trend is left
 * out, as forecast::ets does by default. The point recursions are the same for additive and multiplicative
 * errors; only the likelihood differs.
 *
 * State invariants:
 * - `level0`, `trend0` are the states before the first observation (l₀, b₀ of the book);
 * - `season0[j]` is s at time j - m (chronological: s₋ₘ … s₋₁), so at 0-based time t the seasonal state in use
 *   is the circular buffer slot t mod m, which the update then overwrites;
 * - additive season states sum to 0 and multiplicative ones to m at the start (the fit enforces it).
 */

/** Error, trend and season components of an ETS model, as in ETS(M,Ad,A). */
export interface EtsSpec {
  /** 'A' additive or 'M' multiplicative errors (M needs a positive series). */
  error: 'A' | 'M';
  /** 'N' none, 'A' additive, 'Ad' additive damped. */
  trend: 'N' | 'A' | 'Ad';
  /** 'N' none, 'A' additive, 'M' multiplicative (M needs a positive series). */
  season: 'N' | 'A' | 'M';
  /** Periods per seasonal cycle (ignored when season is 'N'). */
  seasonLength: number;
}

/** Smoothing parameters and initial states of an ETS model. */
export interface EtsParams {
  /** Level smoothing α in (0, 1). */
  alpha: number;
  /** Trend smoothing β in (0, α); ignored without trend. */
  beta: number;
  /** Season smoothing γ in (0, 1 - α); ignored without season. */
  gamma: number;
  /** Damping φ in (0, 1]; used only for trend 'Ad'. */
  phi: number;
  /** Initial level l₀ (series units). */
  level0: number;
  /** Initial trend b₀ (series units per period); ignored without trend. */
  trend0: number;
  /** Initial season states s₋ₘ … s₋₁ (length m; empty without season). */
  season0: Float64Array;
}

/** What one pass of the recursions over a history yields. */
export interface EtsFilterResult {
  /** −2 log-likelihood of the Gaussian innovations model with σ² concentrated out: n·(log(2π·SSE/n) + 1),
   * plus 2·Σ log|ŷₜ| for multiplicative errors (SSE of relative errors then). Infinity when inadmissible. */
  neg2LogLik: number;
  /** Sum of squared errors (relative errors for error 'M'). */
  sse: number;
  /** One-step-ahead fitted values ŷₜ, length n. */
  fitted: Float64Array;
  /** Level after the last observation. */
  level: number;
  /** Trend after the last observation (0 without trend). */
  trend: number;
  /** Season buffer after the last observation: slot t mod m holds the latest state for that position. */
  season: Float64Array;
}

const LOG_2PI_PLUS_1 = Math.log(2 * Math.PI) + 1;

/**
 * Runs the recursions and returns n·log(SSE/n) (+ 2Σlog|ŷ| for M errors): the part of −2 log L the fit
 * minimises. Infinity when a multiplicative model leaves its domain (ŷ ≤ 0 or a season state ≤ 0).
 * `season` must hold a copy of the initial season states and is updated in place; `state` receives the final
 * [level, trend]. `fitted` (length n) receives ŷₜ when given. No allocation: this is the optimiser's hot loop.
 */
export function etsLoss(
  y: Float64Array,
  spec: EtsSpec,
  p: EtsParams,
  season: Float64Array,
  state: Float64Array,
  fitted: Float64Array | null,
): number {
  const n = y.length;
  const multErr = spec.error === 'M';
  const sType = spec.season === 'N' ? 0 : spec.season === 'A' ? 1 : 2;
  const hasTrend = spec.trend !== 'N';
  const m = sType === 0 ? 1 : spec.seasonLength;
  const phi = spec.trend === 'Ad' ? p.phi : 1;
  const { alpha } = p;
  const beta = hasTrend ? p.beta : 0;
  const gamma = p.gamma;
  let l = p.level0;
  let b = hasTrend ? p.trend0 : 0;
  if (sType === 0 && !fitted) return nonSeasonalLoss(y, multErr, alpha, beta, phi, l, b, state);
  if (multErr && !fitted) return seasonalMultErrLoss(y, sType === 2, m, alpha, beta, gamma, phi, l, b, season, state);
  let sse = 0;
  let sumLog = 0;
  let prod = 1;
  let inProd = 0;
  let j = 0;
  for (let t = 0; t < n; t++) {
    const lb = l + phi * b;
    let yhat = lb;
    let s = 0;
    if (sType === 1) {
      s = season[j];
      yhat = lb + s;
    } else if (sType === 2) {
      s = season[j];
      if (!(s > 0) || !(lb > 0)) return Infinity;
      yhat = lb * s;
    }
    if (fitted) fitted[t] = yhat;
    const e = y[t] - yhat;
    if (multErr) {
      if (!(yhat > 1e-10)) return Infinity;
      const r = e / yhat;
      sse += r * r;
      // Σ log ŷ as the log of products of 8 factors: one Math.log per 8 steps instead of one per step.
      // (Factors outside [1e-30, 1e30] go straight to the log so a product cannot overflow.)
      if (yhat > 1e30 || yhat < 1e-30) sumLog += Math.log(yhat);
      else prod *= yhat;
      if (++inProd === 8) {
        sumLog += Math.log(prod);
        prod = 1;
        inProd = 0;
      }
    } else {
      sse += e * e;
    }
    if (sType === 2) {
      l = lb + (alpha * e) / s;
      b = phi * b + (beta * e) / s;
      season[j] = s + (gamma * e) / lb;
    } else {
      l = lb + alpha * e;
      b = phi * b + beta * e;
      if (sType === 1) season[j] = s + gamma * e;
    }
    if (++j === m) j = 0;
  }
  sumLog += Math.log(prod);
  state[0] = l;
  state[1] = b;
  if (!Number.isFinite(sse) || !Number.isFinite(l)) return Infinity;
  // A perfect fit (SSE = 0) would give −Infinity; the floor keeps comparisons between such fits finite.
  return n * Math.log(Math.max(sse, 1e-300) / n) + 2 * sumLog;
}

/**
 * `etsLoss` for models without season: the same recursions in a loop free of season branches (the hot path of
 * non-seasonal fits), written on the one-step forecast f = l + φb and the carried trend g = φb instead of (l, b):
 *   e = y − f,   f' = (1 − κ)·f + φ·g + κ·y,   g' = φ·g − φβ·f + φβ·y,   κ = α + φβ,
 * which is l' = f + αe, b' = φb + βe multiplied out. Each new state then waits for one multiply and two adds of
 * the previous ones instead of four dependent operations, about half the latency per period (the loop is bound
 * by that chain). Same values up to round-off.
 */
function nonSeasonalLoss(
  y: Float64Array,
  multErr: boolean,
  alpha: number,
  beta: number,
  phi: number,
  l: number,
  b: number,
  state: Float64Array,
): number {
  const n = y.length;
  const pb = phi * beta;
  const kappa = alpha + pb;
  const c = 1 - kappa;
  let f = l + phi * b;
  let g = phi * b;
  let sse = 0;
  let sumLog = 0;
  if (multErr) {
    let prod = 1;
    for (let t = 0; t < n; t++) {
      const yt = y[t];
      // ŷ ≤ 0 leaves the model's domain; ŷ ≥ 1e50 could overflow the running product below.
      if (!(f > 1e-10 && f < 1e50)) return Infinity;
      const r = (yt - f) / f;
      sse += r * r;
      // Σ log ŷ as the log of a running product, taken every 32 periods or when it leaves [1e-250, 1e250].
      prod *= f;
      if ((t & 31) === 31 || !(prod < 1e250 && prod > 1e-250)) {
        sumLog += Math.log(prod);
        prod = 1;
      }
      const fn = c * f + phi * g + kappa * yt;
      g = phi * g - pb * f + pb * yt;
      f = fn;
    }
    sumLog += Math.log(prod);
  } else {
    for (let t = 0; t < n; t++) {
      const yt = y[t];
      const e = yt - f;
      sse += e * e;
      const fn = c * f + phi * g + kappa * yt;
      g = phi * g - pb * f + pb * yt;
      f = fn;
    }
  }
  // Back to the book's states after the last period: l = f − g, b = g / φ (φ > 0; b = 0 without trend).
  state[0] = f - g;
  state[1] = g / phi;
  if (!Number.isFinite(sse) || !Number.isFinite(f)) return Infinity;
  return n * Math.log(Math.max(sse, 1e-300) / n) + 2 * sumLog;
}

/**
 * `etsLoss` for multiplicative errors with a season (the models the optimiser searches with their states, the
 * hot path of automatic ETS on positive seasonal data): one loop per season type, no branch on the model inside,
 * the season slot kept in a counter. Same recursions and checks as the general loop (rearranged, see below).
 */
function seasonalMultErrLoss(
  y: Float64Array,
  multSeason: boolean,
  m: number,
  alpha: number,
  beta: number,
  gamma: number,
  phi: number,
  l: number,
  b: number,
  season: Float64Array,
  state: Float64Array,
): number {
  const n = y.length;
  let sse = 0;
  let sumLog = 0;
  let prod = 1;
  let j = 0;
  if (multSeason) {
    for (let t = 0; t < n; t++) {
      const lb = l + phi * b;
      const s = season[j];
      if (!(s > 0) || !(lb > 0)) return Infinity;
      const yhat = lb * s;
      if (!(yhat > 1e-10)) return Infinity;
      // Written so that no division sits on the level's dependency chain (l → l̂ → l): y/s uses a season state
      // set m periods ago, and e/s = y/s − l̂, e/ŷ = (y/s)/l̂ − 1, e/l̂ = s·e/ŷ.
      const ys = y[t] / s;
      const es = ys - lb;
      const r = ys / lb - 1;
      sse += r * r;
      // Σ log ŷ through a running product, flushed every 8 periods or before it can leave the double range. No
      // branch with its own Math.log per factor: in V8 that rarely taken branch made the loop box a number per
      // period (a young-generation GC every few calls, half the loop's time). ŷ above 1e58 overflows the product
      // and makes the point infeasible (Infinity), far outside any demand series.
      prod *= yhat;
      if ((t & 7) === 7 || !(prod < 1e250 && prod > 1e-250)) {
        sumLog += Math.log(prod);
        prod = 1;
      }
      l = lb + alpha * es;
      b = phi * b + beta * es;
      season[j] = s + gamma * r * s;
      if (++j === m) j = 0;
    }
  } else {
    for (let t = 0; t < n; t++) {
      const lb = l + phi * b;
      const s = season[j];
      const yhat = lb + s;
      if (!(yhat > 1e-10)) return Infinity;
      const e = y[t] - yhat;
      const r = e / yhat;
      sse += r * r;
      prod *= yhat;
      if ((t & 7) === 7 || !(prod < 1e250 && prod > 1e-250)) {
        sumLog += Math.log(prod);
        prod = 1;
      }
      l = lb + alpha * e;
      b = phi * b + beta * e;
      season[j] = s + gamma * e;
      if (++j === m) j = 0;
    }
  }
  sumLog += Math.log(prod);
  state[0] = l;
  state[1] = b;
  if (!Number.isFinite(sse) || !Number.isFinite(l)) return Infinity;
  return n * Math.log(Math.max(sse, 1e-300) / n) + 2 * sumLog;
}

/** Runs the recursions over `y` with fixed parameters: fitted values, likelihood and final state. */
export function etsFilter(y: Float64Array, spec: EtsSpec, p: EtsParams): EtsFilterResult {
  const m = spec.season === 'N' ? 0 : spec.seasonLength;
  const season = new Float64Array(m);
  season.set(p.season0.subarray(0, m));
  const state = new Float64Array(2);
  const fitted = new Float64Array(y.length);
  const loss = etsLoss(y, spec, p, season, state, fitted);
  let sse = 0;
  for (let t = 0; t < y.length; t++) {
    const e = spec.error === 'M' ? (y[t] - fitted[t]) / fitted[t] : y[t] - fitted[t];
    sse += e * e;
  }
  return {
    neg2LogLik: Number.isFinite(loss) ? loss + y.length * LOG_2PI_PLUS_1 : Infinity,
    sse,
    fitted,
    level: state[0],
    trend: state[1],
    season,
  };
}

/**
 * Point forecasts for h = 1 … horizon from the state after observation n (n = the history length, which
 * fixes which season slot comes next): ŷ(n+h) = (l + (φ + … + φʰ)·b) ∘ s, where s is slot (n + h − 1) mod m.
 */
export function etsForecastFromState(
  spec: EtsSpec,
  phi: number,
  final: { level: number; trend: number; season: Float64Array },
  n: number,
  horizon: number,
): Float64Array {
  const out = new Float64Array(horizon);
  const damp = spec.trend === 'Ad' ? phi : 1;
  const b = spec.trend === 'N' ? 0 : final.trend;
  const m = spec.seasonLength;
  let phiSum = 0;
  let phiPow = 1;
  for (let h = 1; h <= horizon; h++) {
    phiPow *= damp;
    phiSum += phiPow;
    const lb = final.level + phiSum * b;
    if (spec.season === 'N') out[h - 1] = lb;
    else {
      const s = final.season[(n + h - 1) % m];
      out[h - 1] = spec.season === 'A' ? lb + s : lb * s;
    }
  }
  return out;
}

/** Short name of a spec, as in the literature: 'ETS(M,Ad,A)'. */
export function etsName(spec: EtsSpec): string {
  return `ETS(${spec.error},${spec.trend},${spec.season})`;
}
