import { describe, expect, it } from 'vitest';
import { applyInventoryDefaults } from '../../../src/lib/dataset/inventory-defaults';
import { DEFAULT_INVENTORY_DEFAULTS } from '../../../src/lib/dataset/types';
import { importText } from './helpers';

describe('applyInventoryDefaults', () => {
  it('changes only the fields that came from the defaults', async () => {
    const r = await importText('sku,on_hand,lead_time_days\nA,10,3\nB,5,\n', 'inventory');
    const snap = r.kind === 'ok' ? r.inventory! : null;
    const next = applyInventoryDefaults(snap!, { ...DEFAULT_INVENTORY_DEFAULTS, leadTimeDays: 14, unitCost: 2.5 });
    expect(next.items[0]).toMatchObject({ leadTimeDays: 3, unitCost: 2.5 });
    expect(next.items[1]).toMatchObject({ leadTimeDays: 14, unitCost: 2.5 });
    expect(next.defaults.leadTimeDays).toBe(14);
    expect(snap!.items[1].leadTimeDays).toBe(7);
  });
  it.each([
    [{ serviceLevel: 1.2 }, /invalid serviceLevel/],
    [{ leadTimeDays: -1 }, /invalid leadTimeDays: -1/],
    [{ packSize: 0 }, /invalid packSize: 0/],
  ])('rejects %j naming the value', async (bad, message) => {
    const r = await importText('sku,on_hand\nA,10\n', 'inventory');
    expect(() => applyInventoryDefaults(r.kind === 'ok' ? r.inventory! : (null as never), { ...DEFAULT_INVENTORY_DEFAULTS, ...bad })).toThrow(message);
  });
});
