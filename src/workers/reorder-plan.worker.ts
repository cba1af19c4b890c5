/// <reference lib="webworker" />
/** Reorder plan worker entry: one slot of the reorder worker's pool (see reorder-pool.ts). */
import { runReorderPart } from '../lib/reorder/parts';
import { serveWorker } from './rpc';
import type { ReorderPlanApi } from './reorder-plan-protocol';

serveWorker<ReorderPlanApi>({ plan: async (input) => runReorderPart(input) });
