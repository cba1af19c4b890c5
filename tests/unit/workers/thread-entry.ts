/**
 * A worker entry for Node worker threads (booted by thread-boot.mjs): the simulate handlers, exactly as
 * simulate.worker.ts serves them, plus `crash`, which throws outside any handler as a failing worker would.
 * Node's parentPort stands in for the worker's global scope.
 */
import { parentPort } from 'node:worker_threads';
import type { Progress } from '../../../src/lib/core/progress';
import { type Handlers, serveWorker } from '../../../src/workers/rpc';
import type { SimulateApi } from '../../../src/workers/simulate-protocol';
import { createSimulateHandlers } from '../../../src/workers/simulate-service';

/** The simulate API and one method that kills the thread. */
export type ThreadTestApi = SimulateApi & { crash: { input: null; result: null; progress: Progress } };

const handlers: Handlers<ThreadTestApi> = {
  ...createSimulateHandlers(() => Promise.reject(new Error('no workspace database in a test thread'))),
  crash: () => {
    setTimeout(() => {
      throw new Error('boom in the worker thread');
    });
    return new Promise(() => undefined);
  },
};

const port = parentPort!;
serveWorker(handlers, {
  postMessage: (message, transfer) => port.postMessage(message, transfer as never),
  set onmessage(listener: (event: { data: unknown }) => void) {
    port.on('message', (data) => listener({ data }));
  },
} as Parameters<typeof serveWorker>[1]);
