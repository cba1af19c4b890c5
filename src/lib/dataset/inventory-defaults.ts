import { invalidOption, maybeNonNegative } from '../core/errors';
import type { InventoryDefaults, InventoryItem, InventorySnapshot } from './types';

/** Checks edited defaults: throws naming the bad value (e.g. `invalid serviceLevel: 1.2`). */
export function maybeInventoryDefaults(d: InventoryDefaults): InventoryDefaults {
  const serviceLevel = maybeNonNegative('serviceLevel', d.serviceLevel, true);
  if (serviceLevel >= 1) invalidOption('serviceLevel', d.serviceLevel, 'a share above 0 and below 1');
  return {
    leadTimeDays: maybeNonNegative('leadTimeDays', d.leadTimeDays),
    unitCost: maybeNonNegative('unitCost', d.unitCost),
    moq: maybeNonNegative('moq', d.moq),
    packSize: maybeNonNegative('packSize', d.packSize, true),
    serviceLevel,
  };
}

/**
 * Returns the snapshot with new defaults: every item field that came from the defaults (listed in `defaulted`)
 * takes the new value; values read from the file are never touched.
 */
export function applyInventoryDefaults(snapshot: InventorySnapshot, defaults: InventoryDefaults): InventorySnapshot {
  const d = maybeInventoryDefaults(defaults);
  const items = snapshot.items.map((item): InventoryItem => {
    if (item.defaulted.length === 0) return item;
    const next = { ...item };
    for (const field of item.defaulted) {
      if (field === 'onOrder' || field === 'backorders') continue;
      next[field] = d[field];
    }
    return next;
  });
  return { ...snapshot, defaults: d, items };
}
