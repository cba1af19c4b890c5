import { invalidOption, maybeFinite, maybeInteger } from '../core/errors';
import { normalCdf, normalLoss } from './normal';

/**
 * Finite-horizon periodic review by dynamic programming (Scarf 1960; Snyder & Shen 2019, §4.3.3 and §4.4.3,
 * Algorithm 4.1): period-dependent costs and normal demand N(μ_t, σ_t²), backorders, zero lead time,
 *   θ_t(x) = min_{y ≥ x} { K_t·1[y > x] + c_t·(y − x) + g_t(y) + γ_t·E[θ_{t+1}(y − D_t)] },
 *   g_t(y) = h_t·E[(y − D_t)⁺] + p_t·E[(D_t − y)⁺],   θ_{T+1}(x) = h_T·x⁺ + p_T·x⁻,
 * whose optimal policy is (s_t, S_t) in every period (Scarf's K-convexity); with K = 0 it is a base-stock policy
 * (s_t = S_t). The state is the inventory level on whole units; demand takes whole values d with probability
 * Φ((d + ½ − μ)/σ) − Φ((d − ½ − μ)/σ) over μ ± 4σ, and g_t uses the continuous normal loss: the discretisation of
 * Snyder & Shen's MATLAB code and of stockpyl's `finite_horizon_dp`, so the published figures are reproduced.
 */
export interface FiniteHorizonOptions {
  /** Number of periods T (integer ≥ 1). */
  periods: number;
  /** Holding cost per unit left at the end of a period: one value, or one per period. */
  holdingCost: number | readonly number[];
  /** Backorder cost per unit short at the end of a period. */
  backorderCost: number | readonly number[];
  /** Purchase cost per unit ordered. Default 0. */
  unitCost?: number | readonly number[];
  /** Fixed cost per order K. Default 0 (base stock). */
  orderCost?: number | readonly number[];
  /** Mean demand per period. */
  demandMean: number | readonly number[];
  /** Standard deviation of demand per period (> 0). */
  demandSd: number | readonly number[];
  /** Terminal cost per unit left after period T. Default 0. */
  terminalHoldingCost?: number;
  /** Terminal cost per unit short after period T. Default 0. */
  terminalBackorderCost?: number;
  /** Discount factor γ in (0, 1]. Default 1. */
  discount?: number;
  /** Inventory level at the start of period 1. Default 0. */
  initialInventory?: number;
}

/** The optimal policy and its expected cost. */
export interface FiniteHorizonResult {
  /** s_t per period (index 0 = period 1): order when the level is ≤ s_t. */
  reorderPoints: Int32Array;
  /** S_t per period: the level ordered up to. Equal to s_t when K = 0. */
  orderUpTo: Int32Array;
  /** θ_1(x_1): optimal expected discounted cost over the horizon from `initialInventory`. */
  expectedCost: number;
  /** Levels x of the state grid, and θ_t(x) for period 1 on it (for a chart). */
  grid: { levels: Int32Array; costPeriod1: Float64Array };
}

function perPeriod(name: string, v: number | readonly number[] | undefined, T: number, fallback: number, min: number): Float64Array {
  const out = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    const x = v === undefined ? fallback : typeof v === 'number' ? v : v[t];
    const f = maybeFinite(`${name}[${t}]`, x);
    if (!(f >= min)) invalidOption(`${name}[${t}]`, f, `a number ≥ ${min}`);
    out[t] = f;
  }
  return out;
}

/** Solves the DP; throws `invalid <name>: <value>` on a bad option. */
export function finiteHorizonDp(o: FiniteHorizonOptions): FiniteHorizonResult {
  const T = maybeInteger('periods', o.periods, 1, 10_000);
  const h = perPeriod('holdingCost', o.holdingCost, T, 0, 0);
  const p = perPeriod('backorderCost', o.backorderCost, T, 0, 0);
  const c = perPeriod('unitCost', o.unitCost, T, 0, 0);
  const K = perPeriod('orderCost', o.orderCost, T, 0, 0);
  const mu = perPeriod('demandMean', o.demandMean, T, 0, 0);
  const sd = perPeriod('demandSd', o.demandSd, T, 0, 1e-12);
  const hT = maybeFinite('terminalHoldingCost', o.terminalHoldingCost ?? 0);
  const pT = maybeFinite('terminalBackorderCost', o.terminalBackorderCost ?? 0);
  const gamma = maybeFinite('discount', o.discount ?? 1);
  if (!(gamma > 0 && gamma <= 1)) invalidOption('discount', gamma, 'a number in (0, 1]');
  const x1 = Math.round(maybeFinite('initialInventory', o.initialInventory ?? 0));

  // Truncation as in Snyder & Shen's code: demand over μ ± 4σ; levels from (μ_min − μ_max − 9σ_max) to
  // (μ_max + Q_EOQB,max + 5σ_max), the top doubled while an optimal order-up-to level sits on it.
  const muMin = Math.min(...mu);
  const muMax = Math.max(...mu);
  const sdMax = Math.max(...sd);
  const dMin = Math.max(0, Math.round(muMin - 4 * sdMax));
  const dMax = Math.round(muMax + 4 * sdMax);
  let qMax = 0;
  for (let t = 0; t < T; t++) if (K[t] > 0 && h[t] > 0 && p[t] > 0) qMax = Math.max(qMax, Math.sqrt((2 * K[t] * mu[t] * (h[t] + p[t])) / (h[t] * p[t])));
  const xMin = Math.min(x1, Math.round(muMin - muMax - sdMax * 9));
  let xMax = Math.max(x1, Math.round(muMax + qMax + sdMax * 5));
  for (;;) {
    const r = solve(xMin, xMax);
    if (r) return r;
    xMax = xMax + Math.max(1, xMax - xMin);
  }

  function solve(lo: number, hi: number): FiniteHorizonResult | null {
    const n = hi - lo + 1;
    let next = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const x = lo + i;
      next[i] = x > 0 ? hT * x : -pT * x;
    }
    const s = new Int32Array(T);
    const S = new Int32Array(T);
    const H = new Float64Array(n);
    const prob = new Float64Array(dMax - dMin + 1);
    for (let t = T - 1; t >= 0; t--) {
      for (let d = dMin; d <= dMax; d++) prob[d - dMin] = normalCdf((d + 0.5 - mu[t]) / sd[t]) - normalCdf((d - 0.5 - mu[t]) / sd[t]);
      for (let i = 0; i < n; i++) {
        const y = lo + i;
        const z = (y - mu[t]) / sd[t];
        const short = sd[t] * normalLoss(z);
        let future = 0;
        for (let d = dMin; d <= dMax; d++) {
          // Next level y − d, kept inside the grid (the code this reproduces clips the same way).
          const j = Math.min(n - 1, Math.max(0, i - d));
          future += prob[d - dMin] * next[j];
        }
        H[i] = h[t] * (short + y - mu[t]) + p[t] * short + gamma * future;
      }
      // best[i] = min over y ≥ lo + i of c·y + H(y), and where (the smallest such y).
      const cur = new Float64Array(n);
      const oul = new Int32Array(n);
      let bestVal = Infinity;
      let bestAt = hi;
      const bestFrom = new Float64Array(n);
      const bestIdx = new Int32Array(n);
      for (let i = n - 1; i >= 0; i--) {
        const v = c[t] * (lo + i) + H[i];
        if (v <= bestVal) {
          bestVal = v;
          bestAt = i;
        }
        bestFrom[i] = bestVal;
        bestIdx[i] = bestAt;
      }
      for (let i = 0; i < n; i++) {
        const x = lo + i;
        let value = H[i];
        let y = x;
        if (i + 1 < n) {
          const order = K[t] - c[t] * x + bestFrom[i + 1];
          if (order < value) {
            value = order;
            y = lo + bestIdx[i + 1];
          }
        }
        cur[i] = value;
        oul[i] = y;
      }
      if (oul.some((y, i) => y === hi && i < n - 1)) return null;
      S[t] = oul[0];
      let k = 0;
      while (k + 1 < n && oul[k + 1] === S[t]) k++;
      s[t] = lo + k;
      next = cur;
      if (t === 0) {
        return { reorderPoints: s, orderUpTo: S, expectedCost: cur[x1 - lo], grid: { levels: Int32Array.from({ length: n }, (_, i) => lo + i), costPeriod1: cur } };
      }
    }
    return null;
  }
}
