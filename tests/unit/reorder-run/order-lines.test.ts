import { describe, expect, it } from 'vitest';
import type { ApprovedOrder } from '../../../src/lib/reorder';
import { createOrderLines, latestBySeries, openOrdersOf, openUnitsBySeries, withState } from '../../../src/lib/reorder-run';

const order = (seriesId: string, quantity: number, orderDay = 100, approvedAt = 1): ApprovedOrder => ({
  id: `po-${seriesId}`, seriesId, key: { Item: seriesId }, quantity, unitCost: 2, value: 2 * quantity, orderDay, expectedArrivalDay: orderDay + 7,
  status: 'REORDER', recommendedQuantity: quantity, explanation: 'REORDER: …', approvedAt,
});

describe('order lines', () => {
  it('createOrderLines records the decision in each line’s history', () => {
    const [line] = createOrderLines([order('a', 12)], 'inv', 'approved', 50);
    expect(line).toMatchObject({ inventoryId: 'inv', state: 'approved', history: [{ at: 50, action: 'approved', quantity: 12 }] });
  });

  it('only approved lines placed on or after the snapshot day are open orders', () => {
    const lines = [
      ...createOrderLines([order('a', 12), order('old', 5, 90)], 'inv', 'approved', 1),
      ...createOrderLines([order('b', 7)], 'inv', 'rejected', 1),
      withState(createOrderLines([order('c', 3)], 'inv', 'approved', 1)[0], 'received', 2),
    ];
    expect(openOrdersOf(lines, 100)).toEqual([{ seriesId: 'a', quantity: 12, orderDay: 100, expectedArrivalDay: 107 }]);
    expect([...openUnitsBySeries(lines)]).toEqual([['a', 12], ['old', 5]]);
  });

  it('withState appends to the history without changing the input; latestBySeries keeps each series’ latest step', () => {
    const first = createOrderLines([order('a', 12)], 'inv', 'approved', 10)[0];
    const received = withState(first, 'received', 20);
    expect(first.state).toBe('approved');
    expect(received.history.map((h) => h.action)).toEqual(['approved', 'received']);
    const rejectedLater = createOrderLines([order('a', 4)], 'inv', 'rejected', 15)[0];
    expect(latestBySeries([first, rejectedLater]).get('a')!.state).toBe('rejected');
    expect(latestBySeries([received, rejectedLater]).get('a')!.state).toBe('received');
  });
});
