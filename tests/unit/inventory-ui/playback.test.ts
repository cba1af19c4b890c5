import { describe, expect, it } from 'vitest';
import { advanceCursor, cumulativeCosts, eventLabel, eventsUpTo, periodSnapshot, shortagesPerPeriod } from '../../../src/ui/inventory/playback';
import type { SimEvent, SimTrace } from '../../../src/lib/sim';

const f = (...v: number[]) => Float64Array.from(v);
const trace: SimTrace = {
  demand: f(1, 2, 3), onHand: f(4, 2, 0), backorders: f(0, 0, 1), onOrder: f(0, 0, 5), inventoryPosition: f(4, 2, 4),
  orderPlaced: f(0, 0, 5), arrivals: f(0, 0, 0), lostSales: f(0, 0, 0), holdingCost: f(4, 2, 0), shortageCost: f(0, 0, 9),
  orderCost: f(0, 0, 64), purchaseCost: f(0, 0, 5),
};

describe('advanceCursor', () => {
  it('25 periods per second for one second moves 25 periods', () => {
    expect(advanceCursor({ cursor: 0, carry: 0 }, 1000, 25, 365)).toEqual({ cursor: 25, carry: 0, atEnd: false });
  });
  it('carries fractions of a period from frame to frame (16 ms frames at 10/s)', () => {
    let s = { cursor: 0, carry: 0 };
    for (let i = 0; i < 60; i++) s = advanceCursor(s, 1000 / 60, 10, 365);
    expect(s.cursor).toBe(10);
  });
  it('stops at the last period', () => {
    expect(advanceCursor({ cursor: 360, carry: 0.5 }, 1000, 100, 365)).toEqual({ cursor: 364, carry: 0, atEnd: true });
  });
  it('a negative elapsed time (clock skew) does not move back', () => {
    expect(advanceCursor({ cursor: 5, carry: 0 }, -50, 10, 365).cursor).toBe(5);
  });
});

describe('trace helpers', () => {
  it('cumulativeCosts sums each component and the total', () => {
    const c = cumulativeCosts(trace);
    expect(Array.from(c.holding)).toEqual([4, 6, 6]);
    expect(Array.from(c.shortage)).toEqual([0, 0, 9]);
    expect(Array.from(c.ordering)).toEqual([0, 0, 69]);
    expect(Array.from(c.total)).toEqual([4, 6, 84]);
  });

  it('periodSnapshot clamps into the trace', () => {
    const s = periodSnapshot(trace, cumulativeCosts(trace), 99);
    expect(s).toEqual({ period: 2, demand: 3, onHand: 0, backorders: 1, position: 4, ordered: 5, arrived: 0, costSoFar: 84 });
  });

  const events: SimEvent[] = [
    { period: 0, kind: 'order-placed', quantity: 5, duePeriod: 2 },
    { period: 1, kind: 'stockout', quantity: 2 },
    { period: 2, kind: 'order-arrived', quantity: 5 },
    { period: 2, kind: 'stockout', quantity: 1 },
  ];

  it('eventsUpTo lists events up to the cursor, latest first, and counts the rest', () => {
    expect(eventsUpTo(events, 1).rows.map((e) => e.kind)).toEqual(['stockout', 'order-placed']);
    expect(eventsUpTo(events, 2, 2)).toEqual({ rows: [events[3], events[2]], more: 2 });
    expect(eventsUpTo(events, -1)).toEqual({ rows: [], more: 0 });
  });

  it('shortagesPerPeriod adds the stockouts of each period', () => {
    expect(Array.from(shortagesPerPeriod(events, 3))).toEqual([0, 2, 1]);
  });

  it('eventLabel gives words, never only a colour', () => {
    expect(['order-placed', 'order-arrived', 'stockout'].map((k) => eventLabel(k as SimEvent['kind']))).toEqual(['Order placed', 'Order arrived', 'Stockout']);
  });
});
