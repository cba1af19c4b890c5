/**
 * Pure helpers of the animated playback: cursor arithmetic, cumulative costs, what happened up to the
 * cursor. The animation loop itself is in ui/state/simulation-playback.svelte.ts.
 */
import type { SimEvent, SimTrace } from '../../lib/sim';

/** Playback speeds offered, periods per second. */
export const SPEEDS = [2, 5, 10, 25, 50, 100, 250] as const;

/**
 * Moves the cursor by `speed` periods per second over `elapsedMs`, carrying the fraction of a period to the
 * next frame; stops at the last period (`atEnd`).
 */
export function advanceCursor(state: { cursor: number; carry: number }, elapsedMs: number, speed: number, horizon: number): { cursor: number; carry: number; atEnd: boolean } {
  const last = horizon - 1;
  const exact = state.carry + (Math.max(0, elapsedMs) * speed) / 1000;
  const whole = Math.floor(exact);
  const cursor = Math.min(last, state.cursor + whole);
  return { cursor, carry: cursor === last ? 0 : exact - whole, atEnd: cursor >= last };
}

/** Cumulative cost per period by component, and in total (money, from period 0). */
export interface CumulativeCosts {
  /** Σ holding cost up to each period. */
  holding: Float64Array;
  /** Σ shortage cost. */
  shortage: Float64Array;
  /** Σ fixed order cost + purchase cost. */
  ordering: Float64Array;
  /** Σ all of them. */
  total: Float64Array;
}

/** Running sums of the trace's per-period costs. */
export function cumulativeCosts(trace: SimTrace): CumulativeCosts {
  const n = trace.demand.length;
  const out: CumulativeCosts = { holding: new Float64Array(n), shortage: new Float64Array(n), ordering: new Float64Array(n), total: new Float64Array(n) };
  let h = 0;
  let s = 0;
  let o = 0;
  for (let i = 0; i < n; i++) {
    h += trace.holdingCost[i];
    s += trace.shortageCost[i];
    o += trace.orderCost[i] + trace.purchaseCost[i];
    out.holding[i] = h;
    out.shortage[i] = s;
    out.ordering[i] = o;
    out.total[i] = h + s + o;
  }
  return out;
}

/** Units short per period from the event log's stockouts. */
export function shortagesPerPeriod(events: readonly SimEvent[], horizon: number): Float64Array {
  const out = new Float64Array(horizon);
  for (const e of events) if (e.kind === 'stockout' && e.period >= 0 && e.period < horizon) out[e.period] += e.quantity;
  return out;
}

/** Events with period ≤ cursor, latest first, at most `limit`; `more` counts those left out. */
export function eventsUpTo(events: readonly SimEvent[], cursor: number, limit = 200): { rows: SimEvent[]; more: number } {
  // The log is in time order (engine.ts invariant), so the events up to the cursor are a prefix.
  let end = 0;
  while (end < events.length && events[end].period <= cursor) end++;
  const start = Math.max(0, end - limit);
  return { rows: events.slice(start, end).reverse(), more: start };
}

/** The state at the end of period t, for the readout beside the controls. */
export interface PeriodSnapshot {
  /** Period index (0-based). */
  period: number;
  /** Demand in the period. */
  demand: number;
  /** On hand at the end. */
  onHand: number;
  /** Backorders at the end. */
  backorders: number;
  /** Inventory position at the end. */
  position: number;
  /** Ordered in the period. */
  ordered: number;
  /** Arrived in the period. */
  arrived: number;
  /** Cost so far (all components). */
  costSoFar: number;
}

/** The snapshot at period t (clamped into the trace). */
export function periodSnapshot(trace: SimTrace, cumulative: CumulativeCosts, t: number): PeriodSnapshot {
  const i = Math.max(0, Math.min(trace.demand.length - 1, t));
  return {
    period: i,
    demand: trace.demand[i],
    onHand: trace.onHand[i],
    backorders: trace.backorders[i],
    position: trace.inventoryPosition[i],
    ordered: trace.orderPlaced[i],
    arrived: trace.arrivals[i],
    costSoFar: cumulative.total[i],
  };
}

/** Words for an event's kind: status is never shown by colour alone. */
export function eventLabel(kind: SimEvent['kind']): string {
  return kind === 'order-placed' ? 'Order placed' : kind === 'order-arrived' ? 'Order arrived' : 'Stockout';
}
