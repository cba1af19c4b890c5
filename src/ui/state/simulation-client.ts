import { createWorkerClient } from '../../workers/rpc';
import type { SimulateApi } from '../../workers/simulate-protocol';

/** Starts the simulate worker (Vite bundles it as a module worker); it stops after 5 idle minutes. */
export function createSimulateClient() {
  return createWorkerClient<SimulateApi>(
    () => new Worker(new URL('../../workers/simulate.worker.ts', import.meta.url), { type: 'module', name: 'simulate' }),
    { idleTimeoutMs: 5 * 60_000 },
  );
}
