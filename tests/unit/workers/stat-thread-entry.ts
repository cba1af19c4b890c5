/**
 * A worker entry for Node worker threads (booted by thread-boot.mjs): the statistics handlers exactly as
 * stat.worker.ts serves them, with Node's parentPort standing in for the worker's global scope.
 */
import { parentPort } from 'node:worker_threads';
import { serveWorker } from '../../../src/workers/rpc';
import { createStatHandlers } from '../../../src/workers/stat-service';

const port = parentPort!;
serveWorker(createStatHandlers(), {
  postMessage: (message, transfer) => port.postMessage(message, transfer as never),
  set onmessage(listener: (event: { data: unknown }) => void) {
    port.on('message', (data) => listener({ data }));
  },
} as Parameters<typeof serveWorker>[1]);
