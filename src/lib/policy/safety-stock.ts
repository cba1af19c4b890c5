import { invalidOption, maybeNonNegative, maybeOneOf } from '../core/errors';
import { normalCdf, normalLoss, normalLossInverse, normalQuantile } from './normal';
import { maybeFiniteArray, maybeOpenProbability } from './options';

/**
 * Safety stock under normal demand over the protection interval P (the lead time L for continuous review,
 * L + R for periodic review with review period R): SS = z·σ_P and reorder/order-up-to level μ_P + SS.
 * With lead-time variability σ_L (periods), σ_P² = P·σ_d² + μ_d²·σ_L² (independent per-period demands and
 * an independent lead time).
 */

/** What the stock must achieve. */
export type ServiceTarget =
  /** Cycle service level α: P(no stockout in a replenishment cycle) = Φ(z) = α. */
  | { kind: 'cycle'; level: number }
  /**
   * Fill rate β: share of demand met from stock. Expected units short per cycle σ_P·L(z) = (1 − β)·Q, with
   * Q the demand per replenishment cycle (order quantity, or μ_d·R for periodic review).
   */
  | { kind: 'fill-rate'; level: number; demandPerCycle: number };

/** Where σ_d, the per-period demand uncertainty, comes from. */
export type DemandVariability =
  /** Known mean and standard deviation of demand per period, units. */
  | { kind: 'moments'; mean: number; sd: number }
  /** A demand history, units per period (NaN = missing, skipped): sample mean and standard deviation. */
  | { kind: 'history'; values: ArrayLike<number> }
  /**
   * One-step forecast errors (actual − forecast), units per period; σ_d is their RMSE, or 1.25·MAD
   * (mean absolute error; exact for normal errors with mean 0). `mean` is the forecast mean demand per period.
   */
  | { kind: 'forecast-errors'; mean: number; errors: ArrayLike<number>; measure?: 'rmse' | 'mad' };

/** Options for `safetyStock`. */
export interface SafetyStockOptions {
  /** The service target. */
  target: ServiceTarget;
  /** Demand mean and variability per period. */
  demand: DemandVariability;
  /** Protection interval P, periods (L, or L + R), ≥ 0; may be fractional. */
  protectionPeriods: number;
  /** Standard deviation of the lead time σ_L, periods. Default 0. */
  leadTimeSdPeriods?: number;
}

/** Safety stock and the level it implies. */
export interface SafetyStockResult {
  /** Safety factor z. */
  z: number;
  /** μ_d per period, units. */
  meanPerPeriod: number;
  /** σ_d per period, units. */
  sdPerPeriod: number;
  /** μ_P = P·μ_d, units. */
  meanOverProtection: number;
  /** σ_P, units. */
  sdOverProtection: number;
  /** z·σ_P, units (negative when the target is low). */
  safetyStock: number;
  /** μ_P + z·σ_P: the reorder point or order-up-to level, units. */
  level: number;
  /** Φ(z). */
  cycleServiceLevel: number;
  /** σ_P·L(z): expected units short per cycle. */
  expectedShortagePerCycle: number;
}

/** Mean and standard deviation per period implied by a `DemandVariability`. */
export function demandMoments(demand: DemandVariability): { mean: number; sd: number } {
  const kind = maybeOneOf('demand.kind', demand?.kind, ['moments', 'history', 'forecast-errors'] as const);
  if (kind === 'moments') {
    const d = demand as Extract<DemandVariability, { kind: 'moments' }>;
    return { mean: maybeNonNegative('demand.mean', d.mean, true), sd: maybeNonNegative('demand.sd', d.sd) };
  }
  if (kind === 'history') {
    const values = (demand as Extract<DemandVariability, { kind: 'history' }>).values;
    let n = 0;
    let sum = 0;
    let sum2 = 0;
    for (let i = 0; i < values.length; i++) {
      const x = values[i];
      if (!Number.isFinite(x)) continue;
      n++;
      sum += x;
      sum2 += x * x;
    }
    if (n < 2) invalidOption('demand.values', Array.from(values).slice(0, 8), 'at least two finite values');
    const mean = sum / n;
    if (!(mean > 0)) invalidOption('demand mean', mean, 'a mean demand > 0');
    return { mean, sd: Math.sqrt(Math.max(0, (sum2 - n * mean * mean) / (n - 1))) };
  }
  const d = demand as Extract<DemandVariability, { kind: 'forecast-errors' }>;
  const mean = maybeNonNegative('demand.mean', d.mean, true);
  const errors = maybeFiniteArray('demand.errors', d.errors);
  const measure = maybeOneOf('demand.measure', d.measure ?? 'rmse', ['rmse', 'mad'] as const);
  let acc = 0;
  for (let i = 0; i < errors.length; i++) acc += measure === 'rmse' ? errors[i] * errors[i] : Math.abs(errors[i]);
  acc /= errors.length;
  return { mean, sd: measure === 'rmse' ? Math.sqrt(acc) : 1.25 * acc };
}

/** Safety factor, safety stock and level for a service target. */
export function safetyStock(options: SafetyStockOptions): SafetyStockResult {
  const { mean, sd } = demandMoments(options.demand);
  const periods = maybeNonNegative('protectionPeriods', options.protectionPeriods);
  const sdLead = maybeNonNegative('leadTimeSdPeriods', options.leadTimeSdPeriods ?? 0);
  const sigma = Math.sqrt(periods * sd * sd + mean * mean * sdLead * sdLead);
  const target = options.target;
  const kind = maybeOneOf('target.kind', target?.kind, ['cycle', 'fill-rate'] as const);
  const level = maybeOpenProbability('target.level', target.level);
  let z: number;
  if (kind === 'cycle') {
    z = normalQuantile(level);
  } else {
    const perCycle = maybeNonNegative(
      'target.demandPerCycle',
      (target as Extract<ServiceTarget, { kind: 'fill-rate' }>).demandPerCycle,
      true,
    );
    if (!(sigma > 0)) invalidOption('demand.sd', sd, 'a demand sd > 0 for a fill-rate target');
    z = normalLossInverse(((1 - level) * perCycle) / sigma);
  }
  const meanP = mean * periods;
  return {
    z,
    meanPerPeriod: mean,
    sdPerPeriod: sd,
    meanOverProtection: meanP,
    sdOverProtection: sigma,
    safetyStock: z * sigma,
    level: meanP + z * sigma,
    cycleServiceLevel: sigma > 0 ? normalCdf(z) : 1,
    expectedShortagePerCycle: sigma * normalLoss(z),
  };
}
