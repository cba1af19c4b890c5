import { AppError } from '../../core/errors';
import { evaluateSs, lotSize, type SsEvaluation, type SsModelOptions, ssInUnits } from '../../policy';
import type { NamedPolicy, SimulateInput } from '../types';
import { formatLabelNumber as fmt } from './demand';
import type { ResolvedDemand, Scenario } from './types';

/** The exact (s,S) model of a scenario: options in lots of `lot` units, and the approximations it needed. */
export interface ExactModel {
  /** Options for lib/policy, demand in lots and holding and backorder costs per lot. */
  options: SsModelOptions;
  /** Units per lot (1 unless demand is large: `lotSize`). */
  lot: number;
  /** Approximations, for people. */
  notes: string[];
}

/** The exact (s,S) model of a validated scenario, with the approximations it needed. */
export function exactModel(x: Scenario, d: ResolvedDemand): ExactModel {
  const notes: string[] = [];
  if (d.exactNote) notes.push(d.exactNote);
  const lot = lotSize(d.info.mean);
  if (lot > 1) notes.push(`Demand is large (mean ${fmt(d.info.mean)} a period), so the exact model counts in lots of ${lot} units: its s and S are multiples of ${lot}, and your (s,S) is rounded to lots.`);
  let lead: number;
  if (x.leadTime.kind === 'fixed') lead = x.leadTime.periods;
  else {
    lead = Math.round((x.leadTime.min + x.leadTime.max) / 2);
    if (x.leadTime.max > x.leadTime.min) notes.push(`The exact model uses the mean lead time, ${lead} periods: random lead times add variability it does not see.`);
  }
  if (x.unmet === 'lost') notes.push('The exact model is for backorders; with lost sales its cost is an approximation (the simulation is not).');
  return {
    options: { demand: d.distribution(lot), leadTimePeriods: lead, orderCost: x.orderCost, holdingCost: x.holdingCost * lot, backorderCost: x.shortageCost * lot },
    lot,
    notes,
  };
}

/** Exact cost of the scenario's own (s,S), rounded to lots, in units. */
export function evaluateScenarioPolicy(m: ExactModel, x: Scenario): SsEvaluation {
  const s = Math.round(x.s / m.lot);
  return ssInUnits(evaluateSs({ ...m.options, s, S: Math.max(s + 1, Math.round(x.S / m.lot)) }), m.lot);
}

/** The simulator's input for a validated scenario; a replayed series caps the periods at its length. */
export function toSimulateInput(x: Scenario, d: ResolvedDemand, policies: NamedPolicy[], trace: boolean): SimulateInput {
  let periods = x.periods;
  if (d.info.maxPeriods !== null) {
    const room = d.info.maxPeriods - x.warmupPeriods;
    if (room < 1) throw new AppError('invalid-input', `The series has ${d.info.maxPeriods} periods, not more than the warm-up (${x.warmupPeriods}): lower the warm-up.`);
    periods = Math.min(periods, room);
  }
  return {
    periods,
    warmupPeriods: x.warmupPeriods,
    replications: x.replications,
    seed: x.seed,
    frequency: d.info.frequency === 'weekly' ? 'weekly' : 'daily',
    demand: d.model,
    leadTime: x.leadTime.kind === 'fixed' ? { kind: 'fixed', periods: x.leadTime.periods } : { kind: 'uniform', min: x.leadTime.min, max: x.leadTime.max },
    unmet: x.unmet,
    costs: { holdingCost: x.holdingCost, shortageCost: x.shortageCost, orderCost: x.orderCost, purchaseCost: x.purchaseCost },
    policies,
    trace,
  };
}
