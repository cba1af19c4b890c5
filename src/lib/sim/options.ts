import { invalidOption, maybeFinite, maybeInteger, maybeNonNegative, maybeOneOf } from '../core/errors';
import { maybeFiniteArray } from '../policy/options';
import type { DemandModel, LeadTimeModel, NamedPolicy, PerPeriod, PolicySpec, SimulateInput } from './types';

/**
 * `SimulateInput` after validation: defaults filled in, arrays copied to Float64Array. Fields mean what
 * the same-named fields of `SimulateInput` (and of its `costs`) mean.
 */
export interface NormalizedInput {
  /** Measured periods. */
  periods: number;
  /** Warm-up periods. */
  warmupPeriods: number;
  /** warmupPeriods + periods. */
  horizon: number;
  /** Replications ≥ 1. */
  replications: number;
  /** Seed, a uint32. */
  seed: number;
  /** UI label. */
  frequency: 'daily' | 'weekly';
  /** Validated demand model. */
  demand: DemandModel;
  /** Validated lead-time model. */
  leadTime: LeadTimeModel;
  /** Backorders or lost sales. */
  unmet: 'backorder' | 'lost';
  /** Money per unit per period. */
  holdingCost: number;
  /** Money per unit per period (backorders) or per unit (lost). */
  shortageCost: number;
  /** Money per order. */
  orderCost: number;
  /** Money per unit ordered. */
  purchaseCost: number;
  /** Validated policies. */
  policies: NamedPolicy[];
  /** Starting on hand, or undefined for each policy's default. */
  initialOnHand: number | undefined;
  /** Round orders up to whole units. */
  integerOrders: boolean;
  /** Keep trace and events of replication 0. */
  trace: boolean;
  /** Most events per policy. */
  maxEvents: number;
  /** Confidence level in (0, 1). */
  confidence: number;
}

const MAX_HORIZON = 50_000_000;
/** Longest horizon with a trace: 12 Float64Arrays per policy, about 100 MB per policy at this length. */
const MAX_TRACE_HORIZON = 1_000_000;

function perPeriod(name: string, v: PerPeriod, horizon: number, min: number): PerPeriod {
  if (typeof v === 'number') {
    if (!(maybeFinite(name, v) >= min)) invalidOption(name, v, `a number ≥ ${min}`);
    return v;
  }
  const arr = maybeFiniteArray(name, v, horizon);
  for (let i = 0; i < horizon; i++) if (!(arr[i] >= min)) invalidOption(`${name}[${i}]`, arr[i], `a number ≥ ${min}`);
  return arr;
}

function normalizeDemand(d: DemandModel, horizon: number): DemandModel {
  const kind = maybeOneOf('demand.kind', d?.kind, [
    'poisson',
    'normal',
    'negative-binomial',
    'empirical',
    'replay',
    'forecast-residuals',
  ] as const);
  switch (kind) {
    case 'poisson': {
      const m = d as Extract<DemandModel, { kind: 'poisson' }>;
      if (typeof m.mean === 'number') maybeNonNegative('demand.mean', m.mean, true);
      return { kind, mean: perPeriod('demand.mean', m.mean, horizon, 0) };
    }
    case 'normal': {
      const m = d as Extract<DemandModel, { kind: 'normal' }>;
      return { kind, mean: perPeriod('demand.mean', m.mean, horizon, 0), sd: perPeriod('demand.sd', m.sd, horizon, 0), round: m.round ?? false };
    }
    case 'negative-binomial': {
      const m = d as Extract<DemandModel, { kind: 'negative-binomial' }>;
      const mean = maybeNonNegative('demand.mean', m.mean, true);
      const variance = maybeFinite('demand.variance', m.variance);
      if (!(variance > mean)) invalidOption('demand.variance', m.variance, `a number > demand.mean (${mean})`);
      return { kind, mean, variance };
    }
    case 'empirical': {
      const values = maybeFiniteArray('demand.values', (d as Extract<DemandModel, { kind: 'empirical' }>).values);
      values.forEach((x, i) => x < 0 && invalidOption(`demand.values[${i}]`, x, 'a demand ≥ 0'));
      return { kind, values };
    }
    case 'replay': {
      const series = maybeFiniteArray('demand.series', (d as Extract<DemandModel, { kind: 'replay' }>).series, horizon);
      series.forEach((x, i) => x < 0 && invalidOption(`demand.series[${i}]`, x, 'a demand ≥ 0'));
      return { kind, series };
    }
    case 'forecast-residuals': {
      const m = d as Extract<DemandModel, { kind: 'forecast-residuals' }>;
      return {
        kind,
        forecast: maybeFiniteArray('demand.forecast', m.forecast, horizon),
        residuals: maybeFiniteArray('demand.residuals', m.residuals),
        round: m.round ?? true,
      };
    }
  }
}

function normalizeLeadTime(l: LeadTimeModel | undefined): LeadTimeModel {
  if (l === undefined) return { kind: 'fixed', periods: 0 };
  const kind = maybeOneOf('leadTime.kind', l?.kind, ['fixed', 'uniform', 'discrete'] as const);
  if (kind === 'fixed') return { kind, periods: maybeInteger('leadTime.periods', (l as { periods: number }).periods, 0, 10_000) };
  if (kind === 'uniform') {
    const u = l as Extract<LeadTimeModel, { kind: 'uniform' }>;
    const min = maybeInteger('leadTime.min', u.min, 0, 10_000);
    const max = maybeInteger('leadTime.max', u.max, min, 10_000);
    return { kind, min, max };
  }
  const dl = l as Extract<LeadTimeModel, { kind: 'discrete' }>;
  const values = maybeFiniteArray('leadTime.values', dl.values);
  const probabilities = maybeFiniteArray('leadTime.probabilities', dl.probabilities);
  if (probabilities.length !== values.length) invalidOption('leadTime.probabilities.length', probabilities.length, `${values.length}`);
  let total = 0;
  values.forEach((v, i) => maybeInteger(`leadTime.values[${i}]`, v, 0, 10_000));
  probabilities.forEach((p, i) => {
    if (!(p >= 0)) invalidOption(`leadTime.probabilities[${i}]`, p, 'a probability ≥ 0');
    total += p;
  });
  if (Math.abs(total - 1) > 1e-9) invalidOption('leadTime.probabilities', total, 'probabilities summing to 1');
  return { kind, values, probabilities };
}

function normalizePolicy(p: NamedPolicy, i: number, horizon: number): NamedPolicy {
  const at = `policies[${i}]`;
  if (typeof p?.name !== 'string') invalidOption(`${at}.name`, p?.name, 'a string');
  const spec = p.policy;
  const kind = maybeOneOf(`${at}.policy.kind`, spec?.kind, ['sS', 'RS', 'sQ', 'base-stock', 'forecast-order-up-to'] as const);
  let out: PolicySpec;
  if (kind === 'sS') {
    const q = spec as Extract<PolicySpec, { kind: 'sS' }>;
    const s = maybeFinite(`${at}.policy.s`, q.s);
    const bigS = maybeFinite(`${at}.policy.S`, q.S);
    if (!(bigS > s)) invalidOption(`${at}.policy.S`, q.S, `a number > s (${s})`);
    out = { kind, s, S: bigS };
  } else if (kind === 'RS') {
    const q = spec as Extract<PolicySpec, { kind: 'RS' }>;
    const r = maybeInteger(`${at}.policy.reviewPeriods`, q.reviewPeriods, 1);
    out = { kind, reviewPeriods: r, S: maybeFinite(`${at}.policy.S`, q.S), offset: maybeInteger(`${at}.policy.offset`, q.offset ?? 0, 0, r - 1) };
  } else if (kind === 'sQ') {
    const q = spec as Extract<PolicySpec, { kind: 'sQ' }>;
    out = { kind, s: maybeFinite(`${at}.policy.s`, q.s), Q: maybeNonNegative(`${at}.policy.Q`, q.Q, true) };
  } else if (kind === 'base-stock') {
    out = { kind, S: maybeFinite(`${at}.policy.S`, (spec as { S: number }).S) };
  } else {
    const q = spec as Extract<PolicySpec, { kind: 'forecast-order-up-to' }>;
    const f = q.forecast;
    const fk = maybeOneOf(`${at}.policy.forecast.kind`, f?.kind, ['moments', 'level'] as const);
    const forecast =
      fk === 'moments'
        ? {
            kind: fk,
            mean: maybeFiniteArray(`${at}.policy.forecast.mean`, (f as { mean: ArrayLike<number> }).mean, horizon),
            sd: maybeFiniteArray(`${at}.policy.forecast.sd`, (f as { sd: ArrayLike<number> }).sd, horizon),
          }
        : { kind: fk, level: maybeFiniteArray(`${at}.policy.forecast.level`, (f as { level: ArrayLike<number> }).level, horizon) };
    out = {
      kind,
      forecast,
      z: maybeFinite(`${at}.policy.z`, q.z ?? 1.6448536269514722),
      reviewPeriods: maybeInteger(`${at}.policy.reviewPeriods`, q.reviewPeriods ?? 1, 1),
    };
  }
  return { name: p.name, policy: out };
}

function maybeTrace(trace: boolean | undefined, horizon: number): boolean {
  if (trace === undefined) return horizon <= MAX_TRACE_HORIZON;
  if (typeof trace !== 'boolean') invalidOption('trace', trace, 'true or false');
  if (trace && horizon > MAX_TRACE_HORIZON) invalidOption('trace', trace, `false when warmupPeriods + periods > ${MAX_TRACE_HORIZON}`);
  return trace;
}

/** Validates and fills defaults; throws `invalid <option>: <value>` on the first problem. */
export function normalizeInput(input: SimulateInput): NormalizedInput {
  if (input === null || typeof input !== 'object') invalidOption('input', input, 'an object');
  const periods = maybeInteger('periods', input.periods, 1);
  const warmupPeriods = maybeInteger('warmupPeriods', input.warmupPeriods ?? 0, 0);
  const horizon = periods + warmupPeriods;
  if (horizon > MAX_HORIZON) invalidOption('periods', periods, `warmupPeriods + periods ≤ ${MAX_HORIZON}`);
  const costs = input.costs;
  if (costs === null || typeof costs !== 'object') invalidOption('costs', costs, 'an object');
  if (!Array.isArray(input.policies) || input.policies.length < 1 || input.policies.length > 20) {
    invalidOption('policies', input.policies, 'an array of 1 to 20 policies');
  }
  const confidence = maybeFinite('confidence', input.confidence ?? 0.95);
  if (!(confidence > 0 && confidence < 1)) invalidOption('confidence', confidence, 'a number in (0, 1)');
  return {
    periods,
    warmupPeriods,
    horizon,
    replications: maybeInteger('replications', input.replications ?? 1, 1, 100_000),
    seed: maybeInteger('seed', input.seed ?? 1, 0, 2 ** 32 - 1),
    frequency: maybeOneOf('frequency', input.frequency ?? 'daily', ['daily', 'weekly'] as const),
    demand: normalizeDemand(input.demand, horizon),
    leadTime: normalizeLeadTime(input.leadTime),
    unmet: maybeOneOf('unmet', input.unmet ?? 'backorder', ['backorder', 'lost'] as const),
    holdingCost: maybeNonNegative('costs.holdingCost', costs.holdingCost),
    shortageCost: maybeNonNegative('costs.shortageCost', costs.shortageCost),
    orderCost: maybeNonNegative('costs.orderCost', costs.orderCost ?? 0),
    purchaseCost: maybeNonNegative('costs.purchaseCost', costs.purchaseCost ?? 0),
    policies: input.policies.map((p, i) => normalizePolicy(p, i, horizon)),
    initialOnHand: input.initialOnHand === undefined ? undefined : maybeNonNegative('initialOnHand', input.initialOnHand),
    integerOrders: input.integerOrders ?? true,
    trace: maybeTrace(input.trace, horizon),
    maxEvents: maybeInteger('maxEvents', input.maxEvents ?? 10_000, 0),
    confidence,
  };
}
