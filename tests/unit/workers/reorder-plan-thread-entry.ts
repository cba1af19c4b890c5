/**
 * A worker entry for Node worker threads (booted by thread-boot.mjs): the reorder plan handler exactly as
 * reorder-plan.worker.ts serves it, with Node's parentPort standing in for the worker's global scope.
 */
import { parentPort } from 'node:worker_threads';
import { runReorderPart } from '../../../src/lib/reorder/parts';
import { serveWorker } from '../../../src/workers/rpc';
import type { ReorderPlanApi } from '../../../src/workers/reorder-plan-protocol';

const port = parentPort!;
serveWorker<ReorderPlanApi>({ plan: async (input) => runReorderPart(input) }, {
  postMessage: (message, transfer) => port.postMessage(message, transfer as never),
  set onmessage(listener: (event: { data: unknown }) => void) {
    port.on('message', (data) => listener({ data }));
  },
} as Parameters<typeof serveWorker>[1]);
