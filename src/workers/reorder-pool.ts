/**
 * A pool of reorder plan workers, owned by the reorder worker: a run's rows are split into one part per worker
 * (lib/reorder/parts.ts), each part packed into a few typed arrays that are transferred, and the parts' plans merged
 * into exactly what one run gives. The same machinery as the statistics pool (pool.ts).
 */
import { reorderInParts, type ReorderPartsOptions } from '../lib/reorder/parts';
import type { ReorderInput, ReorderResult } from '../lib/reorder/types';
import { createPoolClients, poolSize } from './pool';
import type { ReorderPlanApi } from './reorder-plan-protocol';
import { collectTransferables } from './rpc';

/** A pool of reorder plan workers. */
export interface ReorderPool {
  /** Workers the pool runs. */
  readonly size: number;
  /** Runs the engine with its per-item plans split over the workers. */
  reorder(input: ReorderInput, options?: ReorderPartsOptions): Promise<ReorderResult>;
  /** Ends every worker; a later run starts them again. */
  terminate(): void;
}

/** Starts nothing yet: each worker starts on its first part and stops after a minute idle. */
export function createReorderPool(
  size = poolSize(),
  spawn: () => Worker = () => new Worker(new URL('./reorder-plan.worker.ts', import.meta.url), { type: 'module', name: 'reorder-plan' }),
): ReorderPool {
  const clients = createPoolClients<ReorderPlanApi>(size, spawn);
  return {
    size,
    reorder: (input, options) =>
      reorderInParts(input, size, (part, partOptions, index) => clients[index].call('plan', part, { ...partOptions, transfer: collectTransferables(part) }), options),
    terminate: () => clients.forEach((c) => c.terminate()),
  };
}
