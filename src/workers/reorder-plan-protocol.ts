/** Types only: the reorder plan worker's API (one per slot of the reorder pool, see reorder-pool.ts; envelope in rpc.ts). */
import type { Progress } from '../lib/core/progress';
import type { ReorderPartInput, ReorderPartOutput } from '../lib/reorder/parts';

/** A reorder plan worker: the per-item plans of a part of a snapshot's rows. */
export type ReorderPlanApi = {
  /** Plans the part's rows (its typed arrays are transferred both ways). */
  plan: { input: ReorderPartInput; result: ReorderPartOutput; progress: Progress };
};
