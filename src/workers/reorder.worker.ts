/// <reference lib="webworker" />
/** Reorder worker entry: serves the reorder API (see reorder-service.ts). */
import { serveWorker } from './rpc';
import { createReorderHandlers } from './reorder-service';
import type { ReorderApi } from './reorder-protocol';

// The per-item plans run in this worker, not on the plan pool (reorder-pool.ts): packing a part for a plan worker
// costs more than planning it here. Measured at 30,000 items (docs/orders-scale.md): packing the rows 150–220 ms and
// cloning them 85–150 ms, both on this thread, against 100–170 ms for the whole engine in one thread. The pool
// waits until its workers keep the plan inputs between runs.
serveWorker<ReorderApi>(createReorderHandlers(undefined, { cacheSnapshots: true }));
