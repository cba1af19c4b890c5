import { AppError } from '../core/errors';
import { etsLoss, type EtsParams, type EtsSpec } from './ets-core';
import { heuristicStates } from './ets-init';
import { isStrictlyPositive } from './history';
import { nelderMead } from './optimize';

/**
 * Maximum-likelihood fitting of an ETS model, as forecast::ets (opt.crit = "lik", bounds = "usual") does:
 * the smoothing parameters and the initial states are chosen together to minimise −2 log L, which is
 * n·log(SSE) up to a constant for additive errors and n·log(SSE of relative errors) + 2Σlog|ŷ| for
 * multiplicative ones. The "usual" bounds are kept by construction through logistic transforms:
 *   α ∈ (1e-4, 0.9999),  β = α·β*,  γ = (1 − α)·γ*  with β*, γ* ∈ (1e-4, 0.9999),  φ ∈ (0.8, 0.98).
 * (statsmodels' ETSModel uses the same β*, γ* reparametrisation with L-BFGS-B.) The "admissible" bounds that
 * forecast::ets also checks are not tested: inside the usual bounds they only matter for some seasonal models.
 */

/** Options of `fitEts`. */
export interface EtsFitOptions {
  /** Objective-evaluation budget of the optimiser. Default 100 + 120 × (free parameters). */
  maxEvaluations?: number;
  /** Initial season states are estimated (not left at the heuristic) only up to this season length. Default 24,
   * the largest seasonal period forecast::ets accepts at all. */
  maxEstimatedSeasonLength?: number;
}

/** A fitted ETS model. */
export interface EtsFit {
  /** The model's components. */
  spec: EtsSpec;
  /** Fitted parameters and initial states. */
  params: EtsParams;
  /** −2 log-likelihood at the optimum (Gaussian, σ² concentrated out; see EtsFilterResult). */
  neg2LogLik: number;
  /** Number of estimated parameters, σ² included (the k of the information criteria). */
  k: number;
  /** Akaike's criterion corrected for small samples: −2logL + 2k + 2k(k+1)/(n−k−1); Infinity when n ≤ k + 1. */
  aicc: number;
  /** Number of observations fitted. */
  n: number;
  /** Objective evaluations spent. */
  evaluations: number;
}

const LO = 1e-4;
const HI = 0.9999;
const LOG_2PI_PLUS_1 = Math.log(2 * Math.PI) + 1;
const START_ALPHA = [0.1, 0.4, 0.8];
const START_STAR = [0.01, 0.2];
const START_NONE = [0];

const sigmoid = (u: number): number => 1 / (1 + Math.exp(-u));
const logit = (p: number): number => Math.log(p / (1 - p));
const toUnit = (u: number): number => LO + (HI - LO) * sigmoid(u);
const fromUnit = (p: number): number => logit((p - LO) / (HI - LO));

/** True when `spec` can be fitted to `y`: positivity for multiplicative parts, n ≥ 2m for seasons, n ≥ 3. */
export function canFitEts(y: Float64Array, spec: EtsSpec): boolean {
  if (y.length < 3) return false;
  if ((spec.error === 'M' || spec.season === 'M') && !isStrictlyPositive(y)) return false;
  if (spec.season !== 'N' && (spec.seasonLength < 2 || y.length < 2 * spec.seasonLength)) return false;
  return true;
}

/** Number of free parameters `fitEts` estimates for `spec` (σ² not included). */
export function etsFreeParameterCount(spec: EtsSpec, maxEstimatedSeasonLength = 24): number {
  let k = 2; // α, l₀
  if (spec.trend !== 'N') k += 2; // β, b₀
  if (spec.trend === 'Ad') k += 1; // φ
  if (spec.season !== 'N') k += 1 + (spec.seasonLength <= maxEstimatedSeasonLength ? spec.seasonLength - 1 : 0);
  return k;
}

/** Fits `spec` to `y` by maximum likelihood. Throws `invalid-input` when `canFitEts(y, spec)` is false. */
export function fitEts(y: Float64Array, spec: EtsSpec, options: EtsFitOptions = {}): EtsFit {
  if (!canFitEts(y, spec)) {
    throw new AppError('invalid-input', `cannot fit ETS(${spec.error},${spec.trend},${spec.season}) to ${y.length} values`);
  }
  const n = y.length;
  const hasTrend = spec.trend !== 'N';
  const damped = spec.trend === 'Ad';
  const seasonal = spec.season !== 'N';
  const mult = spec.season === 'M';
  const m = seasonal ? spec.seasonLength : 0;
  const estimateSeason = seasonal && m <= (options.maxEstimatedSeasonLength ?? 24);
  const init = heuristicStates(y, spec);

  // Scale of the state coordinates: one unit of the optimiser's space moves the level by half the spread of
  // the first values, so the simplex starts at a sensible size whatever the series' units.
  const spread = scaleOf(y, Math.min(n, Math.max(10, 2 * m)));
  const levelScale = 0.5 * spread;
  const trendScale = 0.1 * spread;
  const seasonScale = mult ? 0.05 : 0.25 * spread;

  const iAlpha = 0;
  const iBeta = hasTrend ? 1 : -1;
  const iGamma = seasonal ? (hasTrend ? 2 : 1) : -1;
  const iPhi = damped ? 1 + (hasTrend ? 1 : 0) + (seasonal ? 1 : 0) : -1;
  const iLevel = 1 + (hasTrend ? 1 : 0) + (seasonal ? 1 : 0) + (damped ? 1 : 0);
  const iTrend = hasTrend ? iLevel + 1 : -1;
  const iSeason = iLevel + 1 + (hasTrend ? 1 : 0);
  const d = iSeason + (estimateSeason ? m - 1 : 0);


  const p: EtsParams = { alpha: 0, beta: 0, gamma: 0, phi: 1, level0: 0, trend0: 0, season0: new Float64Array(m) };
  const run = new Float64Array(m);
  const state = new Float64Array(2);
  const decode = (x: Float64Array): void => {
    p.alpha = toUnit(x[iAlpha]);
    p.beta = iBeta >= 0 ? p.alpha * toUnit(x[iBeta]) : 0;
    p.gamma = iGamma >= 0 ? (1 - p.alpha) * toUnit(x[iGamma]) : 0;
    p.phi = iPhi >= 0 ? 0.8 + 0.18 * sigmoid(x[iPhi]) : 1;
    p.level0 = init.level0 + levelScale * x[iLevel];
    p.trend0 = iTrend >= 0 ? init.trend0 + trendScale * x[iTrend] : 0;
    if (!seasonal) return;
    if (!estimateSeason) {
      p.season0.set(init.season0);
      return;
    }
    let sum = 0;
    for (let j = 0; j < m - 1; j++) {
      const s = init.season0[j] + seasonScale * x[iSeason + j];
      p.season0[j] = s;
      sum += s;
    }
    p.season0[m - 1] = mult ? m - sum : -sum;
  };
  const objective = (x: Float64Array): number => {
    decode(x);
    run.set(p.season0);
    return etsLoss(y, spec, p, run, state, null);
  };
  // Starts: the best point of a small grid of smoothing parameters (initial states at the heuristic), one
  // per α value. The likelihood of seasonal models often has several local optima (high α with γ ≈ 0 against
  // moderate α and γ, as on the airline series) and Nelder-Mead keeps to the basin it starts in, so seasonal
  // fits first run a short search from each start and then finish from the best of those.
  const budget = options.maxEvaluations ?? 100 + 120 * d;
  const starts: Float64Array[] = [];
  const startValues: number[] = [];
  const trial = new Float64Array(d);
  if (iPhi >= 0) trial[iPhi] = logit((0.97 - 0.8) / 0.18);
  for (const a of START_ALPHA) {
    let best = Infinity;
    const x = new Float64Array(d);
    for (const bs of iBeta >= 0 ? START_STAR : START_NONE) {
      for (const gs of iGamma >= 0 ? START_STAR : START_NONE) {
        trial[iAlpha] = fromUnit(a);
        if (iBeta >= 0) trial[iBeta] = fromUnit(bs);
        if (iGamma >= 0) trial[iGamma] = fromUnit(gs);
        const v = objective(trial);
        if (v < best) {
          best = v;
          x.set(trial);
        }
      }
    }
    starts.push(x);
    startValues.push(best);
  }
  const nmOptions = { step: 1, fTolerance: 1e-6 * n, xTolerance: 1e-4 };
  let evaluations = 0;
  let x0 = starts[startValues.indexOf(Math.min(...startValues))];
  if (seasonal) {
    let bestValue = Infinity;
    for (const x of starts) {
      const r = nelderMead(objective, x, { ...nmOptions, maxEvaluations: Math.floor(budget / 6), restarts: 0 });
      evaluations += r.evaluations;
      if (r.value < bestValue) {
        bestValue = r.value;
        x0 = r.x;
      }
    }
  }
  const result = nelderMead(objective, x0, { ...nmOptions, maxEvaluations: Math.max(budget - evaluations, 10) });
  evaluations += result.evaluations;
  decode(result.x);
  const params: EtsParams = { ...p, season0: Float64Array.from(p.season0) };
  const k = d + 1;
  const neg2LogLik = Number.isFinite(result.value) ? result.value + n * LOG_2PI_PLUS_1 : Infinity;
  const aicc = n - k - 1 > 0 ? neg2LogLik + 2 * k + (2 * k * (k + 1)) / (n - k - 1) : Infinity;
  return { spec, params, neg2LogLik, k, aicc, n, evaluations };
}

/** Standard deviation of the first `len` values; a positive fallback for constant series. */
function scaleOf(y: Float64Array, len: number): number {
  let mean = 0;
  for (let t = 0; t < len; t++) mean += y[t] / len;
  let ss = 0;
  for (let t = 0; t < len; t++) ss += (y[t] - mean) ** 2;
  const sd = Math.sqrt(ss / Math.max(1, len - 1));
  return sd > 0 ? sd : Math.max(Math.abs(mean) * 0.1, 1);
}
