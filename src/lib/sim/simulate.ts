import { checkpoint, throwIfAborted } from '../core/abort';
import { createProgressThrottle, type ProgressCallback } from '../core/progress';
import { createRng } from '../core/rng';
import { advance, createRun, type Run, runKpis } from './engine';
import { normalizeInput } from './options';
import { fillDemand, fillLeadTimes, maxLeadTime } from './paths';
import { createOrderRule, defaultInitialOnHand } from './policies';
import { confidenceInterval } from './stats';
import type { IntervalKpi, PolicyResult, SimKpis, SimulateInput, SimulateResult } from './types';

/** Periods simulated between two yields to the event loop (all policies together). */
const CHUNK_PERIODS = 200_000;

/** Independent RNG streams per replication: 1 = demand, 2 = lead times. */
function streamSeed(seed: number, replication: number, stream: number): number {
  return (Math.imul(seed ^ 0x5bd1e995, 0x9e3779b1) + Math.imul(replication + 1, 0x85ebca6b) + Math.imul(stream, 0xc2b2ae35)) >>> 0;
}

const INTERVAL_KPIS: IntervalKpi[] = ['totalCostPerPeriod', 'fillRate', 'cycleServiceLevel', 'periodServiceLevel', 'averageOnHand'];

/**
 * Simulates every policy on the same demand and lead-time paths (common random numbers), for
 * `replications` independent paths, and returns KPIs with confidence intervals (mean ± t·s/√n over
 * replications), plus the trace and event log of the first replication.
 *
 * Pure apart from the RNG it seeds itself: the same input gives the same result. Long runs are cut into
 * chunks with `await checkpoint(signal)` between them, so a worker can receive a cancel; a cancelled call
 * rejects with an AbortError. Progress (phase 'simulating') counts periods simulated over all policies and
 * replications, is throttled to about 10 events per second, and ends with done === total.
 * Invalid input throws an AppError naming the option (see options.ts).
 */
export async function simulate(
  input: SimulateInput,
  signal: AbortSignal,
  onProgress?: ProgressCallback,
): Promise<SimulateResult> {
  throwIfAborted(signal);
  const x = normalizeInput(input);
  const progress = createProgressThrottle(onProgress);
  const total = x.horizon * x.replications * x.policies.length;
  let done = 0;
  let sinceYield = 0;
  progress({ phase: 'simulating', done: 0, total });

  const rules = x.policies.map((p) => createOrderRule(p.policy));
  const starts = x.policies.map((p) => x.initialOnHand ?? defaultInitialOnHand(p.policy));
  const perRep: SimKpis[][] = x.policies.map(() => []);
  const firstRuns: Run[] = [];
  const demand = new Float64Array(x.horizon);
  const leadTimes = new Int32Array(x.horizon);
  const maxLead = maxLeadTime(x.leadTime);

  for (let rep = 0; rep < x.replications; rep++) {
    fillDemand(x.demand, createRng(streamSeed(x.seed, rep, 1)), demand);
    fillLeadTimes(x.leadTime, createRng(streamSeed(x.seed, rep, 2)), leadTimes);
    const keepTrace = x.trace && rep === 0;
    const runs = x.policies.map((_, i) =>
      createRun({
        horizon: x.horizon,
        warmupPeriods: x.warmupPeriods,
        unmet: x.unmet,
        holdingCost: x.holdingCost,
        shortageCost: x.shortageCost,
        orderCost: x.orderCost,
        purchaseCost: x.purchaseCost,
        integerOrders: x.integerOrders,
        rule: rules[i],
        initialOnHand: starts[i],
        // The first replication's trace keeps its own copy of the demand path; later ones reuse the buffer.
        demand,
        leadTimes,
        maxLeadTime: maxLead,
        keepTrace,
        maxEvents: x.maxEvents,
      }),
    );
    for (let t = 0; t < x.horizon; ) {
      const step = Math.max(1, Math.floor(CHUNK_PERIODS / runs.length));
      const until = Math.min(x.horizon, t + step);
      for (const run of runs) advance(run, until);
      done += (until - t) * runs.length;
      sinceYield += (until - t) * runs.length;
      t = until;
      if (sinceYield >= CHUNK_PERIODS) {
        sinceYield = 0;
        progress({ phase: 'simulating', done, total });
        await checkpoint(signal);
      }
    }
    runs.forEach((run, i) => perRep[i].push(runKpis(run)));
    if (rep === 0) firstRuns.push(...runs);
  }
  progress({ phase: 'simulating', done: total, total });

  const policies: PolicyResult[] = x.policies.map((p, i) => {
    const reps = perRep[i];
    const kpis = meanKpis(reps);
    const intervals = {} as Record<IntervalKpi, ReturnType<typeof confidenceInterval>>;
    for (const k of INTERVAL_KPIS) intervals[k] = confidenceInterval(reps.map((r) => r[k]), x.confidence);
    const result: PolicyResult = {
      name: p.name,
      policy: p.policy,
      kpis,
      intervals,
      costPerReplication: Float64Array.from(reps, (r) => r.totalCostPerPeriod),
    };
    const first = firstRuns[i];
    if (x.trace && first.trace) {
      result.trace = first.trace;
      result.events = first.events;
      result.eventsTruncated = first.eventsTruncated;
    }
    return result;
  });
  return {
    frequency: x.frequency,
    periods: x.periods,
    warmupPeriods: x.warmupPeriods,
    replications: x.replications,
    confidence: x.confidence,
    policies,
  };
}

function meanKpis(reps: SimKpis[]): SimKpis {
  const out = { ...reps[0] };
  const keys = Object.keys(out) as (keyof SimKpis)[];
  for (const k of keys) {
    let s = 0;
    for (const r of reps) s += r[k];
    out[k] = s / reps.length;
  }
  return out;
}
