/**
 * Saved simulation runs of the inventory view, in the `simRuns` store. A run's per-period trace is batched
 * into one Float64Array (field after field) and its event log into four typed arrays, so a saved run is a
 * handful of structured-clone buffers rather than thousands of small objects.
 */
import type { Frequency } from '../lib/core/dates';
import type { SsEvaluation } from '../lib/policy';
import type { ConfidenceInterval, IntervalKpi, SimEvent, SimKpis, SimTrace } from '../lib/sim';
import type { Scenario } from '../lib/sim/scenario';
import type { ShelfcastDB, StoredRecord } from './db';
import { randomId } from '../lib/core/id';
import { deleteRecord, getRecord, putRecord } from './records';

/** `StoredRecord.kind` of a saved (s,S) run. */
export const SIM_RUN_KIND = 'ss-run';

/** The trace fields, in the order they are batched. */
export const TRACE_FIELDS = [
  'demand', 'onHand', 'backorders', 'onOrder', 'inventoryPosition', 'orderPlaced',
  'arrivals', 'lostSales', 'holdingCost', 'shortageCost', 'orderCost', 'purchaseCost',
] as const satisfies ReadonlyArray<keyof SimTrace>;

const EVENT_KINDS: ReadonlyArray<SimEvent['kind']> = ['order-placed', 'order-arrived', 'stockout'];

/** One simulation run as the view plays it: the scenario, its KPIs and the trace of replication 1. */
export interface SimRunData {
  /** The scenario as run. */
  scenario: Scenario;
  /** Policy label, e.g. "(6, 40)". */
  policyName: string;
  /** Demand label, e.g. "Poisson(10)". */
  demandLabel: string;
  /** Mean demand per period, units (the forecast line). */
  demandMean: number;
  /** Period of the demand source. */
  frequency: Frequency;
  /** Measured periods per replication. */
  periods: number;
  /** Warm-up periods (at the start of the trace). */
  warmupPeriods: number;
  /** Replications behind the KPIs. */
  replications: number;
  /** Confidence level of the intervals. */
  confidence: number;
  /** KPIs averaged over replications. */
  kpis: SimKpis;
  /** Confidence intervals over replications. */
  intervals: Record<IntervalKpi, ConfidenceInterval>;
  /** Exact long-run cost by renewal reward, excluding purchase cost, when it applies. */
  exact: SsEvaluation | null;
  /** Approximations behind `exact`. */
  exactNotes: string[];
  /** Trace of replication 1 (warm-up included). */
  trace: SimTrace;
  /** Event log of replication 1. */
  events: SimEvent[];
  /** True when the log was cut at its limit. */
  eventsTruncated: boolean;
}

/** `SimRunData` as stored: trace and events batched into typed arrays. */
export interface SimRunPayload extends Omit<SimRunData, 'trace' | 'events'> {
  /** Payload layout version. */
  version: 1;
  /** Names of the batched trace fields, in order. */
  traceFields: string[];
  /** Periods in the trace. */
  horizon: number;
  /** traceFields.length × horizon values: field f of period t at f·horizon + t. */
  traceData: Float64Array;
  /** Event periods. */
  eventPeriods: Int32Array;
  /** Event kinds as indexes into ['order-placed', 'order-arrived', 'stockout']. */
  eventKinds: Uint8Array;
  /** Event quantities, units. */
  eventQuantities: Float64Array;
  /** Due period of 'order-placed' events, −1 otherwise. */
  eventDue: Int32Array;
}

/** A saved run in the list (no trace). */
export interface SimRunSummary {
  /** Record id. */
  id: string;
  /** Name given when saved. */
  name: string;
  /** Dataset of the demand series, or null for synthetic demand. */
  datasetId: string | null;
  /** When saved, ms since epoch. */
  createdAt: number;
  /** Policy label. */
  policyName: string;
  /** Demand label. */
  demandLabel: string;
  /** Simulated cost per period (mean over replications). */
  costPerPeriod: number;
  /** Simulated fill rate. */
  fillRate: number;
  /** Periods in the trace. */
  horizon: number;
}

/** Batches a run's trace and events into typed arrays. */
export function packSimRun(data: SimRunData): SimRunPayload {
  const { trace, events, ...rest } = data;
  const horizon = trace.demand.length;
  const traceData = new Float64Array(TRACE_FIELDS.length * horizon);
  TRACE_FIELDS.forEach((f, i) => traceData.set(trace[f], i * horizon));
  const n = events.length;
  const payload: SimRunPayload = {
    ...rest,
    version: 1,
    traceFields: [...TRACE_FIELDS],
    horizon,
    traceData,
    eventPeriods: new Int32Array(n),
    eventKinds: new Uint8Array(n),
    eventQuantities: new Float64Array(n),
    eventDue: new Int32Array(n),
  };
  events.forEach((e, i) => {
    payload.eventPeriods[i] = e.period;
    payload.eventKinds[i] = EVENT_KINDS.indexOf(e.kind);
    payload.eventQuantities[i] = e.quantity;
    payload.eventDue[i] = e.duePeriod ?? -1;
  });
  return payload;
}

/** Rebuilds the trace (views on the stored buffer, no copy) and the event objects. */
export function unpackSimRun(payload: SimRunPayload): SimRunData {
  const { version: _, traceFields, horizon, traceData, eventPeriods, eventKinds, eventQuantities, eventDue, ...rest } = payload;
  const trace = {} as SimTrace;
  for (const f of TRACE_FIELDS) {
    const i = traceFields.indexOf(f);
    trace[f] = i >= 0 ? traceData.subarray(i * horizon, (i + 1) * horizon) : new Float64Array(horizon);
  }
  const events: SimEvent[] = Array.from(eventPeriods, (period, i) => {
    const e: SimEvent = { period, kind: EVENT_KINDS[eventKinds[i]] ?? 'stockout', quantity: eventQuantities[i] };
    if (eventDue[i] >= 0) e.duePeriod = eventDue[i];
    return e;
  });
  return { ...rest, trace, events };
}

/** Saves a run under `name`; returns its summary. */
export async function saveSimRun(db: ShelfcastDB, name: string, data: SimRunData): Promise<SimRunSummary> {
  const now = Date.now();
  const datasetId = data.scenario.demand.kind === 'series' ? data.scenario.demand.datasetId : null;
  const record: StoredRecord<SimRunPayload> = { id: randomId(), datasetId, name, kind: SIM_RUN_KIND, createdAt: now, updatedAt: now, payload: packSimRun(data) };
  await putRecord(db, 'simRuns', record);
  return toSummary(record);
}

function toSummary(r: StoredRecord<SimRunPayload>): SimRunSummary {
  return {
    id: r.id,
    name: r.name,
    datasetId: r.datasetId,
    createdAt: r.createdAt,
    policyName: r.payload.policyName,
    demandLabel: r.payload.demandLabel,
    costPerPeriod: r.payload.kpis.totalCostPerPeriod,
    fillRate: r.payload.kpis.fillRate,
    horizon: r.payload.horizon,
  };
}

/** Saved (s,S) runs, newest first. */
export async function listSimRuns(db: ShelfcastDB): Promise<SimRunSummary[]> {
  const all = (await db.getAll('simRuns')) as StoredRecord<SimRunPayload>[];
  return all
    .filter((r) => r.kind === SIM_RUN_KIND && r.payload?.version === 1)
    .map(toSummary)
    .sort((a, b) => b.createdAt - a.createdAt);
}

/** Loads a saved run, or null when it is gone. */
export async function loadSimRun(db: ShelfcastDB, id: string): Promise<(SimRunData & { id: string; name: string }) | null> {
  const r = await getRecord<SimRunPayload>(db, 'simRuns', id); // joins a run saved in parts
  if (!r || r.kind !== SIM_RUN_KIND) return null;
  return { ...unpackSimRun(r.payload), id: r.id, name: r.name };
}

/** Deletes a saved run. */
export async function deleteSimRun(db: ShelfcastDB, id: string): Promise<void> {
  await deleteRecord(db, 'simRuns', id);
}
