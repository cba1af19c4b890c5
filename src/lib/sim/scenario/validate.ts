import { invalidOption, maybeFinite, maybeInteger, maybeNonNegative, maybeOneOf } from '../../core/errors';
import type { DemandSource, LeadTimeSpec, Scenario } from './types';

/** Longest run the view simulates with a trace, periods (warm-up included): 96 bytes per period. */
export const MAX_SCENARIO_PERIODS = 100_000;

/** Validates a scenario from the page (P5): throws `invalid <field>: <value>`. */
export function maybeScenario(x: Scenario): Scenario {
  if (x === null || typeof x !== 'object') invalidOption('scenario', x, 'an object');
  const s = maybeInteger('s', x.s, -1e6, 1e6);
  const bigS = maybeInteger('S', x.S, -1e6, 1e6);
  if (!(bigS > s)) invalidOption('S', x.S, `an integer > s (${s})`);
  const warmupPeriods = maybeInteger('warmupPeriods', x.warmupPeriods, 0, MAX_SCENARIO_PERIODS);
  return {
    demand: maybeDemandSource(x.demand),
    leadTime: maybeLeadTime(x.leadTime),
    unmet: maybeOneOf('unmet', x.unmet, ['backorder', 'lost'] as const),
    holdingCost: maybeNonNegative('holdingCost', x.holdingCost, true),
    shortageCost: maybeNonNegative('shortageCost', x.shortageCost, true),
    orderCost: maybeNonNegative('orderCost', x.orderCost),
    purchaseCost: maybeNonNegative('purchaseCost', x.purchaseCost),
    s,
    S: bigS,
    reviewPeriods: maybeInteger('reviewPeriods', x.reviewPeriods, 1, 365),
    periods: maybeInteger('periods', x.periods, 1, MAX_SCENARIO_PERIODS - warmupPeriods),
    warmupPeriods,
    replications: maybeInteger('replications', x.replications, 1, 1000),
    seed: maybeInteger('seed', x.seed, 0, 2 ** 32 - 1),
  };
}

/** Validates a demand source: throws `invalid demand.<field>: <value>`. */
export function maybeDemandSource(d: DemandSource): DemandSource {
  const kind = maybeOneOf('demand.kind', d?.kind, ['poisson', 'normal', 'negative-binomial', 'series'] as const);
  if (kind === 'poisson') return { kind, mean: maybeNonNegative('demand.mean', (d as { mean: number }).mean, true) };
  if (kind === 'normal') {
    const n = d as Extract<DemandSource, { kind: 'normal' }>;
    return { kind, mean: maybeNonNegative('demand.mean', n.mean, true), sd: maybeNonNegative('demand.sd', n.sd) };
  }
  if (kind === 'negative-binomial') {
    const n = d as Extract<DemandSource, { kind: 'negative-binomial' }>;
    const mean = maybeNonNegative('demand.mean', n.mean, true);
    const variance = maybeFinite('demand.variance', n.variance);
    if (!(variance > mean)) invalidOption('demand.variance', n.variance, `a variance > mean (${mean})`);
    return { kind, mean, variance };
  }
  const s = d as Extract<DemandSource, { kind: 'series' }>;
  if (typeof s.datasetId !== 'string' || !s.datasetId) invalidOption('demand.datasetId', s.datasetId, 'a dataset id');
  return {
    kind,
    datasetId: s.datasetId,
    seriesIndex: maybeInteger('demand.seriesIndex', s.seriesIndex, 0),
    use: maybeOneOf('demand.use', s.use, ['replay', 'fit', 'bootstrap'] as const),
  };
}

/** Validates a lead time: throws `invalid leadTime.<field>: <value>`. */
export function maybeLeadTime(l: LeadTimeSpec): LeadTimeSpec {
  const kind = maybeOneOf('leadTime.kind', l?.kind, ['fixed', 'uniform'] as const);
  if (kind === 'fixed') return { kind, periods: maybeInteger('leadTime.periods', (l as { periods: number }).periods, 0, 365) };
  const u = l as Extract<LeadTimeSpec, { kind: 'uniform' }>;
  const min = maybeInteger('leadTime.min', u.min, 0, 365);
  return { kind, min, max: maybeInteger('leadTime.max', u.max, min, 365) };
}
