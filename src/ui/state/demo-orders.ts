/**
 * The demo opens with its orders ready (issue #14, point 10): right after the first visit builds the demo, a quick
 * forecast of the stock snapshot's sales (seasonal naive and exponential smoothing, as the Orders tab's "Quick"
 * preset, a backtest on the last three windows for the intervals) is made in the background and saved, and the
 * engine plans on it. The Orders tab then shows the plan instead of 100 × NO FORECAST, or this forecast's progress
 * if it is opened sooner. The orders code loads here on demand, as the Orders tab would load it.
 */
import { DEMO_INVENTORY_ID } from '../../lib/demo';
import type { Workspace } from './workspace.svelte';

/**
 * Where this stands, on the root element as `data-demo-orders` ('pending' from the first visit's decision to load
 * the demo, then 'making', 'ready' or 'failed'): end-to-end tests that count stored records wait for it to settle.
 */
export function markDemoOrders(state: 'pending' | 'making' | 'ready' | 'failed'): void {
  if (typeof document !== 'undefined') document.documentElement.dataset.demoOrders = state;
}

/** Makes the demo snapshot's forecast and first plan, unless its dataset already has a forecast. */
export async function prepareDemoOrders(workspace: Workspace): Promise<void> {
  markDemoOrders('making');
  try {
    const snapshot = workspace.inventories.find((s) => s.id === DEMO_INVENTORY_ID) ?? null;
    if (!snapshot?.datasetId) return markDemoOrders('failed');
    const { ordersSessionFor } = await import('./orders.svelte');
    const session = ordersSessionFor(workspace);
    await session.select(snapshot.id);
    if (!session.forecast && session.inventoryId === snapshot.id) await session.makeForecast('quick');
    markDemoOrders(session.forecast ? 'ready' : 'failed');
  } catch {
    // The Orders tab says why and offers to make the forecast there; nothing here to show.
    markDemoOrders('failed');
  }
}
