/**
 * Tabs (and their workers) tell each other what they changed in the workspace, so a second tab never shows a
 * stale list, proposes an order another tab approved, or keeps a dataset another tab deleted. Every write in
 * persistence/ announces itself here after it commits; state classes listen and re-read what they show.
 * BroadcastChannel delivers to every other channel object of the origin (other tabs, other workers, and other
 * listeners in this tab), never to the sender object, and never across origins.
 */

/** What changed. */
export type WorkspaceChange =
  | { kind: 'datasets'; datasetId: string | null }
  | { kind: 'inventories'; inventoryId: string | null }
  | { kind: 'orders'; inventoryId: string }
  | { kind: 'results'; store: string; datasetId: string | null }
  | { kind: 'jobs' }
  /** A restore or clear-all: everything may have changed. */
  | { kind: 'workspace' };

/** The channel's name (one per origin). */
export const CHANGES_CHANNEL = 'shelfcast-workspace';

/** Announces a committed change to the other tabs and workers; silent where BroadcastChannel is missing. */
export function announceChange(change: WorkspaceChange): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(CHANGES_CHANNEL);
  channel.postMessage(change);
  channel.close();
}

/** Calls `listener` for each change announced elsewhere; returns the function that stops listening. */
export function onWorkspaceChange(listener: (change: WorkspaceChange) => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  const channel = new BroadcastChannel(CHANGES_CHANNEL);
  channel.onmessage = (event: MessageEvent<WorkspaceChange>) => listener(event.data);
  return () => channel.close();
}
