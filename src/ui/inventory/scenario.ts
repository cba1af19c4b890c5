/**
 * Pure helpers for editing a scenario from the sidebar: keeping S > s while either slider moves, slider
 * ranges that fit the demand, and changing the demand source without losing the other settings.
 */
import type { DemandSource, Scenario } from '../../lib/sim/scenario';
import { closedForm, formulaInputs } from './formulas';

/** The scenario with a new s and/or S; the other level moves along so that S > s always holds. */
export function withPolicy(scenario: Scenario, change: { s?: number; S?: number }): Scenario {
  let s = Math.round(change.s ?? scenario.s);
  let bigS = Math.round(change.S ?? scenario.S);
  if (bigS <= s) {
    if (change.S !== undefined && change.s === undefined) s = bigS - 1;
    else bigS = s + 1;
  }
  return { ...scenario, s, S: bigS };
}

/** The scenario with a new lead-time minimum or maximum (fixed: both the same), keeping min ≤ max. */
export function withLeadTime(scenario: Scenario, change: { kind?: 'fixed' | 'uniform'; min?: number; max?: number }): Scenario {
  const current = scenario.leadTime.kind === 'fixed' ? { min: scenario.leadTime.periods, max: scenario.leadTime.periods } : scenario.leadTime;
  const kind = change.kind ?? scenario.leadTime.kind;
  let min = Math.max(0, Math.round(change.min ?? current.min));
  let max = Math.max(0, Math.round(change.max ?? current.max));
  if (kind === 'fixed') return { ...scenario, leadTime: { kind, periods: min } };
  if (change.kind === 'uniform' && max === min) max = min + 2;
  if (max < min) {
    if (change.max !== undefined) min = max;
    else max = min;
  }
  return { ...scenario, leadTime: { kind, min, max } };
}

/** Inclusive slider range and step. */
export interface SliderRange {
  /** Smallest value. */
  min: number;
  /** Largest value. */
  max: number;
  /** Step. */
  step: number;
}

/** A round number ≥ x from the 1-2-5 series (for slider ends). */
export function niceCeil(x: number): number {
  if (!(x > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 5, 10]) if (m * p >= x) return m * p;
  return 10 * p;
}

/**
 * Ranges of the s and S sliders: wide enough for demand over the lead time plus a few EOQs, and always
 * containing the current values (a preset or a saved run can sit outside the default range).
 */
export function policyRanges(scenario: Scenario, demand: { mean: number; sd: number }): { s: SliderRange; S: SliderRange } {
  const x = formulaInputs(scenario, demand);
  const lead = scenario.leadTime.kind === 'fixed' ? scenario.leadTime.periods : scenario.leadTime.max;
  const f = closedForm({ ...x, leadTimeMean: lead, reviewPeriods: Math.max(1, scenario.reviewPeriods) });
  const reach = Math.max(f.orderUpTo, f.baseStock) + 3 * Math.max(f.eoq, demand.mean) + 4 * demand.sd;
  const top = niceCeil(Math.max(20, reach, scenario.S * 1.25));
  const bottom = -niceCeil(Math.max(5, top / 10, -scenario.s * 1.25));
  const step = top > 5000 ? 10 : 1;
  return { s: { min: bottom, max: top - step, step }, S: { min: bottom + step, max: top, step } };
}

/** Range of the mean-demand slider for synthetic sources. */
export function meanRange(mean: number): SliderRange {
  const max = niceCeil(Math.max(50, mean * 1.5));
  return { min: max > 200 ? 1 : 0.5, max, step: max > 200 ? 1 : 0.5 };
}

/** Switches the demand to another synthetic family, keeping its mean (and spread where it can). */
export function withDemandKind(scenario: Scenario, kind: DemandSource['kind'], current: { mean: number; sd: number }): Scenario {
  const mean = Math.max(0.5, Math.round(current.mean * 2) / 2);
  const sd = Math.max(0, Math.round(current.sd * 10) / 10);
  let demand: DemandSource;
  if (kind === 'poisson') demand = { kind, mean };
  else if (kind === 'normal') demand = { kind, mean, sd };
  else if (kind === 'negative-binomial') demand = { kind, mean, variance: Math.max(Math.round(sd * sd), Math.ceil(mean * 2)) };
  else return scenario;
  return { ...scenario, demand };
}

/** Words for a scenario, for run names and the comparison caption. */
export function describeScenario(scenario: Scenario, demandLabel: string): string {
  const lead = scenario.leadTime.kind === 'fixed' ? `L = ${scenario.leadTime.periods}` : `L ~ U{${scenario.leadTime.min}..${scenario.leadTime.max}}`;
  return `${demandLabel}, ${lead}, K = ${scenario.orderCost}, h = ${scenario.holdingCost}, p = ${scenario.shortageCost}${scenario.purchaseCost ? `, c = ${scenario.purchaseCost}` : ''}, ${scenario.unmet === 'lost' ? 'lost sales' : 'backorders'}`;
}

/** Mean and standard deviation of a synthetic source, without the worker (null for a workspace series). */
export function syntheticMoments(source: DemandSource): { mean: number; sd: number } | null {
  if (source.kind === 'poisson') return { mean: source.mean, sd: Math.sqrt(source.mean) };
  if (source.kind === 'normal') return { mean: source.mean, sd: source.sd };
  if (source.kind === 'negative-binomial') return { mean: source.mean, sd: Math.sqrt(source.variance) };
  return null;
}

/** JSON with object keys sorted, so that equal scenarios built in different key orders compare equal. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v,
  );
}

/** True when two scenarios differ at most in s and S (the exact optimum and cost surface stay valid). */
export function sameModel(a: Scenario | null | undefined, b: Scenario | null | undefined): boolean {
  return !!a && !!b && canonicalJson({ ...a, s: 0, S: 0 }) === canonicalJson({ ...b, s: 0, S: 0 });
}

/** True when two scenarios are the same in every field. */
export function sameScenario(a: Scenario | null | undefined, b: Scenario | null | undefined): boolean {
  return !!a && !!b && canonicalJson(a) === canonicalJson(b);
}
