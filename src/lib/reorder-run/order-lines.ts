import { openOrdersFrom, type ApprovedOrder } from '../reorder/orders';
import type { OpenOrder } from '../reorder/types';

/**
 * Purchase-order lines as the workspace keeps them: the engine's `ApprovedOrder` plus what happened to it.
 * A line is created by a decision (approve or reject) and may later be marked received; its history records each
 * step. Only 'approved' lines are open orders for the next run: a received line is assumed to be in the next
 * snapshot's on hand, and a rejected one was never placed.
 */

/** Where a line stands. */
export type OrderLineState = 'approved' | 'rejected' | 'received';

/** One step in a line's life. */
export interface OrderLineEvent {
  /** When, ms since epoch. */
  at: number;
  /** What happened. */
  action: OrderLineState;
  /** Units at that step. */
  quantity: number;
}

/** A stored order line (the `payload` of a record in the `orders` store). */
export interface OrderLine {
  /** The order as approved (or as it would have been, for a rejection). */
  order: ApprovedOrder;
  /** Inventory snapshot the recommendation came from. */
  inventoryId: string;
  /** Current state. */
  state: OrderLineState;
  /** Every step, oldest first. */
  history: OrderLineEvent[];
}

/** Lines for a batch of decisions made at `at` (ms since epoch). */
export function createOrderLines(orders: readonly ApprovedOrder[], inventoryId: string, state: 'approved' | 'rejected', at: number): OrderLine[] {
  return orders.map((order) => ({ order, inventoryId, state, history: [{ at, action: state, quantity: order.quantity }] }));
}

/** The line moved to `state` at `at`, its history extended (the input is not changed). */
export function withState(line: OrderLine, state: OrderLineState, at: number): OrderLine {
  return { ...line, state, history: [...line.history, { at, action: state, quantity: line.order.quantity }] };
}

/** Open orders of approved lines placed on or after the snapshot day (reorder/orders.ts `openOrdersFrom`). */
export function openOrdersOf(lines: readonly OrderLine[], snapshotDay: number): OpenOrder[] {
  return openOrdersFrom(
    lines.filter((l) => l.state === 'approved').map((l) => l.order),
    snapshotDay,
  );
}

/** Time of a line's latest step. */
export function lastActionAt(line: OrderLine): number {
  return line.history.at(-1)?.at ?? line.order.approvedAt;
}

/** The latest decided line per series (by the time of its latest step). */
export function latestBySeries(lines: readonly OrderLine[]): Map<string, OrderLine> {
  const out = new Map<string, OrderLine>();
  for (const l of lines) {
    const prev = out.get(l.order.seriesId);
    if (!prev || lastActionAt(l) >= lastActionAt(prev)) out.set(l.order.seriesId, l);
  }
  return out;
}

/** Units of approved (open) lines per series. */
export function openUnitsBySeries(lines: readonly OrderLine[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const l of lines) if (l.state === 'approved') out.set(l.order.seriesId, (out.get(l.order.seriesId) ?? 0) + l.order.quantity);
  return out;
}
