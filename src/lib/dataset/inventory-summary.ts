import type { InventoryItem, InventorySnapshot } from './types';

/**
 * An inventory snapshot as the page lists it: everything but its items and import report, with the figures the
 * views show about the items. Reading a snapshot whole costs a structured-clone of every item (112 ms and 81 ms
 * main-thread tasks for 30,000 items right after an import, issue #13), so the page lists these, made where the
 * snapshot is read (the summary worker), and loads the items on demand.
 */
export interface InventorySummary extends Omit<InventorySnapshot, 'items' | 'report'> {
  /** Number of items (stock positions). */
  itemCount: number;
  /** Items with at least one field taken from the snapshot's defaults. */
  defaultedCount: number;
  /** Longest lead time of any item in days (0 when none is finite): how far ahead a forecast must reach. */
  maxLeadTimeDays: number;
}

/** The summary of a snapshot (one pass over its items). */
export function summarizeInventory(snapshot: InventorySnapshot): InventorySummary {
  const { items, report: _, ...head } = snapshot;
  return { ...head, itemCount: items.length, defaultedCount: countDefaulted(items), maxLeadTimeDays: maxLeadTime(items) };
}

function countDefaulted(items: readonly InventoryItem[]): number {
  let n = 0;
  for (const it of items) if (it.defaulted.length > 0) n++;
  return n;
}

function maxLeadTime(items: readonly InventoryItem[]): number {
  let m = 0;
  for (const it of items) if (Number.isFinite(it.leadTimeDays) && it.leadTimeDays > m) m = it.leadTimeDays;
  return m;
}
