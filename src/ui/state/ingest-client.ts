import { createWorkerClient } from '../../workers/rpc';
import type { IngestApi } from '../../workers/protocol';

/** Starts the ingest worker (Vite bundles it as a module worker). */
export function createIngestClient() {
  return createWorkerClient<IngestApi>(
    () => new Worker(new URL('../../workers/ingest.worker.ts', import.meta.url), { type: 'module', name: 'ingest' }),
    { idleTimeoutMs: 5 * 60_000 },
  );
}
