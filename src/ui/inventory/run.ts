/** Converts a worker's simulate response into the run the view plays and saves. */
import type { SimRunData } from '../../persistence/sim-runs';
import type { SimulateResponse } from '../../lib/sim/scenario';

/** The run of a `simulate` response (its single policy's trace, KPIs and intervals). */
export function toRunData(response: SimulateResponse): SimRunData {
  const r = response.result;
  const p = r.policies[0];
  if (!p?.trace || !p.events) throw new Error('invalid simulate response: the policy has no trace');
  return {
    scenario: response.scenario,
    policyName: p.name,
    demandLabel: response.demand.label,
    demandMean: response.demand.mean,
    frequency: response.demand.frequency,
    periods: r.periods,
    warmupPeriods: r.warmupPeriods,
    replications: r.replications,
    confidence: r.confidence,
    kpis: p.kpis,
    intervals: p.intervals,
    exact: response.exact,
    exactNotes: response.exactNotes,
    trace: p.trace,
    events: p.events,
    eventsTruncated: p.eventsTruncated ?? false,
  };
}
