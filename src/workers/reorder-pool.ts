/**
 * A pool of reorder plan workers, owned by the reorder worker: a run's rows are split into one part per worker
 * (lib/reorder/parts.ts), each part packed into a few typed arrays that are transferred, and the parts' plans merged
 * into exactly what one run gives. The same machinery as the statistics pool (pool.ts).
 */
import { reorderInParts, type ReorderPartsOptions } from '../lib/reorder/parts';
import type { ReorderInput, ReorderResult } from '../lib/reorder/types';
import { maybeReorderOptions } from '../lib/reorder/options';
import { createPoolClients, poolSize } from './pool';
import type { ReorderPlanApi } from './reorder-plan-protocol';
import { collectTransferables } from './rpc';

/** A pool of reorder plan workers. */
export interface ReorderPool {
  /** Workers the pool runs. */
  readonly size: number;
  /** Runs the engine with its per-item plans split over the workers. */
  reorder(input: ReorderInput, options?: ReorderPartsOptions): Promise<ReorderResult>;
  /** Starts every worker now (each loads its module while the caller reads its data); resolves when all are up. */
  warm(): Promise<void>;
  /** Ends every worker; a later run starts them again. */
  terminate(): void;
}

/** A part of no rows: what `warm` sends to start a worker. */
const EMPTY_PART = {
  rows: 0, columns: new Float64Array(0), status: new Uint8Array(0), flags: new Uint32Array(0), abc: new Uint8Array(0), ownLevel: new Float64Array(0),
  orderStart: new Int32Array(1), orderQuantity: new Float64Array(0), orderArrivalDay: new Float64Array(0), orderDay: new Float64Array(0),
  forecasts: { head: new Int32Array(0), periodDays: new Int32Array(0), firstDay: new Int32Array(0), historyPeriods: new Float64Array(0), levels: [], cumBounds: new Int32Array(0), values: new Float64Array(0) },
};

const DEFAULT_OPTIONS = maybeReorderOptions({});

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
    warm: async () => {
      await Promise.all(clients.map((c) => c.call('plan', { ...EMPTY_PART, options: DEFAULT_OPTIONS }).catch(() => undefined)));
    },
    terminate: () => clients.forEach((c) => c.terminate()),
  };
}
