/**
 * A real worker for Node tests: a worker thread running a TypeScript entry (through thread-boot.mjs), seen
 * through the page's `Worker` surface (onmessage, onerror, postMessage, terminate) that rpc.ts's client uses.
 * An uncaught error in the thread ends it and fires `onerror`, as a dying browser worker does.
 */
import { fileURLToPath } from 'node:url';
import { Worker as ThreadWorker } from 'node:worker_threads';

const BOOT = new URL('./thread-boot.mjs', import.meta.url);

/** Starts the TypeScript module `entry` in a new thread. Calls posted before it has loaded wait in the port. */
export function spawnThread(entry: URL): Worker {
  const thread = new ThreadWorker(BOOT, { workerData: { entry: fileURLToPath(entry) } });
  const surface = {
    onmessage: null as ((event: MessageEvent) => void) | null,
    onerror: null as ((event: ErrorEvent) => void) | null,
    onmessageerror: null as ((event: MessageEvent) => void) | null,
    postMessage: (message: unknown, transfer: Transferable[] = []) => thread.postMessage(message, transfer as never),
    terminate: () => void thread.terminate(),
  };
  thread.on('message', (data) => surface.onmessage?.({ data } as MessageEvent));
  thread.on('messageerror', () => surface.onmessageerror?.({} as MessageEvent));
  thread.on('error', (error) => surface.onerror?.({ message: error.message, preventDefault: () => undefined } as unknown as ErrorEvent));
  return surface as unknown as Worker;
}
